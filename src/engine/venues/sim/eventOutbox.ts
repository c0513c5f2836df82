import { EventBus } from '../../core';
import type { VenueEvent } from '../types';

/**
 * Delivers venue events asynchronously and in order, as a network connection would: whatever the
 * venue emits during one synchronous call reaches listeners in a microtask, never re-entrantly
 * inside submit() or cancel(). A throwing listener is isolated from the others.
 */
export class EventOutbox {
  private readonly bus: EventBus<{ event: VenueEvent }>;
  private queue: VenueEvent[] = [];
  private scheduled = false;

  constructor(onListenerError: (error: unknown) => void) {
    this.bus = new EventBus((_, error) => onListenerError(error));
  }

  on(listener: (event: VenueEvent) => void): () => void {
    return this.bus.on('event', listener);
  }

  push(event: VenueEvent): void {
    this.queue.push(event);
    if (!this.scheduled) {
      this.scheduled = true;
      queueMicrotask(() => this.flush());
    }
  }

  private flush(): void {
    // Events pushed by a listener during delivery go to a fresh batch, after this one.
    const batch = this.queue;
    this.queue = [];
    this.scheduled = false;
    for (const event of batch) this.bus.emit('event', event);
  }
}
