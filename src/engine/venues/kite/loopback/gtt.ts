/**
 * Kite's Good Till Triggered orders at the loopback venue: a single trigger or a two-leg OCO on the
 * last price of one instrument; when the last price crosses a trigger value the venue places that
 * leg's order (a regular LIMIT order) and the trigger becomes "triggered" with the order's result.
 */
import { errors, type KiteError } from './kiteErrors';
import type { LoopbackInstrument } from './instrumentsCsv';
import { kiteTimestamp } from './marketHours';
import type { Params } from './orderParams';

export type GttType = 'single' | 'two-leg';
export type GttStatus = 'active' | 'triggered' | 'disabled' | 'expired' | 'cancelled' | 'rejected' | 'deleted';

export interface GttLeg {
  exchange: string;
  tradingsymbol: string;
  product: string;
  order_type: string;
  transaction_type: string;
  quantity: number;
  price: number;
  result: Record<string, unknown> | null;
}

export interface Gtt {
  id: number;
  type: GttType;
  status: GttStatus;
  createdAt: number;
  updatedAt: number;
  expiresAt: number;
  instrument: LoopbackInstrument;
  triggerValues: number[];
  lastPrice: number;
  orders: GttLeg[];
}

/** What placing a leg's order answered: an order id, or Kite's rejection words. */
export type LegResult = { orderId: string } | { rejection: string };

const GTT_LIFETIME_MS = 365 * 86_400_000;

function json(p: Params, name: string): unknown | KiteError {
  const text = p.get(name);
  if (text === undefined) return errors.missing(name);
  try {
    return JSON.parse(text);
  } catch {
    return errors.invalid(name);
  }
}

const isErr = (v: unknown): v is KiteError => typeof v === 'object' && v !== null && 'kiteError' in v;

export class GttBook {
  private readonly triggers = new Map<number, Gtt>();
  private nextId = 1000;

  constructor(
    private readonly resolve: (exchange: string, tradingsymbol: string) => LoopbackInstrument | undefined,
    private readonly userId: string,
  ) {}

  /** Reads a trigger's form (type, condition, orders as JSON text, as kiteconnect sends them). */
  private parse(p: Params): Omit<Gtt, 'id' | 'status' | 'createdAt' | 'updatedAt' | 'expiresAt'> | KiteError {
    const type = p.get('type');
    if (type !== 'single' && type !== 'two-leg') return type === undefined ? errors.missing('type') : errors.invalid('type');
    const condition = json(p, 'condition');
    if (isErr(condition)) return condition;
    const orders = json(p, 'orders');
    if (isErr(orders)) return orders;
    const c = condition as { exchange?: string; tradingsymbol?: string; trigger_values?: unknown; last_price?: unknown };
    const instrument = this.resolve(String(c.exchange), String(c.tradingsymbol));
    if (!instrument || !instrument.tradable) return errors.noInstrument();
    const values = Array.isArray(c.trigger_values) ? c.trigger_values.map(Number) : [];
    if (values.length !== (type === 'single' ? 1 : 2) || values.some((v) => !(v > 0))) return errors.invalid('trigger_values');
    if (type === 'two-leg' && !(values[0]! < values[1]!)) return errors.invalid('trigger_values');
    if (!Array.isArray(orders) || orders.length !== values.length) return errors.invalid('orders');
    const legs: GttLeg[] = [];
    for (const o of orders as Record<string, unknown>[]) {
      const quantity = Number(o.quantity);
      const price = Number(o.price);
      if (!Number.isInteger(quantity) || quantity < 1 || !(price > 0)) return errors.invalid('orders');
      if (o.transaction_type !== 'BUY' && o.transaction_type !== 'SELL') return errors.invalid('transaction_type');
      legs.push({
        exchange: instrument.exchange,
        tradingsymbol: instrument.tradingsymbol,
        product: String(o.product ?? 'CNC'),
        order_type: String(o.order_type ?? 'LIMIT'),
        transaction_type: o.transaction_type,
        quantity,
        price,
        result: null,
      });
    }
    const toUnits = (r: number) => Math.round(r * 10_000);
    return { type, instrument, triggerValues: values.map(toUnits), lastPrice: toUnits(Number(c.last_price) || 0), orders: legs };
  }

