/**
 * Three builds (electron-vite): main (+ the engine process entry), the sandboxed preload, the renderer.
 * Output goes to out/{main,preload,renderer}; package.json "main" points at out/main/index.js.
 */
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';

// electron-vite itself resolves everything from the working directory (npm runs scripts at the package root);
// import.meta.dirname would point at the temporary bundled copy of this file.
const root = process.cwd();
const fromRoot = (path: string): string => resolve(root, path);

/**
 * Native addons: never bundled (a .node file cannot be inlined) and unpacked from the asar by
 * electron-builder.yml. Listed explicitly, on top of electron-vite's externalised dependencies,
 * so this holds even if someone turns externalizeDeps off.
 */
const nativeDeps = ['onnxruntime-node', 'better-sqlite3', 'sharp'];
const nativeExternal = [...nativeDeps, ...nativeDeps.map((dep) => new RegExp(`^${dep}/`))];

/**
 * Main-side entries: the Electron main process, the engine process that main/app/utilityEngine.ts
 * forks as out/main/engine.js, and the store worker (the key names the file). Code both use lands in out/main/chunks/.
 */
const mainInputs = {
  index: fromRoot('main/app/index.ts'),
  engine: fromRoot('main/inference/engineEntry.ts'),
  // The project store's worker thread (main/app/index.ts starts out/main/storeWorker.js).
  storeWorker: fromRoot('main/services/store/storeWorker.ts'),
};

/**
 * Dev server only: React Fast Refresh injects an inline preamble script and Vite injects CSS as <style>
 * elements, both refused by index.html's CSP. The relaxation is applied to the served page and never
 * to the build, whose CSP stays `script-src 'self'` with no inline code and no eval.
 */
function devOnlyCspRelaxation(): Plugin {
  const relax: ReadonlyArray<[string, string]> = [
    ["script-src 'self'", "script-src 'self' 'unsafe-inline'"],
    ["style-src 'self'", "style-src 'self' 'unsafe-inline'"],
  ];
  return {
    name: 'samlabel:dev-csp',
    apply: 'serve',
    transformIndexHtml: (html) =>
      relax.reduce((out, [from, to]) => {
        if (!out.includes(from)) throw new Error(`renderer/index.html CSP no longer contains "${from}"`);
        return out.replace(from, to);
      }, html),
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      rolldownOptions: { input: mainInputs, external: nativeExternal },
    },
  },
  preload: {
    build: {
      outDir: fromRoot('out/preload'),
      // A sandboxed preload can require() only a few Electron modules: everything (zod included) is bundled
      // into one CommonJS file, because sandboxed preloads do not support ESM.
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('preload/index.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  },
  renderer: {
    root: fromRoot('renderer'),
    plugins: [react(), devOnlyCspRelaxation()],
    build: {
      outDir: fromRoot('out/renderer'),
      rolldownOptions: { input: { index: fromRoot('renderer/index.html') } },
    },
  },
});
