import { afterEach, describe, expect, it } from 'vitest';
import { BookService } from '../book';
import { SimulatedClock, silentLogger, type Symbol, type VenueId } from '../core';
import { InstrumentRegistry } from '../instruments';
import { OrderManager, type Order, type OrderRequest } from '../oms';
import { Portfolio } from '../portfolio';
import { ExposureTracker, KillSwitch, type RiskLimitsConfig, RiskManager } from '../risk';
import { T0, TempStore } from '../risk/testSupport';
import { openJournal } from '../storage';
import { createSimVenue, type SimVenue } from '../venues';
import { bindRisk, createRisk } from './riskWiring';

/*
 * Risk wired by the terminal's own createRisk/bindRisk to the real OMS, two real SIM venues (SIM-A,
 * SIM-B) and the real book worker: order and fill events feed the ExposureTracker and the breakers,
 * the kill switch's engage runs a tracked cancel-all and, when asked, a flatten. SIM delivers its
 * events in a microtask; settle() lets them (and the book worker) catch up.
 */
const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

interface Engine {
  clock: SimulatedClock;
  venues: Record<string, SimVenue>;
  oms: OrderManager;
  risk: RiskManager;
  killSwitch: KillSwitch;
  tracker: ExposureTracker;
  touch(venue: VenueId, symbol: Symbol, side: 'bid' | 'ask'): number;
  submit(req: OrderRequest): { ok: boolean; reason?: string; order?: Order };
  sync(): Promise<void>;
  books: BookService;
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

async function start(config: Partial<RiskLimitsConfig>): Promise<Engine> {
  const temp = new TempStore();
  cleanup.push(() => temp.cleanup());
  const clock = new SimulatedClock(T0);
  const store = temp.store();
  const venues = { 'SIM-A': createSimVenue({ id: 'SIM-A', clock, seed: 7 }), 'SIM-B': createSimVenue({ id: 'SIM-B', clock, seed: 8 }) };
  const registry = new InstrumentRegistry();
  for (const v of Object.values(venues)) for (const inst of v.instruments()) registry.add(inst);
  const books = new BookService({ capacity: 16, depth: 10 });
  cleanup.push(() => books.close());
  for (const v of Object.values(venues)) v.onEvent((e) => void books.onVenueEvent(e));

  // The terminal's own wiring, on two venues.
  const killSwitch = new KillSwitch({ clock, store });
  const parts = createRisk({
    clock,
    store,
    registry,
    books,
    killSwitch,
    logger: silentLogger,
    defaults: {},
    config: { defaults: {}, instruments: {}, ...config },
    pnlOf: () => 0,
  });
  const { risk, tracker } = parts;
  const opened = openJournal(temp.dir, { clock, fsync: { mode: 'none' } });
  if (!opened.ok) throw new Error(opened.error.message);
  const oms = new OrderManager({ clock, store, journal: opened.value.journal, venues: Object.values(venues), instruments: registry, risk });
  oms.recover();
  const portfolio = new Portfolio(registry);
  oms.events.on('fill', (f) => portfolio.applyFill(f));
  const unbind = bindRisk(parts, { oms, portfolio, killSwitch, venues: Object.values(venues), logger: silentLogger, books, clock });

  for (const v of Object.values(venues)) await v.connect();
  cleanup.push(async () => {
    unbind();
    await oms.close();
    for (const v of Object.values(venues)) await v.disconnect();
  });
  // The OMS sends nothing until its journal has the command: let it, the venues and the book worker catch up.
  const sync = async (): Promise<void> => {
    for (let i = 0; i < 3; i++) {
      await settle();
      await oms.settled();
    }
    await books.whenApplied();
  };
  await sync();

  return {
    clock,
    venues,
    oms,
    risk,
    killSwitch,
    tracker,
    touch: (venue, symbol, side) => {
      const book = venues[venue as 'SIM-A']!.book(symbol, 1)!;
      return (side === 'bid' ? book.bids : book.asks)[0]![0];
    },
    submit: (req) => {
      const r = oms.submit(req, 'ticket');
      return r.ok ? { ok: true, order: r.value } : { ok: false, reason: r.error.message };
    },
    sync,
    books,
  };
}

const restingBuy = (e: Engine, venue: VenueId, symbol = 'BTC-USDT', qty = 30): OrderRequest => ({
  venue,
  symbol,
  side: 'buy',
  type: 'limit',
  price: e.touch(venue, symbol, 'bid') - 200,
  qty,
});

describe('risk with the OMS on two SIM venues', () => {
  it('counts the working orders the OMS reports, per venue, and frees the room when they are canceled', async () => {
    const e = await start({ instruments: { 'SIM-A:BTC-USDT': { maxLongPosition: '0.005' } }, venueDefaults: { maxOpenOrders: 2 } });
    expect(e.submit(restingBuy(e, 'SIM-A')).ok).toBe(true);
    await e.sync();
    expect(e.submit(restingBuy(e, 'SIM-A'))).toEqual({
      ok: false,
      reason:
        'long position could reach 0.006 BTC (position 0 BTC + working buys 0.003 BTC + this order 0.003 BTC), above the max long position 0.005 BTC for SIM-A:BTC-USDT',
    });
    expect(e.submit(restingBuy(e, 'SIM-A', 'ETH-USDT', 100)).ok).toBe(true);
    await e.sync();
    expect(e.submit(restingBuy(e, 'SIM-A', 'SOL-USDT', 100))).toEqual({
      ok: false,
      reason: 'open orders on venue SIM-A would be 3, above the max 2',
    });
    expect(e.submit(restingBuy(e, 'SIM-B')).ok).toBe(true); // SIM-B has its own room
    await e.sync();
    expect(e.oms.cancelAll({ venue: 'SIM-A', symbol: 'BTC-USDT' }, 'ticket')).toBe(1);
    await e.sync();
    expect(e.submit(restingBuy(e, 'SIM-A', 'BTC-USDT', 50)).ok).toBe(true);
  });

  it('a burst in one turn cannot pass the open-order limit before the first orders are durable', async () => {
    const e = await start({ venueDefaults: { maxOpenOrders: 2 } });
    expect(e.submit(restingBuy(e, 'SIM-A', 'ETH-USDT', 100)).ok).toBe(true);
    expect(e.submit(restingBuy(e, 'SIM-A', 'SOL-USDT', 100)).ok).toBe(true);
    expect(e.submit(restingBuy(e, 'SIM-A', 'BTC-USDT', 50))).toEqual({ ok: false, reason: 'open orders on venue SIM-A would be 3, above the max 2' });
  });

  it('a breaker opened on SIM-A refuses SIM-A only, and a real probe order through the venue closes it', async () => {
    const e = await start({ breakers: { defaults: { maxErrors: 0, initialBackoffMs: 1_000 } } });
    e.risk.onVenueError('SIM-A', 'socket closed');
    expect(e.submit(restingBuy(e, 'SIM-A'))).toMatchObject({
      ok: false,
      reason: 'circuit breaker OPEN for venue SIM-A: 1 venue error within 10 s, above 0; last: socket closed; a probe order is allowed in 1000 ms',
    });
    expect(e.oms.orders().at(-1)).toMatchObject({ status: 'rejected', venue: 'SIM-A' }); // the blotter shows it
    expect(e.submit(restingBuy(e, 'SIM-B')).ok).toBe(true);
    e.clock.advance(1_000);
    await e.sync();
    const probe = e.submit(restingBuy(e, 'SIM-A'));
    expect(probe.ok).toBe(true);
    expect(e.submit(restingBuy(e, 'SIM-A', 'ETH-USDT', 100)).reason).toMatch(/^circuit breaker HALF_OPEN for venue SIM-A: waiting for the answer to the probe order/);
    await e.sync(); // the venue acknowledges the probe
    expect(e.oms.get(probe.order!.clientOrderId)?.status).toBe('accepted');
    expect(e.risk.breakerTransitions().map((t) => `${t.venue} ${t.from}->${t.to}`)).toEqual([
      'SIM-A CLOSED->OPEN',
      'SIM-A OPEN->HALF_OPEN',
      'SIM-A HALF_OPEN->CLOSED',
    ]);
    expect(e.submit(restingBuy(e, 'SIM-A', 'ETH-USDT', 100)).ok).toBe(true);
  });

  it('the kill switch cancels on both venues, records the outcome, and flattens every position when asked', async () => {
    const e = await start({});
    e.killSwitch.setFlattenOnEngage(true, 'ticket');
    // Positions on both venues, and resting orders on both.
    expect(e.submit({ venue: 'SIM-A', symbol: 'BTC-USDT', side: 'buy', type: 'market', qty: 20 }).ok).toBe(true);
    expect(e.submit({ venue: 'SIM-B', symbol: 'ETH-USDT', side: 'sell', type: 'market', qty: 50 }).ok).toBe(true);
    await e.sync();
    const resting = [e.submit(restingBuy(e, 'SIM-A')), e.submit(restingBuy(e, 'SIM-B'))].map((r) => r.order!.clientOrderId);
    await e.sync();
    expect(e.tracker.positions()).toEqual(
      expect.arrayContaining([
        { venue: 'SIM-A', symbol: 'BTC-USDT', qty: 20 },
        { venue: 'SIM-B', symbol: 'ETH-USDT', qty: -50 },
      ]),
    );

    e.killSwitch.engage('hotkey', 'stop everything');
    await e.sync();
    await e.sync();
    expect(resting.map((id) => e.oms.get(id)?.status)).toEqual(['canceled', 'canceled']);
    expect(e.killSwitch.lastCancelOutcome()).toMatchObject({ requested: 2, canceled: 2, notCanceled: [], durationMs: 0 });
    // The flatten orders went through the engaged switch and closed both positions...
    expect(e.tracker.positions()).toEqual([]);
    const flatten = e.oms.orders().filter((o) => o.source === 'kill_switch');
    // (reduce-only, so that a flatten can never open a position the other way)
    expect(flatten.map((o) => [o.venue, o.symbol, o.side, o.qty, o.reduceOnly, o.status])).toEqual([
      ['SIM-A', 'BTC-USDT', 'sell', 20, true, 'filled'],
      ['SIM-B', 'ETH-USDT', 'buy', 50, true, 'filled'],
    ]);
    // ...and nothing else does.
    expect(e.submit({ venue: 'SIM-A', symbol: 'BTC-USDT', side: 'sell', type: 'market', qty: 20 }).reason).toBe('kill switch engaged');
  });

  it('the kill switch cancels 100 working orders across two venues, and says how long it took', async () => {
    const e = await start({});
    const ids: string[] = [];
    for (let i = 0; i < 100; i++) {
      const venue = i % 2 === 0 ? 'SIM-A' : 'SIM-B';
      const placed = e.submit({ ...restingBuy(e, venue, 'SOL-USDT', 100), price: e.touch(venue, 'SOL-USDT', 'bid') - 20 - (i % 30) });
      expect(placed.ok).toBe(true);
      ids.push(placed.order!.clientOrderId);
    }
    await e.sync();
    expect(ids.every((id) => e.oms.get(id)?.status === 'accepted')).toBe(true);

    const started = performance.now();
    e.killSwitch.engage('bridge', '100 orders');
    await e.sync();
    await e.sync();
    const wallMs = performance.now() - started;
    expect(ids.filter((id) => e.oms.get(id)?.status !== 'canceled')).toEqual([]);
    const outcome = e.killSwitch.lastCancelOutcome()!;
    expect(outcome).toMatchObject({ requested: 100, canceled: 100, notCanceled: [] });
    console.log(`kill switch: 100 working orders on SIM-A and SIM-B canceled and confirmed in ${wallMs.toFixed(1)} ms wall time`);
  });

  it('a stale book opens the breaker of that instrument only, the others keep trading', async () => {
    const e = await start({ breakers: { defaults: { staleBook: true } } });
    expect(e.books.markStale('SIM-A:ETH-USDT', 'test gap').ok).toBe(true);
    await e.sync();
    e.clock.advance(300);
    expect(e.submit(restingBuy(e, 'SIM-A', 'ETH-USDT', 100)).reason).toMatch(/circuit breaker OPEN for SIM-A:ETH-USDT/);
    expect(e.submit(restingBuy(e, 'SIM-A', 'BTC-USDT')).ok).toBe(true);
  });

  it('cancels refused while a venue is down are sent again until the venue confirms them', async () => {
    const e = await start({});
    const ids = [e.submit(restingBuy(e, 'SIM-A')), e.submit(restingBuy(e, 'SIM-A', 'ETH-USDT', 100))].map((r) => r.order!.clientOrderId);
    await e.sync();
    await e.venues['SIM-A']!.disconnect();
    e.killSwitch.engage('bridge', 'venue trouble');
    await e.sync();
    expect(ids.map((id) => e.oms.get(id)?.status)).toEqual(['accepted', 'accepted']);

    await e.venues['SIM-A']!.connect();
    await e.sync();
    e.clock.advance(1_000); // the next retry
    await e.sync();
    expect(ids.map((id) => e.oms.get(id)?.status)).toEqual(['canceled', 'canceled']);
  });
});
