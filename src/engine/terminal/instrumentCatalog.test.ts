import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { type Instrument, InstrumentRegistry } from '../instruments';
import { CATALOG_MIN_GAP_MS, FULL_LIST_MAX_INSTRUMENTS, InstrumentCatalog, type InstrumentCatalogView } from './instrumentCatalog';

const EXPIRY = Date.UTC(2026, 11, 31, 10, 0);

/** Kite-like: NSE cash names plus NFO options on a few underlyings, `n` in all. */
function kiteLike(venue: string, n: number): Instrument[] {
  const out: Instrument[] = [];
  const common = { venue, quote: 'INR', priceDecimals: 2, qtyDecimals: 0, tickSize: 5, minNotional: 0 };
  for (let i = 0; out.length < n && i < 2_000; i++) {
    const ts = `STOCK${i}`;
    out.push({ ...common, symbol: `NSE:${ts}`, venueSymbol: ts, base: ts, lotSize: 1, exchange: 'NSE', segment: 'NSE', name: `COMPANY ${i}`, displayName: ts });
  }
  const unders = ['NIFTY', 'BANKNIFTY', 'FINNIFTY', 'MIDCPNIFTY'];
  for (let i = 0; out.length < n; i++) {
    const under = unders[i % unders.length]!;
    const strike = 10_000 + Math.floor(i / 8) * 50;
    const kind = Math.floor(i / 4) % 2 === 0 ? 'CE' : 'PE';
    const ts = `${under}26DEC${strike}${kind}`;
    out.push({
      ...common,
      symbol: `NFO:${ts}`,
      venueSymbol: ts,
      base: under,
      lotSize: 75,
      exchange: 'NFO',
      segment: 'NFO-OPT',
      name: under,
      displayName: `${under} 26DEC ${strike} ${kind}`,
      contract: { kind: kind === 'CE' ? 'call' : 'put', expiry: EXPIRY, strike: strike * 100 },
    });
  }
  return out;
}

function simLike(venue: string): Instrument[] {
  return ['BTC', 'ETH', 'SOL'].map((base) => ({ venue, symbol: `${base}-USDT`, venueSymbol: `${base}USDT`, base, quote: 'USDT', priceDecimals: 2, qtyDecimals: 4, tickSize: 1, lotSize: 1, minNotional: 1_000 }));
}

interface Ref {
  venue: string;
  symbol: string;
}

/** A catalog over a real registry; the trader's world (screen, watchlists, orders, positions, holdings) as plain lists the test changes. */
function setup(kiteCount = 20_000) {
  const clock = new SimulatedClock(1_700_000_000_000);
  const registry = new InstrumentRegistry();
  for (const inst of [...simLike('SIM'), ...kiteLike('KITE', kiteCount)]) registry.add(inst);
  const world = { watched: [] as Ref[], watchlist: [] as Ref[], orders: [] as Ref[], positions: [] as Ref[], held: [] as { venue: string; asset: string }[] };
  const sent: InstrumentCatalogView[] = [];
  const catalog = new InstrumentCatalog(
    registry,
    { relevant: () => [...world.watched, ...world.watchlist, ...world.orders, ...world.positions], heldAssets: () => world.held },
    clock,
    (view) => sent.push(view),
  );
  return { clock, registry, world, sent, catalog };
}

const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));
const kiteSymbols = (v: InstrumentCatalogView) => v.instruments.filter((i) => i.venue === 'KITE').map((i) => i.symbol).sort();

