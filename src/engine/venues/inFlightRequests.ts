/**
 * The requests a connector has sent and not yet heard back from. Each is tracked from the moment it
 * starts, so that `idle()` (disconnect, tests) can wait for every answer to be reported: an answer on its
 * way is the venue's word about a real order and must not be dropped. A request that fails in a way
 * its own code did not handle is handed to `onUnexpected` (logged by the owner), never left unhandled.
 */
export class InFlightRequests {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly onUnexpected: (error: Error) => void) {}

  track(work: Promise<void>): void {
    const p = work.catch((e: unknown) => this.onUnexpected(e as Error));
    this.pending.add(p);
    void p.finally(() => this.pending.delete(p));
  }

  /** Resolves when every request started so far (and any started meanwhile) has been answered and reported. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }
}
