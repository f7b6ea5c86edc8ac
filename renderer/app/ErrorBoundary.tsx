/** A render error shows a message and a reload button instead of a blank page, and is reported as a toast. */
import { Component, type ErrorInfo, type ReactNode } from 'react';
import { toasts } from '../features/toasts/toasts.js';
import { t } from '../i18n/i18n.js';

interface State {
  readonly message: string | null;
}

export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { message: null };

  static getDerivedStateFromError(error: unknown): State {
    return { message: error instanceof Error ? error.message : String(error) };
  }

  override componentDidCatch(error: unknown, _info: ErrorInfo): void {
    toasts.error(error);
  }

  override render(): ReactNode {
    if (this.state.message === null) return this.props.children;
    return (
      <main className="start" role="alert">
        <p>{t('app.crashed', { message: this.state.message })}</p>
        <button type="button" onClick={() => window.location.reload()}>
          {t('app.reload')}
        </button>
      </main>
    );
  }
}
