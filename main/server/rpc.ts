/**
 * serve's WebSocket RPC at /rpc: the contract's channels as `{id, channel, request}` calls answered by
 * `{id, result}`, and events as `{event}`, framed by shared/ipc/wire.ts (typed arrays travel as binary).
 * Upgrades pass the Gate (token, Host, Origin) or the socket is answered 401/403 and destroyed.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { SamlabelError, serializeError } from '../../shared/errors.js';
import type { IpcResult } from '../../shared/ipc/api.js';
import { isChannel } from '../../shared/ipc/contract.js';
import type { AppEvent } from '../../shared/ipc/events.js';
import { decodeWire, encodeWire, type Utf8 } from '../../shared/ipc/wire.js';
import type { EventHub } from '../ipc/events.js';
import { handleRequest, type Handlers } from '../ipc/register.js';
import type { Gate } from './gate.js';

export const RPC_PATH = '/rpc';
/** A request is small (prompts, ids); 1 MiB leaves room and bounds a hostile frame. */
const MAX_PAYLOAD = 1 << 20;

const utf8: Utf8 = { encode: (text) => new TextEncoder().encode(text), decode: (bytes) => new TextDecoder().decode(bytes) };

export interface RpcOptions {
  readonly gate: Gate;
  readonly handlers: Handlers;
  readonly events: EventHub;
  readonly onError?: (channel: string, error: unknown) => void;
}

function refuse(socket: Duplex, status: number, reason: string): void {
  const text = status === 401 ? 'Unauthorized' : status === 404 ? 'Not Found' : 'Forbidden';
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Type: text/plain\r\nContent-Length: ${reason.length + 1}\r\n\r\n${reason}\n`);
  socket.destroy();
}

/** Attaches the RPC endpoint to `server`; returns a function that closes every socket. */
export function attachRpc(server: Server, options: RpcOptions): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD });
  server.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', options.gate.origin).pathname;
    if (path !== RPC_PATH) return refuse(socket, 404, 'no such endpoint');
    const verdict = options.gate.check(req, { requireOrigin: true });
    if (!verdict.ok) return refuse(socket, verdict.status, verdict.reason);
    wss.handleUpgrade(req, socket, head, (ws) => serveSocket(ws, options));
  });
  return () => {
    for (const ws of wss.clients) ws.terminate();
    wss.close();
  };
}

function serveSocket(ws: WebSocket, options: RpcOptions): void {
  const sendEvent = (event: AppEvent): void => {
    if (ws.readyState === ws.OPEN) ws.send(encodeWire({ event }, utf8));
  };
  const unsubscribe = options.events.subscribe(sendEvent);
  ws.on('close', unsubscribe);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    void answer(data, isBinary, options).then(({ id, result }) => {
      if (ws.readyState === ws.OPEN) ws.send(encodeWire({ id, result }, utf8));
    });
  });
}

/** One call, start to end; never throws. A frame that does not parse is answered BadInput (id 0 when unknown). */
async function answer(data: RawData, isBinary: boolean, options: RpcOptions): Promise<{ id: number; result: IpcResult<unknown> }> {
  let id = 0;
  try {
    const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
    const frame = isBinary ? new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) : bytes.toString('utf8');
    const message = decodeWire(frame, utf8) as { id?: unknown; channel?: unknown; request?: unknown } | null;
    if (message === null || typeof message !== 'object' || !Number.isSafeInteger(message.id)) {
      throw new SamlabelError('BadInput', 'an RPC message is {id, channel, request}');
    }
    id = message.id as number;
    if (!isChannel(message.channel)) throw new SamlabelError('BadInput', `unknown channel ${String(message.channel)}`);
    return { id, result: await handleRequest(message.channel, options.handlers, message.request, options.onError) };
  } catch (err) {
    const error = err instanceof SamlabelError ? err : new SamlabelError('BadInput', `malformed RPC frame: ${err instanceof Error ? err.message : String(err)}`);
    return { id, result: { ok: false, error: serializeError(error) } };
  }
}
