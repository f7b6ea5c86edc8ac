/**
 * The layer rule on bad and good imports (RuleTester), then the real eslint.config.js end to end,
 * so a rule that is written but not wired — or a ban that matches nothing — fails here.
 */
import { fileURLToPath } from 'node:url';
import { ESLint, RuleTester } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { layerOf, layersRule } from '../../../eslint-rules/layers.js';

RuleTester.describe = describe;
RuleTester.it = it;

const root = '/repo';
const options = [{ root }];
const at = (file: string) => `${root}/${file}`;
const tester = new RuleTester({ languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } } });

type Invalid = { file: string; code: string; messageId: string };
const invalid = (cases: Invalid[]) => cases.map(({ file, code, messageId }) => ({ filename: at(file), code, options, errors: [{ messageId }] }));

tester.run('samlabel/layers', layersRule, {
  valid: [
    { filename: at('shared/sam/x.ts'), code: "import { a } from '../masks/types.js'; import { z } from 'zod';" },
    { filename: at('main/imaging/x.ts'), code: "import sharp from 'sharp'; import { a } from '../../shared/errors.js'; import fs from 'node:fs';" },
    { filename: at('main/inference/x.ts'), code: "import { a } from '../imaging/readImage.js'; import ort from 'onnxruntime-node';" },
    { filename: at('main/services/x.ts'), code: "import { a } from '../db/c.js'; import { b } from '../inference/d.js';" },
    { filename: at('main/ipc/x.ts'), code: "import { a } from '../services/s.js'; import { b } from '../../shared/ipc/contract.js';" },
    { filename: at('main/cli/x.ts'), code: "import { a } from '../db/c.js'; import { b } from '../inference/d.js'; import { c } from './e.js';" },
    { filename: at('main/app/index.ts'), code: "import { app } from 'electron'; import Store from 'electron-store'; import { r } from '../ipc/register.js';" },
    { filename: at('main/app/engine.ts'), code: "import enginePath from '../inference/engineEntry.ts?modulePath';" },
    { filename: at('preload/index.ts'), code: "import { contextBridge } from 'electron'; import { c } from '../shared/ipc/contract.js';" },
    { filename: at('renderer/canvas/stage.ts'), code: "import { Canvas } from 'fabric';" },
    { filename: at('renderer/app/App.tsx'), code: "import { useState } from 'react'; import { c } from '../ipc/client.js'; import { e } from '../../shared/errors.js';" },
    { filename: at('test/unit/x.test.ts'), code: "import { a } from '../../main/db/c.js'; import fs from 'node:fs';" },
    { filename: at('electron.vite.config.ts'), code: "import { defineConfig } from 'electron-vite';" },
  ].map((c) => ({ ...c, options })),
  invalid: invalid([
    { file: 'shared/x.ts', code: "import fs from 'node:fs';", messageId: 'nodeBuiltin' },
    { file: 'shared/x.ts', code: "import path from 'path';", messageId: 'nodeBuiltin' },
    { file: 'shared/x.ts', code: "import { app } from 'electron';", messageId: 'badPackage' },
    { file: 'shared/x.ts', code: "import React from 'react';", messageId: 'badPackage' },
    { file: 'shared/x.ts', code: "import { a } from '../main/db/c.js';", messageId: 'badLayer' },
    { file: 'main/db/x.ts', code: "import { a } from '../inference/engineCore.js';", messageId: 'badLayer' },
    { file: 'main/inference/x.ts', code: "import { a } from '../db/connection.js';", messageId: 'badLayer' },
    { file: 'main/inference/x.ts', code: "export * from '../services/s.js';", messageId: 'badLayer' },
    { file: 'main/imaging/x.ts', code: "import type { RgbImage } from '../inference/backend.js';", messageId: 'badLayer' },
    { file: 'main/ipc/x.ts', code: "import { a } from '../db/c.js';", messageId: 'badLayer' },
    { file: 'main/ipc/x.ts', code: "import { ipcMain } from 'electron';", messageId: 'badPackage' },
    { file: 'main/services/x.ts', code: "import { a } from '../ipc/register.js';", messageId: 'badLayer' },
    { file: 'main/services/x.ts', code: "import Store from 'electron-store';", messageId: 'badPackage' },
    { file: 'main/cli/x.ts', code: "import { a } from '../app/index.js';", messageId: 'badLayer' },
    { file: 'preload/x.ts', code: "import { r } from '../main/ipc/register.js';", messageId: 'badLayer' },
    { file: 'preload/x.ts', code: "import fs from 'node:fs';", messageId: 'nodeBuiltin' },
    { file: 'preload/x.ts', code: "import Store from 'electron-store';", messageId: 'badPackage' },
    { file: 'renderer/app/x.tsx', code: "import { Canvas } from 'fabric';", messageId: 'badPackage' },
    { file: 'renderer/app/x.tsx', code: "import { ipcRenderer } from 'electron';", messageId: 'badPackage' },
    { file: 'renderer/app/x.tsx', code: "import { readFile } from 'node:fs/promises';", messageId: 'nodeBuiltin' },
    { file: 'renderer/app/x.tsx', code: "const m = await import('../../main/services/s.js');", messageId: 'badLayer' },
    { file: 'renderer/app/x.tsx', code: "type T = import('../../main/db/c.js').Row;", messageId: 'badLayer' },
    { file: 'renderer/app/x.tsx', code: "import { a } from '../../preload/buildApi.js';", messageId: 'badLayer' },
    { file: 'main/app/x.ts', code: "import { Canvas } from 'fabric';", messageId: 'badPackage' },
    { file: 'main/app/x.ts', code: "import { a } from '../db/connection.js';", messageId: 'badLayer' },
    { file: 'main/app/x.ts', code: "import e from '../db/migrate.ts?modulePath';", messageId: 'badLayer' },
    { file: 'main/orphan.ts', code: 'export const a = 1;', messageId: 'unclassified' },
    { file: 'main/workers/x.ts', code: 'export const a = 1;', messageId: 'unclassified' },
  ]),
});