  place(p: Params, now: number): { trigger_id: number } | KiteError {
    const parsed = this.parse(p);
    if (isErr(parsed)) return parsed;
    const id = this.nextId++;
    this.triggers.set(id, { id, status: 'active', createdAt: now, updatedAt: now, expiresAt: now + GTT_LIFETIME_MS, ...parsed });
    return { trigger_id: id };
  }

  modify(id: number, p: Params, now: number): { trigger_id: number } | KiteError {
    const g = this.triggers.get(id);
    if (!g || g.status === 'deleted') return errors.noTrigger();
    if (g.status !== 'active') return errors.triggerFinal(g.status);
    const parsed = this.parse(p);
    if (isErr(parsed)) return parsed;
    Object.assign(g, parsed, { updatedAt: now });
    return { trigger_id: id };
  }

  delete(id: number, now: number): { trigger_id: number } | KiteError {
    const g = this.triggers.get(id);
    if (!g || g.status === 'deleted') return errors.noTrigger();
    g.status = 'deleted';
    g.updatedAt = now;
    return { trigger_id: id };
  }

  get(id: number): Gtt | undefined {
    const g = this.triggers.get(id);
    return g && g.status !== 'deleted' ? g : undefined;
  }

  list(): Gtt[] {
    return [...this.triggers.values()].filter((g) => g.status !== 'deleted');
  }

  get active(): Gtt[] {
    return this.list().filter((g) => g.status === 'active');
  }

  /** The instrument's last price moved: fires the active triggers it crosses, placing their leg. */
  onLastPrice(instrument: LoopbackInstrument, last: number, now: number, place: (g: Gtt, leg: GttLeg) => LegResult): void {
    for (const g of this.active) {
      if (g.instrument.token !== instrument.token) continue;
      if (now >= g.expiresAt) {
        g.status = 'expired';
        continue;
      }
      const leg = this.firedLeg(g, last);
      if (leg === undefined) continue;
      const chosen = g.orders[leg]!;
      const r = place(g, chosen);
      chosen.result = {
        account_id: this.userId,
        exchange: chosen.exchange,
        tradingsymbol: chosen.tradingsymbol,
        validity: 'DAY',
        product: chosen.product,
        order_type: chosen.order_type,
        transaction_type: chosen.transaction_type,
        quantity: chosen.quantity,
        price: chosen.price,
        meta: JSON.stringify({ gtt: g.id }),
        timestamp: kiteTimestamp(now),
        triggered_at: last / 10_000,
        order_result: 'orderId' in r ? { status: 'success', order_id: r.orderId, rejection_reason: '' } : { status: 'failed', order_id: '', rejection_reason: r.rejection },
      };
      g.status = 'triggered';
      g.updatedAt = now;
    }
  }

  private firedLeg(g: Gtt, last: number): number | undefined {
    if (g.type === 'two-leg') {
      if (last <= g.triggerValues[0]!) return 0;
      if (last >= g.triggerValues[1]!) return 1;
      return undefined;
    }
    const t = g.triggerValues[0]!;
    // A single trigger fires when the price reaches it from the side it was set on.
    const fromBelow = g.lastPrice === 0 ? last < t : g.lastPrice < t;
    return (fromBelow ? last >= t : last <= t) ? 0 : undefined;
  }

  toJson(g: Gtt): Record<string, unknown> {
    return {
      id: g.id,
      user_id: this.userId,
      parent_trigger: null,
      type: g.type,
      created_at: kiteTimestamp(g.createdAt),
      updated_at: kiteTimestamp(g.updatedAt),
      expires_at: kiteTimestamp(g.expiresAt),
      status: g.status,
      condition: {
        exchange: g.instrument.exchange,
        last_price: g.lastPrice / 10_000,
        tradingsymbol: g.instrument.tradingsymbol,
        trigger_values: g.triggerValues.map((v) => v / 10_000),
        instrument_token: g.instrument.token,
      },
      orders: g.orders,
      meta: null,
    };
  }
}
