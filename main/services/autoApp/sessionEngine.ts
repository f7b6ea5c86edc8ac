/**
 * The AMG generator's engine (AmgEngine) over the app's EngineSession: every call takes its turn on the
 * session's engine lane, so automatic masks and the editor's clicks share one engine process without
 * either seeing the other's image. A click that ran in between makes the next batch set AMG's image
 * (or crop) again: an embedding cache hit, not an encoder pass.
 *
 * Cancellation is NOT forwarded to the engine: aborting an engine call restarts the engine process,
 * which would also cost the editor its image. The generator checks its signal between batches.
 */
import { randomUUID } from 'node:crypto';
import type { AmgEngine } from '../auto/engine.js';
import type { EngineSession } from '../app/engineSession.js';

type SetInput = Parameters<AmgEngine['setImage']>[0];

export function sessionAmgEngine(session: Pick<EngineSession, 'background'>): AmgEngine {
  let owner = '';
  let last: SetInput | undefined;
  return {
    setImage: (image) => {
      owner = `auto:${randomUUID()}`;
      last = image;
      return session.background(owner, (engine) => engine.setImage(image));
    },
    predictPointBatch: (request) =>
      session.background(owner, async (engine, held) => {
        if (!held && last !== undefined) await engine.setImage(last);
        return engine.predictPointBatch(request);
      }),
  };
}
