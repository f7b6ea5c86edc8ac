/**
 * The AMG generator's engine (AmgEngine) over the app's EngineSession: every call takes its turn on the
 * session's engine lane, so automatic masks and the editor's clicks share one engine process without
 * either seeing the other's image. A click that ran in between makes the next turn set AMG's image
 * (or crop) again: an embedding cache hit, not an encoder pass.
 *
 * A batch of points_per_batch goes to the engine in turns of at most LANE_TURN_POINTS: the engine
 * decodes one point at a time anyway, so this costs one IPC round trip per turn, and a click waits for
 * a few points instead of a whole batch (64 points are seconds on a CPU).
 *
 * Cancellation is NOT forwarded to the engine: aborting an engine call restarts the engine process,
 * which would also cost the editor its image. The generator checks its signal between batches.
 */
import { randomUUID } from 'node:crypto';
import type { AmgEngine } from '../auto/engine.js';
import type { EngineSession } from '../app/engineSession.js';

type SetInput = Parameters<AmgEngine['setImage']>[0];
type BatchRequest = Parameters<AmgEngine['predictPointBatch']>[0];
type BatchResult = Awaited<ReturnType<AmgEngine['predictPointBatch']>>;

export const LANE_TURN_POINTS = 8;

export function sessionAmgEngine(session: Pick<EngineSession, 'background'>, turnPoints = LANE_TURN_POINTS): AmgEngine {
  let owner = '';
  let last: SetInput | undefined;
  const turn = (request: BatchRequest): Promise<BatchResult> =>
    session.background(owner, async (engine, held) => {
      if (!held && last !== undefined) await engine.setImage(last);
      return engine.predictPointBatch(request);
    });
  return {
    setImage: (image) => {
      owner = `auto:${randomUUID()}`;
      last = image;
      return session.background(owner, (engine) => engine.setImage(image));
    },
    predictPointBatch: async (request) => {
      const out = { candidates: [] as BatchResult['candidates'], decoderRuns: 0, timingsMs: { decode: 0, filter: 0 } };
      for (let from = 0; from < request.points.length; from += turnPoints) {
        const part = await turn({ ...request, points: request.points.slice(from, from + turnPoints) });
        // Candidates name their point by index in the request: shift them back into the whole batch.
        out.candidates.push(...part.candidates.map((c) => ({ ...c, pointIndex: c.pointIndex + from })));
        out.decoderRuns += part.decoderRuns;
        out.timingsMs.decode += part.timingsMs.decode;
        out.timingsMs.filter += part.timingsMs.filter;
      }
      return out;
    },
  };
}
