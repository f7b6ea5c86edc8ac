/**
 * samlabel's process/layer boundaries as data (VS Code's code-layering + code-import-patterns in one rule).
 * A file's layer is the longest `layers` key its repo-relative path starts with; it may import its own
 * layer and the layers listed for it. A file under a source root that matches no layer is itself an
 * error, so a new folder cannot slip past the table. Package imports are checked against `packageRules`.
 * Type-only imports count too: a type import still ties the two layers' compilations together.
 */
import { builtinModules } from 'node:module';
import path from 'node:path';

/** Layer → the other layers it may import. Own-layer imports are always allowed. */
export const layers = {
  shared: [],
  'main/imaging': ['shared'],
  'main/db': ['shared'],
  'main/inference': ['shared', 'main/imaging'],
  'main/services': ['shared', 'main/db', 'main/inference', 'main/imaging', 'main/services'],
  'main/ipc': ['shared', 'main/services'],
  'main/cli': ['shared', 'main/services', 'main/inference', 'main/imaging', 'main/db', 'main/server', 'main/cli'],
  'main/app': ['shared', 'main/ipc', 'main/services', 'main/inference', 'main/app'],
  // `samlabel serve`: the app's services and contract over HTTP + WebSocket (the Node twin of main/app).
  'main/server': ['shared', 'main/ipc', 'main/services', 'main/inference', 'main/imaging', 'main/server'],
  preload: ['shared'],
  renderer: ['shared', 'renderer'],
  // features → editor state/tools → canvas; only canvas/ draws (fabric), only ipc/ knows the transport.
  'renderer/app': ['shared', 'renderer/features', 'renderer/editor', 'renderer/canvas', 'renderer/ipc', 'renderer/i18n'],
  'renderer/features': ['shared', 'renderer/editor', 'renderer/canvas', 'renderer/ipc', 'renderer/i18n'],
  'renderer/editor': ['shared'],
  'renderer/canvas': ['shared', 'renderer/editor'],
  'renderer/ipc': ['shared'],
  'renderer/i18n': ['shared'],
};

/** Every file under these folders must belong to a layer. */
export const sourceRoots = ['shared', 'main', 'preload', 'renderer'];

/**
 * Packages only some paths may import (path prefixes, not just layers: fabric is per-folder).
 * electron: main/app, plus preload/, whose whole job is contextBridge + ipcRenderer.
 * Native addons run only in Node-side processes; they cannot load in a sandboxed page or preload.
 */
export const packageRules = [
  { packages: ['fabric'], allowedIn: ['renderer/canvas'] },
  { packages: ['react', 'react-dom'], allowedIn: ['renderer'] },
  { packages: ['electron'], allowedIn: ['main/app', 'preload'] },
  { packages: ['electron-store'], allowedIn: ['main/app'] },
  { packages: ['onnxruntime-node', 'better-sqlite3', 'sharp'], allowedIn: ['main'] },
];

/** Node built-ins (`node:fs`, `fs`, …) exist only in main-side processes; shared/ must run anywhere. */
export const nodeBuiltinsAllowedIn = ['main'];

const builtins = new Set(builtinModules);

const isUnder = (rel, prefix) => rel === prefix || rel.startsWith(`${prefix}/`);

/** The layer a repo-relative path belongs to, `null` if it is under a root but unclassified, `undefined` if outside the roots. */
export function layerOf(rel) {
  if (!sourceRoots.some((root) => isUnder(rel, root))) return undefined;
  const matches = Object.keys(layers).filter((layer) => isUnder(rel, layer));
  return matches.sort((a, b) => b.length - a.length)[0] ?? null;
}

/** 'react-dom/client' → 'react-dom', '@scope/pkg/x' → '@scope/pkg'. */
export function packageName(spec) {
  const parts = spec.split('/');
  return spec.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

export function isNodeBuiltin(spec) {
  return spec.startsWith('node:') || builtins.has(packageName(spec));
}

const toPosix = (p) => p.split(path.sep).join('/');

/** All the ways a module specifier appears in JS/TS source. */
function specifierNodes(report) {
  const fromSource = (node) => node.source && node.source.type === 'Literal' && report(node.source, node.source.value);
  return {
    ImportDeclaration: fromSource,
    ExportNamedDeclaration: fromSource,
    ExportAllDeclaration: fromSource,
    ImportExpression: fromSource,
    TSImportEqualsDeclaration(node) {
      const ref = node.moduleReference;
      if (ref.type === 'TSExternalModuleReference' && ref.expression.type === 'Literal') report(ref.expression, ref.expression.value);
    },
    // `type T = import('x').T` (typescript-eslint 8 puts the specifier in `source`).
    TSImportType: fromSource,
    'CallExpression[callee.name="require"][arguments.length=1]'(node) {
      const [arg] = node.arguments;
      if (arg.type === 'Literal') report(arg, arg.value);
    },
  };
}

/** @type {import('eslint').Rule.RuleModule} */
export const layersRule = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce samlabel layer boundaries (who may import whom, and which packages where)' },
    schema: [{ type: 'object', properties: { root: { type: 'string' } }, additionalProperties: false }],
    messages: {
      unclassified: "'{{file}}' is under {{root}}/ but in no layer; add its folder to eslint-rules/layers.js or move it.",
      badLayer: "Bad layering: {{from}} may not import {{to}} ('{{spec}}'); allowed: {{allowed}}.",
      badPackage: "{{from}} may not import '{{pkg}}'; only {{allowed}} may.",
      nodeBuiltin: "{{from}} may not import the Node built-in '{{spec}}'; only {{allowed}} runs in Node.",
    },
  },
  create(context) {
    const root = context.options[0]?.root ?? context.cwd;
    const file = toPosix(path.relative(root, context.filename));
    const from = layerOf(file);
    if (from === undefined) return {};
    if (from === null) {
      return {
        Program(node) {
          context.report({ node, messageId: 'unclassified', data: { file, root: file.split('/')[0] } });
        },
      };
    }
    const check = (node, spec) => {
      if (typeof spec !== 'string') return;
      const bare = spec.split('?')[0]; // vite query suffixes (?modulePath, ?asset) are not part of the path
      if (bare.startsWith('.') || bare.startsWith('/')) checkRelative(node, bare);
      else checkPackage(node, bare);
    };
    const checkRelative = (node, spec) => {
      const target = toPosix(path.relative(root, path.resolve(path.dirname(context.filename), spec)));
      const to = layerOf(target);
      // Outside the roots (e.g. models/catalog.json) or unclassified (reported on that file itself).
      if (!to || to === from || layers[from].includes(to)) return;
      context.report({ node, messageId: 'badLayer', data: { from, to, spec, allowed: [from, ...layers[from]].join(', ') } });
    };
    const checkPackage = (node, spec) => {
      if (isNodeBuiltin(spec)) {
        if (!nodeBuiltinsAllowedIn.some((p) => isUnder(file, p))) {
          context.report({ node, messageId: 'nodeBuiltin', data: { from, spec, allowed: nodeBuiltinsAllowedIn.join(', ') } });
        }
        return;
      }
      const pkg = packageName(spec);
      const rule = packageRules.find((r) => r.packages.includes(pkg));
      if (rule && !rule.allowedIn.some((p) => isUnder(file, p))) {
        context.report({ node, messageId: 'badPackage', data: { from: file, pkg, allowed: rule.allowedIn.join(', ') } });
      }
    };
    return specifierNodes(check);
  },
};

export default { rules: { layers: layersRule } };
