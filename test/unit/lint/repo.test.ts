import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

// CI runs `npm test` only: the layer table and the test bans hold on main because this test lints the whole repo.
describe('the repository', () => {
  it('passes eslint, layer rule included', async () => {
    const results = await new ESLint({ cwd: process.cwd() }).lintFiles(['.']);
    const problems = results.flatMap((r) => r.messages.filter((m) => m.severity === 2).map((m) => `${r.filePath}:${m.line} ${m.ruleId}: ${m.message}`));
    expect(problems).toEqual([]);
  }, 120_000);
});
