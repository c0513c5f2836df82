import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSignalStore, SIGNALS_FILE, type NewItem, type SignalStore } from './signalStore';
import { titleKey } from './text';

let dir: string;
let store: SignalStore;

const item = (over: Partial<NewItem> & { title: string }): NewItem => ({
  source: 'wire', titleKey: titleKey(over.title), ts: 1000, timeFromItem: true, firstSeen: 2000, instruments: [], ...over,
});

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-signal-store-'));
  store = openSignalStore(dir);
});
afterEach(() => {
  store.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('signals.sqlite', () => {
  it('lives in its own file in the data dir', () => {
    expect(store.file).toBe(path.join(dir, SIGNALS_FILE));
    expect(fs.existsSync(path.join(dir, 'engine.sqlite'))).toBe(false);
  });

  it('dedups by source + guid, by source + link without a guid, and by normalised title across sources', () => {
    const stored = store.insertItems([
      item({ guid: 'g1', title: 'Bitcoin ETF inflows hit record', instruments: ['BTC-USDT'] }),
      item({ guid: 'g1', title: 'Bitcoin ETF inflows hit a record (updated)' }), // same guid, same source
      item({ link: 'https://x.example/a', title: 'Ether gas fees fall' }),
      item({ link: 'https://x.example/a', title: 'Ether gas fees fall to 2-year low' }), // same link
      item({ source: 'other', guid: 'z9', title: 'BITCOIN ETF inflows hit record!' }), // same story elsewhere
      item({ source: 'other', guid: 'g1', title: 'Solana outage resolved' }), // same guid, other source: a different item
    ]);
    expect(stored.map((s) => [s.source, s.title])).toEqual([
      ['wire', 'Bitcoin ETF inflows hit record'],
      ['wire', 'Ether gas fees fall'],
      ['other', 'Solana outage resolved'],
    ]);
    expect(stored[0]).toMatchObject({ guid: 'g1', ts: 1000, firstSeen: 2000, timeFromItem: true, instruments: ['BTC-USDT'] });
    expect(stored[0]!.score).toBeUndefined();
  });

  it('answers the latest N per instrument and per source, newest first, and keeps scores', () => {
    store.insertItems(
      Array.from({ length: 30 }, (_, i) => item({ guid: `g${i}`, title: `Story ${i}`, ts: 1000 + i, instruments: i % 2 ? ['ETH-USDT'] : ['BTC-USDT', 'ETH-USDT'] })),
    );
    expect(store.latestForInstrument('BTC-USDT', 3).map((i) => i.title)).toEqual(['Story 28', 'Story 26', 'Story 24']);
    expect(store.latestForInstrument('ETH-USDT', 2).map((i) => i.title)).toEqual(['Story 29', 'Story 28']);
    expect(store.latestForInstrument('SOL-USDT', 5)).toEqual([]);
    expect(store.latestForSource('wire', 2).map((i) => i.title)).toEqual(['Story 29', 'Story 28']);
    expect(store.countForSource('wire')).toBe(30);
    const id = store.latestForSource('wire', 1)[0]!.id;
    store.setScore(id, { compound: 0.4019, pos: 0.3, neu: 0.7, neg: 0 });
    expect(store.latestForSource('wire', 1)[0]!.score).toEqual({ compound: 0.4019, pos: 0.3, neu: 0.7, neg: 0 });
  });

  it('knows the links it stored, exactly', () => {
    store.insertItems([item({ guid: 'l1', title: 'Linked story', link: 'https://news.example.com/a?b=1' })]);
    expect(store.hasLink('https://news.example.com/a?b=1')).toBe(true);
    expect(store.hasLink('https://news.example.com/a')).toBe(false);
    expect(store.hasLink('')).toBe(false);
  });

  it('keeps everything across a reopen', () => {
    store.insertItems([item({ guid: 'g1', title: 'Kept', instruments: ['BTC-USDT'], score: { compound: -0.2, pos: 0, neu: 0.8, neg: 0.2 } })]);
    expect(store.insertReadings([{ source: 'fng', metric: 'fearGreed', value: 30, label: 'Fear', ts: 5 }])).toHaveLength(1);
    store.close();
    store = openSignalStore(dir);
    expect(store.latestForInstrument('BTC-USDT', 10)).toMatchObject([{ title: 'Kept', score: { compound: -0.2, pos: 0, neu: 0.8, neg: 0.2 } }]);
    expect(store.insertReadings([{ source: 'fng', metric: 'fearGreed', value: 30, label: 'Fear', ts: 5 }])).toEqual([]);
    expect(store.latestReadings({ metric: 'fearGreed', limit: 1 })).toEqual([{ source: 'fng', metric: 'fearGreed', value: 30, label: 'Fear', ts: 5 }]);
  });

  it('prunes headlines (with their instrument tags) and readings older than a time, and reads the recent ones oldest first', () => {
    store.insertItems([
      item({ guid: 'old', title: 'Bitcoin old story', ts: 1_000, instruments: ['BTC-USDT'] }),
      item({ guid: 'mid', title: 'Bitcoin middle story', ts: 5_000, instruments: ['BTC-USDT'] }),
      item({ guid: 'new', title: 'Bitcoin new story', ts: 9_000, instruments: ['BTC-USDT'] }),
    ]);
    store.insertReadings([
      { source: 'fng', metric: 'fearGreed', value: 20, ts: 1_000 },
      { source: 'fng', metric: 'fearGreed', value: 60, ts: 9_000 },
    ]);
    expect(store.itemsSince(5_000, 10).map((i) => i.guid)).toEqual(['mid', 'new']);
    expect(store.itemsSince(0, 2).map((i) => i.guid)).toEqual(['mid', 'new']); // the newest when more
    expect(store.prune(5_000)).toBe(2); // one headline, one reading
    expect(store.latestForInstrument('BTC-USDT', 10).map((i) => i.guid)).toEqual(['new', 'mid']);
    expect(store.latestReadings({ metric: 'fearGreed', limit: 10 }).map((r) => r.value)).toEqual([60]);
    expect(store.countForSource('wire')).toBe(2);
  });
});
