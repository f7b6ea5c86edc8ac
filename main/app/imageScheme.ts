/**
 * `samlabel-image://image/<id>` and `samlabel-image://thumb/<id>`: the Electron twin of serve's
 * /image and /thumb routes. The page names an image by the id main issued, never by a path; the
 * handler answers only for images of the open project (the store decides), with the same bytes as
 * serve (main/services/app/imageFiles.ts: EXIF applied as the engine applies it, transcoded when the
 * browser could not show the file as is). No electron import here, so Node tests use it as it is;
 * imageProtocol.ts installs it.
 */
import { serializeError } from '../../shared/errors.js';

export const IMAGE_SCHEME = 'samlabel-image';

export type ImageLookup = (kind: 'image' | 'thumb', imageId: string) => Promise<{ bytes: Uint8Array; contentType: string }>;

export const imageUrls = (imageId: string, version: string): { url: string; thumbUrl: string } => ({
  url: `${IMAGE_SCHEME}://image/${encodeURIComponent(imageId)}?v=${version}`,
  thumbUrl: `${IMAGE_SCHEME}://thumb/${encodeURIComponent(imageId)}?v=${version}`,
});

const STATUS: Record<string, number> = { ImageNotFound: 404, ProjectNotFound: 404, BadInput: 400 };

/** The protocol handler, pure over `lookup` so Node tests drive it with real Requests. */
export function createImageHandler(lookup: ImageLookup): (request: Request) => Promise<Response> {
  return async (request) => {
    const text = (status: number, message: string) => new Response(`${message}\n`, { status, headers: { 'Content-Type': 'text/plain' } });
    if (request.method !== 'GET' && request.method !== 'HEAD') return text(405, 'method not allowed');
    const url = new URL(request.url);
    const kind = url.hostname;
    const id = /^\/([^/]+)$/.exec(url.pathname)?.[1];
    if ((kind !== 'image' && kind !== 'thumb') || id === undefined) return text(404, 'not found');
    try {
      const { bytes, contentType } = await lookup(kind, decodeURIComponent(id));
      const headers = { 'Content-Type': contentType, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, max-age=86400' };
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(bytes), { status: 200, headers });
    } catch (err) {
      const error = serializeError(err);
      return text(STATUS[error.code] ?? 500, `${error.code}: ${error.message}`);
    }
  };
}
