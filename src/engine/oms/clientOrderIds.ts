/**
 * Client order ids: `<prefix>-<counter>`. The prefix is taken from the clock at start so ids of two
 * runs differ; `taken` guards the rare case where they would not (a simulated clock restarted at the
 * same instant), because reusing an id would make idempotent submit return the old order.
 * Charset and length stay within what exchanges accept (Binance: [A-Za-z0-9._:/-]{1,36}).
 */
export const CLIENT_ORDER_ID = /^[A-Za-z0-9._:/-]{1,36}$/;

export class ClientOrderIds {
  private counter = 0;
  readonly prefix: string;

  constructor(nowMs: number, prefix?: string) {
    this.prefix = prefix ?? `sq${nowMs.toString(36)}`;
  }

  next(taken: (id: string) => boolean): string {
    for (;;) {
      const id = `${this.prefix}-${++this.counter}`;
      if (!taken(id)) return id;
    }
  }
}
