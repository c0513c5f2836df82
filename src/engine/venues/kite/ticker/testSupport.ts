import { readFileSync } from 'node:fs';
import { DEPTH_LEVELS, PACKET_LENGTH, type PacketKind } from './kiteTick';
import { waitFor as pollUntil } from '../../../core/testSupport';

/** The recorded KiteTicker data (../shared/data/kite, see its README): packets are base64, without a frame header. */
export const KITE_DATA = new URL('../../../../../../shared/data/kite/', import.meta.url);

export function recordedPacket(name: 'quote' | 'full'): Uint8Array {
  return new Uint8Array(Buffer.from(readFileSync(new URL(`ticker_${name}.packet`, KITE_DATA), 'utf8').trim(), 'base64'));
}

export function recordedTick(name: 'ltp' | 'quote' | 'full'): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`ticker_${name}.json`, KITE_DATA), 'utf8')) as Record<string, unknown>;
}

/** One packet's fields as a test writes them; the kind decides which are written. */
export interface PacketSpec {
  kind: PacketKind;
  token: number;
  lastPrice: number;
  lastTradedQuantity?: number;
  averageTradedPrice?: number;
  volumeTraded?: number;
  totalBuyQuantity?: number;
  totalSellQuantity?: number;
  open?: number;
  high?: number;
  low?: number;
  close?: number;
  change?: number;
  lastTradeTime?: number;
  oi?: number;
  oiDayHigh?: number;
  oiDayLow?: number;
  exchangeTimestamp?: number;
  /** Full packets: five [quantity, price, orders] per side, best first. */
  bids?: [number, number, number][];
  asks?: [number, number, number][];
}

/** A small KiteTicker packet writer, independent of the decoder: the layout as Kite documents it. */
export function encodePacket(p: PacketSpec): Uint8Array {
  const length = PACKET_LENGTH[p.kind];
  const view = new DataView(new ArrayBuffer(length));
  const put = (offset: number, v: number | undefined) => view.setUint32(offset, (v ?? 0) >>> 0);
  put(0, p.token);
  put(4, p.lastPrice);
  if (p.kind === 'indexQuote' || p.kind === 'indexFull') {
    put(8, p.high);
    put(12, p.low);
    put(16, p.open);
    put(20, p.close);
    put(24, p.change);
    if (p.kind === 'indexFull') put(28, p.exchangeTimestamp);
  } else if (p.kind === 'quote' || p.kind === 'full') {
    put(8, p.lastTradedQuantity);
    put(12, p.averageTradedPrice);
    put(16, p.volumeTraded);
    put(20, p.totalBuyQuantity);
    put(24, p.totalSellQuantity);
    put(28, p.open);
    put(32, p.high);
    put(36, p.low);
    put(40, p.close);
    if (p.kind === 'full') {
      put(44, p.lastTradeTime);
      put(48, p.oi);
      put(52, p.oiDayHigh);
      put(56, p.oiDayLow);
      put(60, p.exchangeTimestamp);
      const levels = [...padded(p.bids), ...padded(p.asks)];
      levels.forEach(([qty, price, orders], i) => {
        put(64 + 12 * i, qty);
        put(68 + 12 * i, price);
        view.setUint16(72 + 12 * i, orders);
      });
    }
  }
  return new Uint8Array(view.buffer);
}

function padded(levels: [number, number, number][] | undefined): [number, number, number][] {
  const out = [...(levels ?? [])].slice(0, DEPTH_LEVELS);
  while (out.length < DEPTH_LEVELS) out.push([0, 0, 0]);
  return out;
}

/** A KiteTicker frame: the packet count, then each packet behind its int16 length. */
export function encodeFrame(packets: readonly Uint8Array[]): Buffer {
  const size = 2 + packets.reduce((sum, p) => sum + 2 + p.length, 0);
  const out = Buffer.alloc(size);
  out.writeUInt16BE(packets.length, 0);
  let o = 2;
  for (const p of packets) {
    out.writeUInt16BE(p.length, o);
    out.set(p, o + 2);
    o += 2 + p.length;
  }
  return out;
}

/** A file of frames as `sq kite ticks` reads it: each frame behind its 4-byte big-endian length. */
export function encodeFramesFile(frames: readonly Uint8Array[]): Buffer {
  return Buffer.concat(frames.flatMap((f) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(f.length);
    return [length, f];
  }));
}

/** Waits in real time (the simulated clock standing still) until `done` holds; fails naming `what` after `maxPolls`. */
export const waitFor = (done: () => unknown, what: string, maxPolls = 500): Promise<void> => pollUntil(done, what, maxPolls, 10);
