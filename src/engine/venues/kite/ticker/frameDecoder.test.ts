import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { KiteFrameDecoder, type TickSink } from './frameDecoder';
import { DEPTH_LEVELS, type KiteTick, type PacketKind } from './kiteTick';
import { tickJson } from './tickJson';
import { encodeFrame, encodePacket, recordedPacket, recordedTick, type PacketSpec } from './testSupport';

/** Decodes a frame into JSON ticks (copied out of the reused struct) and the errors reported. */
function decodeAll(frame: Uint8Array): { ticks: Record<string, unknown>[]; errors: { reason: string; packet: number }[]; structs: Set<KiteTick> } {
  const ticks: Record<string, unknown>[] = [];
  const errors: { reason: string; packet: number }[] = [];
  const structs = new Set<KiteTick>();
  const sink: TickSink = {
    tick: (t) => {
      structs.add(t);
      ticks.push(tickJson(t));
    },
    malformed: (reason, packet) => errors.push({ reason, packet }),
  };
  new KiteFrameDecoder().decode(frame, sink);
  return { ticks, errors, structs };
}

/** The recorded ticks name their fields as pykiteconnect does; kiteconnect (and we) name some differently. */
const KITECONNECT_NAME: Record<string, string> = {
  last_quantity: 'last_traded_quantity',
  average_price: 'average_traded_price',
  volume: 'volume_traded',
  buy_quantity: 'total_buy_quantity',
  sell_quantity: 'total_sell_quantity',
  timestamp: 'exchange_timestamp',
};

/** Compares a recorded tick (floats, IST times) with ours (exact rupee strings, UTC times), field by field. */
function expectSameTick(ours: Record<string, unknown>, recorded: Record<string, unknown>): void {
  const same = (a: unknown, b: unknown, path: string): void => {
    if (typeof b === 'number' && typeof a === 'string') return void expect(Number(a), path).toBe(b);
    if (typeof b === 'string' && typeof a === 'string' && /^\d{4}-\d\d-\d\dT/.test(b)) return void expect(Date.parse(a), path).toBe(Date.parse(b));
    if (Array.isArray(b)) {
      expect(Array.isArray(a), path).toBe(true);
      expect((a as unknown[]).length, path).toBe(b.length);
      return b.forEach((v, i) => same((a as unknown[])[i], v, `${path}[${i}]`));
    }
    if (b !== null && typeof b === 'object') {
      for (const [k, v] of Object.entries(b)) same((a as Record<string, unknown>)[k], v, `${path}.${k}`);
      return;
    }
    expect(a, path).toEqual(b);
  };
  for (const [name, value] of Object.entries(recorded)) {
    if (name === 'change') continue; // kiteconnect's computed percentage, not in the packet
    const ours_ = KITECONNECT_NAME[name] ?? name;
    expect(ours, `field ${ours_}`).toHaveProperty(ours_);
    same(ours[ours_], value, ours_);
  }
}

