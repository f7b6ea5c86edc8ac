import { describe, expect, it } from 'vitest';
import { imagePoint, type ImagePoint } from '../../../shared/sam/coords.js';
import type { PredictAnswer } from '../../../renderer/editor/candidates.js';
import { EditorSession } from '../../../renderer/editor/session.js';
import { answerFor, fakeEngine, logitsOf, settle, type FakeEngine } from './fakes.js';

/** A session with image 'img' open and its embedding ready (800×600). */
async function ready() {
  const engine = fakeEngine();
  const session = new EditorSession(engine);
  const opened = session.open('img');
  engine.setImages[0].resolve({ width: 800, height: 600 });
  await opened;
  return { engine, session };
}

/** An include click at `point`, answered with `answer` (its predict is the newest pending one). */
async function clickAnswered(engine: FakeEngine, session: EditorSession, point: ImagePoint, answer: PredictAnswer): Promise<void> {
  session.click(point, 1);
  await settle();
  engine.pending[engine.pending.length - 1].resolve(answer);
  await settle();
}

describe('EditorSession: prompts and candidates', () => {
  it('a click sends an include point and shows three candidates, the best chosen', async () => {
    const { engine, session } = await ready();
    expect(session.click(imagePoint(100, 50), 1)).toBe(true);
    await settle();
    expect(engine.requests[0]).toEqual({ imageId: 'img', pointCoords: [{ x: 100, y: 50 }], pointLabels: [1], multimaskOutput: true });
    expect(session.get().decoding).toBe(true);
    engine.pending[0].resolve(answerFor('a', [0.5, 0.9, 0.7]));
    await settle();
    const state = session.get();
    expect(state.candidates.map((c) => c.score)).toEqual([0.5, 0.9, 0.7]);
    expect(state.chosen).toBe(1);
    expect(state.decoding).toBe(false);
  });

  it('on a ready image a click’s predict leaves in the click’s own task, before the state change re-renders', () => {
    return ready().then(({ engine, session }) => {
      const seen: number[] = [];
      session.subscribe(() => seen.push(engine.requests.length));
      session.click(imagePoint(3, 4), 1);
      expect(engine.requests).toHaveLength(1);
      expect(seen[0]).toBe(1);
    });
  });

  it('uses the stability scores the backend sends', async () => {
    const { engine, session } = await ready();
    await clickAnswered(engine, session, imagePoint(1, 1), { ...answerFor('a'), stabilityScores: [0.1, 0.2, 0.3] });
    expect(session.get().candidates.map((c) => c.stability)).toEqual([0.1, 0.2, 0.3]);
  });

  it('only the shown candidate arrives with logits; the others show their cells and are fetched once when chosen', async () => {
    const { engine, session } = await ready();
    await clickAnswered(engine, session, imagePoint(1, 1), answerFor('a', [0.5, 0.9, 0.7]));
    const before = session.get().candidates;
    expect(before.map((c) => c.logits !== null)).toEqual([false, true, false]);
    // Candidate i is inside on its first i+1 cells (fakes.answerFor).
    expect(before.map((c) => [...c.cells].filter((v) => v === 1).length)).toEqual([1, 2, 3]);
    expect(engine.logitCalls).toHaveLength(0);
    session.choose(2);
    session.choose(0);
    session.choose(2);
    expect(engine.logitCalls.map((c) => c.maskInputId)).toEqual(['a#2', 'a#0']);
    expect(session.get().chosen).toBe(2);
    engine.logitCalls[0].answer.resolve(logitsOf('a#2'));
    await settle();
    const after = session.get().candidates[2];
    expect(after.logits).not.toBeNull();
    expect([...(after.logits ?? [])].filter((v) => v > 0).length).toBe(3);
    expect(after.cells).toBe(before[2].cells);
  });

  it('logits that arrive after a new click are dropped', async () => {
    const { engine, session } = await ready();
    await clickAnswered(engine, session, imagePoint(1, 1), answerFor('a'));
    session.choose(0);
    session.clearPrompts();
    await clickAnswered(engine, session, imagePoint(2, 2), answerFor('b'));
    const fresh = session.get().candidates;
    engine.logitCalls[0].answer.resolve(logitsOf('a#0'));
    await settle();
    expect(session.get().candidates).toBe(fresh);
  });

  it('keys 1/2/3 choose, Tab cycles', async () => {
    const { engine, session } = await ready();
    await clickAnswered(engine, session, imagePoint(1, 1), answerFor('a'));
    session.choose(0);
    expect(session.get().chosen).toBe(0);
    session.choose(7);
    expect(session.get().chosen).toBe(0);
    session.cycle();
    session.cycle();
    expect(session.get().chosen).toBe(2);
    session.cycle();
    expect(session.get().chosen).toBe(0);
  });

  it('a further click refines the chosen candidate: its maskInputId goes back, the choice stays', async () => {
    const { engine, session } = await ready();
    await clickAnswered(engine, session, imagePoint(10, 10), answerFor('first'));
    session.choose(2);
    session.click(imagePoint(30, 40), 0);
    await settle();
    expect(engine.requests[1]).toEqual({
      imageId: 'img',
      pointCoords: [
        { x: 10, y: 10 },
        { x: 30, y: 40 },
      ],
      pointLabels: [1, 0],
      maskInputId: 'first#2',
      multimaskOutput: true,
      prefer: 2,
    });
    engine.pending[1].resolve(answerFor('second', [0.9, 0.1, 0.2], engine.requests[1].prefer));
    await settle();
    expect(session.get().chosen).toBe(2);
    expect(session.acceptable()?.candidate.maskInputId).toBe('second#2');
  });

  it('Backspace removes the newest prompt and decodes the rest afresh, without mask input', async () => {
    const { engine, session } = await ready();
    await clickAnswered(engine, session, imagePoint(10, 10), answerFor('a'));
    session.click(imagePoint(20, 20), 0);
    await settle();
    engine.pending[1].resolve(answerFor('b'));
    await settle();
    session.removeLastPrompt();
    await settle();
    expect(engine.requests[2]).toEqual({ imageId: 'img', pointCoords: [{ x: 10, y: 10 }], pointLabels: [1], multimaskOutput: true });
    expect(session.get().prompts).toHaveLength(1);
  });

  it('Esc clears prompts and candidates and drops a decode in flight', async () => {
    const { engine, session } = await ready();
    session.click(imagePoint(10, 10), 1);
    await settle();
    session.clearPrompts();
    engine.pending[0].resolve(answerFor('late'));
    await settle();
    expect(session.get().prompts).toEqual([]);
    expect(session.get().candidates).toEqual([]);
    expect(session.acceptable()).toBeNull();
  });

  it('does not place a point off the image', async () => {
    const { engine, session } = await ready();
    expect(session.click(imagePoint(800, 10), 1)).toBe(false);
    expect(session.click(imagePoint(-1, 10), 0)).toBe(false);
    await settle();
    expect(engine.requests).toEqual([]);
    expect(session.get().prompts).toEqual([]);
  });

  it('a box is normalised and clipped to the image; a new box replaces the old', async () => {
    const { engine, session } = await ready();
    expect(session.box(imagePoint(900, 500), imagePoint(700, -20))).toBe(true);
    await settle();
    expect(engine.requests[0].box).toEqual({ x0: 700, y0: 0, x1: 800, y1: 500 });
    engine.pending[0].resolve(answerFor('a'));
    await settle();
    session.box(imagePoint(1, 1), imagePoint(5, 5));
    await settle();
    expect(session.get().prompts.filter((p) => p.kind === 'box')).toHaveLength(1);
    expect(session.box(imagePoint(900, 10), imagePoint(950, 20))).toBe(false);
  });

  it('only the latest of a burst of clicks is decoded after the one in flight', async () => {
    const { engine, session } = await ready();
    session.click(imagePoint(1, 1), 1);
    await settle();
    session.click(imagePoint(2, 2), 1);
    session.click(imagePoint(3, 3), 1);
    await settle();
    expect(engine.requests).toHaveLength(1);
    engine.pending[0].resolve(answerFor('stale'));
    await settle();
    expect(engine.requests).toHaveLength(2);
    expect(engine.requests[1].pointCoords).toHaveLength(3);
    engine.pending[1].resolve(answerFor('fresh'));
    await settle();
    expect(session.get().candidates[0].maskInputId).toBe('fresh#0');
  });

  it('reports click latency from the click to the answer', async () => {
    const { engine, session } = await ready();
    engine.clock = 1000;
    session.click(imagePoint(1, 1), 1);
    await settle();
    engine.clock = 1042;
    engine.pending[0].resolve(answerFor('a'));
    await settle();
    expect(session.get().lastLatencyMs).toBe(42);
  });

  it('a failed decode is reported and leaves the session usable', async () => {
    const { engine, session } = await ready();
    session.click(imagePoint(1, 1), 1);
    await settle();
    engine.pending[0].reject(new Error('decoder died'));
    await settle();
    expect(engine.errors).toHaveLength(1);
    expect(session.get().decoding).toBe(false);
  });
});

