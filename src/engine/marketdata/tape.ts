import type { Lots, Side, Ticks } from '../core';

export interface TapeTrade {
  ts: number;
  price: Ticks;
  qty: Lots;
  aggressor: Side;
}

/** The most recent trades of one instrument in a fixed ring, newest last. */
export class TradeTape {
  private readonly ring: TapeTrade[] = [];

  constructor(private readonly capacity = 200) {}

  add(trade: TapeTrade): void {
    this.ring.push(trade);
    if (this.ring.length > this.capacity) this.ring.shift();
  }

  recent(limit = this.capacity): TapeTrade[] {
    return this.ring.slice(-limit);
  }
}
