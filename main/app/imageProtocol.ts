/** Installs the samlabel-image:// scheme (imageScheme.ts) in Electron. */
import { protocol } from 'electron';
import { createImageHandler, IMAGE_SCHEME, type ImageLookup } from './imageScheme.js';

export { imageUrls, createImageHandler } from './imageScheme.js';

/**
 * Must run before app 'ready'. standard: parsed like http (host + path); secure: a secure context,
 * as file:// is; supportFetchAPI: the canvas may fetch() a mask source. No bypassCSP: the page's CSP
 * names the scheme in img-src.
 */
export function registerImageScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: IMAGE_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Must run after app 'ready'. */
export function handleImageScheme(lookup: ImageLookup): void {
  protocol.handle(IMAGE_SCHEME, createImageHandler(lookup));
}