describe('the instrument list the views hold', () => {
  it('lists a small venue whole and a 20k Kite-like venue only by what matters, marked partial', () => {
    const { world, catalog } = setup();
    world.watched = [{ venue: 'KITE', symbol: 'NSE:STOCK7' }];
    world.watchlist = [{ venue: 'KITE', symbol: 'NFO:NIFTY26DEC10000CE' }];
    world.orders = [{ venue: 'KITE', symbol: 'NFO:BANKNIFTY26DEC10000PE' }];
    world.positions = [{ venue: 'KITE', symbol: 'NSE:STOCK8' }, { venue: 'KITE', symbol: 'NSE:NOT-LISTED' }];
    world.held = [{ venue: 'KITE', asset: 'NSE:STOCK9' }, { venue: 'KITE', asset: 'INR' }];
    const view = catalog.view();
    expect(view.instruments.filter((i) => i.venue === 'SIM').map((i) => i.symbol)).toEqual(['BTC-USDT', 'ETH-USDT', 'SOL-USDT']);
    expect(kiteSymbols(view)).toEqual(['NFO:BANKNIFTY26DEC10000PE', 'NFO:NIFTY26DEC10000CE', 'NSE:STOCK7', 'NSE:STOCK8', 'NSE:STOCK9']);
    expect(view.partial).toEqual([{ venue: 'KITE', listed: 5, total: 20_000 }]);
  });

  it('keeps a venue at the threshold whole, with no marker', () => {
    const { catalog } = setup(FULL_LIST_MAX_INSTRUMENTS);
    const view = catalog.view();
    expect(view.partial).toEqual([]);
    expect(view.instruments).toHaveLength(FULL_LIST_MAX_INSTRUMENTS + 3);
  });

  it('sends the list at once when an account adds instruments', () => {
    const { sent, catalog } = setup();
    catalog.listChanged();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.partial).toEqual([{ venue: 'KITE', listed: 0, total: 20_000 }]);
    expect(sent[0]!.instruments).toHaveLength(3);
  });

  it('re-sends when an instrument is focused or gets an order, coalesced, and never when nothing relevant changed', async () => {
    const { clock, world, sent, catalog } = setup();
    catalog.listChanged();
    clock.advance(CATALOG_MIN_GAP_MS);
    // Focusing a searched instrument puts it in the list.
    world.watched = [{ venue: 'KITE', symbol: 'NFO:FINNIFTY26DEC10000CE' }];
    catalog.changed();
    catalog.changed();
    await turn();
    expect(sent).toHaveLength(2);
    expect(kiteSymbols(sent[1]!)).toEqual(['NFO:FINNIFTY26DEC10000CE']);
    expect(sent[1]!.partial).toEqual([{ venue: 'KITE', listed: 1, total: 20_000 }]);
    // Ticks, fills in the same instrument, repeated reports: the same set, nothing sent.
    for (let i = 0; i < 10; i++) catalog.changed();
    world.orders = [{ venue: 'KITE', symbol: 'NFO:FINNIFTY26DEC10000CE' }];
    catalog.changed();
    await turn();
    expect(sent).toHaveLength(2);
    // An order in another instrument soon after: sent once the gap has passed, with both.
    world.orders = [{ venue: 'KITE', symbol: 'NSE:STOCK1' }];
    catalog.changed();
    await turn();
    expect(sent).toHaveLength(2);
    world.positions = [{ venue: 'KITE', symbol: 'NSE:STOCK2' }];
    catalog.changed();
    await turn();
    clock.advance(CATALOG_MIN_GAP_MS);
    expect(sent).toHaveLength(3);
    expect(kiteSymbols(sent[2]!)).toEqual(['NFO:FINNIFTY26DEC10000CE', 'NSE:STOCK1', 'NSE:STOCK2']);
  });

  it('leaves a small venue untouched: what the trader does there never re-sends the list', async () => {
    const { world, sent, catalog } = setup();
    catalog.listChanged();
    world.watched = [{ venue: 'SIM', symbol: 'ETH-USDT' }];
    world.orders = [{ venue: 'SIM', symbol: 'BTC-USDT' }];
    catalog.changed();
    await turn();
    expect(sent).toHaveLength(1);
    expect(catalog.view().instruments.filter((i) => i.venue === 'SIM')).toHaveLength(3);
  });

  it('stops: nothing is sent after', async () => {
    const { world, sent, catalog } = setup();
    catalog.stop();
    world.watched = [{ venue: 'KITE', symbol: 'NSE:STOCK1' }];
    catalog.changed();
    await turn();
    expect(sent).toHaveLength(0);
  });
});

describe('the instruments event size for a 100k-instrument venue', () => {
  it('is the relevant few instead of the whole list (measured, printed)', () => {
    const { world, catalog, registry } = setup(100_000);
    world.watched = [{ venue: 'KITE', symbol: 'NSE:STOCK1' }];
    world.watchlist = Array.from({ length: 20 }, (_, i) => ({ venue: 'KITE', symbol: `NSE:STOCK${100 + i}` }));
    world.orders = [{ venue: 'KITE', symbol: 'NFO:NIFTY26DEC10000CE' }];
    world.positions = [{ venue: 'KITE', symbol: 'NFO:BANKNIFTY26DEC10000PE' }];
    const before = Buffer.byteLength(JSON.stringify(registry.all()));
    const view = catalog.view();
    const after = Buffer.byteLength(JSON.stringify(view.instruments)) + Buffer.byteLength(JSON.stringify(view.partial));
    console.log(`instruments event, 100k Kite-like + 3 SIM: whole list ${before} bytes, partial list ${after} bytes (${view.instruments.length} instruments)`);
    expect(view.instruments).toHaveLength(3 + 23);
    expect(after * 1_000).toBeLessThan(before);
  });
});
