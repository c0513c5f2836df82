/**
 * KiteTicker's binary market data, written by the loopback venue: a frame is a 2-byte packet count,
 * then per packet a 2-byte length and the packet. Packets are big-endian int32 fields: LTP 8 bytes,
 * index quote 28 / full 32, quote 44, full 184 (quote + last trade time, OI, OI day high / low,
 * exchange timestamp, then five bid and five ask levels of quantity, price, orders (int16) and two
 * bytes of padding). Prices are in paise, or per the segment's divisor (CDS x 10,000,000, BCD x 10,000).
 */

export type TickMode = 'ltp' | 'quote' | 'full';

export interface WireLevel {
  quantity: number;
  price: number; // wire integer
  orders: number;
}

/** A tick's fields as the wire carries them: prices already as integers in the segment's divisor. */
export interface WireTick {
  token: number;
  lastPrice: number;
  lastQuantity: number;
  averagePrice: number;
  volume: number;
  buyQuantity: number;
  sellQuantity: number;
  open: number;
  high: number;
  low: number;
  close: number;
  /** Seconds since the epoch (0 when none). */
  lastTradeTime: number;
  oi: number;
  oiDayHigh: number;
  oiDayLow: number;
  timestamp: number;
  buy: readonly WireLevel[];
  sell: readonly WireLevel[];
}

const SEGMENT_CDS = 3;
const SEGMENT_BCD = 6;
export const SEGMENT_INDICES = 9;

/** What one rupee is on the wire for an instrument token's segment (its low byte). */
export function wireDivisor(token: number): number {
  const segment = token & 0xff;
  return segment === SEGMENT_CDS ? 10_000_000 : segment === SEGMENT_BCD ? 10_000 : 100;
}

export const isIndexToken = (token: number) => (token & 0xff) === SEGMENT_INDICES;

export const PACKET_LENGTH = { ltp: 8, quote: 44, full: 184, indexQuote: 28, indexFull: 32 } as const;

export function encodePacket(t: WireTick, mode: TickMode): Buffer {
  if (mode === 'ltp') {
    const b = Buffer.alloc(PACKET_LENGTH.ltp);
    b.writeUInt32BE(t.token, 0);
    b.writeInt32BE(t.lastPrice, 4);
    return b;
  }
  if (isIndexToken(t.token)) {
    const b = Buffer.alloc(mode === 'full' ? PACKET_LENGTH.indexFull : PACKET_LENGTH.indexQuote);
    b.writeUInt32BE(t.token, 0);
    b.writeInt32BE(t.lastPrice, 4);
    b.writeInt32BE(t.high, 8);
    b.writeInt32BE(t.low, 12);
    b.writeInt32BE(t.open, 16);
    b.writeInt32BE(t.close, 20);
    b.writeInt32BE(t.lastPrice - t.close, 24);
    if (mode === 'full') b.writeUInt32BE(t.timestamp, 28);
    return b;
  }
  const b = Buffer.alloc(mode === 'full' ? PACKET_LENGTH.full : PACKET_LENGTH.quote);
  const fields = [t.token, t.lastPrice, t.lastQuantity, t.averagePrice, t.volume, t.buyQuantity, t.sellQuantity, t.open, t.high, t.low, t.close];
  fields.forEach((v, i) => (i === 0 ? b.writeUInt32BE(v, 0) : b.writeInt32BE(v, i * 4)));
  if (mode === 'quote') return b;
  b.writeUInt32BE(t.lastTradeTime, 44);
  b.writeInt32BE(t.oi, 48);
  b.writeInt32BE(t.oiDayHigh, 52);
  b.writeInt32BE(t.oiDayLow, 56);
  b.writeUInt32BE(t.timestamp, 60);
  const levels = [...padLevels(t.buy), ...padLevels(t.sell)];
  levels.forEach((l, i) => {
    const at = 64 + i * 12;
    b.writeInt32BE(l.quantity, at);
    b.writeInt32BE(l.price, at + 4);
    b.writeUInt16BE(l.orders, at + 8);
    // at + 10, at + 11: padding, left zero
  });
  return b;
}

function padLevels(levels: readonly WireLevel[]): WireLevel[] {
  const out = levels.slice(0, 5);
  while (out.length < 5) out.push({ quantity: 0, price: 0, orders: 0 });
  return out;
}

/** One binary message: the packet count, then each packet behind its 2-byte length. */
export function encodeFrame(packets: readonly Buffer[]): Buffer {
  const size = 2 + packets.reduce((s, p) => s + 2 + p.length, 0);
  const b = Buffer.alloc(size);
  b.writeUInt16BE(packets.length, 0);
  let at = 2;
  for (const p of packets) {
    b.writeUInt16BE(p.length, at);
    p.copy(b, at + 2);
    at += 2 + p.length;
  }
  return b;
}

/** The one-byte heartbeat Kite sends on an idle socket. */
export const HEARTBEAT = Buffer.alloc(1);

interface TickJson {
  instrument_token: number;
  last_price: number;
  last_quantity?: number;
  average_price?: number;
  volume?: number;
  buy_quantity?: number;
  sell_quantity?: number;
  ohlc?: { open: number; high: number; low: number; close: number };
  last_trade_time?: string;
  oi?: number;
  oi_day_high?: number;
  oi_day_low?: number;
  timestamp?: string;
  depth?: { buy: { price: number; quantity: number; orders: number }[]; sell: { price: number; quantity: number; orders: number }[] };
}

/** A tick as Kite's documentation writes it (ticker_full.json, ticker_quote.json) as wire fields. */
export function wireTickFromJson(j: TickJson): WireTick {
  const d = wireDivisor(j.instrument_token);
  const p = (rupees: number | undefined) => Math.round((rupees ?? 0) * d);
  const secs = (iso: string | undefined) => (iso ? Math.round(Date.parse(iso) / 1000) : 0);
  const lvl = (l: { price: number; quantity: number; orders: number }) => ({ quantity: l.quantity, price: p(l.price), orders: l.orders });
  return {
    token: j.instrument_token,
    lastPrice: p(j.last_price),
    lastQuantity: j.last_quantity ?? 0,
    averagePrice: p(j.average_price),
    volume: j.volume ?? 0,
    buyQuantity: j.buy_quantity ?? 0,
    sellQuantity: j.sell_quantity ?? 0,
    open: p(j.ohlc?.open),
    high: p(j.ohlc?.high),
    low: p(j.ohlc?.low),
    close: p(j.ohlc?.close),
    lastTradeTime: secs(j.last_trade_time),
    oi: j.oi ?? 0,
    oiDayHigh: j.oi_day_high ?? 0,
    oiDayLow: j.oi_day_low ?? 0,
    timestamp: secs(j.timestamp),
    buy: (j.depth?.buy ?? []).map(lvl),
    sell: (j.depth?.sell ?? []).map(lvl),
  };
}
