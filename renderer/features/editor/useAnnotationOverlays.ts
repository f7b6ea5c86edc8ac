/**
 * Accepted annotations onto the stage: bitmaps at the raster step of the zoom, shown at once (another
 * step's bitmap where the exact one is not made yet), the exact ones refined between frames for the
 * annotations in view (overlayRefiner.ts says why only those).
 */
import { useLayoutEffect, useRef, type RefObject } from 'react';
import type { EditorStage } from '../../canvas/stage.js';
import { needsReview } from '../../editor/annotations.js';
import { useObservable } from '../useObservable.js';
import type { Workspace } from '../workspace/workspace.js';
import { OverlayRefiner, visibleArea } from './overlayRefiner.js';
import { AnnotationOverlayCache } from './overlays.js';

/**
 * Time per task spent making exact bitmaps (their canvases included): a longer task delays the next
 * wheel or pan frame behind it.
 */
const REFINE_SLICE_MS = 8;

function newRefiner(stage: RefObject<EditorStage | null>): OverlayRefiner {
  return new OverlayRefiner(
    new AnnotationOverlayCache(),
    {
      now: () => performance.now(),
      // One slice per frame, right after it: chained timer tasks alone kept chromium from starting
      // a frame for 200+ ms (bench/uiZoom.ts traces), so a wheel step waited behind all of them.
      later: (task) => {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const frame = requestAnimationFrame(() => {
          timer = setTimeout(task, 0);
        });
        return () => {
          cancelAnimationFrame(frame);
          clearTimeout(timer);
        };
      },
      show: (bitmaps) => stage.current?.setAnnotations(bitmaps),
      prepare: (bitmap) => stage.current?.prepare(bitmap),
    },
    REFINE_SLICE_MS,
  );
}

/** `scale` is the raster scale (rasterScale of the view); layout effects, so the stage draws in the view's frame. */
export function useAnnotationOverlays(stage: RefObject<EditorStage | null>, workspace: Workspace, scale: number): void {
  const { labels } = useObservable(workspace);
  const { view, viewport } = useObservable(workspace.view);
  const annotations = useObservable(workspace.annotations);
  const refiner = useRef<OverlayRefiner | null>(null);
  refiner.current ??= newRefiner(stage);

  useLayoutEffect(() => () => refiner.current?.dispose(), []);

  // The area first: the first refinement after a zoom already knows what the new view shows.
  useLayoutEffect(() => refiner.current?.setArea(visibleArea(view, viewport)), [view, viewport]);

  useLayoutEffect(() => {
    const colors = new Map(labels.map((l) => [l.labelId, l.color]));
    const visible = annotations.items.filter((a) => !annotations.hidden.has(a.annotationId));
    const look = (a: (typeof visible)[number]) => ({ color: colors.get(a.labelId) ?? '#888888', selected: a.annotationId === annotations.selected, needsReview: needsReview(a) });
    refiner.current?.set(visible, look, scale);
  }, [annotations, labels, scale]);
}
