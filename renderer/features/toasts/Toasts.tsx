import type { ReactElement } from 'react';
import { t } from '../../i18n/i18n.js';
import { useObservable } from '../useObservable.js';
import { toasts } from './toasts.js';

export function Toasts(): ReactElement {
  const { toasts: list } = useObservable(toasts);
  return (
    <div className="toasts" aria-live="assertive">
      {list.map((toast) => (
        <div key={toast.id} className="toast" role="alert" data-testid="toast" data-code={toast.code}>
          <span>{t('toast.error', { code: toast.code, message: toast.message })}</span>
          <button type="button" onClick={() => toasts.dismiss(toast.id)} aria-label={t('toast.dismiss')}>
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
