/** Store crash events become toasts with the event's code, on whatever screen; other events do not. */
import { describe, expect, it } from 'vitest';
import type { AppEvent } from '../../../shared/ipc/events.js';
import { toastStoreEvents } from '../../../renderer/features/toasts/storeToasts.js';
import { ToastStore } from '../../../renderer/features/toasts/toasts.js';

/** The client's event channel, reduced to what the page's listeners see. */
function eventChannel() {
  const listeners = new Set<(event: AppEvent) => void>();
  return {
    onEvent: (listener: (event: AppEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    send: (event: AppEvent) => listeners.forEach((l) => l(event)),
  };
}

describe('store toasts', () => {
  it('shows a restart and a failure with their codes and causes, ignores other events, and unsubscribes', () => {
    const channel = eventChannel();
    const toasts = new ToastStore();
    const off = toastStoreEvents(channel.onEvent, toasts);
    channel.send({ type: 'project', change: 'images' });
    channel.send({ type: 'store', state: 'restarted', error: { code: 'StoreCrashed', message: 'store worker crashed: out of memory' } });
    channel.send({ type: 'store', state: 'failed', error: { code: 'StoreFailed', message: 'crashed 4 times in 60 s' } });
    const shown = toasts.get().toasts;
    expect(shown.map((t) => t.code)).toEqual(['StoreCrashed', 'StoreFailed']);
    expect(shown[0].message).toMatch(/restarted.*\(store worker crashed: out of memory\)$/);
    expect(shown[1].message).toMatch(/not restarted.*Restart samlabel \(crashed 4 times in 60 s\)$/);
    off();
    channel.send({ type: 'store', state: 'restarted', error: { code: 'StoreCrashed', message: 'again' } });
    expect(toasts.get().toasts).toHaveLength(2);
  });
});
