import { describe, expect, it } from 'vitest';
import { applyBox, applyCoords, getPreprocessShape, modelToImagePoint } from '../../../shared/sam/resizeLongestSide.js';
import { imageBox, imagePoint, modelPoint } from '../../../shared/sam/coords.js';
import { expectBadInput } from './expectBadInput.js';

const size = (height: number, width: number) => ({ height, width });

describe('getPreprocessShape', () => {
  // Expected values worked by hand, checked against SAM's get_preprocess_shape in Python:
  // scale = 1024 / max(h, w); side -> int(side * scale + 0.5).
  const cases: Array<[number, number, number, number, string]> = [
    [683, 1024, 683, 1024, 'scale 1: unchanged'],
    [480, 640, 768, 1024, 'scale 1.6: 480*1.6 = 768'],
    [1, 1000, 1, 1024, 'scale 1.024: 1.024 + 0.5 -> 1'],
    [3000, 4000, 768, 1024, 'scale 0.256: 3000*0.256 = 768'],
    [4000, 3000, 1024, 768, 'portrait of the above'],
    [333, 500, 682, 1024, 'scale 2.048: 333*2.048 = 681.984 -> 682'],
    [37, 53, 715, 1024, 'scale 19.3207...: 37*19.3207 = 714.87 -> 715'],
    [1500, 2250, 683, 1024, 'scale 0.45511: 1500*0.45511 = 682.67 -> 683'],
    [1024, 683, 1024, 683, 'tall, scale 1'],
    [1, 1, 1024, 1024, 'single pixel upscales to the full frame'],
    [3, 2048, 2, 1024, 'scale 0.5: 3*0.5 = 1.5 rounds half up to 2 (not banker 2, not floor 1)'],
    [1, 2048, 1, 1024, 'scale 0.5: 0.5 rounds half up to 1, never 0'],
  ];
  it.each(cases)('%ix%i -> %ix%i (%s)', (h, w, eh, ew) => {
    expect(getPreprocessShape(size(h, w))).toEqual({ height: eh, width: ew });
  });

  it('honours a custom longest side', () => {
    // scale = 512 / 640 = 0.8: 480*0.8 = 384
    expect(getPreprocessShape(size(480, 640), 512)).toEqual({ height: 384, width: 512 });
  });

  it('rejects empty or fractional sizes', () => {
    expectBadInput(() => getPreprocessShape(size(0, 10)));
    expectBadInput(() => getPreprocessShape(size(10, 2.5)));
    expectBadInput(() => getPreprocessShape(size(10, Number.NaN)));
    expectBadInput(() => getPreprocessShape(size(10, 10), 0));
  });
});

describe('applyCoords', () => {
  it('scales x by newW/oldW and y by newH/oldH (333x500 -> 682x1024)', () => {
    // Python: coords[...,0] * (1024/500), coords[...,1] * (682/333); numbers from numpy (float64).
    const out = applyCoords([imagePoint(250, 166.5), imagePoint(0, 0), imagePoint(499, 332)], size(333, 500));
    expect(out.map((p) => [p.x, p.y])).toEqual([
      [512, 340.99999999999994],
      [0, 0],
      [1021.952, 679.9519519519519],
    ]);
  });

  it('uses a per-axis factor, not one scale (1x1000: y factor is 1/1, x factor 1.024)', () => {
    const [p] = applyCoords([imagePoint(500, 0.5)], size(1, 1000));
    expect([p.x, p.y]).toEqual([512, 0.5]);
  });

  it('matches SAM for an odd size (37x53 -> 715x1024)', () => {
    const out = applyCoords([imagePoint(26.5, 18.5), imagePoint(52, 36)], size(37, 53));
    expect(out.map((p) => [p.x, p.y])).toEqual([
      [512, 357.5],
      [1004.6792452830189, 695.6756756756756],
    ]);
  });

  it('downscales a 12 MP portrait image (4000x3000 -> 1024x768)', () => {
    const [p] = applyCoords([imagePoint(1000, 3000)], size(4000, 3000));
    expect([p.x, p.y]).toEqual([256, 768]);
  });

  it('rejects non-finite coordinates', () => {
    expectBadInput(() => applyCoords([imagePoint(Number.NaN, 1)], size(10, 10)));
    expectBadInput(() => applyCoords([imagePoint(1, Number.POSITIVE_INFINITY)], size(10, 10)));
  });
});

describe('applyBox', () => {
  it('transforms both corners like apply_boxes', () => {
    // 480x640: factor 1.6 on both axes.
    const b1 = applyBox(imageBox(10, 20, 300, 400), size(480, 640));
    expect([b1.x0, b1.y0, b1.x1, b1.y1]).toEqual([16, 32, 480, 640]);
    // 333x500: numpy reference apply_coords(box.reshape(-1,2,2)).
    const b2 = applyBox(imageBox(10, 20, 300, 400), size(333, 500));
    expect([b2.x0, b2.y0, b2.x1, b2.y1]).toEqual([20.48, 40.96096096096096, 614.4, 819.2192192192191]);
  });
});

describe('modelToImagePoint', () => {
  it('inverts the 37x53 example', () => {
    // 512 * (53/1024) = 26.5 and 357.5 * (37/715) = 18.5
    const p = modelToImagePoint(modelPoint(512, 357.5), size(37, 53));
    expect([p.x, p.y]).toEqual([26.5, 18.5]);
  });

  it('round-trips random points within float precision', () => {
    const sizes = [size(333, 500), size(4000, 3000), size(1, 1000), size(37, 53)];
    let seed = 7;
    const rand = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (const s of sizes) {
      for (let i = 0; i < 50; i++) {
        const p = imagePoint(rand() * s.width, rand() * s.height);
        const back = modelToImagePoint(applyCoords([p], s)[0], s);
        expect(back.x).toBeCloseTo(p.x, 9);
        expect(back.y).toBeCloseTo(p.y, 9);
      }
    }
  });
});

describe('getPreprocessShape on extreme aspect ratios (issue 11: a valid 8000×1 PNG)', () => {
  it('never rounds a side to 0 pixels: SAM would hand the encoder an empty image', () => {
    // int(1 * 1024/8000 + 0.5) = int(0.628) = 0 in SAM's own rounding; one pixel is the least there is.
    expect(getPreprocessShape({ height: 1, width: 8000 })).toEqual({ height: 1, width: 1024 });
    expect(getPreprocessShape({ height: 8000, width: 1 })).toEqual({ height: 1024, width: 1 });
    expect(getPreprocessShape({ height: 3, width: 20000 }, 1024)).toEqual({ height: 1, width: 1024 });
  });

  it('keeps SAM\'s rounding wherever it gives at least one pixel', () => {
    expect(getPreprocessShape({ height: 5, width: 8000 })).toEqual({ height: 1, width: 1024 });
    expect(getPreprocessShape({ height: 12, width: 8000 })).toEqual({ height: 2, width: 1024 });
  });

  it('maps points of an 8000×1 image into the 1024×1 model frame', () => {
    const [p] = applyCoords([imagePoint(4000, 0.5)], { height: 1, width: 8000 });
    expect(p.x).toBeCloseTo(512, 9);
    expect(p.y).toBeCloseTo(0.5, 9);
  });
});
