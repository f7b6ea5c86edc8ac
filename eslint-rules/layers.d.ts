/** Types for layers.js (kept as plain JS so eslint.config.js loads it without a TypeScript loader). */
import type { ESLint, Rule } from 'eslint';

export declare const layers: Readonly<Record<string, readonly string[]>>;
export declare const sourceRoots: readonly string[];
export declare const packageRules: ReadonlyArray<{ readonly packages: readonly string[]; readonly allowedIn: readonly string[] }>;
export declare const nodeBuiltinsAllowedIn: readonly string[];
/** Layer of a repo-relative path; `null` under a source root but unclassified, `undefined` outside the roots. */
export declare function layerOf(rel: string): string | null | undefined;
export declare function packageName(spec: string): string;
export declare function isNodeBuiltin(spec: string): boolean;
export declare const layersRule: Rule.RuleModule;
declare const plugin: ESLint.Plugin;
export default plugin;
