/**
 * The prompt markers the stage draws and their equality, DOM-free: equal markers draw the same pixels,
 * so the stage skips the redraw (headless tests check the comparison).
 */
import type { ImagePoint } from '../../shared/sam/coords.js';

export interface PromptMarker {
  readonly point: ImagePoint;
  /** 1 include, 0 exclude. */
  readonly label: 0 | 1;
}

export interface BoxMarker {
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export function samePrompts(a: readonly PromptMarker[], b: readonly PromptMarker[]): boolean {
  return a.length === b.length && a.every((p, i) => p.label === b[i].label && p.point.x === b[i].point.x && p.point.y === b[i].point.y);
}

export function sameBox(a: BoxMarker | null, b: BoxMarker | null): boolean {
  return a === b || (a !== null && b !== null && a.x0 === b.x0 && a.y0 === b.y0 && a.x1 === b.x1 && a.y1 === b.y1);
}
