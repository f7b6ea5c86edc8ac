import { rgbToLab } from '../../main/inference/builtin/lab.js';
import { RasterPredictor, type WorkClick, type WorkImage } from './rasterPredictor.js';

/**
 * Reference point "Lab-colour flood" (the magic wand): grows 4-connected regions from the positive clicks over
 * pixels whose Lab colour is within `tolerance` (ΔE) of a positive click's colour and nearer to it than to any
 * negative click's colour. If this scores > 0.9 on a set, the set is too easy to tell methods apart.
 */
export class ColourFloodPredictor extends RasterPredictor {
  readonly modelId = 'baseline-colour-flood';
  private lab: Float32Array = new Float32Array(0);

  constructor(private readonly tolerance = 14, longestSide = 480) {
    super(longestSide);
  }

  protected prepare(image: WorkImage): void {
    this.lab = rgbToLab(image.rgb, image.width * image.height);
  }

  protected segment(image: WorkImage, clicks: readonly WorkClick[]): Uint8Array {
    const { width, height } = image;
    const pos = clicks.filter((c) => c.positive).map((c) => this.seedColour(image, c));
    const neg = clicks.filter((c) => !c.positive).map((c) => this.seedColour(image, c));
    const out = new Uint8Array(width * height);
    const queue = new Int32Array(width * height);
    let tail = 0;
    for (const c of clicks) if (c.positive && out[c.y * width + c.x] === 0) out[(queue[tail++] = c.y * width + c.x)] = 1;
    for (let head = 0; head < tail; head++) {
      const i = queue[head];
      const x = i % width;
      const nbrs = [x > 0 ? i - 1 : -1, x < width - 1 ? i + 1 : -1, i - width, i + width];
      for (const j of nbrs) {
        if (j < 0 || j >= width * height || out[j] !== 0 || !this.accepts(j, pos, neg)) continue;
        out[j] = 1;
        queue[tail++] = j;
      }
    }
    void height;
    return out;
  }

  private accepts(i: number, pos: readonly number[][], neg: readonly number[][]): boolean {
    const dPos = nearest(this.lab, i, pos);
    return dPos < this.tolerance && dPos < nearest(this.lab, i, neg);
  }

  /** Mean Lab of the 5×5 window at a click: one pixel of JPEG noise should not decide the seed colour. */
  private seedColour(image: WorkImage, c: WorkClick): number[] {
    const sum = [0, 0, 0];
    let n = 0;
    for (let y = Math.max(0, c.y - 2); y <= Math.min(image.height - 1, c.y + 2); y++) {
      for (let x = Math.max(0, c.x - 2); x <= Math.min(image.width - 1, c.x + 2); x++) {
        for (let k = 0; k < 3; k++) sum[k] += this.lab[(y * image.width + x) * 3 + k];
        n++;
      }
    }
    return sum.map((s) => s / n);
  }
}

function nearest(lab: Float32Array, i: number, colours: readonly number[][]): number {
  let best = Infinity;
  for (const c of colours) {
    const d = Math.hypot(lab[3 * i] - c[0], lab[3 * i + 1] - c[1], lab[3 * i + 2] - c[2]);
    if (d < best) best = d;
  }
  return best;
}
