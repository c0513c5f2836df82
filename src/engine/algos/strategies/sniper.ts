import { farQty, farTouch, IntentSlot, type Algorithm, type ChildIntent, type DecisionInput } from '../algorithm';

/**
 * Sniper (liquidity seeking): shows nothing. Whenever the far touch is at or better than the limit
 * (an ask at or under it for a buy), it takes the displayed size there with an IOC, up to what is
 * left; otherwise it waits. Limits: it needs a limit; it sees the top level only, so size hidden or
 * deeper is found only as the top refills.
 */
export class Sniper implements Algorithm {
  private readonly slot = new IntentSlot();

  decide(input: DecisionInput): ChildIntent | undefined {
    if (input.limit === undefined) return undefined;
    const price = farTouch(input.quote, input.side);
    if (!Number.isFinite(price)) return undefined;
    const good = input.side === 'buy' ? price <= input.limit : price >= input.limit;
    if (!good) return undefined;
    const qty = Math.min(input.total - input.done - input.open, farQty(input.quote, input.side));
    return qty > 0 ? this.slot.set(qty, price, 'IOC') : undefined;
  }
}
