import { describe, expect, it } from 'vitest';
import { rgbToLab } from '../../../main/inference/builtin/lab.js';
import { slic } from '../../../main/inference/builtin/slic.js';
import { discImage } from './synthetic.js';

describe('slic', () => {
  const W = 400;
  const H = 300;
  const disc = { x: 210, y: 140, r: 70, rgb: [40, 60, 200] as const };
  const image = discImage(W, H, [disc]);
  const { count, labels } = slic(rgbToLab(image.data, W * H), W, H, { regions: 300, compactness: 10, iterations: 6 });
  const inDisc = (i: number) => ((i % W) + 0.5 - disc.x) ** 2 + (Math.floor(i / W) + 0.5 - disc.y) ** 2 <= disc.r ** 2;

  it('makes about the requested number of dense ids', () => {
    expect(count).toBeGreaterThan(150);
    expect(count).toBeLessThan(450);
    expect(Math.min(...labels)).toBe(0);
    expect(Math.max(...labels)).toBe(count - 1);
  });

  it('makes every superpixel one 4-connected piece', () => {
    const seen = new Uint8Array(count);
    const visited = new Uint8Array(W * H);
    for (let start = 0; start < W * H; start++) {
      if (visited[start]) continue;
      const id = labels[start];
      expect(seen[id]).toBe(0);
      seen[id] = 1;
      const stack = [start];
      visited[start] = 1;
      while (stack.length > 0) {
        const i = stack.pop() ?? 0;
        const x = i % W;
        for (const j of [x > 0 ? i - 1 : -1, x < W - 1 ? i + 1 : -1, i - W, i + W]) {
          if (j < 0 || j >= W * H || visited[j] || labels[j] !== id) continue;
          visited[j] = 1;
          stack.push(j);
        }
      }
    }
  });

  it('follows a strong colour edge: almost no superpixel straddles the disc outline', () => {
    const inside = new Uint32Array(count);
    const size = new Uint32Array(count);
    for (let i = 0; i < W * H; i++) {
      size[labels[i]]++;
      if (inDisc(i)) inside[labels[i]]++;
    }
    let misplaced = 0;
    for (let r = 0; r < count; r++) misplaced += Math.min(inside[r], size[r] - inside[r]);
    // Pixels on the wrong side of their superpixel's majority: under 1 % of the disc.
    expect(misplaced).toBeLessThan(0.01 * Math.PI * disc.r ** 2);
  });
});
