/**
 * One KiteTicker tick packet as integers, exactly as the wire carries it: prices in the packet's own
 * units (paise for most segments; see `priceDecimals`), quantities in units (shares, contracts),
 * times in epoch seconds. The decoder fills ONE instance of this struct per packet and hands it to its
 * sink, which must copy what it keeps before returning: no object is allocated per tick.
 */

/** Kite's exchange segment ids, the low byte of an instrument token (kiteconnect's ticker.js). */
export const KITE_SEGMENT = {
  NSE_CM: 1,
  NSE_FO: 2,
  NSE_CD: 3,
  BSE_CM: 4,
  BSE_FO: 5,
  BSE_CD: 6,
  MCX_FO: 7,
  MCX_SX: 8,
  INDICES: 9,
} as const;

/** The packet kinds, told apart by their length alone. */
export const PACKET_LENGTH = { ltp: 8, indexQuote: 28, indexFull: 32, quote: 44, full: 184 } as const;
export type PacketKind = keyof typeof PACKET_LENGTH;

/** What a packet says about its subscription mode (kiteconnect's `mode`). */
export type TickMode = 'ltp' | 'quote' | 'full';

export const DEPTH_LEVELS = 5;

/**
 * Decimals of a packet price for a segment: currency derivatives are quoted to 7 decimals on NSE and 4
 * on BSE (kiteconnect divides by 10,000,000 and 10,000); everything else is in paise.
 */
export function priceDecimalsOfSegment(segment: number): number {
  if (segment === KITE_SEGMENT.NSE_CD) return 7;
  if (segment === KITE_SEGMENT.BSE_CD) return 4;
  return 2;
}

export class KiteTick {
  kind: PacketKind = 'ltp';
  mode: TickMode = 'ltp';
  instrumentToken = 0;
  /** token & 0xff. */
  segment = 0;
  /** Indices are not tradable (segment 9). */
  tradable = false;
  /** A price p on the wire is p / 10^priceDecimals rupees. */
  priceDecimals = 2;
  lastPrice = 0;
  // quote and full (stock, F&O, commodity) packets
  lastTradedQuantity = 0;
  averageTradedPrice = 0;
  volumeTraded = 0;
  totalBuyQuantity = 0;
  totalSellQuantity = 0;
  open = 0;
  high = 0;
  low = 0;
  close = 0;
  /** Index packets only: the absolute price change the exchange sends. */
  change = 0;
  /** Epoch seconds; 0 when the exchange sent none. */
  lastTradeTime = 0;
  exchangeTimestamp = 0;
  oi = 0;
  oiDayHigh = 0;
  oiDayLow = 0;
  /** Full packets only: five levels per side, best first; an empty level is quantity 0. */
  readonly bidQuantity = new Uint32Array(DEPTH_LEVELS);
  readonly bidPrice = new Int32Array(DEPTH_LEVELS);
  readonly bidOrders = new Uint16Array(DEPTH_LEVELS);
  readonly askQuantity = new Uint32Array(DEPTH_LEVELS);
  readonly askPrice = new Int32Array(DEPTH_LEVELS);
  readonly askOrders = new Uint16Array(DEPTH_LEVELS);

  get hasDepth(): boolean {
    return this.kind === 'full';
  }

  /** Quote and full packets of tradable instruments carry volume and last traded quantity. */
  get hasVolume(): boolean {
    return this.kind === 'quote' || this.kind === 'full';
  }
}
