/**
 * Pointer input on the editor → editor intents, as a small state machine (idle → pressed →
 * boxing | panning → idle). Left click includes, right click or Shift+click excludes, a left drag is a
 * box, a middle drag or Space+drag pans. Points are CanvasPoints; the caller converts to image pixels.
 */
import type { CanvasPoint } from './viewTransform.js';

/** Movement below this (CSS px) is still a click, not a drag: hands shake. */
export const DRAG_THRESHOLD = 4;

export const Button = { Left: 0, Middle: 1, Right: 2 } as const;

export interface PointerInput {
  readonly point: CanvasPoint;
  readonly button: number;
  readonly shift: boolean;
  /** Space is held (pan mode). */
  readonly space: boolean;
}

export type Intent =
  | { readonly type: 'click'; readonly point: CanvasPoint; readonly label: 0 | 1 }
  | { readonly type: 'boxPreview' | 'box'; readonly from: CanvasPoint; readonly to: CanvasPoint }
  | { readonly type: 'pan'; readonly dx: number; readonly dy: number }
  | { readonly type: 'hover'; readonly point: CanvasPoint }
  | { readonly type: 'none' };

type State =
  | { readonly kind: 'idle' }
  | { readonly kind: 'pressed'; readonly start: CanvasPoint; readonly label: 0 | 1 }
  | { readonly kind: 'boxing'; readonly start: CanvasPoint }
  | { readonly kind: 'panning'; readonly last: CanvasPoint };

const none: Intent = { type: 'none' };
const far = (a: CanvasPoint, b: CanvasPoint) => Math.hypot(a.x - b.x, a.y - b.y) >= DRAG_THRESHOLD;

export class PointerGesture {
  private state: State = { kind: 'idle' };

  get kind(): State['kind'] {
    return this.state.kind;
  }

  down(input: PointerInput): Intent {
    if (input.button === Button.Middle || (input.button === Button.Left && input.space)) {
      this.state = { kind: 'panning', last: input.point };
    } else if (input.button === Button.Left || input.button === Button.Right) {
      const label = input.button === Button.Right || input.shift ? 0 : 1;
      this.state = { kind: 'pressed', start: input.point, label };
    }
    return none;
  }

  move(point: CanvasPoint): Intent {
    const s = this.state;
    switch (s.kind) {
      case 'idle':
        return { type: 'hover', point };
      case 'panning':
        this.state = { kind: 'panning', last: point };
        return { type: 'pan', dx: point.x - s.last.x, dy: point.y - s.last.y };
      case 'pressed':
        // Only an include drag draws a box; an exclude (right) drag stays a click where it started.
        if (s.label === 1 && far(s.start, point)) {
          this.state = { kind: 'boxing', start: s.start };
          return { type: 'boxPreview', from: s.start, to: point };
        }
        return none;
      case 'boxing':
        return { type: 'boxPreview', from: s.start, to: point };
    }
  }

  up(point: CanvasPoint): Intent {
    const s = this.state;
    this.state = { kind: 'idle' };
    switch (s.kind) {
      case 'pressed':
        return { type: 'click', point: s.start, label: s.label };
      case 'boxing':
        return far(s.start, point) ? { type: 'box', from: s.start, to: point } : { type: 'click', point: s.start, label: 1 };
      default:
        return none;
    }
  }

  /** Pointer lost (blur, pointercancel): the gesture ends without an intent. */
  cancel(): void {
    this.state = { kind: 'idle' };
  }
}
