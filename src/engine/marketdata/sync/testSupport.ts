/**
 * Generated venue streams for the sync tests and the replay CLI's tests (not exported from the
 * folder's index). A plan describes a venue's book changing message by message; renderers write it
 * in each venue's wire format, with snapshots inserted and messages lost where the plan says; the
 * oracle replays the plan naively on Maps, knowing which messages were lost, to say what a correct
 * synchroniser must end with.
 */
import fc from 'fast-check';
import { formatScaled, levelChangesOf, type Result } from '../../core';
import type { SyncOutcome } from './types';

export type Side = 'bid' | 'ask';
export interface Change {
  side: Side;
  price: number;
  qty: number;
}
export interface MapBook {
  bid: Map<number, number>;
  ask: Map<number, number>;
}

/** Generated prices have 2 decimals, quantities 3: prices "0.01".."0.40", quantities "0.000".."5.000". */
export const PRICE_DECIMALS = 2;
export const QTY_DECIMALS = 3;
export const priceText = (ticks: number): string => formatScaled(ticks, PRICE_DECIMALS);
export const qtyText = (lots: number): string => formatScaled(lots, QTY_DECIMALS);

export const emptyBook = (): MapBook => ({ bid: new Map(), ask: new Map() });
export const cloneBook = (b: MapBook): MapBook => ({ bid: new Map(b.bid), ask: new Map(b.ask) });

export function setLevel(book: MapBook, c: Change): void {
  if (c.qty > 0) book[c.side].set(c.price, c.qty);
  else book[c.side].delete(c.price);
}

/** One side best first, as [ticks, lots] pairs. */
export function sortedSide(book: MapBook, side: Side): [number, number][] {
  return [...book[side].entries()].sort((a, b) => (side === 'bid' ? b[0] - a[0] : a[0] - b[0]));
}

export const levelsOf = (book: MapBook): Change[] =>
  (['bid', 'ask'] as const).flatMap((side) => sortedSide(book, side).map(([price, qty]) => ({ side, price, qty })));

/** What a synchroniser must end with. */
export interface Expected {
  book: MapBook;
  updates: number;
  gaps: number;
  stale: boolean;
}

/** The system-under-test side: a normaliser's outcomes applied to a Map, checking seq contiguity. */
export class MapReplay {
  book = emptyBook();
  updates = 0;
  gaps = 0;
  private seq = 0;

  apply(outcomes: readonly SyncOutcome[]): void {
    for (const o of outcomes) {
      if (o.kind === 'gap') this.gaps++;
      if (o.kind !== 'apply') continue;
      if (o.event.seq !== this.seq + 1) throw new Error(`canonical seq jumped from ${this.seq} to ${o.event.seq}`);
      this.seq = o.event.seq;
      if (o.event.type === 'bookSnapshot') {
        this.book = emptyBook();
        for (const [price, qty] of o.event.bids) setLevel(this.book, { side: 'bid', price, qty });
        for (const [price, qty] of o.event.asks) setLevel(this.book, { side: 'ask', price, qty });
      } else {
        this.updates++;
        for (const c of levelChangesOf(o.event)) setLevel(this.book, { side: c.side === 'buy' ? 'bid' : 'ask', price: c.price, qty: c.qty });
      }
    }
  }
}

/**
 * A venue's book over n update messages. `snapshotBefore[i]`: a fresh snapshot is delivered just
 * before message i; `prefix[i]` picks where inside message i that snapshot was taken (venues that
 * number every change); `dropped[i]`: message i is lost; `restart[i]`: (Bybit) the snapshot before
 * i is a post-restart one with u = 1; `skip[i]`: (futures) ids skipped before message i.
 */
export interface Plan {
  initial: Change[];
  events: Change[][];
  snapshotBefore: boolean[];
  prefix: number[];
  dropped: boolean[];
  restart: boolean[];
  skip: number[];
}

const changeArb = fc.record({
  side: fc.constantFrom<Side>('bid', 'ask'),
  price: fc.integer({ min: 1, max: 40 }),
  qty: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 5000 })),
});

