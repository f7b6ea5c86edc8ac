/**
 * The one door to UI strings. Components call `t('key', {param})`; no text is written inline.
 * The locale is fixed at start-up from the browser; a second catalog is added to `catalogs`.
 */
import { en, type Catalog, type MessageKey } from './en.js';

export type { MessageKey } from './en.js';
export type MessageParams = Readonly<Record<string, string | number>>;

const catalogs: Readonly<Record<string, Catalog>> = { en };

/** Fills `{name}` placeholders; an unknown placeholder stays visible rather than vanishing. */
export function format(template: string, params: MessageParams = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** First catalog matching the preferred languages ('es-AR' → 'es'), English otherwise. */
export function pickCatalog(languages: readonly string[]): Catalog {
  for (const language of languages) {
    const base = language.toLowerCase().split('-')[0];
    const found = catalogs[base];
    if (found) return found;
  }
  return en;
}

/** Read through globalThis so this module also loads where there is no navigator (Node tests). */
const browser = (globalThis as { navigator?: { languages?: readonly string[]; language?: string } }).navigator;
const preferred = browser?.languages ?? (browser?.language ? [browser.language] : []);
const active: Catalog = pickCatalog(preferred);

export function t(key: MessageKey, params?: MessageParams): string {
  return format(active[key], params);
}
