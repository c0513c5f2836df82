/**
 * The listeners of one kind of event (a venue's events, a feed's stale books), called in the order they
 * came. A listener that throws is handed to `onThrow` (its owner logs it in its own words) and the others
 * still hear the event: one broken consumer must not deafen the rest nor stop the venue stream emitting.
 */
export class ListenerSet<Args extends unknown[]> {
  private readonly listeners = new Set<(...args: Args) => void>();

  constructor(private readonly onThrow: (error: Error, ...args: Args) => void) {}

  /** Adds `listener`; the function returned removes it. */
  add(listener: (...args: Args) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(...args: Args): void {
    for (const listener of this.listeners) {
      try {
        listener(...args);
      } catch (e) {
        this.onThrow(e as Error, ...args);
      }
    }
  }
}