describe('EditorSession: images and embeddings', () => {
  it('shows computing until setImage answers, and holds clicks until then', async () => {
    const engine = fakeEngine();
    const session = new EditorSession(engine);
    void session.open('img');
    expect(session.get().embedding).toBe('computing');
    expect(session.click(imagePoint(1, 1), 1)).toBe(false);
    engine.setImages[0].resolve({ width: 20, height: 10 });
    await settle();
    expect(session.get()).toMatchObject({ embedding: 'ready', imageSize: { width: 20, height: 10 } });
  });

  it('switching images drops answers for the previous one', async () => {
    const { engine, session } = await ready();
    session.click(imagePoint(1, 1), 1);
    await settle();
    const reopened = session.open('other');
    engine.pending[0].resolve(answerFor('old image'));
    engine.setImages[1].resolve({ width: 50, height: 50 });
    await reopened;
    expect(session.get()).toMatchObject({ imageId: 'other', candidates: [], prompts: [] });
  });

  it('a setImage that answers after the person moved on does not overwrite the new image', async () => {
    const engine = fakeEngine();
    const session = new EditorSession(engine);
    void session.open('a');
    void session.open('b');
    engine.setImages[1].resolve({ width: 5, height: 5 });
    engine.setImages[0].resolve({ width: 999, height: 999 });
    await settle();
    expect(session.get()).toMatchObject({ imageId: 'b', imageSize: { width: 5, height: 5 } });
  });

  it('a failed embedding is reported and the image is not clickable', async () => {
    const engine = fakeEngine();
    const session = new EditorSession(engine);
    const opened = session.open('a');
    engine.setImages[0].reject(new Error('decode failed'));
    await expect(opened).resolves.toBe(false);
    expect(session.get().embedding).toBe('none');
    expect(engine.errors).toHaveLength(1);
  });
});

