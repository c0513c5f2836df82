import { KiteTicker } from 'kiteconnect';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_EXTRA_INSTRUMENTS, DEFAULT_MARKETS, NIFTY_OPTION_INSTRUMENTS, NIFTY_OPTION_MARKETS, niftyOptionOiLots } from './config';
import { APP, limitOrder, loggedIn, waitFor } from './loopback.fixture';
import { recordedJson } from './recordings';
import { binaryOfLength, orderUpdate, TickerClient, type TickerMessage } from './tickerClient.fixture';

const sockets: TickerClient[] = [];
afterEach(() => sockets.splice(0).forEach((s) => s.close()));

async function connected(extra = {}) {
  const s = await loggedIn(extra);
  const ticker = await TickerClient.connect(s.venue, APP.apiKey, s.client.accessToken!);
  sockets.push(ticker);
  return { ...s, ticker };
}

const parse = (m: TickerMessage) => {
  const b = m.data as Buffer;
  return (KiteTicker.prototype as unknown as { parseBinary(b: ArrayBuffer): any[] }).parseBinary.call({}, new Uint8Array(b).buffer as ArrayBuffer);
};

describe('loopback KiteTicker', () => {
  it('refuses a bad access token at the handshake with HTTP 403', async () => {
    const { venue } = await loggedIn();
    await expect(TickerClient.connect(venue, APP.apiKey, 'f'.repeat(32))).rejects.toMatchObject({ status: 403 });
  });

  it('subscribe sends the current quote; mode full switches to 184-byte packets with five levels', async () => {
    const { ticker } = await connected();
    ticker.send({ a: 'subscribe', v: [408065] });
    const quote = await ticker.next(binaryOfLength(44), 'quote snapshot');
    expect(parse(quote)[0]).toMatchObject({ mode: 'quote', instrument_token: 408065, last_price: 1573.7 });
    ticker.send({ a: 'mode', v: ['full', [408065]] });
    const full = parse(await ticker.next(binaryOfLength(184), 'full snapshot'))[0];
    expect(full.depth.buy).toHaveLength(5);
    expect(full.depth.sell[0]).toEqual({ price: 1573.7, quantity: 172, orders: 3 });
  });

  it('a market move ticks subscribers in their mode; unsubscribe stops it', async () => {
    const { ticker, venue } = await connected();
    ticker.send({ a: 'subscribe', v: [13238786] });
    ticker.send({ a: 'mode', v: ['ltp', [13238786]] });
    await ticker.next(binaryOfLength(8), 'ltp snapshot');
    const from = ticker.messages.length;
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24155.5');
    const tick = await ticker.next(binaryOfLength(8), 'ltp tick', from);
    expect(parse(tick)[0]).toMatchObject({ mode: 'ltp', last_price: 24155.5 });
    ticker.send({ a: 'unsubscribe', v: [13238786] });
    await waitFor(() => venue.control.tickerSubscriptions().size === 0, 'unsubscribed');
    const after = ticker.messages.length;
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24160');
    // A later subscription's snapshot is the marker: nothing for NIFTY came before it.
    ticker.send({ a: 'subscribe', v: [408065] });
    await ticker.next(binaryOfLength(44), 'INFY snapshot', after);
    expect(ticker.messages.slice(after).filter(binaryOfLength(8))).toHaveLength(0);
  });

  it('a market move trades one lot: an F&O contract\'s volume and last quantity move by its lot, an equity\'s by one share', async () => {
    const { ticker, venue } = await connected();
    ticker.send({ a: 'subscribe', v: [13238786, 408065] });
    const snapshots = await ticker.next(binaryOfLength(44 * 2 + 2), 'both quote snapshots');
    const before = new Map(parse(snapshots).map((t: { instrument_token: number; volume_traded: number }) => [t.instrument_token, t.volume_traded]));
    const from = ticker.messages.length;
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24155.5');
    const future = parse(await ticker.next(binaryOfLength(44), 'NIFTY future tick', from))[0];
    expect(future).toMatchObject({ instrument_token: 13238786, last_traded_quantity: 75, volume_traded: before.get(13238786)! + 75 });
    const next = ticker.messages.length;
    venue.control.setPrice('NSE:INFY', '1574');
    const equity = parse(await ticker.next(binaryOfLength(44), 'INFY tick', next))[0];
    expect(equity).toMatchObject({ instrument_token: 408065, last_traded_quantity: 1, volume_traded: before.get(408065)! + 1 });
  });

  it('index instruments tick as 28 / 32-byte packets', async () => {
    const { ticker } = await connected();
    ticker.send({ a: 'subscribe', v: [256265] });
    expect(parse(await ticker.next(binaryOfLength(28), 'index quote'))[0]).toMatchObject({ tradable: false, last_price: 24102.35 });
    ticker.send({ a: 'mode', v: ['full', [256265]] });
    const full = parse(await ticker.next(binaryOfLength(32), 'index full'))[0];
    // kiteconnect reads the level, the day's OHLC, the change from the close and the exchange time.
    expect(full).toMatchObject({ mode: 'full', tradable: false, instrument_token: 256265, last_price: 24102.35, ohlc: { open: 24050.1, high: 24150.8, low: 23990.25, close: 24012.6 } });
    expect(full.change).toBeCloseTo(((24102.35 - 24012.6) / 24012.6) * 100, 9);
    expect(full.exchange_timestamp).toBeInstanceOf(Date);
  });

  it("an option's full packet carries its open interest and the day's range in units, as kiteconnect reads them", async () => {
    const { ticker, venue } = await connected({ extraInstruments: [...DEFAULT_EXTRA_INSTRUMENTS, ...NIFTY_OPTION_INSTRUMENTS], markets: [...DEFAULT_MARKETS, ...NIFTY_OPTION_MARKETS] });
    const token = Number(NIFTY_OPTION_INSTRUMENTS.find((r) => r.tradingsymbol === 'NIFTY26DEC24000CE')!.instrument_token);
    ticker.send({ a: 'subscribe', v: [token] });
    ticker.send({ a: 'mode', v: ['full', [token]] });
    const lots = niftyOptionOiLots(24000, 'CE');
    expect(parse(await ticker.next(binaryOfLength(184), 'option full'))[0]).toMatchObject({ instrument_token: token, oi: lots * 75, oi_day_high: (lots + 10) * 75, oi_day_low: (lots - 20) * 75 });
    const from = ticker.messages.length;
    venue.control.setOpenInterest('NFO:NIFTY26DEC24000CE', (lots + 40) * 75);
    expect(parse(await ticker.next(binaryOfLength(184), 'OI tick', from))[0]).toMatchObject({ oi: (lots + 40) * 75, oi_day_high: (lots + 40) * 75, oi_day_low: (lots - 20) * 75 });
    expect(() => venue.control.setOpenInterest('NFO:NIFTY26DEC24000CE', 100)).toThrow('not a whole number of 75-unit lots');
  });

  it('an idle socket gets the one-byte heartbeat every second of the venue clock', async () => {
    const { ticker, clock } = await connected();
    clock.advance(1000);
    const hb = await ticker.next((m) => m.binary && m.data.length === 1, 'heartbeat');
    expect(hb.data[0]).toBe(0);
  });

  it('order status changes arrive as {"type":"order","data":...} in postback.json shape', async () => {
    const { ticker, client, venue } = await connected();
    const id = (await client.call('POST', '/orders/regular', limitOrder('NFO', 'NIFTY26DECFUT', 'BUY', 75, '24100', { tag: 'sq9' }))).body.data.order_id;
    const open = await ticker.next(orderUpdate('OPEN'), 'OPEN update');
    const recorded = recordedJson('postback.json');
    for (const k of Object.keys(recorded)) expect(open.data.data).toHaveProperty(k);
    expect(open.data.data).toMatchObject({ order_id: id, tag: 'sq9', user_id: 'AB1234', pending_quantity: 75 });
    venue.control.setPrice('NFO:NIFTY26DECFUT', '24100');
    const done = await ticker.next(orderUpdate('COMPLETE'), 'COMPLETE update');
    expect(done.data.data).toMatchObject({ order_id: id, filled_quantity: 75, average_price: 24100 });
  });

  it('answers a malformed message with an error text and stays up', async () => {
    const { ticker } = await connected();
    ticker.ws.send('not json');
    const err = await ticker.next((m) => !m.binary && m.data.type === 'error', 'error message');
    expect(typeof err.data.data).toBe('string');
    ticker.send({ a: 'subscribe', v: [408065] });
    await ticker.next(binaryOfLength(44), 'still serving');
  });
});
