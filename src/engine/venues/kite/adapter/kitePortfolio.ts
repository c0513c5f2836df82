/**
 * What Kite holds for the account beside its orders, as the events the Balances and Positions panels
 * show: positions (net and day, per product, with M2M) as `venuePositions`; margins (equity and
 * commodity segments) and holdings (with T1 and collateral quantities) as one `balances` event.
 * Read at connect, after fills and on a timer. Also the portfolio's own requests: convert a
 * position's product (MIS <-> NRML, CNC), and GTT triggers (single and OCO).
 */
import { SqError, type Clock, type Logger, type Lots, type Product, type Side, type Symbol, type Ticks, type VenueBalance, type VenueEvent, type VenueId, type VenuePosition, type VenueProductPosition } from '../../../core';
import { formatPrice, type Instrument } from '../../../instruments';
import { failureOf, type KiteRest } from './kiteRest';
import { kiteWords } from './kiteOrders';
import {
  exchangeAndTradingSymbol,
  kiteSymbol,
  lotsOf,
  nearestTicks,
  productOf,
  rupees,
  sideOf,
  ticksOf,
  transactionType,
  unitsOf,
  type KiteGttWire,
  type KiteHoldingWire,
  type KitePositionWire,
  type KiteSegmentMargins,
} from './kiteWire';

export interface ConvertPositionRequest {
  symbol: Symbol;
  /** The side of the position's trades being converted (buy for a long position). */
  side: Side;
  qty: Lots;
  from: Product;
  to: Product;
  /** Today's position or the one carried from earlier days. */
  positionType: 'day' | 'overnight';
}

/** One order of a GTT: placed as a LIMIT order when its trigger is reached. */
export interface GttLeg {
  trigger: Ticks;
  side: Side;
  qty: Lots;
  price: Ticks;
  product: Product;
}

/** single: one trigger, one order; oco: a stop-loss and a target leg, the first reached cancels the other. */
export interface GttRequest {
  symbol: Symbol;
  kind: 'single' | 'oco';
  /** The price now, which Kite checks the triggers against. */
  lastPrice: Ticks;
  legs: readonly GttLeg[];
}

export interface Gtt extends GttRequest {
  id: number;
  /** Kite's status: active, triggered, disabled, expired, cancelled, rejected, deleted. */
  status: string;
  /** Kite's timestamps as it wrote them (IST, "2026-12-07 10:00:00"). */
  createdAt?: string;
  expiresAt?: string;
}

export interface KitePortfolioDeps {
  venue: VenueId;
  rest: KiteRest;
  clock: Clock;
  logger: Logger;
  instruments: readonly Instrument[];
  emit(event: VenueEvent): void;
}

export class KitePortfolio {
  private readonly bySymbol: ReadonlyMap<Symbol, Instrument>;

  constructor(private readonly deps: KitePortfolioDeps) {
    this.bySymbol = new Map(deps.instruments.map((i) => [i.symbol, i]));
  }

  /** Positions, then margins with holdings; each read on its own, the first failure thrown after both. */
  async refresh(): Promise<void> {
    const results = await Promise.allSettled([this.refreshPositions(), this.refreshBalances()]);
    const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
  }

  async refreshPositions(): Promise<VenuePosition[]> {
    const wire = await this.call(() => this.deps.rest.get<{ net: KitePositionWire[]; day: KitePositionWire[] }>('/portfolio/positions'), 'positions');
    const positions = this.positionsOf(wire.net ?? [], wire.day ?? []);
    this.deps.emit({ type: 'venuePositions', venue: this.deps.venue, ts: this.deps.clock.now(), positions, complete: true });
    return positions;
  }

