/**
 * Which page may call IPC and load in a window: the built index.html (file://) in a packaged or
 * preview run, the electron-vite dev server origin in development. Pure, so it is tested in Node.
 */
import { fileURLToPath } from 'node:url';

export interface RendererLocation {
  /** electron-vite's dev server (ELECTRON_RENDERER_URL); honoured only when the app is not packaged. */
  readonly devServerUrl?: string;
  /** Absolute path of out/renderer/index.html. */
  readonly indexHtmlPath: string;
}

export function createUrlTrust(location: RendererLocation): (url: string) => boolean {
  const devOrigin = location.devServerUrl ? new URL(location.devServerUrl).origin : undefined;
  return (url) => {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      return false;
    }
    if (devOrigin) return parsed.origin === devOrigin;
    // Compare the file path, not the string: query and hash are the page's own business.
    return parsed.protocol === 'file:' && parsed.host === '' && fileURLToPath(parsed) === location.indexHtmlPath;
  };
}
