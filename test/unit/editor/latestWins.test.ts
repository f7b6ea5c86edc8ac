import { describe, expect, it } from 'vitest';
import { LatestWins } from '../../../renderer/editor/latestWins.js';
import { deferred, settle, type Deferred } from './fakes.js';

function runner() {
  const sent: string[] = [];
  const answers: Deferred<string>[] = [];
  const wins = new LatestWins<string, string>((request) => {
    sent.push(request);
    const d = deferred<string>();
    answers.push(d);
    return d.promise;
  });
  return { wins, sent, answers };
}

describe('LatestWins', () => {
  it('answers a lone request', async () => {
    const { wins, answers } = runner();
    const outcome = wins.submit('a');
    await settle();
    answers[0].resolve('A');
    await expect(outcome).resolves.toEqual({ status: 'done', value: 'A' });
  });

  it('keeps one request in flight and drops the waiting ones a newer one replaces', async () => {
    const { wins, sent, answers } = runner();
    const a = wins.submit('a');
    const b = wins.submit('b');
    const c = wins.submit('c');
    await settle();
    expect(sent).toEqual(['a']);
    await expect(b).resolves.toEqual({ status: 'dropped' });
    answers[0].resolve('A');
    // 'a' was superseded while in flight: its answer is not shown.
    await expect(a).resolves.toEqual({ status: 'dropped' });
    await settle();
    expect(sent).toEqual(['a', 'c']);
    answers[1].resolve('C');
    await expect(c).resolves.toEqual({ status: 'done', value: 'C' });
  });

  it('never sends a request that was superseded before its turn', async () => {
    const { wins, sent, answers } = runner();
    void wins.submit('first');
    for (let i = 0; i < 50; i++) void wins.submit(`move ${i}`);
    await settle();
    answers[0].resolve('x');
    await settle();
    expect(sent).toEqual(['first', 'move 49']);
  });

  it('cancel drops the waiting request and the stale in-flight answer', async () => {
    const { wins, sent, answers } = runner();
    const a = wins.submit('a');
    const b = wins.submit('b');
    wins.cancel();
    await expect(b).resolves.toEqual({ status: 'dropped' });
    answers[0].resolve('A');
    await expect(a).resolves.toEqual({ status: 'dropped' });
    await settle();
    expect(sent).toEqual(['a']);
  });

  it('reports a failure of the latest request and keeps working', async () => {
    const { wins, answers } = runner();
    const a = wins.submit('a');
    await settle();
    answers[0].reject(new Error('boom'));
    const outcome = await a;
    expect(outcome.status).toBe('failed');
    const b = wins.submit('b');
    await settle();
    answers[1].resolve('B');
    await expect(b).resolves.toEqual({ status: 'done', value: 'B' });
  });
});
