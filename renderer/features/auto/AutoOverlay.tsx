/** The Auto panel's masks over the editor: a canvas layer moved by the view transform, clicks pass through. */
import { useEffect, useMemo, useRef, type ReactElement } from 'react';
import { layerStep, type OverlayMask } from '../../canvas/autoLayer.js';
import { paintAutoLayer } from '../../canvas/autoLayerPaint.js';
import { useObservable } from '../useObservable.js';
import type { Workspace } from '../workspace/workspace.js';

export function AutoOverlay({ workspace }: { workspace: Workspace }): ReactElement | null {
  const canvas = useRef<HTMLCanvasElement>(null);
  const auto = useObservable(workspace.auto);
  const { image } = useObservable(workspace);
  const { view } = useObservable(workspace.view);
  const showing = auto.phase === 'review' && image !== null && auto.imageId === image.imageId;
  const masks = useMemo<OverlayMask[]>(
    () =>
      auto.records.map((r) => {
        const selected = auto.selected.has(r.recordId);
        return { rle: r.segmentation, bbox: r.bbox, index: auto.order.get(r.recordId) ?? 0, selected, dimmed: !selected && auto.selected.size > 0 };
      }),
    [auto.records, auto.order, auto.selected],
  );
  const width = image?.width ?? 0;
  const height = image?.height ?? 0;
  useEffect(() => {
    if (showing && canvas.current) paintAutoLayer(canvas.current, { width, height }, masks);
  }, [showing, masks, width, height]);
  if (!showing) return null;
  const s = view.scale * layerStep({ width, height });
  return <canvas ref={canvas} className="auto-layer" data-testid="auto-layer" style={{ transform: `matrix(${s}, 0, 0, ${s}, ${view.x}, ${view.y})` }} />;
}
