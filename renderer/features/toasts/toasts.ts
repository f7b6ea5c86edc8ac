/**
 * Error and notice toasts. Every failure the person should know about ends here (typed errors keep
 * their code), so nothing fails silently and nothing leaves a blank page.
 */
import { isSamlabelError } from '../../../shared/errors.js';
import { Observable } from '../../editor/store.js';

export interface Toast {
  readonly id: number;
  readonly code: string;
  readonly message: string;
}

/** Toasts shown at once; an error stays until dismissed or pushed out by newer ones. */
const MAX_TOASTS = 4;

export class ToastStore extends Observable<{ readonly toasts: readonly Toast[] }> {
  private nextId = 1;

  constructor() {
    super({ toasts: [] });
  }

  error = (error: unknown): void => {
    const code = isSamlabelError(error) ? error.code : 'Error';
    const message = error instanceof Error ? error.message : String(error);
    this.push(code, message);
  };

  push(code: string, message: string): void {
    const toast = { id: this.nextId++, code, message };
    this.set({ toasts: [...this.get().toasts, toast].slice(-MAX_TOASTS) });
  }

  dismiss(id: number): void {
    this.set({ toasts: this.get().toasts.filter((t) => t.id !== id) });
  }
}

/** One store for the whole page: also fed by window error handlers in app/main.tsx. */
export const toasts = new ToastStore();
