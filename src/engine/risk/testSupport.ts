/**
 * Shared set-up for the risk tests: instruments as the SIM lists them on two venues, a store in a
 * temporary directory, and a RiskContext built from the real ExposureTracker with prices the test
 * sets directly (the book service has its own tests; BookQuotes is tested against it separately).
 */
import { testOrder } from '../core/testSupport';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SimulatedClock, type Lots, type Order, type OrderRequest, type QuoteUnits, type Side, type Symbol, type Ticks, type VenueId } from '../core';
import { InstrumentRegistry, type Instrument } from '../instruments';
import { openStore, type Store } from '../storage';
import { simInstruments } from '../venues';
import { ExposureTracker } from './exposureTracker';
import { KillSwitch } from './killSwitch';
import type { RiskLimitsConfig } from './limitConfig';
import { instrumentRef, type InstrumentExposure, type InstrumentRef, type MarketQuote, type RiskContext } from './riskContext';
import { RiskManager, type RiskManagerOptions } from './riskManager';

export const T0 = Date.UTC(2025, 0, 6, 9, 30); // a Monday, 09:30 UTC
export const BTC_1 = 10_000; // lots in 1 BTC (lot 0.0001)
export const BTC_95000 = 950_000; // ticks (tick 0.1)

/** A temporary directory with a store, closed and removed by cleanup(). */
export class TempStore {
  readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-risk-'));
  private readonly open: Store[] = [];

  store(): Store {
    const s = openStore(this.dir);
    this.open.push(s);
    return s;
  }

  /** Closes the latest store, as a process exit would. */
  closeLatest(): void {
    this.open.pop()?.close();
  }

  cleanup(): void {
    for (const s of this.open.splice(0)) s.close();
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

/** BTC-USDT, ETH-USDT, SOL-USDT on SIM-A and SIM-B. */
export function twoVenueRegistry(): InstrumentRegistry {
  const registry = new InstrumentRegistry();
  for (const venue of ['SIM-A', 'SIM-B']) for (const inst of simInstruments(venue)) registry.add(inst);
  return registry;
}

/** Positions, working orders (through the real ExposureTracker), prices and P&L a test sets directly. */
export class TestContext implements RiskContext {
  readonly tracker = new ExposureTracker();
  private readonly quotes = new Map<string, MarketQuote>();
  private readonly pnls = new Map<string, QuoteUnits>();
  private nextId = 1;

  exposure(i: InstrumentRef): InstrumentExposure {
    return this.tracker.exposure(i);
  }

  accountOpenOrders(): number {
    return this.tracker.accountOpenOrders();
  }

  quote(i: InstrumentRef, into: MarketQuote): void {
    const q = this.quotes.get(i.key);
    into.bid = q?.bid ?? NaN;
    into.ask = q?.ask ?? NaN;
    into.last = q?.last ?? NaN;
  }

  pnl(i: InstrumentRef): QuoteUnits {
    return this.pnls.get(i.key) ?? 0;
  }

  setBook(venue: VenueId, symbol: Symbol, bid: Ticks | undefined, ask: Ticks | undefined, last?: Ticks): void {
    this.quotes.set(instrumentRef(venue, symbol).key, { bid: bid ?? NaN, ask: ask ?? NaN, last: last ?? NaN });
  }

  setPosition(venue: VenueId, symbol: Symbol, qty: Lots): void {
    this.tracker.setPosition(venue, symbol, qty);
  }

  setPnl(venue: VenueId, symbol: Symbol, pnl: QuoteUnits): void {
    this.pnls.set(instrumentRef(venue, symbol).key, pnl);
  }

  /** A working limit order, as the OMS would report it once accepted. */
  addWorking(venue: VenueId, symbol: Symbol, side: Side, price: Ticks, qty: Lots, filledQty = 0): Order {
    const order = testOrder({
      clientOrderId: `w-${this.nextId++}`,
      venue,
      symbol,
      side,
      price,
      qty,
      filledQty,
      status: filledQty > 0 ? 'partially_filled' : 'accepted',
    });
    this.tracker.applyOrder(order);
    return order;
  }
}

export interface Rig {
  clock: SimulatedClock;
  store: Store;
  registry: InstrumentRegistry;
  ctx: TestContext;
  killSwitch: KillSwitch;
  risk: RiskManager;
}

/**
 * A RiskManager on the two-venue registry with `config`, a TestContext and a simulated clock at `at`
 * (T0 unless told), over a store in `temp`: a second rig on the same temp is the same terminal restarted.
 */
export function rig(temp: TempStore, config: Partial<RiskLimitsConfig> = {}, over: Partial<RiskManagerOptions> = {}, at = T0): Rig {
  const clock = new SimulatedClock(at);
  const store = temp.store();
  const registry = twoVenueRegistry();
  const ctx = new TestContext();
  const killSwitch = new KillSwitch({ clock, store });
  const risk = new RiskManager({
    instruments: registry,
    killSwitch,
    clock,
    context: ctx,
    store,
    config: { defaults: {}, instruments: {}, ...config },
    ...over,
  });
  return { clock, store, registry, ctx, killSwitch, risk };
}

export const limitOrder = (venue: VenueId, symbol: Symbol, side: Side, price: Ticks, qty: Lots): OrderRequest => ({
  venue,
  symbol,
  side,
  type: 'limit',
  price,
  qty,
});

export const marketOrder = (venue: VenueId, symbol: Symbol, side: Side, qty: Lots): OrderRequest => ({
  venue,
  symbol,
  side,
  type: 'market',
  qty,
});

export const stopMarketOrder = (venue: VenueId, symbol: Symbol, side: Side, stopPrice: Ticks, qty: Lots): OrderRequest => ({
  venue,
  symbol,
  side,
  type: 'stop_market',
  stopPrice,
  qty,
});

export const stopLimitOrder = (venue: VenueId, symbol: Symbol, side: Side, stopPrice: Ticks, price: Ticks, qty: Lots): OrderRequest => ({
  venue,
  symbol,
  side,
  type: 'stop_limit',
  stopPrice,
  price,
  qty,
});

/** The reason of a rejection, or 'ok'. */
export const verdict = (r: { ok: true } | { ok: false; error: { message: string } }): string => (r.ok ? 'ok' : r.error.message);

export const inst = (registry: InstrumentRegistry, venue: VenueId, symbol: Symbol): Instrument => registry.get(venue, symbol)!;