/** `drops`: lose about one message in seven. Snapshots: the first message is usually preceded by one, later ones by one in ten. */
export function planArb(options: { drops: boolean; minEvents?: number; maxEvents?: number }): fc.Arbitrary<Plan> {
  return fc.integer({ min: options.minEvents ?? 1, max: options.maxEvents ?? 40 }).chain((n) => {
    const flags = (oneIn: number) => fc.array(fc.integer({ min: 0, max: oneIn - 1 }).map((x) => x === 0), { minLength: n, maxLength: n });
    return fc.record({
      initial: fc.array(changeArb, { maxLength: 30 }),
      events: fc.array(fc.array(changeArb, { minLength: 1, maxLength: 4 }), { minLength: n, maxLength: n }),
      snapshotBefore: fc.tuple(fc.integer({ min: 0, max: 4 }), flags(10)).map(([first, rest]) => [first > 0, ...rest.slice(1)]),
      prefix: fc.array(fc.nat({ max: 10 }), { minLength: n, maxLength: n }),
      dropped: options.drops ? flags(7) : fc.constant(new Array<boolean>(n).fill(false)),
      restart: flags(3),
      skip: fc.array(fc.nat({ max: 3 }), { minLength: n, maxLength: n }),
    });
  });
}

/** truth[i] = the venue's book before message i; truth[n] = after the last. */
export function truthOf(plan: Plan): MapBook[] {
  const book = emptyBook();
  for (const c of plan.initial) setLevel(book, c);
  const out = [cloneBook(book)];
  for (const event of plan.events) {
    for (const c of event) setLevel(book, c);
    out.push(cloneBook(book));
  }
  return out;
}

type Market = 'spot' | 'futures';

/** Update ids: spot numbers every change contiguously; futures too, but skips ids between messages (as the real feed does). */
function binanceIds(plan: Plan, market: Market): { U: number; u: number; pu: number }[] {
  let prev = 1_000;
  return plan.events.map((event, i) => {
    const U = prev + 1 + (market === 'futures' ? plan.skip[i]! : 0);
    const ids = { U, u: U + event.length - 1, pu: prev };
    prev = ids.u;
    return ids;
  });
}

/**
 * Where inside message i the snapshot before it was taken: k of its changes are already in it, so
 * lastUpdateId = U + k - 1. Spot accepts k = 0..len (k = len: the message is wholly in the snapshot
 * and the next one bridges); futures needs the bridging message to contain lastUpdateId: k = 1..len.
 */
function snapshotCut(plan: Plan, i: number, market: Market): number {
  const len = plan.events[i]!.length;
  return market === 'spot' ? plan.prefix[i]! % (len + 1) : 1 + (plan.prefix[i]! % len);
}

function contentAt(plan: Plan, truth: MapBook[], i: number, k: number): MapBook {
  const book = cloneBook(truth[i]!);
  for (const c of plan.events[i]!.slice(0, k)) setLevel(book, c);
  return book;
}

const jsonLevels = (book: MapBook, side: Side): [string, string][] => sortedSide(book, side).map(([p, q]) => [priceText(p), qtyText(q)]);
const jsonChanges = (event: Change[], side: Side): [string, string][] =>
  event.filter((c) => c.side === side).map((c) => [priceText(c.price), qtyText(c.qty)]);

export interface Rendered {
  lines: string[];
  expected: Expected;
}

/**
 * The oracle: walks the plan message by message. After a snapshot the book must continue with the
 * message the snapshot was cut in (`firstNeeded`); a later one arriving first means that message
 * was lost: a gap, and nothing more is applied until the next snapshot.
 */
function walk(
  plan: Plan,
  snapshotAt: (i: number) => { book: MapBook; firstNeeded: number },
): Expected {
  let book = emptyBook();
  let synced = false;
  let next = 0;
  let updates = 0;
  let gaps = 0;
  plan.events.forEach((event, i) => {
    if (plan.snapshotBefore[i]) {
      const s = snapshotAt(i);
      book = cloneBook(s.book);
      synced = true;
      next = s.firstNeeded;
    }
    if (plan.dropped[i] || !synced || i < next) return;
    if (i === next) {
      for (const c of event) setLevel(book, c);
      updates++;
      next = i + 1;
    } else {
      gaps++;
      synced = false;
    }
  });
  return { book, updates, gaps, stale: !synced };
}

