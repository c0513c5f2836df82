/**
 * A USD-M futures account at the loopback venue, kept simply: one-way mode (positionSide BOTH), cross
 * margin, a wallet balance per margin asset, a position per symbol with its entry cost. An order is
 * admitted if the initial margin of what it opens fits in the available balance (wallet + unrealised
 * PnL - margin of positions - margin of working orders); each execution charges its commission and
 * realises PnL on what it closes. No funding, no liquidation: tests of those need a richer venue.
 */
import { amount, absBig, mul, mulCeil, ONE } from './amounts';
import { errors, type VenueError } from './binanceErrors';
import type { SymbolSpec } from './config';
import type { FeeRates, Ledger, Settlement } from './ledger';
import type { MatchStep } from './orderBook';
import type { VenueOrder } from './orders';

export interface FuturesPosition {
  /** Signed: long > 0, short < 0. */
  amt: bigint;
  /** What the open quantity cost at entry (price x quantity summed), always >= 0. */
  entryCost: bigint;
  /** Realised PnL accumulated on this symbol (Binance's `cr` in ACCOUNT_UPDATE). */
  realized: bigint;
  updateTime: number;
}

const ceilDiv = (a: bigint, b: bigint): bigint => (a <= 0n ? a / b : (a + b - 1n) / b);

export class FuturesLedger implements Ledger {
  readonly wallet = new Map<string, bigint>();
  readonly positions = new Map<string, FuturesPosition>();
  readonly leverage = new Map<string, number>();
  private readonly changedAssets = new Set<string>();
  private readonly changedSymbols = new Set<string>();

  constructor(
    initial: Readonly<Record<string, string>>,
    private readonly fees: FeeRates,
    private readonly defaultLeverage: number,
    /** The mark price of a symbol (unrealised PnL and position margin). */
    private readonly mark: (symbol: string) => bigint,
    private readonly now: () => number,
  ) {
    for (const [asset, balance] of Object.entries(initial)) this.wallet.set(asset, amount(balance));
  }

  leverageOf(symbol: string): number {
    return this.leverage.get(symbol) ?? this.defaultLeverage;
  }

  position(symbol: string): FuturesPosition {
    let p = this.positions.get(symbol);
    if (!p) {
      p = { amt: 0n, entryCost: 0n, realized: 0n, updateTime: 0 };
      this.positions.set(symbol, p);
    }
    return p;
  }

  entryPrice(p: FuturesPosition): bigint {
    return p.amt === 0n ? 0n : (p.entryCost * ONE) / absBig(p.amt);
  }

  unrealized(symbol: string): bigint {
    const p = this.positions.get(symbol);
    if (!p || p.amt === 0n) return 0n;
    const value = mul(this.mark(symbol), absBig(p.amt));
    return p.amt > 0n ? value - p.entryCost : p.entryCost - value;
  }

  positionMargin(symbol: string): bigint {
    const p = this.positions.get(symbol);
    if (!p || p.amt === 0n) return 0n;
    return ceilDiv(mulCeil(this.mark(symbol), absBig(p.amt)), BigInt(this.leverageOf(symbol)));
  }

  orderMargin(o: VenueOrder): bigint {
    return o.reduceOnly ? 0n : ceilDiv(mulCeil(o.price, o.leaves), BigInt(this.leverageOf(o.symbol)));
  }

  /** Wallet + unrealised PnL - position margin - working orders' margin, in the margin asset. */
  available(asset: string, working: readonly VenueOrder[]): bigint {
    let v = this.wallet.get(asset) ?? 0n;
    for (const symbol of this.positions.keys()) v += this.unrealized(symbol) - this.positionMargin(symbol);
    for (const o of working) v -= this.orderMargin(o);
    return v;
  }

  drainChanges(): { assets: string[]; symbols: string[] } {
    const out = { assets: [...this.changedAssets], symbols: [...this.changedSymbols] };
    this.changedAssets.clear();
    this.changedSymbols.clear();
    return out;
  }

  hasChanges(): boolean {
    return this.changedAssets.size > 0 || this.changedSymbols.size > 0;
  }

  admit(order: VenueOrder, spec: SymbolSpec, preview: readonly MatchStep[], working: readonly VenueOrder[]): VenueError | undefined {
    const pos = this.position(spec.symbol);
    const reduces = (order.side === 'BUY' && pos.amt < 0n) || (order.side === 'SELL' && pos.amt > 0n);
    if (order.reduceOnly) return reduces && order.origQty <= absBig(pos.amt) ? undefined : errors.futuresReduceOnlyRejected();
    const opening = reduces ? order.origQty - absBig(pos.amt) : order.origQty;
    if (opening <= 0n) return undefined;
    let price = order.price;
    if (order.type === 'MARKET') {
      const qty = preview.reduce((sum, s) => sum + s.qty, 0n);
      price = qty > 0n ? (preview.reduce((sum, s) => sum + mulCeil(s.price, s.qty), 0n) * ONE) / qty : this.mark(spec.symbol);
    }
    const need = ceilDiv(mulCeil(price, opening), BigInt(this.leverageOf(spec.symbol)));
    return need > this.available(spec.quoteAsset, working) ? errors.futuresMarginInsufficient() : undefined;
  }

  settle(order: VenueOrder, spec: SymbolSpec, price: bigint, qty: bigint, isMaker: boolean): Settlement {
    const asset = spec.quoteAsset;
    const quote = mul(price, qty);
    const commission = mulCeil(quote, isMaker ? this.fees.maker : this.fees.taker);
    const pos = this.position(spec.symbol);
    const signed = order.side === 'BUY' ? qty : -qty;
    let realizedPnl = 0n;
    if (pos.amt === 0n || pos.amt > 0n === signed > 0n) {
      pos.entryCost += quote;
      pos.amt += signed;
    } else {
      const open = absBig(pos.amt);
      const closing = qty < open ? qty : open;
      const closedCost = (pos.entryCost * closing) / open;
      const closedValue = mul(price, closing);
      realizedPnl = pos.amt > 0n ? closedValue - closedCost : closedCost - closedValue;
      pos.entryCost -= closedCost;
      pos.amt += order.side === 'BUY' ? closing : -closing;
      const flipped = qty - closing;
      if (flipped > 0n) {
        // Closed through zero: the rest opens the other way at this price.
        pos.entryCost = mul(price, flipped);
        pos.amt = order.side === 'BUY' ? flipped : -flipped;
      }
      if (pos.amt === 0n) pos.entryCost = 0n;
    }
    pos.realized += realizedPnl;
    pos.updateTime = this.now();
    this.wallet.set(asset, (this.wallet.get(asset) ?? 0n) + realizedPnl - commission);
    this.changedAssets.add(asset);
    this.changedSymbols.add(spec.symbol);
    return { commission, commissionAsset: asset, realizedPnl };
  }

  release(): void {
    // Working orders' margin is computed from the orders themselves: nothing is held apart.
  }
}
