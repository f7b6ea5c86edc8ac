/**
 * SamAutomaticMaskGenerator's knobs (segment_anything/automatic_mask_generator.py), camelCase here and
 * SAM's snake_case names in JSON and on the command line. Defaults are SAM's (DESIGN.md §2).
 */
import { SamlabelError } from '../../errors.js';

export type OutputMode = 'binary_mask' | 'uncompressed_rle' | 'coco_rle';
export const OUTPUT_MODES: readonly OutputMode[] = ['binary_mask', 'uncompressed_rle', 'coco_rle'];

/** What to do with the nested / duplicate masks one object yields (beyond SAM, which keeps all). */
export type DuplicateStrategy = 'keep_all' | 'keep_largest' | 'keep_smallest' | 'merge';
export const DUPLICATE_STRATEGIES: readonly DuplicateStrategy[] = ['keep_all', 'keep_largest', 'keep_smallest', 'merge'];

/** A point grid normalised to [0,1]², (x, y) pairs flattened: [x0, y0, x1, y1, ...]. */
export type PointGrid = Float64Array;

export interface AmgParams {
  /** Points along one side of the grid; null when `pointGrids` is given. */
  readonly pointsPerSide: number | null;
  readonly pointsPerBatch: number;
  readonly predIouThresh: number;
  readonly stabilityScoreThresh: number;
  readonly stabilityScoreOffset: number;
  readonly boxNmsThresh: number;
  readonly cropNLayers: number;
  readonly cropNmsThresh: number;
  readonly cropOverlapRatio: number;
  readonly cropNPointsDownscaleFactor: number;
  /** One grid per crop layer, normalised to [0,1]; exclusive with pointsPerSide. */
  readonly pointGrids: readonly PointGrid[] | null;
  readonly minMaskRegionArea: number;
  readonly outputMode: OutputMode;
  /** Beyond SAM: duplicate handling and its threshold (containment for keep_*, IoU for merge). */
  readonly duplicateStrategy: DuplicateStrategy;
  readonly duplicateThresh: number;
  /** Beyond SAM: skip grid points already inside a kept mask of the same crop. */
  readonly coverageAware: boolean;
  /** Beyond SAM: only sample points inside this [x0, y0, x1, y1) box of the image (pixels). */
  readonly region: readonly [number, number, number, number] | null;
}

export const DEFAULT_AMG_PARAMS: AmgParams = {
  pointsPerSide: 32,
  pointsPerBatch: 64,
  predIouThresh: 0.88,
  stabilityScoreThresh: 0.95,
  stabilityScoreOffset: 1.0,
  boxNmsThresh: 0.7,
  cropNLayers: 0,
  cropNmsThresh: 0.7,
  cropOverlapRatio: 512 / 1500,
  cropNPointsDownscaleFactor: 1,
  pointGrids: null,
  minMaskRegionArea: 0,
  outputMode: 'binary_mask',
  duplicateStrategy: 'keep_all',
  duplicateThresh: 0.8,
  coverageAware: false,
  region: null,
};

/** camelCase key → SAM's name, for help texts, JSON and error messages. */
export const SAM_NAMES: Record<keyof AmgParams, string> = {
  pointsPerSide: 'points_per_side',
  pointsPerBatch: 'points_per_batch',
  predIouThresh: 'pred_iou_thresh',
  stabilityScoreThresh: 'stability_score_thresh',
  stabilityScoreOffset: 'stability_score_offset',
  boxNmsThresh: 'box_nms_thresh',
  cropNLayers: 'crop_n_layers',
  cropNmsThresh: 'crop_nms_thresh',
  cropOverlapRatio: 'crop_overlap_ratio',
  cropNPointsDownscaleFactor: 'crop_n_points_downscale_factor',
  pointGrids: 'point_grids',
  minMaskRegionArea: 'min_mask_region_area',
  outputMode: 'output_mode',
  duplicateStrategy: 'duplicate_strategy',
  duplicateThresh: 'duplicate_thresh',
  coverageAware: 'coverage_aware',
  region: 'region',
};

const bad = (message: string) => new SamlabelError('BadInput', message);

function checkInt(p: AmgParams, key: keyof AmgParams, min: number): void {
  const v = p[key] as number;
  if (!Number.isInteger(v) || v < min) throw bad(`${SAM_NAMES[key]} must be an integer >= ${min}, got ${v}`);
}

function checkUnit(p: AmgParams, key: keyof AmgParams): void {
  const v = p[key] as number;
  if (!Number.isFinite(v) || v < 0 || v > 1) throw bad(`${SAM_NAMES[key]} must be in [0, 1], got ${v}`);
}

function checkGrids(p: AmgParams): void {
  if ((p.pointsPerSide === null) === (p.pointGrids === null)) throw bad('exactly one of points_per_side or point_grids must be given');
  if (p.pointsPerSide !== null) checkInt(p, 'pointsPerSide', 1);
  if (p.pointGrids === null) return;
  if (p.pointGrids.length !== p.cropNLayers + 1) throw bad(`point_grids needs one grid per crop layer (${p.cropNLayers + 1}), got ${p.pointGrids.length}`);
  for (const grid of p.pointGrids) {
    if (grid.length % 2 !== 0 || grid.some((v) => !(v >= 0 && v <= 1))) throw bad('point_grids hold (x, y) pairs normalised to [0, 1]');
  }
}

/** Fails at construction, as SAM's asserts do, so a bad knob never costs an encoder pass. */
export function resolveAmgParams(overrides: Partial<AmgParams> = {}): AmgParams {
  const p: AmgParams = { ...DEFAULT_AMG_PARAMS, ...(overrides.pointGrids ? { pointsPerSide: null } : {}), ...overrides };
  checkGrids(p);
  checkInt(p, 'pointsPerBatch', 1);
  checkInt(p, 'cropNLayers', 0);
  checkInt(p, 'cropNPointsDownscaleFactor', 1);
  checkInt(p, 'minMaskRegionArea', 0);
  for (const key of ['predIouThresh', 'stabilityScoreThresh', 'boxNmsThresh', 'cropNmsThresh', 'cropOverlapRatio', 'duplicateThresh'] as const) checkUnit(p, key);
  if (!Number.isFinite(p.stabilityScoreOffset)) throw bad(`stability_score_offset must be finite, got ${p.stabilityScoreOffset}`);
  if (!OUTPUT_MODES.includes(p.outputMode)) throw bad(`Unknown output_mode ${p.outputMode}: use ${OUTPUT_MODES.join(', ')}`);
  if (!DUPLICATE_STRATEGIES.includes(p.duplicateStrategy)) throw bad(`Unknown duplicate_strategy ${p.duplicateStrategy}: use ${DUPLICATE_STRATEGIES.join(', ')}`);
  if (p.region) {
    const [x0, y0, x1, y1] = p.region;
    if (![x0, y0, x1, y1].every(Number.isInteger) || x0 < 0 || y0 < 0 || x1 <= x0 || y1 <= y0) {
      throw bad(`region must be integer x0,y0,x1,y1 with x0 < x1 and y0 < y1, got ${p.region.join(',')}`);
    }
  }
  return p;
}