  /** Margins and holdings as one complete balances event (partial, with what was read, when one of them fails). */
  async refreshBalances(): Promise<VenueBalance[]> {
    const [margins, holdings] = await Promise.allSettled([
      this.call(() => this.deps.rest.get<{ equity?: KiteSegmentMargins; commodity?: KiteSegmentMargins }>('/user/margins'), 'margins'),
      this.call(() => this.deps.rest.get<KiteHoldingWire[]>('/portfolio/holdings'), 'holdings'),
    ]);
    const balances: VenueBalance[] = [];
    if (margins.status === 'fulfilled') balances.push(...marginBalances(margins.value));
    if (holdings.status === 'fulfilled') balances.push(...holdings.value.map(holdingBalance));
    const complete = margins.status === 'fulfilled' && holdings.status === 'fulfilled';
    if (balances.length > 0) this.deps.emit({ type: 'balances', venue: this.deps.venue, ts: this.deps.clock.now(), balances, complete });
    const failed = [margins, holdings].find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed) throw failed.reason;
    return balances;
  }

  /** Net positions grouped by symbol, each with its products' net and day quantities and M2M. */
  positionsOf(net: readonly KitePositionWire[], day: readonly KitePositionWire[]): VenuePosition[] {
    const dayOf = new Map(day.map((p) => [`${p.exchange}:${p.tradingsymbol}:${p.product}`, p]));
    const bySymbol = new Map<Symbol, { inst: Instrument; parts: VenueProductPosition[] }>();
    for (const p of net) {
      const symbol = kiteSymbol(p.exchange, p.tradingsymbol);
      const inst = this.bySymbol.get(symbol);
      const product = productOf(p.product);
      if (!inst || !product) {
        this.deps.logger.warn({ venue: this.deps.venue, symbol, product: p.product }, 'a Kite position on an instrument or product this account does not trade here: left out');
        continue;
      }
      const netQty = lotsOf(inst, p.quantity);
      const d = dayOf.get(`${p.exchange}:${p.tradingsymbol}:${p.product}`);
      const dayQty = d ? lotsOf(inst, d.quantity) : { ok: true as const, value: 0 };
      const overnight = lotsOf(inst, p.overnight_quantity ?? 0);
      if (!netQty.ok || !dayQty.ok || !overnight.ok) {
        this.deps.logger.warn({ venue: this.deps.venue, symbol, quantity: p.quantity }, 'a Kite position that is not a whole number of lots: left out');
        continue;
      }
      const part: VenueProductPosition = {
        product,
        netQty: netQty.value,
        dayQty: dayQty.value,
        overnightQty: overnight.value,
        m2m: rupees(p.m2m),
        pnl: rupees(p.pnl),
        realised: rupees(p.realised),
        unrealised: rupees(p.unrealised),
      };
      if (p.average_price > 0) part.averagePrice = nearestTicks(inst, p.average_price);
      const entry = bySymbol.get(symbol) ?? { inst, parts: [] };
      entry.parts.push(part);
      bySymbol.set(symbol, entry);
    }
    const out: VenuePosition[] = [];
    for (const [symbol, { parts }] of bySymbol) {
      const qty = parts.reduce((sum, p) => sum + p.netQty, 0);
      const pos: VenuePosition = {
        symbol,
        qty,
        unrealisedPnl: rupees(parts.reduce((sum, p) => sum + Number(p.unrealised), 0)),
        m2m: rupees(parts.reduce((sum, p) => sum + Number(p.m2m), 0)),
        products: parts,
      };
      const open = parts.filter((p) => p.netQty !== 0);
      if (open.length === 1 && open[0]!.averagePrice !== undefined) pos.entryPrice = open[0]!.averagePrice;
      out.push(pos);
    }
    return out;
  }

  /** Converts (part of) a position to another product (PUT /portfolio/positions), then reads the positions again. */
  async convertPosition(req: ConvertPositionRequest): Promise<void> {
    const inst = this.instrument(req.symbol);
    if (req.from === req.to) throw new SqError('INVALID_INPUT', `the position is already ${req.to}`);
    if (!Number.isSafeInteger(req.qty) || req.qty <= 0) throw new SqError('INVALID_INPUT', 'the quantity to convert must be a whole number of lots above zero');
    const { exchange, tradingsymbol } = exchangeAndTradingSymbol(inst);
    await this.call(
      () =>
        this.deps.rest.put('/portfolio/positions', {
          exchange,
          tradingsymbol,
          transaction_type: transactionType(req.side),
          position_type: req.positionType,
          quantity: unitsOf(inst, req.qty),
          old_product: req.from,
          new_product: req.to,
        }),
      'convert position',
    );
    await this.refreshPositions().catch((e: unknown) => this.deps.logger.warn({ venue: this.deps.venue, reason: (e as Error).message }, 'positions could not be read after the conversion'));
  }

  // ---- GTT ----

  async placeGtt(req: GttRequest): Promise<number> {
    const r = await this.call(() => this.deps.rest.post<{ trigger_id: number }>('/gtt/triggers', this.gttForm(req)), 'GTT');
    return r.trigger_id;
  }

  async modifyGtt(id: number, req: GttRequest): Promise<void> {
    await this.call(() => this.deps.rest.put(`/gtt/triggers/${id}`, this.gttForm(req)), 'GTT modify');
  }

  async deleteGtt(id: number): Promise<void> {
    await this.call(() => this.deps.rest.delete(`/gtt/triggers/${id}`), 'GTT delete');
  }

  /** Every GTT of the account on an instrument traded here (others are logged and left out). */
  async listGtts(): Promise<Gtt[]> {
    const wire = await this.call(() => this.deps.rest.get<KiteGttWire[]>('/gtt/triggers'), 'GTT list');
    const out: Gtt[] = [];
    for (const g of wire) {
      const gtt = this.gttOf(g);
      if (typeof gtt === 'string') this.deps.logger.warn({ venue: this.deps.venue, id: g.id, reason: gtt }, 'a Kite GTT this account cannot show: left out');
      else out.push(gtt);
    }
    return out;
  }

  /** The ids of the GTTs Kite would still fire. */
  async activeGttIds(): Promise<number[]> {
    const wire = await this.deps.rest.get<KiteGttWire[]>('/gtt/triggers');
    return wire.filter((g) => g.status === 'active').map((g) => g.id);
  }

  private gttForm(req: GttRequest): Record<string, string> {
    const inst = this.instrument(req.symbol);
    const want = req.kind === 'single' ? 1 : 2;
    if (req.legs.length !== want) throw new SqError('INVALID_INPUT', `a ${req.kind} GTT has ${want} leg${want === 1 ? '' : 's'}, not ${req.legs.length}`);
    if (req.kind === 'oco' && req.legs[0]!.trigger >= req.legs[1]!.trigger) throw new SqError('INVALID_INPUT', 'an OCO GTT lists its lower trigger (stop-loss) first, then the higher (target)');
    const { exchange, tradingsymbol } = exchangeAndTradingSymbol(inst);
    for (const leg of req.legs) if (!Number.isSafeInteger(leg.qty) || leg.qty <= 0) throw new SqError('INVALID_INPUT', 'a GTT leg needs a whole number of lots above zero');
    const condition = { exchange, tradingsymbol, trigger_values: req.legs.map((l) => Number(formatPrice(inst, l.trigger))), last_price: Number(formatPrice(inst, req.lastPrice)) };
    const orders = req.legs.map((l) => ({ exchange, tradingsymbol, transaction_type: transactionType(l.side), quantity: unitsOf(inst, l.qty), order_type: 'LIMIT', product: l.product, price: Number(formatPrice(inst, l.price)) }));
    return { type: req.kind === 'single' ? 'single' : 'two-leg', condition: JSON.stringify(condition), orders: JSON.stringify(orders) };
  }

  private gttOf(g: KiteGttWire): Gtt | string {
    const symbol = kiteSymbol(g.condition.exchange, g.condition.tradingsymbol);
    const inst = this.bySymbol.get(symbol);
    if (!inst) return `${symbol} is not traded on ${this.deps.venue}`;
    const legs: GttLeg[] = [];
    for (let i = 0; i < g.orders.length; i++) {
      const o = g.orders[i]!;
      const trigger = ticksOf(inst, g.condition.trigger_values[i] ?? NaN);
      const price = ticksOf(inst, o.price);
      const qty = lotsOf(inst, o.quantity);
      const product = productOf(o.product);
      if (!trigger.ok || !price.ok || !qty.ok || !product) return `leg ${i + 1} does not fit ${symbol}`;
      legs.push({ trigger: trigger.value, side: sideOf(o.transaction_type), qty: qty.value, price: price.value, product });
    }
    const gtt: Gtt = { id: g.id, symbol, kind: g.type === 'two-leg' ? 'oco' : 'single', lastPrice: nearestTicks(inst, g.condition.last_price ?? 0), legs, status: g.status };
    if (g.created_at) gtt.createdAt = g.created_at;
    if (g.expires_at) gtt.expiresAt = g.expires_at;
    return gtt;
  }

  private instrument(symbol: Symbol): Instrument {
    const inst = this.bySymbol.get(symbol);
    if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `${symbol} is not traded on ${this.deps.venue}`);
    return inst;
  }

  private async call<T>(fn: () => Promise<T>, what: string): Promise<T> {
    try {
      return await fn();
    } catch (e) {
      const f = failureOf(e);
      throw new SqError(f.kind === 'refused' ? 'VENUE_REJECTED' : 'VENUE_UNAVAILABLE', `${this.deps.venue} ${what}: ${kiteWords(f, 'request')}`);
    }
  }
}

/** Each segment's margin as a balance: free is what Kite says is available now (net), locked what is used. */
function marginBalances(m: { equity?: KiteSegmentMargins; commodity?: KiteSegmentMargins }): VenueBalance[] {
  const out: VenueBalance[] = [];
  for (const segment of ['equity', 'commodity'] as const) {
    const s = m[segment];
    if (!s || s.enabled === false) continue;
    const b: VenueBalance = { asset: `INR ${segment}`, free: rupees(s.net), locked: rupees(s.utilised?.debits), margin: true };
    if (s.available?.collateral) b.collateral = rupees(s.available.collateral);
    out.push(b);
  }
  return out;
}

/** A holding as a balance in shares, named by our symbol: free to sell, locked (used today), T1 and pledged beside. */
function holdingBalance(h: KiteHoldingWire): VenueBalance {
  const used = h.used_quantity ?? 0;
  return {
    asset: kiteSymbol(h.exchange, h.tradingsymbol),
    free: String(Math.max(0, h.quantity - used)),
    locked: String(used),
    t1: String(h.t1_quantity ?? 0),
    collateral: String(h.collateral_quantity ?? 0),
  };
}