/** Binance spot JSONL (REST snapshots + depthUpdate events) or futures JSON messages (with pu). */
export function renderBinanceJson(plan: Plan, market: Market): Rendered {
  const truth = truthOf(plan);
  const ids = binanceIds(plan, market);
  const lines: string[] = [];
  plan.events.forEach((event, i) => {
    const id = ids[i]!;
    if (plan.snapshotBefore[i]) {
      const k = snapshotCut(plan, i, market);
      const content = contentAt(plan, truth, i, k);
      lines.push(JSON.stringify({ lastUpdateId: id.U + k - 1, bids: jsonLevels(content, 'bid'), asks: jsonLevels(content, 'ask') }));
    }
    if (plan.dropped[i]) return;
    const msg: Record<string, unknown> = { e: 'depthUpdate', E: 1_700_000_000_000 + i, s: 'BTCUSDT', U: id.U, u: id.u };
    if (market === 'futures') msg.pu = id.pu;
    msg.b = jsonChanges(event, 'bid');
    msg.a = jsonChanges(event, 'ask');
    lines.push(JSON.stringify(msg));
  });
  const expected = walk(plan, (i) => {
    const k = snapshotCut(plan, i, market);
    const wholly = market === 'spot' && k === plan.events[i]!.length;
    return { book: contentAt(plan, truth, i, k), firstNeeded: wholly ? i + 1 : i };
  });
  return { lines, expected };
}

export const FUTURES_CSV_HEADER = 'symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu';

/** The futures depth CSV recording of the same stream (snap rows, set rows). */
export function renderFuturesCsv(plan: Plan): Rendered {
  const json = renderBinanceJson(plan, 'futures');
  const lines = [FUTURES_CSV_HEADER];
  for (const line of json.lines) {
    const m = JSON.parse(line) as Record<string, unknown>;
    const ts = 1_667_346_579_146;
    if ('lastUpdateId' in m) {
      const X = m.lastUpdateId as number;
      const rows = [...(m.bids as string[][]).map((l) => ['b', ...l]), ...(m.asks as string[][]).map((l) => ['a', ...l])];
      // An empty book still needs one row to exist in this format: a zero level is no level.
      if (rows.length === 0) rows.push(['b', '0.01', '0.000']);
      for (const [side, p, q] of rows) lines.push(`BTCUSDT,${ts},${X},${X},${side},snap,${p},${q},-1`);
    } else {
      const rows = [...(m.b as string[][]).map((l) => ['b', ...l]), ...(m.a as string[][]).map((l) => ['a', ...l])];
      for (const [side, p, q] of rows) lines.push(`BTCUSDT,${ts},${m.U},${m.u},${side},set,${p},${q},${m.pu}`);
    }
  }
  return { lines, expected: json.expected };
}

/**
 * Binance with the first REST snapshot arriving late, as it does live: taken inside message j,
 * written after message p (p may be before j: the stream can lag the REST answer). No losses.
 */
export function renderBinanceLaggedStart(plan: Plan, market: Market, j: number, p: number): Rendered {
  const truth = truthOf(plan);
  const ids = binanceIds(plan, market);
  const k = snapshotCut(plan, j, market);
  const content = contentAt(plan, truth, j, k);
  const snapshot = JSON.stringify({ lastUpdateId: ids[j]!.U + k - 1, bids: jsonLevels(content, 'bid'), asks: jsonLevels(content, 'ask') });
  const lines: string[] = p < 0 ? [snapshot] : [];
  plan.events.forEach((event, i) => {
    const id = ids[i]!;
    const msg: Record<string, unknown> = { e: 'depthUpdate', E: 1, s: 'BTCUSDT', U: id.U, u: id.u };
    if (market === 'futures') msg.pu = id.pu;
    msg.b = jsonChanges(event, 'bid');
    msg.a = jsonChanges(event, 'ask');
    lines.push(JSON.stringify(msg));
    if (i === p) lines.push(snapshot);
  });
  const wholly = market === 'spot' && k === plan.events[j]!.length;
  const n = plan.events.length;
  return { lines, expected: { book: truth[n]!, updates: n - j - (wholly ? 1 : 0), gaps: 0, stale: false } };
}

