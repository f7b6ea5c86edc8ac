import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// Vitest strips types without checking them; each layer's tsconfig is checked here so CI catches type errors.
describe.each(['tsconfig.shared.json', 'tsconfig.node.json', 'tsconfig.web.json'])('%s', (config) => {
  it('type-checks', () => {
    const tsc = join(process.cwd(), 'node_modules', 'typescript', 'bin', 'tsc');
    const run = spawnSync(process.execPath, [tsc, '-p', config, '--noEmit'], { encoding: 'utf8' });
    expect(run.stdout + run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 180_000);
});
