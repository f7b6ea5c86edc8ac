/**
 * Main → renderer events leave through here: validated against the contract's event schema, so a
 * malformed event is our bug caught in main (reported), never a surprise in the page.
 */
import { appEventSchema, type AppEvent } from '../../shared/ipc/events.js';

export type EventSink = (event: AppEvent) => void;

export function validatedEvents(send: EventSink, onInvalid: (message: string) => void = (m) => console.error(m)): EventSink {
  return (event) => {
    const parsed = appEventSchema.safeParse(event);
    if (parsed.success) send(parsed.data);
    else onInvalid(`[events] dropped an event that breaks the contract (${event.type}): ${parsed.error.message}`);
  };
}

/** Many subscribers (windows, sockets) behind one sink. */
export class EventHub {
  private readonly sinks = new Set<EventSink>();
  readonly emit: EventSink = validatedEvents((event) => this.sinks.forEach((sink) => sink(event)));

  subscribe(sink: EventSink): () => void {
    this.sinks.add(sink);
    return () => void this.sinks.delete(sink);
  }
}