/** Bybit v5 orderbook.50 messages: a control line, snapshots (u = current, or 1 after a restart), deltas u + 1. */
export function renderBybit(plan: Plan): Rendered {
  const truth = truthOf(plan);
  const lines = [JSON.stringify({ success: true, ret_msg: '', conn_id: 'c1', op: 'subscribe' })];
  let u = 5_000;
  const message = (type: string, b: unknown, a: unknown) =>
    JSON.stringify({ topic: 'orderbook.50.BTCUSDT', type, ts: 1_700_000_000_000 + u, data: { s: 'BTCUSDT', b, a, u, seq: 9_000_000 + u }, cts: 1 });
  plan.events.forEach((event, i) => {
    if (plan.snapshotBefore[i]) {
      if (plan.restart[i]) u = 1;
      lines.push(message('snapshot', jsonLevels(truth[i]!, 'bid'), jsonLevels(truth[i]!, 'ask')));
    }
    u++;
    if (!plan.dropped[i]) lines.push(message('delta', jsonChanges(event, 'bid'), jsonChanges(event, 'ask')));
  });
  const expected = walk(plan, (i) => ({ book: truth[i]!, firstNeeded: i }));
  return { lines, expected };
}

export const TARDIS_HEADER = 'exchange,symbol,timestamp,local_timestamp,is_snapshot,side,price,amount';

/**
 * Tardis incremental_book_L2 CSV. Lost messages cannot be seen in this format (no sequence ids), so
 * the oracle simply never applies them and expects no gap. A snapshot run directly after another
 * (no update between) is one snapshot in Tardis' rules, so the oracle merges them too.
 */
export function renderTardis(plan: Plan, opts: { leadingUpdates: number } = { leadingUpdates: 0 }): Rendered {
  const truth = truthOf(plan);
  const lines = [TARDIS_HEADER];
  let ts = 1_667_346_000_000_000;
  const row = (snapshot: boolean, c: Change) =>
    lines.push(`binance-futures,BTCUSDT,${ts - 5},${ts},${snapshot},${c.side},${priceText(c.price)},${qtyText(c.qty)}`);
  // Updates recorded before the exchange's first snapshot: to be skipped.
  for (let i = 0; i < opts.leadingUpdates; i++) {
    ts += 10;
    row(false, { side: 'bid', price: 1 + i, qty: 777 });
  }
  let book: MapBook | undefined;
  let lastWasSnapshot = false;
  let updates = 0;
  plan.events.forEach((event, i) => {
    if (plan.snapshotBefore[i]) {
      ts += 10;
      const content = truth[i]!;
      // A zero-amount level in a snapshot is an absent level (Tardis says so explicitly).
      row(true, { side: 'ask', price: 99, qty: 0 });
      for (const c of levelsOf(content)) row(true, c);
      book = lastWasSnapshot && book ? book : emptyBook();
      for (const c of levelsOf(content)) setLevel(book, c);
      lastWasSnapshot = true;
    }
    if (plan.dropped[i]) return;
    ts += 10;
    for (const c of event) row(false, c);
    lastWasSnapshot = false;
    if (book) {
      for (const c of event) setLevel(book, c);
      updates++;
    }
  });
  return { lines, expected: { book: book ?? emptyBook(), updates, gaps: 0, stale: book === undefined } };
}

/** A plan of 25 to 60 messages picked by a fixed seed (for the CLI tests, which spawn processes and cannot shrink). */
export function samplePlan(seed: number, drops: boolean): Plan {
  for (let s = seed; ; s++) {
    const [plan] = fc.sample(planArb({ drops, minEvents: 25, maxEvents: 60 }), { seed: s, numRuns: 1 });
    if (plan && (!drops || plan.dropped.some(Boolean))) return plan;
  }
}

/** Feeds lines through `step`, applying outcomes to a MapReplay; an error value fails with the line. */
export function replayLines(lines: readonly string[], step: (line: string, index: number) => Result<SyncOutcome[]>): MapReplay {
  const replay = new MapReplay();
  lines.forEach((line, index) => {
    const r = step(line, index);
    if (!r.ok) throw new Error(`line ${index + 1} refused: ${r.error.message}\n${line}`);
    replay.apply(r.value);
  });
  return replay;
}

/** Outcomes of one push that must succeed. */
export function must<T>(r: Result<T>): T {
  if (!r.ok) throw new Error(`unexpected error: ${r.error.message}`);
  return r.value;
}
