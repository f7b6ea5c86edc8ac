/**
 * Placeholder for the canvas layer: the only module tree allowed to import fabric (lint-enforced), so
 * drawing stays swappable and React components never touch fabric objects directly.
 */
import { Canvas } from 'fabric';

/** Creates the fabric canvas the editor draws image, masks and prompts on. Not used yet. */
export function createStage(element: HTMLCanvasElement): Canvas {
  return new Canvas(element, { selection: false, preserveObjectStacking: true });
}