describe('layerOf', () => {
  it('picks the longest matching layer and separates unclassified from outside', () => {
    expect(layerOf('main/inference/cache/diskCache.ts')).toBe('main/inference');
    expect(layerOf('shared/ipc/contract.ts')).toBe('shared');
    expect(layerOf('main/x.ts')).toBeNull();
    expect(layerOf('main/imagingExtra/x.ts')).toBeNull();
    expect(layerOf('test/unit/a.test.ts')).toBeUndefined();
  });
});

describe('eslint.config.js', () => {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const lint = async (file: string, code: string) => {
    const [result] = await new ESLint({ cwd: repo }).lintText(code, { filePath: `${repo}${file}` });
    return result.messages.map((m) => m.ruleId);
  };

  it('wires the layer rule', async () => {
    expect(await lint('renderer/app/Bad.tsx', "import { Canvas } from 'fabric';\nexport const c = Canvas;\n")).toEqual(['samlabel/layers']);
    expect(await lint('main/db/bad.ts', "import { x } from '../inference/predictor.js';\nexport const y = x;\n")).toEqual(['samlabel/layers']);
  });

  it('bans explicit any', async () => {
    expect(await lint('shared/bad.ts', 'export const f = (x: any): number => x;\n')).toEqual(['@typescript-eslint/no-explicit-any']);
  });

  it('lets only renderer/ipc/client.ts read window.samlabel', async () => {
    expect(await lint('renderer/app/Bad.tsx', 'export const api = window.samlabel;\n')).toEqual(['no-restricted-properties']);
    expect(await lint('renderer/ipc/client.ts', 'export const api = window.samlabel;\n')).toEqual([]);
  });

  it.each(['it.only', 'describe.only', 'it.skip', 'test.skip', 'describe.skip', 'it.todo', 'it.skipIf(true)', 'it.concurrent.only'])(
    'bans %s in tests',
    async (call) => {
      const code = `import { it, describe, test } from 'vitest';\n${call}('x', () => {});\nexport { describe, test };\n`;
      expect(await lint('test/unit/bad.test.ts', code)).toEqual(['no-restricted-syntax']);
    },
  );

  it('bans a runtime ctx.skip() in tests, but not plain tests', async () => {
    expect(await lint('test/unit/bad.test.ts', "import { it } from 'vitest';\nit('x', (ctx) => ctx.skip());\n")).toEqual(['no-restricted-syntax']);
    expect(await lint('test/unit/ok.test.ts', "import { it } from 'vitest';\nit('x', () => {});\n")).toEqual([]);
  });
});
