/** The editor's view transform and viewport size, shared by the canvas view and the keyboard (F = fit). */
import type { Size } from '../../../shared/sam/coords.js';
import { Observable } from '../../editor/store.js';
import { fitView, panBy, wheelFactor, zoomAt, identityView, type CanvasPoint, type ViewTransform } from '../../editor/viewTransform.js';

export interface ViewState {
  readonly view: ViewTransform;
  readonly viewport: Size;
  readonly image: Size | null;
}

export class ViewModel extends Observable<ViewState> {
  constructor() {
    super({ view: identityView, viewport: { width: 0, height: 0 }, image: null });
  }

  /** A new image is shown fitted. */
  setImage(image: Size | null): void {
    this.set({ image, view: image ? fitView(image, this.get().viewport) : identityView });
  }

  /** The element was resized; a fitted view stays fitted only when asked (F), so zoom is not lost. */
  setViewport(viewport: Size): void {
    const first = this.get().viewport.width === 0;
    this.set({ viewport });
    if (first) this.fit();
  }

  fit(): void {
    const { image, viewport } = this.get();
    if (image) this.set({ view: fitView(image, viewport) });
  }

  wheel(at: CanvasPoint, deltaY: number): void {
    this.set({ view: zoomAt(this.get().view, at, wheelFactor(deltaY)) });
  }

  pan(dx: number, dy: number): void {
    this.set({ view: panBy(this.get().view, dx, dy) });
  }
}
