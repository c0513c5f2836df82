/**
 * The account's positions (one per instrument and product, all of today: the loopback venue has no
 * overnight book), its holdings, and the margins they use. Fills move positions; positions and open
 * orders move margins. Margin rates are the loopback's simplification of Kite's SPAN + exposure:
 * delivery (CNC) 100 %, intraday equity (MIS) 20 %, futures and short options 9 % SPAN + 3 % exposure
 * of the contract value, long options their premium.
 */
import type { HoldingSeed } from './config';
import type { LoopbackInstrument } from './instrumentsCsv';
import type { Product, Side } from './orderRecord';
import { rupees } from './units';

export interface Position {
  readonly instrument: LoopbackInstrument;
  product: Product;
  buyQuantity: number;
  buyValue: number; // units x quantity
  sellQuantity: number;
  sellValue: number;
}

export interface Holding {
  readonly instrument: LoopbackInstrument;
  quantity: number;
  t1Quantity: number;
  usedQuantity: number;
  averagePrice: number; // units
}

export const netQuantity = (p: Position) => p.buyQuantity - p.sellQuantity;

/** Profit realised on the matched quantity, in units x quantity. */
export function realised(p: Position): number {
  const matched = Math.min(p.buyQuantity, p.sellQuantity);
  if (matched === 0) return 0;
  return Math.round(matched * (p.sellValue / p.sellQuantity - p.buyValue / p.buyQuantity));
}

/** Total P&L at `last` (units): cash flows plus the open quantity marked to the last price. */
export const pnl = (p: Position, last: number) => p.sellValue - p.buyValue + netQuantity(p) * last;

export interface MarginUse {
  span: number;
  exposure: number;
  optionPremium: number;
  delivery: number;
}

const SPAN = 0.09;
const EXPOSURE = 0.03;
const MIS_EQUITY = 0.2;

/** The margin a quantity of an instrument uses at a price (all units x quantity). */
export function marginFor(instrument: LoopbackInstrument, product: Product, side: Side, quantity: number, price: number): MarginUse {
  const value = quantity * price;
  const use: MarginUse = { span: 0, exposure: 0, optionPremium: 0, delivery: 0 };
  const option = instrument.instrumentType === 'CE' || instrument.instrumentType === 'PE';
  if (option && side === 'BUY') use.optionPremium = value;
  else if (instrument.derivative) {
    const base = option ? quantity * Math.round(Number(instrument.row.strike) * 10_000) : value;
    use.span = Math.round(base * SPAN);
    use.exposure = Math.round(base * EXPOSURE);
  } else if (product === 'CNC') use.delivery = side === 'BUY' ? value : 0;
  else use.span = Math.round(value * MIS_EQUITY);
  return use;
}

export const marginTotal = (m: MarginUse) => m.span + m.exposure + m.optionPremium + m.delivery;

export class Portfolio {
  readonly positions = new Map<string, Position>();
  readonly holdings: Holding[] = [];

  constructor(holdings: readonly HoldingSeed[], resolve: (name: string) => LoopbackInstrument | undefined, units: (text: string) => number) {
    for (const h of holdings) {
      const instrument = resolve(h.instrument);
      if (!instrument) throw new Error(`holding ${h.instrument}: no such instrument`);
      this.holdings.push({ instrument, quantity: h.quantity, t1Quantity: h.t1Quantity ?? 0, usedQuantity: 0, averagePrice: units(h.averagePrice) });
    }
  }

  position(instrument: LoopbackInstrument, product: Product): Position {
    const key = `${instrument.token}:${product}`;
    let p = this.positions.get(key);
    if (!p) {
      p = { instrument, product, buyQuantity: 0, buyValue: 0, sellQuantity: 0, sellValue: 0 };
      this.positions.set(key, p);
    }
    return p;
  }

  existing(instrument: LoopbackInstrument, product: Product): Position | undefined {
    return this.positions.get(`${instrument.token}:${product}`);
  }

