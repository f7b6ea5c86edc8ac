import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createUrlTrust } from '../../../main/app/trustedUrl.js';

const indexHtmlPath = resolve('/opt/samlabel/resources/app.asar/out/renderer/index.html');
const indexUrl = pathToFileURL(indexHtmlPath).href;

describe('createUrlTrust', () => {
  const packaged = createUrlTrust({ indexHtmlPath });

  it('trusts the built index.html, with or without a hash or query', () => {
    expect(packaged(indexUrl)).toBe(true);
    expect(packaged(`${indexUrl}#/editor`)).toBe(true);
    expect(packaged(`${indexUrl}?x=1`)).toBe(true);
  });

  it('refuses other files, other schemes and garbage', () => {
    expect(packaged(pathToFileURL(resolve('/tmp/evil.html')).href)).toBe(false);
    expect(packaged('https://example.com/')).toBe(false);
    expect(packaged('http://localhost:5173/')).toBe(false);
    expect(packaged('not a url')).toBe(false);
    expect(packaged('')).toBe(false);
  });

  it('in development trusts only the dev server origin', () => {
    const dev = createUrlTrust({ indexHtmlPath, devServerUrl: 'http://localhost:5173' });
    expect(dev('http://localhost:5173/')).toBe(true);
    expect(dev('http://localhost:5173/index.html#x')).toBe(true);
    expect(dev('http://localhost:5174/')).toBe(false);
    expect(dev('http://127.0.0.1:5173/')).toBe(false);
    expect(dev(indexUrl)).toBe(false);
  });
});
