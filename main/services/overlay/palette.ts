/** Distinct colours for any number of masks: hues stepped by the golden angle, so neighbours in the list never look alike. */
export type Rgb = [number, number, number];

function hslToRgb(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h * 12) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

export function maskColor(index: number): Rgb {
  const hue = (index * 0.618033988749895) % 1;
  // Alternate lightness a little so colours 1/φ apart in hue but adjacent in the list still differ.
  return hslToRgb(hue, 0.85, index % 2 === 0 ? 0.5 : 0.6);
}

export const toHex = ([r, g, b]: Rgb): string => `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
