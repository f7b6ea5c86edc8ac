export type Rgb = readonly [number, number, number];

/** '#rrggbb' or '#rgb' → RGB; anything else falls back to `fallback` (colours are cosmetic, ids are not). */
export function parseHexColor(text: string, fallback: Rgb): Rgb {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(text.trim());
  if (m === null) return fallback;
  const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
  return [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)];
}

export function toHexColor([r, g, b]: Rgb): string {
  return `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
}

/** Pascal VOC's colour map (`labelcolormap` in the devkit): the bits of the index spread over R, G and B. */
export function vocColor(index: number): Rgb {
  let r = 0;
  let g = 0;
  let b = 0;
  let c = index;
  for (let j = 0; j < 8; j++) {
    r |= ((c >> 0) & 1) << (7 - j);
    g |= ((c >> 1) & 1) << (7 - j);
    b |= ((c >> 2) & 1) << (7 - j);
    c >>= 3;
  }
  return [r, g, b];
}

/** The 256-entry VOC palette (index 255, the void/border value, is (224, 224, 192)). */
export function vocPalette(): Rgb[] {
  return Array.from({ length: 256 }, (_, i) => vocColor(i));
}
