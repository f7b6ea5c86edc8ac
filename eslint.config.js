/**
 * Lint guards structure, not style: layer boundaries (eslint-rules/layers.js), no explicit `any`,
 * one reader of the preload global, and no focused or skipped tests. Type-checking is tsc's job.
 */
import tseslint from 'typescript-eslint';
import layers from './eslint-rules/layers.js';

const root = import.meta.dirname;
const testFunctions = '/^(describe|it|test|suite|bench)$/';
const skipOrFocus = '/^(only|skip|todo|skipIf|runIf)$/';

export default [
  {
    ignores: ['node_modules/', 'out/', 'dist/', 'release/', 'scratch/', 'test-output/', '.cache/', 'models/'],
  },
  {
    files: ['**/*.{ts,tsx,mts,cts}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
  },
  {
    files: ['**/*.{js,mjs,cjs,ts,tsx,mts,cts}'],
    plugins: { samlabel: layers, '@typescript-eslint': tseslint.plugin },
    rules: {
      'samlabel/layers': ['error', { root }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    // The preload global is read in exactly one place, so a second transport (samlabel serve) swaps in there.
    files: ['renderer/**/*.{ts,tsx}'],
    ignores: ['renderer/ipc/client.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'window', property: 'samlabel', message: 'Use the client from renderer/ipc/client.ts.' },
        { object: 'globalThis', property: 'samlabel', message: 'Use the client from renderer/ipc/client.ts.' },
      ],
    },
  },
  {
    // One way in to the engine: the CLI reaches engines, the embedding cache and models through services, as the app does.
    files: ['main/cli/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.object.name='EngineClient'][callee.property.name='start']", message: 'Start engines through main/services/models/engineService.ts.' },
        { selector: "NewExpression[callee.name=/^(DiskCache|RamLru)$/]", message: 'Use the embedding cache through main/services/cache/.' },
      ],
    },
  },
  {
    // A committed .only hides every other test; a skip or todo hides a gap that belongs in a note instead.
    files: ['test/**/*.{ts,tsx,js,mjs}', '**/*.test.{ts,tsx}'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: `MemberExpression[property.name=${skipOrFocus}]:matches([object.name=${testFunctions}], [object.object.name=${testFunctions}])`,
          message: 'No .only/.skip/.todo/.skipIf/.runIf in tests: fix the test or write the gap down.',
        },
        {
          selector: `CallExpression[callee.property.name='skip']:not([callee.object.name=${testFunctions}])`,
          message: 'No runtime skips (ctx.skip()) in tests.',
        },
      ],
    },
  },
];
