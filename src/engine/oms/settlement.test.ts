import { describe, expect, it } from 'vitest';
import { SimulatedClock, type Fill } from '../core';
import { InstrumentRegistry, type Instrument } from '../instruments';
import { Portfolio } from '../portfolio';
import { createSimVenue, type SimVenue, type VenueEvent } from '../venues';
import { engineDirs, type Engine } from './simEngine.fixture';

/*
 * A SIM option held to its expiry: the venue closes the position itself (cash at intrinsic value)
 * and says so with `positionSettled`. The OMS books it as an order of source 'settlement' with one
 * fill, journaled like any other; the portfolio realises P&L at the settlement price; a restart, a
 * crash and the venue repeating itself book it exactly once. Real journal, store, SIM venue (with
 * its options), risk and portfolio, wired as the terminal wires them.
 */
const engines = engineDirs();
// Tuesday 06:59 UTC: the daily expires at 08:00, 61 minutes away (a series is listed an hour before its end).
const START = Date.UTC(2026, 11, 8, 6, 59);
const EXPIRY = Date.UTC(2026, 11, 8, 8);

async function optionsVenue(clock: SimulatedClock): Promise<SimVenue> {
  const venue = createSimVenue({ clock, seed: 9, options: true, dataDir: engines.dir });
  await venue.connect();
  return venue;
}

/** Today's BTC-USDT put with the strike nearest the spot. */
function dailyPut(venue: SimVenue): Instrument {
  const spot = venue.fairValue('BTC-USDT')!;
  const puts = venue.instruments().filter((i) => i.contract?.kind === 'put' && i.contract.underlying === 'BTC-USDT' && i.contract.expiry === EXPIRY);
  return puts.reduce((best, i) => (Math.abs(i.contract!.strike! - spot) < Math.abs(best.contract!.strike! - spot) ? i : best));
}

async function start(clock: SimulatedClock, venue: SimVenue): Promise<Engine> {
  const run = await engines.start({ clock, carried: [venue], limits: { maxOrderQty: '10' } });
  await run.oms.reconcile();
  await run.settle();
  return run;
}

/** Buys `qty` puts through the OMS (limit IOC above the ask, so it fills) and returns the entry fill. */
async function buyPut(run: Engine, put: Instrument, qty: number): Promise<Fill> {
  const ask = run.venue.book(put.symbol, 1)!.asks[0]![0];
  const placed = run.oms.submit({ venue: 'SIM', symbol: put.symbol, side: 'buy', type: 'limit', tif: 'IOC', price: ask + 20, qty }, 'ticket');
  if (!placed.ok) throw new Error(placed.error.message);
  await run.settle();
  const fills = run.oms.fills().filter((f) => f.clientOrderId === placed.value.clientOrderId);
  expect(fills.reduce((n, f) => n + f.qty, 0)).toBe(qty);
  return fills[0]!;
}

/** Runs the venue clock to the expiry a minute at a time (the venue's own test checks the intrinsic value it settles at). */
async function runPastExpiry(run: Engine, clock: SimulatedClock): Promise<void> {
  while (clock.now() + 60_000 < EXPIRY) {
    clock.advance(60_000);
    await run.settle();
  }
  clock.set(EXPIRY);
  await run.settle();
}

/** What P&L a plain sale of the position at `price` would realise: the settlement must book the same. */
function realisedBySelling(instruments: Instrument[], entries: Fill[], price: number, qty: number): number {
  const registry = new InstrumentRegistry();
  for (const i of instruments) registry.add(i);
  const reference = new Portfolio(registry);
  for (const f of entries) reference.applyFill(f);
  const last = entries[entries.length - 1]!;
  reference.applyFill({ ...last, fillId: 'reference-sale', clientOrderId: 'reference-sale', side: 'sell', price, qty, fee: 0 });
  return reference.position('SIM', last.symbol)!.realisedPnl;
}

describe('OMS: a position the venue settles at expiry', () => {
  it('is booked as a settlement order and fill, closes the position and realises P&L at the settlement price; a restart books nothing twice', async () => {
    const clock = new SimulatedClock(START);
    const venue = await optionsVenue(clock);
    const put = dailyPut(venue);
    const first = await start(clock, venue);
    const seen: VenueEvent[] = [];
    venue.onEvent((e) => seen.push(e));
    await buyPut(first, put, 2);
    const entries = first.oms.fills().filter((f) => f.symbol === put.symbol);
    expect(first.portfolio.position('SIM', put.symbol)?.qty).toBe(2);

    await runPastExpiry(first, clock);
    const event = seen.find((e) => e.type === 'positionSettled')!;
    expect(event).toMatchObject({ symbol: put.symbol, side: 'sell', qty: 2 });
    const intrinsic = event.type === 'positionSettled' ? event.price : NaN;
    const id = `SETTLE-${put.symbol}`;
    const settlement = first.oms.fills().find((f) => f.clientOrderId === id);
    expect(settlement).toMatchObject({ venue: 'SIM', symbol: put.symbol, side: 'sell', qty: 2, price: intrinsic, fee: 0, settlement: true });
    expect(entries.every((f) => f.settlement === undefined)).toBe(true); // a trade is not marked
    expect(first.oms.get(id)).toMatchObject({ source: 'settlement', status: 'filled', filledQty: 2, side: 'sell' });
    const position = first.portfolio.position('SIM', put.symbol)!;
    expect(position.qty).toBe(0);
    expect(position.realisedPnl).toBe(realisedBySelling(venue.instruments(), entries, intrinsic, 2));
    const audit = first.oms.audit({ clientOrderId: id });
    expect(audit.map((a) => [a.action, a.source])).toEqual([
      ['submit', 'settlement'],
      ['fill', 'venue'],
    ]);

    // The venue saying it again (a resent report) books nothing more.
    first.oms.onVenueEvent(event);
    await first.settle();
    expect(first.oms.fills().filter((f) => f.clientOrderId === id)).toHaveLength(1);
    const fills = first.oms.fills();
    await first.stop();

    // Restart: journal snapshot + replay, SQLite, reconcile with the venue (which settled already).
    const second = await start(clock, venue);
    expect(second.oms.fills()).toEqual(fills);
    expect(second.portfolio.position('SIM', put.symbol)).toMatchObject({ qty: 0, realisedPnl: position.realisedPnl });
    expect(second.oms.get(id)).toMatchObject({ source: 'settlement', status: 'filled' });
    second.oms.onVenueEvent(event);
    await second.settle();
    expect(second.oms.fills()).toEqual(fills);
  });

  it('survives a crash right after the settlement: the journal replays it once, reconcile adds nothing', async () => {
    const clock = new SimulatedClock(START);
    const venue = await optionsVenue(clock);
    const put = dailyPut(venue);
    const first = await start(clock, venue);
    await buyPut(first, put, 3);
    await runPastExpiry(first, clock);
    const fills = first.oms.fills();
    expect(fills.filter((f) => f.settlement === true)).toHaveLength(1);
    const realised = first.portfolio.position('SIM', put.symbol)!.realisedPnl;
    first.crash(); // no snapshot: the next start replays the journal

    const second = await start(clock, venue);
    expect(second.oms.fills()).toEqual(fills);
    expect(second.portfolio.position('SIM', put.symbol)).toMatchObject({ qty: 0, realisedPnl: realised });
    expect(second.oms.orders().filter((o) => o.source === 'settlement')).toHaveLength(1);
  });
});