describe('KiteFrameDecoder on the recorded packets', () => {
  const quote = recordedPacket('quote');
  const full = recordedPacket('full');

  it('decodes the recorded full packet into every value Kite published for it', () => {
    expect(full.length).toBe(184);
    const { ticks, errors } = decodeAll(encodeFrame([full]));
    expect(errors).toEqual([]);
    expect(ticks).toHaveLength(1);
    expectSameTick(ticks[0]!, recordedTick('full'));
    // Exact rupee text from paise, never via a float.
    expect(ticks[0]).toMatchObject({ instrument_token: 408065, mode: 'full', last_price: '1573.70', average_traded_price: '1570.37' });
    expect((ticks[0]!.depth as { sell: { price: string }[] }).sell[4]!.price).toBe('1573.95');
  });

  it('decodes the recorded quote packet, and its first 8 bytes as the LTP packet', () => {
    const { ticks, errors } = decodeAll(encodeFrame([quote, quote.subarray(0, 8)]));
    expect(errors).toEqual([]);
    expectSameTick(ticks[0]!, recordedTick('quote'));
    expect(ticks[0]!.mode).toBe('quote');
    expect(ticks[1]).toEqual({ instrument_token: 408065, mode: 'ltp', tradable: true, last_price: '1573.15' });
    expectSameTick(ticks[1]!, recordedTick('ltp'));
  });

  it('fills one struct for every packet of every frame: nothing is allocated per tick', () => {
    const decoder = new KiteFrameDecoder();
    const seen = new Set<KiteTick>();
    const sink: TickSink = { tick: (t) => void seen.add(t), malformed: (reason) => expect.fail(reason) };
    const frame = encodeFrame([full, quote, full]);
    for (let i = 0; i < 3; i++) expect(decoder.decode(frame, sink)).toBe(3);
    expect(seen.size).toBe(1);
  });

  it('reads a currency derivative (segment 3) to 7 decimals and a BSE one (segment 6) to 4', () => {
    const packet = (token: number, price: number) => encodePacket({ kind: 'ltp', token, lastPrice: price });
    const { ticks } = decodeAll(encodeFrame([packet((1234 << 8) | 3, 745_012_500), packet((99 << 8) | 6, 745_025), packet((77 << 8) | 9, 2_400_015)]));
    expect(ticks.map((t) => [t.last_price, t.tradable])).toEqual([
      ['74.5012500', true],
      ['74.5025', true],
      ['24000.15', false], // an index: not tradable
    ]);
  });

  it('takes a one-byte frame as the heartbeat, with no tick and no complaint', () => {
    expect(decodeAll(new Uint8Array([0]))).toMatchObject({ ticks: [], errors: [] });
  });

  it('reports a cut frame after delivering the packets before the cut', () => {
    const frame = encodeFrame([quote, full]);
    const { ticks, errors } = decodeAll(frame.subarray(0, frame.length - 10));
    expect(ticks).toHaveLength(1);
    expect(errors).toEqual([{ reason: 'frame cut: packet 2 of 2 is 184 bytes, 174 left', packet: 1 }]);
  });

  it('skips a packet of unknown length, says so, and reads the next one', () => {
    const { ticks, errors } = decodeAll(encodeFrame([new Uint8Array(20), quote]));
    expect(ticks.map((t) => t.mode)).toEqual(['quote']);
    expect(errors).toEqual([{ reason: 'packet 1 of 2: unknown packet length 20', packet: 0 }]);
  });

  it('reports bytes past the announced packets, and an empty frame', () => {
    expect(decodeAll(Buffer.concat([encodeFrame([quote]), Buffer.from([1, 2])])).errors).toEqual([{ reason: '2 bytes after the 1 packets the frame announces', packet: -1 }]);
    expect(decodeAll(new Uint8Array(0)).errors).toEqual([{ reason: 'empty frame', packet: -1 }]);
  });
});

// ---- properties ------------------------------------------------------------------------------------

const int32 = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const uint32 = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const level = fc.tuple(uint32, int32, fc.integer({ min: 0, max: 0xffff }));
const spec: fc.Arbitrary<PacketSpec> = fc.record({
  kind: fc.constantFrom<PacketKind>('ltp', 'indexQuote', 'indexFull', 'quote', 'full'),
  token: uint32,
  lastPrice: int32,
  lastTradedQuantity: uint32,
  averageTradedPrice: int32,
  volumeTraded: uint32,
  totalBuyQuantity: uint32,
  totalSellQuantity: uint32,
  open: int32,
  high: int32,
  low: int32,
  close: int32,
  change: int32,
  lastTradeTime: uint32,
  oi: uint32,
  oiDayHigh: uint32,
  oiDayLow: uint32,
  exchangeTimestamp: uint32,
  bids: fc.array(level, { minLength: DEPTH_LEVELS, maxLength: DEPTH_LEVELS }),
  asks: fc.array(level, { minLength: DEPTH_LEVELS, maxLength: DEPTH_LEVELS }),
});

