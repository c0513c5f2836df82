/**
 * Test set-up for the Kite adapter: a loopback Kite venue standing on a Monday at 10:00 IST (its clock
 * runs in real time from there, so that the adapter's paced requests and polls really wait), logged in
 * through Kite's own session exchange and checksum, the day's instruments parsed from the venue's
 * GET /instruments, and the order updates of a KiteTicker socket (its `{"type":"order"}` text messages)
 * as the adapter's order update source.
 */
import { afterEach } from 'vitest';
import WebSocket from 'ws';
import { LiveClock, recordingLogger, type VenueEvent } from '../../../core';
import { parsePrice, type Instrument } from '../../../instruments';
import type { VenueOrderRequest } from '../../types';
import { parseInstrumentsCsv, type KiteInstrument } from '../instruments';
import { checksumOf, startKiteLoopback, type KiteLoopback, type KiteLoopbackConfig } from '../testSupport';
import { KiteAdapter, type KiteAdapterOptions, type KiteOrderUpdateSource } from './kiteAdapter';
import { KitePacer } from './kitePacer';
import type { KiteOrderWire } from './kiteWire';

export const APP = { apiKey: 'kiteadaptertest01', apiSecret: 'kiteadaptersecret000000000000001', redirectUrl: 'http://127.0.0.1:9/kite/callback' };

/** Monday 7 December 2026, 10:00 IST: the market is open. */
export const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);
/** The same Monday, 16:00 IST: closed, AMO time. */
export const MONDAY_16_IST = Date.UTC(2026, 11, 7, 10, 30);

/** The wall clock, moved to `start`: the venue's market hours see that day, timers run in real time. */
export class ShiftedClock extends LiveClock {
  private readonly shift: number;
  constructor(start: number) {
    super();
    this.shift = start - super.now();
  }
  override now(): number {
    return super.now() + this.shift;
  }
}

/** The loopback's own limits, roomy, so that only the rate-limit test meets Kite's. */
export const ROOMY_VENUE = { ordersPerSecond: 1000, ordersPerMinute: 10_000, quotesPerSecond: 1000, otherPerSecond: 1000 };

/** The adapter's pacer for tests not about rate limits: Kite's order limit, reads faster than Kite's 3/s. */
export const roomyPacer = (clock: LiveClock): KitePacer =>
  new KitePacer(clock, { order: [{ limit: 10, windowMs: 1_000 }], quote: [{ limit: 10, windowMs: 1_000 }], other: [{ limit: 50, windowMs: 1_000 }] });

/** The order updates of one KiteTicker socket. */
export class TickerOrderUpdates implements KiteOrderUpdateSource {
  private readonly listeners = new Set<(u: KiteOrderWire) => void>();
  private ws: WebSocket | undefined;

  async open(tickerUrl: string, apiKey: string, accessToken: string): Promise<void> {
    const ws = new WebSocket(`${tickerUrl}?api_key=${apiKey}&access_token=${accessToken}`);
    this.ws = ws;
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      const msg = JSON.parse(String(data)) as { type?: string; data?: KiteOrderWire };
      if (msg.type === 'order' && msg.data) for (const l of this.listeners) l(msg.data);
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
  }

  onOrderUpdate(listener: (u: KiteOrderWire) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  close(): void {
    this.ws?.terminate();
  }
}

export async function kiteLogin(venue: KiteLoopback): Promise<string> {
  const requestToken = venue.control.issueRequestToken();
  const res = await fetch(`${venue.restUrl}/session/token`, {
    method: 'POST',
    headers: { 'X-Kite-Version': '3', 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ api_key: APP.apiKey, request_token: requestToken, checksum: checksumOf(APP.apiKey, requestToken, APP.apiSecret) }).toString(),
  });
  const body = (await res.json()) as { data?: { access_token?: string } };
  if (!body.data?.access_token) throw new Error(`login failed: ${JSON.stringify(body)}`);
  return body.data.access_token;
}

export async function kiteInstruments(venue: KiteLoopback, accessToken: string): Promise<KiteInstrument[]> {
  const res = await fetch(`${venue.restUrl}/instruments`, { headers: { 'X-Kite-Version': '3', Authorization: `token ${APP.apiKey}:${accessToken}` } });
  return parseInstrumentsCsv(await res.text(), 'kite').instruments;
}

