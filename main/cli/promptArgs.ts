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

/** One JSON object per line: {"points": [[x,y],...], "labels": [1,0,...], "box": [x0,y0,x1,y1], "mask_input": "f.npy", "multimask": true}. */
export function promptFromJsonLine(line: string, lineNo: number): PromptSet {
  let obj: Record<string, unknown>;
  try {
    obj = JSON.parse(line) as Record<string, unknown>;
  } catch {
    throw new CliUsageError(`--prompts line ${lineNo} is not JSON`);
  }
  const points = (obj.points ?? []) as unknown[];
  const labels = (obj.labels ?? points.map(() => 1)) as unknown[];
  const okPoints = Array.isArray(points) && points.every((p) => Array.isArray(p) && p.length === 2 && p.every(Number.isFinite));
  const okLabels = Array.isArray(labels) && labels.length === points.length && labels.every((l) => l === 0 || l === 1);
  if (!okPoints || !okLabels) throw new CliUsageError(`--prompts line ${lineNo}: points must be [[x,y],...] with labels 0/1 of the same length`);
  const box = obj.box === undefined ? undefined : parseBox((obj.box as number[]).join(','));
  if (points.length === 0 && !box) throw new CliUsageError(`--prompts line ${lineNo} has no points and no box`);
  return {
    pointCoords: (points as number[][]).map(([x, y]) => imagePoint(x, y)),
    pointLabels: labels as ClickLabel[],
    box,
    maskInputFile: typeof obj.mask_input === 'string' ? obj.mask_input : undefined,
    multimaskOutput: obj.multimask !== false,
  };
}
