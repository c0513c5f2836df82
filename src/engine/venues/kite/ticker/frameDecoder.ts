import { DEPTH_LEVELS, KITE_SEGMENT, KiteTick, PACKET_LENGTH, priceDecimalsOfSegment } from './kiteTick';

/** Where the decoder delivers a frame's packets, in order. */
export interface TickSink {
  /** One packet, in the decoder's reused struct: valid only during this call (copy what you keep). */
  tick(tick: KiteTick): void;
  /**
   * A packet or the frame could not be read. `packet` is the packet's index in the frame, or -1 when the
   * frame itself is wrong. Packets before it were delivered; after an unknown packet kind the decoder
   * goes on with the next packet (its length prefix says where), after a cut it stops.
   */
  malformed(reason: string, packet: number): void;
}

// Big-endian readers over the frame's bytes: no DataView (an object per frame) and no copy.
const int32 = (b: Uint8Array, o: number): number => (b[o]! << 24) | (b[o + 1]! << 16) | (b[o + 2]! << 8) | b[o + 3]!;
/** Quantities, volumes, open interest and times are never negative: read unsigned. */
const uint32 = (b: Uint8Array, o: number): number => int32(b, o) >>> 0;
const uint16 = (b: Uint8Array, o: number): number => (b[o]! << 8) | b[o + 1]!;

/**
 * KiteTicker's binary frames: an int16 packet count, then per packet an int16 length and the packet,
 * whose length says its kind (LTP 8, index quote 28, index full 32, quote 44, full 184). A one-byte
 * frame is the heartbeat. Decodes straight from the bytes the socket hands over into one reused
 * KiteTick: nothing is allocated per packet. Never throws on bad input: it says what is wrong to the
 * sink and goes on where it can.
 */
export class KiteFrameDecoder {
  private readonly t = new KiteTick();

  /** A frame that is only the heartbeat (no packets). */
  static isHeartbeat(bytes: Uint8Array): boolean {
    return bytes.length === 1;
  }

  /** Delivers each packet of `bytes` to `sink`; returns how many were delivered. */
  decode(bytes: Uint8Array, sink: TickSink): number {
    const n = bytes.length;
    if (n === 1) return 0; // heartbeat
    if (n < 2) {
      sink.malformed('empty frame', -1);
      return 0;
    }
    const count = uint16(bytes, 0);
    let o = 2;
    let delivered = 0;
    for (let i = 0; i < count; i++) {
      if (o + 2 > n) {
        sink.malformed(`frame cut: packet ${i + 1} of ${count} has no length (${n - o} bytes left)`, i);
        return delivered;
      }
      const length = uint16(bytes, o);
      o += 2;
      if (o + length > n) {
        sink.malformed(`frame cut: packet ${i + 1} of ${count} is ${length} bytes, ${n - o} left`, i);
        return delivered;
      }
      if (this.read(bytes, o, length)) {
        delivered++;
        sink.tick(this.t);
      } else {
        sink.malformed(`packet ${i + 1} of ${count}: unknown packet length ${length}`, i);
      }
      o += length;
    }
    if (o !== n) sink.malformed(`${n - o} bytes after the ${count} packets the frame announces`, -1);
    return delivered;
  }

  /** Fills the struct from the packet at bytes[o, o + length); false for a length no kind has. */
  private read(b: Uint8Array, o: number, length: number): boolean {
    const t = this.t;
    switch (length) {
      case PACKET_LENGTH.ltp:
        this.header(b, o, 'ltp', 'ltp');
        this.clearQuote();
        this.clearIndex();
        return true;
      case PACKET_LENGTH.indexQuote:
      case PACKET_LENGTH.indexFull:
        this.header(b, o, length === PACKET_LENGTH.indexFull ? 'indexFull' : 'indexQuote', length === PACKET_LENGTH.indexFull ? 'full' : 'quote');
        this.clearQuote();
        // Index packets order their prices high, low, open, close (quote packets: open, high, low, close).
        t.high = int32(b, o + 8);
        t.low = int32(b, o + 12);
        t.open = int32(b, o + 16);
        t.close = int32(b, o + 20);
        t.change = int32(b, o + 24);
        t.exchangeTimestamp = length === PACKET_LENGTH.indexFull ? uint32(b, o + 28) : 0;
        return true;
      case PACKET_LENGTH.quote:
      case PACKET_LENGTH.full: {
        const full = length === PACKET_LENGTH.full;
        this.header(b, o, full ? 'full' : 'quote', full ? 'full' : 'quote');
        t.lastTradedQuantity = uint32(b, o + 8);
        t.averageTradedPrice = int32(b, o + 12);
        t.volumeTraded = uint32(b, o + 16);
        t.totalBuyQuantity = uint32(b, o + 20);
        t.totalSellQuantity = uint32(b, o + 24);
        t.open = int32(b, o + 28);
        t.high = int32(b, o + 32);
        t.low = int32(b, o + 36);
        t.close = int32(b, o + 40);
        t.change = 0;
        if (!full) {
          t.lastTradeTime = t.oi = t.oiDayHigh = t.oiDayLow = t.exchangeTimestamp = 0;
          return true;
        }
        t.lastTradeTime = uint32(b, o + 44);
        t.oi = uint32(b, o + 48);
        t.oiDayHigh = uint32(b, o + 52);
        t.oiDayLow = uint32(b, o + 56);
        t.exchangeTimestamp = uint32(b, o + 60);
        // Five bids then five asks, 12 bytes each: quantity int32, price int32, orders int16, 2 padding.
        let d = o + 64;
        for (let i = 0; i < DEPTH_LEVELS; i++, d += 12) {
          t.bidQuantity[i] = uint32(b, d);
          t.bidPrice[i] = int32(b, d + 4);
          t.bidOrders[i] = uint16(b, d + 8);
        }
        for (let i = 0; i < DEPTH_LEVELS; i++, d += 12) {
          t.askQuantity[i] = uint32(b, d);
          t.askPrice[i] = int32(b, d + 4);
          t.askOrders[i] = uint16(b, d + 8);
        }
        return true;
      }
      default:
        return false;
    }
  }

  private header(b: Uint8Array, o: number, kind: KiteTick['kind'], mode: KiteTick['mode']): void {
    const t = this.t;
    t.kind = kind;
    t.mode = mode;
    const token = uint32(b, o);
    t.instrumentToken = token;
    t.segment = token & 0xff;
    t.tradable = t.segment !== KITE_SEGMENT.INDICES;
    t.priceDecimals = priceDecimalsOfSegment(t.segment);
    t.lastPrice = int32(b, o + 4);
  }

  /** Fields only quote and full packets carry: 0 for the others, so a stale value is never read. */
  private clearQuote(): void {
    const t = this.t;
    t.lastTradedQuantity = t.averageTradedPrice = t.volumeTraded = t.totalBuyQuantity = t.totalSellQuantity = 0;
    t.lastTradeTime = t.oi = t.oiDayHigh = t.oiDayLow = t.exchangeTimestamp = 0;
  }

  private clearIndex(): void {
    const t = this.t;
    t.open = t.high = t.low = t.close = t.change = 0;
  }
}