export interface KiteSetup {
  venue: KiteLoopback;
  clock: ShiftedClock;
  adapter: KiteAdapter;
  events: VenueEvent[];
  logger: ReturnType<typeof recordingLogger>;
  updates: TickerOrderUpdates;
  accessToken: string;
  instruments: Instrument[];
  /** The same with their instrument tokens (for the ticker). */
  kiteInstruments: KiteInstrument[];
  /** The events of one type about one order. */
  of<T extends VenueEvent['type']>(type: T, clientOrderId?: string): Extract<VenueEvent, { type: T }>[];
}

const running: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of running.splice(0)) await close();
});

export interface KiteSetupOptions {
  at?: number;
  venue?: Partial<KiteLoopbackConfig>;
  adapter?: Partial<KiteAdapterOptions>;
  /** Adapter options that need the venue, its login or the instruments (a market feed on its ticker). */
  more?: (ctx: { venue: KiteLoopback; clock: ShiftedClock; accessToken: string; dump: KiteInstrument[]; logger: ReturnType<typeof recordingLogger> }) => Partial<KiteAdapterOptions>;
  connect?: boolean;
}

export async function kiteSetup(options: KiteSetupOptions = {}): Promise<KiteSetup> {
  const clock = new ShiftedClock(options.at ?? MONDAY_10_IST);
  const venue = await startKiteLoopback({ app: APP, clock, limits: ROOMY_VENUE, ...options.venue });
  const accessToken = await kiteLogin(venue);
  const dump = await kiteInstruments(venue, accessToken);
  const instruments = dump.map((k) => k.instrument);
  const updates = new TickerOrderUpdates();
  await updates.open(venue.tickerUrl, APP.apiKey, accessToken);
  const logger = recordingLogger();
  const adapter = new KiteAdapter({
    account: { name: 'kite', apiKey: APP.apiKey, restUrl: venue.restUrl },
    accessToken: () => accessToken,
    instruments: async () => instruments,
    clock,
    logger,
    random: () => 0.5,
    orderUpdates: updates,
    lostAck: { intervalMs: 50, attempts: 60, settleMs: 1_000 },
    settle: { intervalMs: 50, attempts: 40 },
    rateLimitBackoff: { initialMs: 40, maxMs: 200 },
    portfolioRefreshMs: 60_000,
    pacer: roomyPacer(clock),
    timeoutMs: 1_500,
    ...options.adapter,
    ...options.more?.({ venue, clock, accessToken, dump, logger }),
  });
  const events: VenueEvent[] = [];
  adapter.onEvent((e) => events.push(e));
  running.push(async () => {
    await adapter.disconnect();
    updates.close();
    clock.clearAll();
    await venue.close();
  });
  if (options.connect !== false) await adapter.connect();
  const of = <T extends VenueEvent['type']>(type: T, clientOrderId?: string) =>
    events.filter((e): e is Extract<VenueEvent, { type: T }> => e.type === type && (clientOrderId === undefined || (e as { clientOrderId?: string }).clientOrderId === clientOrderId));
  return { venue, clock, adapter, events, logger, updates, accessToken, instruments, kiteInstruments: dump, of };
}

/** Waits in real time until `done` holds; fails naming `what` after `maxPolls` polls 20 ms apart (a bound, not a timing assertion). */
export async function waitUntil(done: () => unknown, what: string, maxPolls = 500): Promise<void> {
  for (let i = 0; i < maxPolls && !done(); i++) await new Promise((r) => setTimeout(r, 20));
  if (!done()) throw new Error(`${what}: not after ${maxPolls} polls 20 ms apart`);
}

export const INFY = 'NSE:INFY';
export const NIFTY_FUT = 'NFO:NIFTY26DECFUT';

/** The set-up's instrument of `symbol` (INFY unless told). */
export const instrumentOf = (s: KiteSetup, symbol = INFY): Instrument => s.instruments.find((i) => i.symbol === symbol)!;

/** `text` rupees in the instrument's ticks; off the tick grid is a test error. */
export function ticksOf(inst: Instrument, text: string): number {
  const p = parsePrice(inst, text);
  if (!p.ok) throw new Error(p.reason);
  return p.value;
}

let orderSeq = 0;
/** A DAY limit buy of one INFY share for delivery (CNC), with a fresh clientOrderId; `over` changes any term. */
export const kiteOrder = (over: Partial<VenueOrderRequest> = {}): VenueOrderRequest => ({
  clientOrderId: `sqtest${Date.now().toString(36)}-${++orderSeq}`,
  symbol: INFY,
  side: 'buy',
  type: 'limit',
  tif: 'DAY',
  postOnly: false,
  reduceOnly: false,
  qty: 1,
  product: 'CNC',
  ...over,
});