/** What the decoder must give back for a spec: the fields its kind carries, 0 for the others. */
function expectedOf(p: PacketSpec): Partial<KiteTick> {
  const carried = (names: (keyof PacketSpec)[]) => Object.fromEntries(names.map((n) => [n, p[n]]));
  const zero = { lastTradedQuantity: 0, averageTradedPrice: 0, volumeTraded: 0, totalBuyQuantity: 0, totalSellQuantity: 0, lastTradeTime: 0, oi: 0, oiDayHigh: 0, oiDayLow: 0, exchangeTimestamp: 0, open: 0, high: 0, low: 0, close: 0, change: 0 };
  const base = { ...zero, instrumentToken: p.token, segment: p.token & 0xff, lastPrice: p.lastPrice };
  switch (p.kind) {
    case 'ltp':
      return base;
    case 'indexQuote':
      return { ...base, ...carried(['open', 'high', 'low', 'close', 'change']) };
    case 'indexFull':
      return { ...base, ...carried(['open', 'high', 'low', 'close', 'change', 'exchangeTimestamp']) };
    case 'quote':
      return { ...base, ...carried(['lastTradedQuantity', 'averageTradedPrice', 'volumeTraded', 'totalBuyQuantity', 'totalSellQuantity', 'open', 'high', 'low', 'close']) };
    case 'full':
      return {
        ...base,
        ...carried(['lastTradedQuantity', 'averageTradedPrice', 'volumeTraded', 'totalBuyQuantity', 'totalSellQuantity', 'open', 'high', 'low', 'close', 'lastTradeTime', 'oi', 'oiDayHigh', 'oiDayLow', 'exchangeTimestamp']),
      };
  }
}

/** A copy of the struct's fields (it is reused for the next packet). */
function copyOf(t: KiteTick): Record<string, unknown> {
  return {
    ...Object.fromEntries(Object.entries(t).filter(([, v]) => typeof v !== 'object')),
    bids: [...t.bidQuantity].map((q, i) => [q, t.bidPrice[i], t.bidOrders[i]]),
    asks: [...t.askQuantity].map((q, i) => [q, t.askPrice[i], t.askOrders[i]]),
  };
}

describe('KiteFrameDecoder properties', () => {
  it('gives back every field of random packets of every kind, written by an independent writer', () => {
    fc.assert(
      fc.property(fc.array(spec, { minLength: 0, maxLength: 12 }), (specs) => {
        const got: Record<string, unknown>[] = [];
        const errors: string[] = [];
        new KiteFrameDecoder().decode(encodeFrame(specs.map(encodePacket)), { tick: (t) => got.push(copyOf(t)), malformed: (r) => errors.push(r) });
        expect(errors).toEqual([]);
        expect(got).toHaveLength(specs.length);
        specs.forEach((p, i) => {
          expect(got[i]).toMatchObject({ ...expectedOf(p), mode: p.kind === 'ltp' ? 'ltp' : p.kind === 'quote' || p.kind === 'indexQuote' ? 'quote' : 'full' });
          if (p.kind === 'full') expect({ bids: got[i]!.bids, asks: got[i]!.asks }).toEqual({ bids: p.bids, asks: p.asks });
        });
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on a cut or corrupted frame: it reports, and delivers only whole packets', () => {
    fc.assert(
      fc.property(
        fc.array(spec, { minLength: 1, maxLength: 6 }),
        fc.nat(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), { maxLength: 4 }),
        (specs, cutAt, flips) => {
          const frame = encodeFrame(specs.map(encodePacket));
          const cut = new Uint8Array(frame.subarray(0, cutAt % frame.length));
          for (const [at, byte] of flips) if (cut.length) cut[at % cut.length] = byte;
          const lengths = new Set([8, 28, 32, 44, 184]);
          let delivered = 0;
          let reported = 0;
          const count = new KiteFrameDecoder().decode(cut, {
            tick: (t) => {
              delivered++;
              expect(lengths.has({ ltp: 8, indexQuote: 28, indexFull: 32, quote: 44, full: 184 }[t.kind])).toBe(true);
            },
            malformed: () => reported++,
          });
          expect(count).toBe(delivered);
          // A frame cut short of what it announces always says so (a flipped count may announce fewer).
          if (flips.length === 0 && cut.length > 1) expect(reported).toBeGreaterThan(0);
        },
      ),
      { numRuns: 500 },
    );
  });
});
