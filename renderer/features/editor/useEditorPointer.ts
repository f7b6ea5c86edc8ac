/**
 * Pointer and wheel input on the editor element → editor intents: clicks and boxes go to the session
 * (in image pixels), pans and wheel zoom to the view, a resting pointer asks for a hover preview.
 */
import { useEffect, useRef, useState, type PointerEvent as ReactPointerEvent } from 'react';
import type { EditorSession } from '../../editor/session.js';
import { PointerGesture, type Intent } from '../../editor/pointerGesture.js';
import { canvasPoint, canvasToImage, type CanvasPoint } from '../../editor/viewTransform.js';
import type { BoxMarker } from '../../canvas/stage.js';
import type { ViewModel } from './viewModel.js';

export interface HoverSettings {
  readonly enabled: boolean;
  readonly delayMs: number;
}

/** Keeps drags going outside the element; a pointer the browser no longer tracks cannot be captured. */
function capture(element: HTMLElement, pointerId: number): void {
  try {
    element.setPointerCapture(pointerId);
  } catch {
    // NotFoundError: the pointer is gone (or was synthetic); the drag still works inside the element.
  }
}

function local(element: HTMLElement, e: { clientX: number; clientY: number }): CanvasPoint {
  const rect = element.getBoundingClientRect();
  return canvasPoint(e.clientX - rect.left, e.clientY - rect.top);
}

export function useEditorPointer(host: React.RefObject<HTMLDivElement | null>, session: EditorSession, view: ViewModel, hover: HoverSettings) {
  const gesture = useRef(new PointerGesture());
  const space = useRef(false);
  const restTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const [boxDrag, setBoxDrag] = useState<BoxMarker | null>(null);

  const stopRest = () => clearTimeout(restTimer.current);
  const toImage = (p: CanvasPoint) => canvasToImage(view.get().view, p);

  const apply = (intent: Intent): void => {
    if (intent.type === 'hover' && hover.enabled) {
      stopRest();
      restTimer.current = setTimeout(() => session.hoverRest(toImage(intent.point)), hover.delayMs);
    } else if (intent.type === 'pan') view.pan(intent.dx, intent.dy);
    else if (intent.type === 'boxPreview') {
      const a = toImage(intent.from);
      const b = toImage(intent.to);
      setBoxDrag({ x0: Math.min(a.x, b.x), y0: Math.min(a.y, b.y), x1: Math.max(a.x, b.x), y1: Math.max(a.y, b.y) });
    } else if (intent.type === 'click') session.click(toImage(intent.point), intent.label);
    else if (intent.type === 'box') {
      setBoxDrag(null);
      session.box(toImage(intent.from), toImage(intent.to));
    }
  };

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    // Non-passive, so the page does not scroll while the wheel zooms.
    const onWheel = (e: WheelEvent) => {
      e.preventDefault();
      view.wheel(local(element, e), e.deltaY);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === ' ') space.current = e.type === 'keydown';
    };
    element.addEventListener('wheel', onWheel, { passive: false });
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKey);
    return () => {
      element.removeEventListener('wheel', onWheel);
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKey);
      stopRest();
    };
  }, [host, view]);

  const handlers = {
    onPointerDown: (e: ReactPointerEvent<HTMLDivElement>) => {
      stopRest();
      capture(e.currentTarget, e.pointerId);
      e.currentTarget.focus();
      apply(gesture.current.down({ point: local(e.currentTarget, e), button: e.button, shift: e.shiftKey, space: space.current }));
    },
    onPointerMove: (e: ReactPointerEvent<HTMLDivElement>) => apply(gesture.current.move(local(e.currentTarget, e))),
    onPointerUp: (e: ReactPointerEvent<HTMLDivElement>) => apply(gesture.current.up(local(e.currentTarget, e))),
    onPointerCancel: () => {
      gesture.current.cancel();
      setBoxDrag(null);
    },
    onPointerLeave: () => {
      stopRest();
      session.hoverLeave();
    },
    onContextMenu: (e: React.MouseEvent) => e.preventDefault(),
  };
  return { handlers, boxDrag };
}
