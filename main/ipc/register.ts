/**
 * The one place renderer requests enter main. For every contract channel: refuse foreign senders,
 * validate the request with zod (BadInput never reaches a handler), run the handler, validate its
 * response, and return `{ok, value} | {ok: false, error}` — errors as data, because ipcMain.handle
 * forwards only an Error's message (electron#24427).
 *
 * Electron is not imported here (only main/app may): the ipcMain and event shapes are structural, which
 * also lets tests drive register() in plain Node.
 */
import { z } from 'zod';
import { SamlabelError, serializeError } from '../../shared/errors.js';
import type { IpcResult, RequestOut, ResponseIn } from '../../shared/ipc/api.js';
import { channels, contract, ipcChannelName, type Channel } from '../../shared/ipc/contract.js';

/** The part of Electron's IpcMainInvokeEvent we rely on. `senderFrame` is null once the frame is gone. */
export interface InvokeEvent {
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The part of Electron's ipcMain we use. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, request: unknown) => Promise<unknown>): void;
  removeHandler(channel: string): void;
}

export type Handler<C extends Channel> = (request: RequestOut<C>) => Promise<ResponseIn<C>> | ResponseIn<C>;
export type Handlers = { readonly [C in Channel]: Handler<C> };

export interface RegisterOptions {
  /** True only for the app's own page (file:// index.html, or the dev server origin). */
  readonly isTrustedUrl: (url: string) => boolean;
  /** Called with every failure that is turned into data, so nothing disappears silently. */
  readonly onError?: (channel: Channel, error: unknown) => void;
}

/** Registers a handler per contract channel; returns a function that removes them all. */
export function register(ipcMain: IpcMainLike, handlers: Handlers, options: RegisterOptions): () => void {
  for (const channel of channels) {
    if (typeof handlers[channel] !== 'function') throw new Error(`no IPC handler for ${channel}`);
  }
  for (const channel of channels) {
    ipcMain.handle(ipcChannelName(channel), (event, request) => dispatch(channel, handlers, options, event, request));
  }
  return () => channels.forEach((channel) => ipcMain.removeHandler(ipcChannelName(channel)));
}

/** One request, start to end. Exported for tests; never throws. */
export async function dispatch<C extends Channel>(
  channel: C,
  handlers: Handlers,
  options: RegisterOptions,
  event: InvokeEvent,
  request: unknown,
): Promise<IpcResult<ResponseIn<C>>> {
  try {
    checkSender(event, options.isTrustedUrl);
  } catch (error) {
    options.onError?.(channel, error);
    return { ok: false, error: serializeError(error) };
  }
  return handleRequest(channel, handlers, request, options.onError);
}

/**
 * Validate, handle, validate: what every front door (Electron IPC, serve's WebSocket) does with a
 * request once it knows who sent it. Never throws.
 */
export async function handleRequest<C extends Channel>(
  channel: C,
  handlers: Handlers,
  request: unknown,
  onError?: (channel: Channel, error: unknown) => void,
): Promise<IpcResult<ResponseIn<C>>> {
  try {
    const parsed = parseOrThrow(contract[channel].request, request, 'BadInput', `${channel} request`);
    const handler = handlers[channel] as Handler<C>;
    const value = await handler(parsed as RequestOut<C>);
    // A handler returning the wrong shape is our bug, not the caller's: Internal, not BadInput.
    parseOrThrow(contract[channel].response, value, 'Internal', `${channel} response`);
    return { ok: true, value };
  } catch (error) {
    onError?.(channel, error);
    return { ok: false, error: serializeError(error) };
  }
}

/** Checklist #17: only the app's own top-level frame may call in; sub-frames and other origins may not. */
function checkSender(event: InvokeEvent, isTrustedUrl: (url: string) => boolean): void {
  const frame = event.senderFrame;
  if (!frame || frame.parent !== null || !isTrustedUrl(frame.url)) {
    throw new SamlabelError('BadInput', `IPC refused from untrusted sender ${frame?.url ?? '(destroyed frame)'}`);
  }
}

function parseOrThrow(schema: z.ZodType, value: unknown, code: 'BadInput' | 'Internal', what: string): unknown {
  const result = schema.safeParse(value);
  if (!result.success) throw new SamlabelError(code, `invalid ${what}: ${z.prettifyError(result.error)}`);
  return result.data;
}
