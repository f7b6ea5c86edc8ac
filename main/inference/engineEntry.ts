import { SamlabelError, serializeError } from '../../shared/errors.js';
import { imageBox, imagePoint } from '../../shared/sam/coords.js';
import { createBackend } from './backendFactory.js';
import { EngineCore } from './engineCore.js';
import { initSchema, requestSchema, type EngineEvent, type EngineRequest, type WireError } from './engineProtocol.js';
import { parentPort, type ParentPort } from './enginePort.js';
import type { PredictRequest } from './predictor.js';

/** The engine process: waits for `init`, loads the model, then serves requests one at a time. */
async function main(port: ParentPort): Promise<void> {
  let core: EngineCore | undefined;
  let queue = Promise.resolve();
  port.onMessage((raw) => {
    if (!core) {
      queue = queue.then(async () => {
        core = await start(port, raw);
      });
      return;
    }
    const engine = core;
    queue = queue.then(() => serve(port, engine, raw));
  });
}

async function start(port: ParentPort, raw: unknown): Promise<EngineCore | undefined> {
  const init = initSchema.safeParse(raw);
  if (!init.success) {
    send(port, { type: 'fatal', error: { code: 'BadInput', message: `bad engine init: ${init.error.message}` } });
    return undefined;
  }
  try {
    const { backend, warnings } = await createBackend(init.data.model, init.data.runtime);
    const core = new EngineCore(backend, init.data);
    send(port, { type: 'ready', info: backend.info, warnings });
    return core;
  } catch (err) {
    send(port, { type: 'fatal', error: serializeError(err) });
    setTimeout(() => process.exit(1), 10);
    return undefined;
  }
}

async function serve(port: ParentPort, core: EngineCore, raw: unknown): Promise<void> {
  const parsed = requestSchema.safeParse(raw);
  if (!parsed.success) {
    const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : -1;
    send(port, { type: 'response', id, ok: false, error: { code: 'BadInput', message: `bad engine request: ${parsed.error.issues[0]?.message}` } });
    return;
  }
  const request = parsed.data;
  send(port, { type: 'started', id: request.id });
  try {
    send(port, { type: 'response', id: request.id, ok: true, value: await dispatch(core, request) });
  } catch (err) {
    send(port, { type: 'response', id: request.id, ok: false, error: toWire(err) });
  }
}

async function dispatch(core: EngineCore, request: EngineRequest): Promise<unknown> {
  switch (request.method) {
    case 'setImage':
      return core.setImage(request.params);
    case 'predict':
      return core.predict(toPredictRequest(request.params));
    case 'predictPointBatch':
      return core.predictPointBatch(request.params);
    case 'stats':
      return { ...core.counters };
    case 'cacheInfo':
      return core.cacheInfo();
    case 'cacheClear':
      return core.cacheClear();
    case 'useCacheDir':
      return core.useCacheDir(request.params.cacheDir);
  }
}

/** The wire carries plain {x, y}; the image-pixel brand is given back here, after validation. */
function toPredictRequest(p: Extract<EngineRequest, { method: 'predict' }>['params']): PredictRequest {
  return {
    ...p,
    pointCoords: p.pointCoords?.map((q) => imagePoint(q.x, q.y)),
    box: p.box ? imageBox(p.box.x0, p.box.y0, p.box.x1, p.box.y1) : undefined,
  };
}

function toWire(err: unknown): WireError {
  return err instanceof Error ? { ...serializeError(err), name: err.name } : serializeError(err);
}

function send(port: ParentPort, event: EngineEvent): void {
  port.send(event);
}

main(parentPort()).catch((err) => {
  process.stderr.write(`engine: ${err instanceof SamlabelError ? err.message : String(err)}\n`);
  process.exit(1);
});
