/**
 * The project store's crash events as toasts. A restart costs at most the change in flight (each write
 * is one transaction), so the toast says what to check; a store that gave up needs the app restarted.
 */
import type { AppEvent } from '../../../shared/ipc/events.js';
import { t } from '../../i18n/i18n.js';
import type { ToastStore } from './toasts.js';

type StoreEvent = Extract<AppEvent, { type: 'store' }>;
type OnEvent = (listener: (event: AppEvent) => void) => () => void;

export function storeEventMessage(event: StoreEvent): string {
  const key = event.state === 'restarted' ? 'toast.storeRestarted' : 'toast.storeFailed';
  return t(key, { cause: event.error.message });
}

/** Subscribes for the page's lifetime; returns the unsubscribe. */
export function toastStoreEvents(onEvent: OnEvent, toasts: ToastStore): () => void {
  return onEvent((event) => {
    if (event.type === 'store') toasts.push(event.error.code, storeEventMessage(event));
  });
}
