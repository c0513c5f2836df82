/**
 * A spot account at the loopback venue: free and locked per asset, exactly as Binance keeps them.
 * A working buy locks quote at its limit price, a working sell locks base; each execution pays from
 * the lock and frees what a better price saved. Commission is charged in the asset received (Binance
 * without BNB fee discount) at the maker or taker rate, rounded up to 1e-8.
 */
import { amount, mul, mulCeil } from './amounts';
import { errors, type VenueError } from './binanceErrors';
import type { SymbolSpec } from './config';
import type { FeeRates, Ledger, Settlement } from './ledger';
import type { MatchStep } from './orderBook';
import type { VenueOrder } from './orders';

export interface SpotBalance {
  free: bigint;
  locked: bigint;
}

export class SpotLedger implements Ledger {
  readonly balances = new Map<string, SpotBalance>();
  /** Assets changed since the last account event, for outboundAccountPosition. */
  private readonly changed = new Set<string>();

  constructor(
    initial: Readonly<Record<string, string>>,
    private readonly fees: FeeRates,
  ) {
    for (const [asset, free] of Object.entries(initial)) this.balances.set(asset, { free: amount(free), locked: 0n });
  }

  balance(asset: string): SpotBalance {
    let b = this.balances.get(asset);
    if (!b) {
      b = { free: 0n, locked: 0n };
      this.balances.set(asset, b);
    }
    return b;
  }

  /** The assets changed since the last call, in the order they were first touched. */
  drainChangedAssets(): string[] {
    const out = [...this.changed];
    this.changed.clear();
    return out;
  }

  hasChanges(): boolean {
    return this.changed.size > 0;
  }

  admit(order: VenueOrder, spec: SymbolSpec, preview: readonly MatchStep[]): VenueError | undefined {
    const asset = order.side === 'BUY' ? spec.quoteAsset : spec.baseAsset;
    let need: bigint;
    if (order.side === 'SELL') need = order.origQty;
    else if (order.type === 'MARKET') need = preview.reduce((sum, s) => sum + mulCeil(s.price, s.qty), 0n);
    else need = mulCeil(order.price, order.origQty);
    const b = this.balance(asset);
    if (b.free < need) return errors.spotInsufficientBalance();
    this.move(asset, need, 'lock');
    order.reserved = need;
    return undefined;
  }

  settle(order: VenueOrder, spec: SymbolSpec, price: bigint, qty: bigint, isMaker: boolean): Settlement {
    const rate = isMaker ? this.fees.maker : this.fees.taker;
    const quote = mul(price, qty);
    if (order.side === 'BUY') {
      this.spendLocked(order, spec.quoteAsset, quote);
      // A limit buy locked its limit price; what executing at a better price saved is free again.
      if (order.type !== 'MARKET') {
        const saved = mul(order.price, qty) - quote;
        if (saved > 0n) this.unreserve(order, spec.quoteAsset, saved);
      }
      const commission = mulCeil(qty, rate);
      this.credit(spec.baseAsset, qty - commission);
      return { commission, commissionAsset: spec.baseAsset, realizedPnl: 0n };
    }
    this.spendLocked(order, spec.baseAsset, qty);
    const commission = mulCeil(quote, rate);
    this.credit(spec.quoteAsset, quote - commission);
    return { commission, commissionAsset: spec.quoteAsset, realizedPnl: 0n };
  }

  /**
   * The order's open quantity was lowered to `leaves` (an amend): what the rest no longer needs is
   * freed. A buy keeps its limit price times the new rest (rounded up, as admit locked it), a sell the
   * new rest itself.
   */
  shrink(order: VenueOrder, spec: SymbolSpec, leaves: bigint): void {
    const keep = order.side === 'BUY' ? mulCeil(order.price, leaves) : leaves;
    if (order.reserved > keep) this.unreserve(order, order.side === 'BUY' ? spec.quoteAsset : spec.baseAsset, order.reserved - keep);
  }

  release(order: VenueOrder, spec: SymbolSpec): void {
    if (order.reserved > 0n) this.unreserve(order, order.side === 'BUY' ? spec.quoteAsset : spec.baseAsset, order.reserved);
  }

  private spendLocked(order: VenueOrder, asset: string, value: bigint): void {
    const b = this.balance(asset);
    b.locked -= value;
    order.reserved -= value;
    this.changed.add(asset);
  }

  private unreserve(order: VenueOrder, asset: string, value: bigint): void {
    const v = value > order.reserved ? order.reserved : value;
    order.reserved -= v;
    this.move(asset, v, 'unlock');
  }

  private move(asset: string, value: bigint, way: 'lock' | 'unlock'): void {
    const b = this.balance(asset);
    const delta = way === 'lock' ? value : -value;
    b.free -= delta;
    b.locked += delta;
    this.changed.add(asset);
  }

  private credit(asset: string, value: bigint): void {
    this.balance(asset).free += value;
    this.changed.add(asset);
  }
}
