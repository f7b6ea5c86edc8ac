/**
 * The renderer's only door to main, and the ONE place that knows the transport: the Electron preload's
 * `window.samlabel` when it exists, otherwise `samlabel serve`'s WebSocket on the page's own origin
 * (authenticated by the cookie the first page load set). Nothing else reads `window.samlabel` (lint).
 */
import type { SamlabelApi } from '../../shared/ipc/api.js';
import { createClient } from './createClient.js';
import { createWsApi, type SocketLike } from './wsApi.js';

function serveApi(): SamlabelApi {
  const url = new URL('/rpc', window.location.href);
  url.protocol = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const open = (): SocketLike => {
    const socket = new WebSocket(url);
    socket.binaryType = 'arraybuffer';
    return socket as unknown as SocketLike;
  };
  return createWsApi(open, { encode: (text) => encoder.encode(text), decode: (bytes) => decoder.decode(bytes) });
}

/** Which transport this page runs on; for the status bar / about box only, never for behaviour. */
export const transport: 'electron' | 'serve' = typeof window.samlabel === 'object' ? 'electron' : 'serve';

export const client = createClient(transport === 'electron' ? window.samlabel : serveApi());
