/**
 * The prompt list of one image: include/exclude points and at most one box, in image pixels, in the
 * order the person placed them (Backspace removes the newest). Immutable values; the session owns one.
 */
import type { ClickLabel, ImageBox, ImagePoint } from '../../shared/sam/coords.js';

export interface PointPrompt {
  readonly kind: 'point';
  readonly point: ImagePoint;
  /** 1 include (foreground), 0 exclude (background). */
  readonly label: ClickLabel;
}

export interface BoxPrompt {
  readonly kind: 'box';
  readonly box: ImageBox;
}

export type Prompt = PointPrompt | BoxPrompt;
export type PromptList = readonly Prompt[];

export const emptyPrompts: PromptList = [];

export function addPoint(list: PromptList, point: ImagePoint, label: ClickLabel): PromptList {
  return [...list, { kind: 'point', point, label }];
}

/** SAM takes one box: a new box replaces the old one (and becomes the newest prompt). */
export function setBox(list: PromptList, box: ImageBox): PromptList {
  return [...list.filter((p) => p.kind !== 'box'), { kind: 'box', box }];
}

export function removeLast(list: PromptList): PromptList {
  return list.slice(0, -1);
}

export interface DecoderPromptIn {
  readonly pointCoords: { x: number; y: number }[];
  readonly pointLabels: ClickLabel[];
  readonly box?: { x0: number; y0: number; x1: number; y1: number };
}

/** The prompt part of an engine:predict request. */
export function toDecoderPrompt(list: PromptList): DecoderPromptIn {
  const points = list.filter((p): p is PointPrompt => p.kind === 'point');
  const box = list.find((p): p is BoxPrompt => p.kind === 'box')?.box;
  return {
    pointCoords: points.map((p) => ({ x: p.point.x, y: p.point.y })),
    pointLabels: points.map((p) => p.label),
    ...(box ? { box: { x0: box.x0, y0: box.y0, x1: box.x1, y1: box.y1 } } : {}),
  };
}
