/**
 * Three builds (electron-vite): main (+ the engine process entry), the sandboxed preload, the renderer.
 * Output goes to out/{main,preload,renderer}; package.json "main" points at out/main/index.js.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

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

/** The engine process entry, run with utilityProcess.fork by main/app/utilityEngine.ts as out/main/engine.js. */
const engineEntry = fromRoot('main/inference/engineEntry.ts');

function mainInputs(): Record<string, string> {
  const inputs: Record<string, string> = { index: fromRoot('main/app/index.ts') };
  // engineEntry.ts is written in parallel; until it lands the app builds without an engine and says so at startup.
  if (existsSync(engineEntry)) inputs.engine = engineEntry;
  return inputs;
}

export default defineConfig({
  main: {
    build: {
      outDir: fromRoot('out/main'),
      rolldownOptions: { input: mainInputs(), external: nativeExternal },
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
    plugins: [react()],
    build: {
      outDir: fromRoot('out/renderer'),
      rolldownOptions: { input: { index: fromRoot('renderer/index.html') } },
    },
  },
});
