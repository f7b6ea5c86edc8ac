/**
 * The SamlabelApi over `samlabel serve`'s WebSocket: the same shape as the preload's `window.samlabel`
 * (one function per channel, answering `{ok, …}` envelopes, plus onEvent), so createClient wraps either.
 * Pure: takes a socket factory, so Node tests drive it with the `ws` package against a real server.
 *
 * One socket, opened on first use; calls made while it connects wait for it. A lost socket fails the
 * calls in flight (typed, never a hang); the next call opens a new one, and so does a page that listens
 * to events.
 */
import type { IpcResult, SamlabelApi } from '../../shared/ipc/api.js';
import { splitChannel } from '../../shared/ipc/api.js';
import { channelNames } from '../../shared/ipc/channelNames.js';
import type { AppEvent } from '../../shared/ipc/events.js';
import { decodeWire, encodeWire, type Utf8 } from '../../shared/ipc/wire.js';

/** The part of the browser's WebSocket (and of `ws`'s) this needs; binaryType must be 'arraybuffer'. */
export interface SocketLike {
  readonly readyState: number;
  send(data: string | Uint8Array): void;
  close(): void;
  onopen: ((event: unknown) => void) | null;
  onclose: ((event: unknown) => void) | null;
  onerror: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
}

const OPEN = 1;

interface Connection {
  readonly socket: SocketLike;
  readonly opened: Promise<void>;
  readonly pending: Map<number, (result: IpcResult<unknown>) => void>;
}

const MAX_RECONNECTS = 5;

const lost = (why: string): IpcResult<never> => ({ ok: false, error: { code: 'Internal', message: `connection to samlabel serve lost: ${why}` } });

export function createWsApi(openSocket: () => SocketLike, utf8: Utf8): SamlabelApi {
  const listeners = new Set<(event: AppEvent) => void>();
  let nextId = 1;
  let connection: Connection | undefined;
  let reconnects = 0;

  const onMessage = (data: unknown, pending: Map<number, (result: IpcResult<unknown>) => void>): void => {
    const frame = data instanceof ArrayBuffer ? new Uint8Array(data) : data instanceof Uint8Array ? data : String(data);
    let decoded: unknown;
    try {
      decoded = decodeWire(frame, utf8);
    } catch {
      return; // not ours to answer: the call it belonged to (if any) fails when the socket closes
    }
    // Only the frame's routing is checked here; createClient checks results and events against the contract.
    if (typeof decoded !== 'object' || decoded === null) return;
    const message = decoded as { id?: unknown; result?: unknown; event?: unknown };
    if (message.event !== undefined) listeners.forEach((listener) => listener(message.event as AppEvent));
    else if (typeof message.id === 'number' && message.result !== undefined) {
      pending.get(message.id)?.(message.result as IpcResult<unknown>);
      pending.delete(message.id);
    }
  };

  /** Events have no caller to retry them: a page that listens gets its socket back (a few tries, backing off). */
  const reconnectForEvents = (): void => {
    if (listeners.size === 0 || reconnects >= MAX_RECONNECTS) return;
    reconnects++;
    setTimeout(() => {
      if (!connection && listeners.size > 0) connect();
    }, 500 * 2 ** reconnects);
  };

  const connect = (): Connection => {
    if (connection && connection.socket.readyState <= OPEN) return connection;
    const socket = openSocket();
    // Calls belong to the socket they were sent on: a closing old socket fails only its own.
    const pending = new Map<number, (result: IpcResult<unknown>) => void>();
    const opened = new Promise<void>((resolve, reject) => {
      socket.onopen = () => {
        reconnects = 0;
        resolve();
      };
      socket.onerror = () => reject(new Error('socket error'));
    });
    opened.catch(() => undefined);
    socket.onmessage = (event) => onMessage(event.data, pending);
    socket.onclose = () => {
      if (connection?.socket === socket) connection = undefined;
      const calls = [...pending.values()];
      pending.clear();
      calls.forEach((settle) => settle(lost('socket closed')));
      reconnectForEvents();
    };
    connection = { socket, opened, pending };
    return connection;
  };

  const call = async (channel: string, request: unknown): Promise<IpcResult<unknown>> => {
    const { socket, opened, pending } = connect();
    // An open socket sends now, in the caller's task: awaiting a settled promise would let a render
    // queued by the same input (a click's) run first and delay the request behind it.
    if (socket.readyState !== OPEN) {
      try {
        await opened;
      } catch {
        return lost('cannot connect');
      }
    }
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, resolve);
      socket.send(encodeWire({ id, channel, request }, utf8));
    });
  };

  const api: Record<string, Record<string, (request?: unknown) => Promise<IpcResult<unknown>>>> = {};
  for (const channel of channelNames) {
    const [service, method] = splitChannel(channel);
    (api[service] ??= {})[method] = (request?: unknown) => call(channel, request);
  }
  const onEvent = (listener: (event: AppEvent) => void): (() => void) => {
    listeners.add(listener);
    connect(); // events flow once a socket is open, even before the first call
    return () => void listeners.delete(listener);
  };
  // Same shape as the preload's api; built key by key, so the mapped type needs the cast.
  return { ...api, onEvent } as unknown as SamlabelApi;
}
