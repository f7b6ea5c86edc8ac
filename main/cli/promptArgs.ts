import { imageBox, imagePoint, type ClickLabel, type ImageBox, type ImagePoint } from '../../shared/sam/coords.js';
import { CliUsageError } from './errors.js';

export interface PromptSet {
  readonly pointCoords: ImagePoint[];
  readonly pointLabels: ClickLabel[];
  readonly box?: ImageBox;
  readonly maskInputFile?: string;
  readonly multimaskOutput: boolean;
}

export function parseNumbers(text: string, count: number, what: string): number[] {
  const parts = text.split(',').map((p) => Number(p.trim()));
  if (parts.length !== count || parts.some((n) => !Number.isFinite(n))) {
    throw new CliUsageError(`${what} takes ${count} comma-separated numbers, got "${text}"`);
  }
  return parts;
}

export function parseBox(text: string): ImageBox {
  const [x0, y0, x1, y1] = parseNumbers(text, 4, '--box');
  if (x1 < x0 || y1 < y0) throw new CliUsageError(`--box is x0,y0,x1,y1 with x0 <= x1 and y0 <= y1, got "${text}"`);
  return imageBox(x0, y0, x1, y1);
}

function toPoints(values: unknown, label: ClickLabel, what: string): { coords: ImagePoint[]; labels: ClickLabel[] } {
  const list = (values as string[] | undefined) ?? [];
  const coords = list.map((v) => {
    const [x, y] = parseNumbers(v, 2, what);
    return imagePoint(x, y);
  });
  return { coords, labels: coords.map(() => label) };
}

/** --point / --neg / --box / --mask-input / --single from the command line, as one prompt set. */
export function promptFromFlags(opts: { point?: string[]; neg?: string[]; box?: string; maskInput?: string; single?: boolean }): PromptSet {
  const pos = toPoints(opts.point, 1, '--point');
  const neg = toPoints(opts.neg, 0, '--neg');
  const box = opts.box ? parseBox(opts.box) : undefined;
  if (pos.coords.length + neg.coords.length === 0 && !box) throw new CliUsageError('give at least one --point, --neg or --box (or --prompts)');
  return {
    pointCoords: [...pos.coords, ...neg.coords],
    pointLabels: [...pos.labels, ...neg.labels],
    box,
    maskInputFile: opts.maskInput,
    multimaskOutput: !opts.single,
  };
}

const JSONL_KEYS = ['points', 'labels', 'box', 'mask_input', 'multimask'];

/**
 * One JSON object per line: {"points": [[x,y],...], "labels": [1,0,...], "box": [x0,y0,x1,y1], "mask_input": "f.npy", "multimask": true}.
 * Every key is checked for its shape here, so a wrong type is a usage error naming the line, never a
 * JS error from deeper down. Whether the numbers fit the image is checked once the image is read.
 */
export function promptFromJsonLine(line: string, lineNo: number): PromptSet {
  const where = `--prompts line ${lineNo}`;
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    throw new CliUsageError(`${where} is not JSON`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new CliUsageError(`${where} must be a JSON object`);
  const obj = parsed as Record<string, unknown>;
  const unknown = Object.keys(obj).find((k) => !JSONL_KEYS.includes(k));
  if (unknown !== undefined) throw new CliUsageError(`${where}: unknown key ${JSON.stringify(unknown).slice(0, 60)} (keys: ${JSONL_KEYS.join(', ')})`);
  const bad = (what: string): CliUsageError => new CliUsageError(`${where}: ${what}`);
  const points = obj.points ?? [];
  if (!isArrayOf(points, (p) => isNumbers(p, 2))) throw bad('points must be [[x, y], ...] with finite numbers');
  const labels = obj.labels ?? points.map(() => 1);
  if (!isArrayOf(labels, (l) => l === 0 || l === 1) || labels.length !== points.length) {
    throw bad(`labels must be [1 or 0, ...], one per point (${points.length})`);
  }
  if (obj.box !== undefined && !isNumbers(obj.box, 4)) throw bad('box must be [x0, y0, x1, y1] with finite numbers');
  if (obj.mask_input !== undefined && typeof obj.mask_input !== 'string') throw bad('mask_input must be a file name (a *_logits.npy)');
  if (obj.multimask !== undefined && typeof obj.multimask !== 'boolean') throw bad('multimask must be true or false');
  const box = obj.box === undefined ? undefined : imageBox(...(obj.box as [number, number, number, number]));
  if (points.length === 0 && !box) throw new CliUsageError(`${where} has no points and no box`);
  return {
    pointCoords: points.map(([x, y]) => imagePoint(x, y)),
    pointLabels: labels,
    box,
    maskInputFile: obj.mask_input,
    multimaskOutput: obj.multimask !== false,
  };
}

function isArrayOf<T>(value: unknown, item: (v: unknown) => v is T): value is T[] {
  return Array.isArray(value) && value.every(item);
}

function isNumbers(value: unknown, count: number): value is number[] {
  return Array.isArray(value) && value.length === count && value.every((n) => typeof n === 'number' && Number.isFinite(n));
}
