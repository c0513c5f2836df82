/**
 * Which of our orders a venue order id is. A venue's trade history names its own order id only, while
 * a fill must name our clientOrderId: the ids are remembered as the venue's answers and streams
 * tell them, and an unknown one is asked of the venue once (then remembered). Bounded: the oldest are
 * forgotten first, far more are kept than arrive between two reconnects, and a forgotten one is
 * simply asked again.
 */
const REMEMBERED_ORDERS = 20_000;

export class ClientOrderIds {
  private readonly byVenueOrderId = new Map<string, string>();

  constructor(private readonly limit = REMEMBERED_ORDERS) {}

  get(venueOrderId: string | number): string | undefined {
    return this.byVenueOrderId.get(String(venueOrderId));
  }

  remember(venueOrderId: string | number, clientOrderId: string): void {
    const key = String(venueOrderId);
    if (!this.byVenueOrderId.has(key) && this.byVenueOrderId.size >= this.limit) this.byVenueOrderId.delete(this.byVenueOrderId.keys().next().value!);
    this.byVenueOrderId.set(key, clientOrderId);
  }

  /**
   * The clientOrderId of `venueOrderId`: remembered, or what `ask` learns from the venue (remembered
   * when it names one). `ask` throws, or gives undefined, as its caller wants a failure to be seen.
   */
  async resolve<Asked extends string | undefined>(venueOrderId: string | number, ask: () => Promise<Asked>): Promise<string | Asked> {
    const known = this.get(venueOrderId);
    if (known !== undefined) return known;
    const asked = await ask();
    if (asked) this.remember(venueOrderId, asked);
    return asked;
  }
}