describe('EditorSession: hover preview', () => {
  it('previews the best mask under a resting pointer', async () => {
    const { engine, session } = await ready();
    session.hoverRest(imagePoint(5, 6));
    await settle();
    expect(engine.requests[0]).toEqual({ imageId: 'img', pointCoords: [{ x: 5, y: 6 }], pointLabels: [1], multimaskOutput: true });
    engine.pending[0].resolve(answerFor('h', [0.2, 0.3, 0.8]));
    await settle();
    expect(session.get().hover?.candidate.maskInputId).toBe('h#2');
  });

  it('a click where the preview rests takes the preview’s answer at once; anywhere else it asks the decoder', async () => {
    const { engine, session } = await ready();
    session.hoverRest(imagePoint(5, 6));
    await settle();
    engine.pending[0].resolve(answerFor('h', [0.2, 0.3, 0.8]));
    await settle();
    session.click(imagePoint(5, 6), 1);
    await settle();
    expect(engine.requests).toHaveLength(1);
    expect(session.get()).toMatchObject({ decoding: false, chosen: 2, hover: null });
    expect(session.get().candidates.map((c) => c.maskInputId)).toEqual(['h#0', 'h#1', 'h#2']);
    session.clearPrompts();
    session.click(imagePoint(5, 6), 0); // an exclude point is another question
    await settle();
    engine.pending[1].resolve(answerFor('x'));
    await settle();
    session.clearPrompts();
    session.click(imagePoint(5, 7), 1);
    await settle();
    expect(engine.requests.map((r) => r.pointCoords)).toEqual([[{ x: 5, y: 6 }], [{ x: 5, y: 6 }], [{ x: 5, y: 7 }]]);
  });

  it('a preview answer of the previous image is never reused', async () => {
    const { engine, session } = await ready();
    session.hoverRest(imagePoint(5, 6));
    await settle();
    engine.pending[0].resolve(answerFor('h'));
    await settle();
    const reopened = session.open('img2');
    engine.setImages[1].resolve({ width: 800, height: 600 });
    await reopened;
    session.click(imagePoint(5, 6), 1);
    await settle();
    expect(engine.requests).toHaveLength(2);
    expect(engine.requests[1].imageId).toBe('img2');
  });

  it('latest hover wins: stale previews are dropped, not queued', async () => {
    const { engine, session } = await ready();
    session.hoverRest(imagePoint(1, 1));
    await settle();
    for (let x = 2; x < 30; x++) session.hoverRest(imagePoint(x, 1));
    await settle();
    expect(engine.requests).toHaveLength(1);
    engine.pending[0].resolve(answerFor('stale'));
    await settle();
    expect(session.get().hover).toBeNull();
    expect(engine.requests).toHaveLength(2);
    expect(engine.requests[1].pointCoords).toEqual([{ x: 29, y: 1 }]);
    engine.pending[1].resolve(answerFor('fresh'));
    await settle();
    expect(session.get().hover?.point).toEqual({ x: 29, y: 1 });
  });

  it('leaving drops the preview in flight', async () => {
    const { engine, session } = await ready();
    session.hoverRest(imagePoint(1, 1));
    await settle();
    session.hoverLeave();
    engine.pending[0].resolve(answerFor('late'));
    await settle();
    expect(session.get().hover).toBeNull();
  });

  it('a click cancels the preview and no preview replaces the candidates', async () => {
    const { engine, session } = await ready();
    session.hoverRest(imagePoint(1, 1));
    await settle();
    session.click(imagePoint(3, 3), 1);
    engine.pending[0].resolve(answerFor('hover'));
    await settle();
    expect(session.get().hover).toBeNull();
    session.hoverRest(imagePoint(9, 9));
    await settle();
    // Prompts are placed: hovering asks for nothing more.
    expect(engine.requests.filter((r) => r.pointCoords.length === 1 && r.pointCoords[0].x === 9)).toEqual([]);
  });
});
