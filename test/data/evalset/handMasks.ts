import { copyFile, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { squaredDistanceToBoundary } from '../../../main/inference/builtin/distance.js';
import { IGNORE_GREY } from '../../../main/services/eval/groundTruth.js';
import { rasterize, polygon } from './shapes.js';

type Points = (readonly [number, number])[];

interface HandMask {
  readonly name: string;
  readonly sample: string;
  /** Object outline in original pixels, traced over a zoomed, gridded view of the photo. */
  readonly outline: Points;
  /** Areas whose owner the photo does not settle (object against a look-alike, feet on a branch): ignored. */
  readonly unsure: Points[];
}

/**
 * Masks traced by hand on the real samples. Each outline was checked by rendering it over the photo; the tracing
 * is good to about ±2 px, so a band of BAND px either side of it is "ignore" (grey 128), as in PASCAL VOC.
 */
const BAND = 3;

const HAND_MASKS: HandMask[] = [
  {
    name: 'real_bowl',
    sample: 'dog',
    outline: [
      [491.5, 201.5], [497.5, 187.5], [507.5, 174], [522.5, 162.5], [542.5, 152.5], [565, 146.5], [587.5, 142.5], [610, 140],
      [627.5, 140], [634, 154], [645, 155], [650, 154], [657.5, 160], [659.5, 167.5], [658, 177.5], [655, 195], [651.5, 215],
      [649, 230], [642.5, 240], [630, 250], [615, 256.5], [595, 260], [575, 261.5], [552.5, 260], [535, 256.5], [520, 250],
      [516.5, 244], [510, 230], [502.5, 220], [495, 210],
    ],
    unsure: [],
  },
  {
    name: 'real_truck',
    sample: 'truck',
    outline: [
      [233, 297], [308, 287.5], [720, 282.5], [880, 285], [897, 293], [930, 289], [1055, 293], [1147, 306], [1222, 335], [1262, 362],
      [1300, 395], [1392, 422], [1508, 430], [1569, 434], [1615, 445], [1646, 472], [1662, 511], [1685, 518], [1704, 534],
      [1712, 572], [1708, 626], [1692, 653], [1662, 661], [1631, 665], [1627, 688], [1619, 718], [1604, 742], [1569, 753],
      [1523, 757], [1462, 749], [1423, 734], [1404, 711], [1396, 688], [1338, 676], [1200, 684], [1013, 687], [947, 689],
      [930, 697], [763, 706], [712, 712], [705, 780], [680, 815], [640, 840], [590, 850], [540, 850], [490, 842], [445, 822],
      [415, 795], [398, 760], [392, 730], [383, 716], [183, 711], [135, 731], [100, 731], [100, 693], [150, 677], [133, 652],
      [129, 593], [127, 527], [125, 506], [137, 468], [150, 418], [167, 368], [187, 331], [208, 310],
    ],
    // Underside in deep shadow between the wheels: truck or ground shadow cannot be told apart.
    unsure: [[[720, 690], [1390, 676], [1390, 730], [720, 740]]],
  },
  {
    name: 'real_bag',
    sample: 'groceries',
    outline: [
      [449.5, 180], [475, 179], [501.5, 180], [509, 183], [507.5, 210], [505, 237.5], [501.5, 262.5], [500, 275], [504, 290],
      [507.5, 305], [508, 325], [505, 335.5], [495, 339], [475, 340], [455, 339.5], [444, 337.5], [441, 330], [441, 305],
      [442.5, 280], [445.5, 260], [446.5, 237.5], [447.5, 212.5], [448.5, 192.5],
    ],
    unsure: [],
  },
  {
    name: 'real_parrot',
    sample: 'parrots',
    outline: [
      [546.5, 189.5], [574.5, 174], [596.5, 158], [627.5, 149], [659, 144], [690, 142.5], [715, 155], [740, 180], [759, 205],
      [771.5, 230], [784, 255], [787.5, 280], [785, 299], [777.5, 317.5], [771.5, 330], [780.5, 339.5], [799.5, 361.5],
      [815, 392.5], [827.5, 424], [840, 455], [849.5, 492.5], [846.5, 530], [849.5, 567.5], [845, 617.5], [840, 649],
      [815, 655], [790, 652], [765, 649], [740, 652], [690, 654], [640, 654], [596.5, 655], [552.5, 655], [502.5, 649],
      [465, 642.5], [452.5, 617.5], [449.5, 567.5], [452.5, 505], [459, 442.5], [465, 392.5], [477.5, 355], [490, 317.5],
      [499.5, 286.5], [509, 255], [527.5, 217.5], [540, 199],
    ],
    // Left: the middle parrot's wing of the same green overlaps; bottom: the feet on the branch.
    unsure: [
      [[440, 300], [492, 300], [492, 656], [440, 656]],
      [[540, 650], [650, 650], [650, 700], [540, 700]],
    ],
  },
];

export const HAND_MASK_NAMES = HAND_MASKS.map((h) => h.name);

/** Copies each sample photo byte-for-byte and writes its traced mask; returns the names. */
export async function writeHandMasks(outDir: string, samplesDir: string, only: readonly string[] = HAND_MASK_NAMES): Promise<string[]> {
  const chosen = HAND_MASKS.filter((h) => only.includes(h.name));
  for (const hand of chosen) {
    const photo = join(samplesDir, `${hand.sample}.jpg`);
    const meta = await sharp(await readFile(photo)).metadata();
    const mask = handMaskPixels(hand, meta.width ?? 0, meta.height ?? 0);
    await copyFile(photo, join(outDir, 'images', `${hand.name}.jpg`));
    await sharp(mask, { raw: { width: meta.width ?? 0, height: meta.height ?? 0, channels: 1 } })
      .png()
      .toFile(join(outDir, 'masks', `${hand.name}.png`));
  }
  return chosen.map((h) => h.name);
}

function handMaskPixels(hand: HandMask, width: number, height: number): Uint8Array {
  const coverage = rasterize(polygon(hand.outline), width, height, bounds(hand.outline));
  const inside = Uint8Array.from(coverage, (c) => (c >= 0.5 ? 1 : 0));
  const outside = Uint8Array.from(inside, (v) => 1 - v);
  const dIn = squaredDistanceToBoundary(inside, width, height, false);
  const dOut = squaredDistanceToBoundary(outside, width, height, false);
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) {
    const nearEdge = (inside[i] ? dIn[i] : dOut[i]) <= BAND * BAND;
    mask[i] = nearEdge ? IGNORE_GREY : inside[i] ? 255 : 0;
  }
  for (const area of hand.unsure) {
    const unsure = rasterize(polygon(area), width, height, bounds(area));
    for (let i = 0; i < mask.length; i++) if (unsure[i] >= 0.5) mask[i] = IGNORE_GREY;
  }
  return mask;
}

function bounds(points: Points): [number, number, number, number] {
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  return [Math.floor(Math.min(...xs)), Math.floor(Math.min(...ys)), Math.ceil(Math.max(...xs)) + 1, Math.ceil(Math.max(...ys)) + 1];
}