  holding(instrument: LoopbackInstrument): Holding | undefined {
    return this.holdings.find((h) => h.instrument.token === instrument.token);
  }

  /** A fill moves the position of its product; a CNC sale uses up holdings first. */
  applyFill(instrument: LoopbackInstrument, product: Product, side: Side, quantity: number, price: number): void {
    const p = this.position(instrument, product);
    if (side === 'BUY') {
      p.buyQuantity += quantity;
      p.buyValue += quantity * price;
    } else {
      p.sellQuantity += quantity;
      p.sellValue += quantity * price;
      if (product === 'CNC') {
        const h = this.holding(instrument);
        if (h) h.usedQuantity += Math.min(quantity, h.quantity + h.t1Quantity - h.usedQuantity);
      }
    }
  }

  /** Quantity a CNC sell may still take: unused holdings plus today's net CNC buys. */
  sellableCnc(instrument: LoopbackInstrument): number {
    const h = this.holding(instrument);
    const held = h ? h.quantity + h.t1Quantity - h.usedQuantity : 0;
    const p = this.existing(instrument, 'CNC');
    return held + (p ? Math.max(0, netQuantity(p)) : 0);
  }

  /** Margin used by every position, at its average price (units). */
  positionMargins(): MarginUse {
    const sum: MarginUse = { span: 0, exposure: 0, optionPremium: 0, delivery: 0 };
    for (const p of this.positions.values()) {
      const net = netQuantity(p);
      if (net === 0) continue;
      const side: Side = net > 0 ? 'BUY' : 'SELL';
      const avg = net > 0 ? p.buyValue / p.buyQuantity : p.sellValue / p.sellQuantity;
      const m = marginFor(p.instrument, p.product, side, Math.abs(net), Math.round(avg));
      sum.span += m.span;
      sum.exposure += m.exposure;
      sum.optionPremium += m.optionPremium;
      sum.delivery += m.delivery;
    }
    return sum;
  }

  realisedTotal(commodity: boolean): number {
    let r = 0;
    for (const p of this.positions.values()) if ((p.instrument.exchange === 'MCX') === commodity) r += realised(p);
    return r;
  }

  /** A position as GET /portfolio/positions lists it (positions.json). */
  static positionJson(p: Position, last: number, close: number): Record<string, unknown> {
    const net = netQuantity(p);
    const buyPrice = p.buyQuantity ? p.buyValue / p.buyQuantity : 0;
    const sellPrice = p.sellQuantity ? p.sellValue / p.sellQuantity : 0;
    const total = pnl(p, last);
    const real = realised(p);
    const r = (u: number) => Math.round(u) / 10_000;
    return {
      tradingsymbol: p.instrument.tradingsymbol,
      exchange: p.instrument.exchange,
      instrument_token: p.instrument.token,
      product: p.product,
      quantity: net,
      overnight_quantity: 0,
      multiplier: 1,
      average_price: r(net > 0 ? buyPrice : net < 0 ? sellPrice : 0),
      close_price: rupees(close),
      last_price: rupees(last),
      value: r(p.sellValue - p.buyValue),
      pnl: r(total),
      m2m: r(total),
      unrealised: r(total - real),
      realised: r(real),
      buy_quantity: p.buyQuantity,
      buy_price: r(buyPrice),
      buy_value: r(p.buyValue),
      buy_m2m: r(p.buyValue),
      sell_quantity: p.sellQuantity,
      sell_price: r(sellPrice),
      sell_value: r(p.sellValue),
      sell_m2m: r(p.sellValue),
      day_buy_quantity: p.buyQuantity,
      day_buy_price: r(buyPrice),
      day_buy_value: r(p.buyValue),
      day_sell_quantity: p.sellQuantity,
      day_sell_price: r(sellPrice),
      day_sell_value: r(p.sellValue),
    };
  }
}
