/**
 * Where the built renderer (`npm run build:app` → out/renderer) is: SAMLABEL_RENDERER_DIR, else
 * out/renderer at the package root found above this module (source, dist/ and an npm install alike).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SamlabelError } from '../../shared/errors.js';

function packageRoot(from: string): string | undefined {
  for (let dir = from; ; dir = dirname(dir)) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'samlabel') return dir;
    if (dirname(dir) === dir) return undefined;
  }
}

export function findRendererDir(env: NodeJS.ProcessEnv = process.env): string {
  const root = packageRoot(dirname(fileURLToPath(import.meta.url)));
  const dir = env.SAMLABEL_RENDERER_DIR ?? (root && join(root, 'out', 'renderer'));
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    throw new SamlabelError(
      'BadInput',
      `the app's web bundle is not built (no ${dir ? join(dir, 'index.html') : 'out/renderer/index.html'}): run \`npm run build:app\` first`,
    );
  }
  return dir;
}
