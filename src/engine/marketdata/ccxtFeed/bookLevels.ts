/**
 * One book as last emitted, in integer ticks and lots, and the changes that bring it to the state
 * ccxt pro now holds. ccxt maintains the venue's book itself (snapshot plus diffs, resynced on its own
 * gaps) and hands over the whole book at each update; diffing it against what we last said turns it
 * into our deltas, and a snapshot is just the whole of it.
 */
import type { LevelChange, Lots, Side, Ticks } from '../../core';
import { parsePrice, parseQty, type Instrument } from '../../instruments';
import { decimalText } from '../../venues';

export type Levels = Map<Ticks, Lots>;

/** ccxt's [price, amount, ...] levels as ticks -> lots; the first level that does not fit the instrument is the error. */
export function levelsOf(inst: Instrument, side: Side, raw: readonly (readonly (number | undefined)[])[]): { ok: true; levels: Levels } | { ok: false; reason: string } {
  const levels: Levels = new Map();
  for (const level of raw) {
    const [price, amount] = level;
    const p = price === undefined ? undefined : decimalText(price);
    const q = amount === undefined ? undefined : decimalText(amount);
    const ticks = p === undefined ? undefined : parsePrice(inst, p);
    const lots = q === undefined ? undefined : q === '0' ? ({ ok: true, value: 0 } as const) : parseQty(inst, q);
    if (!ticks?.ok || !lots?.ok) return { ok: false, reason: `${side === 'buy' ? 'bid' : 'ask'} ${price} x ${amount} does not fit ${inst.symbol}'s tick and lot` };
    if (lots.value > 0) levels.set(ticks.value, lots.value);
  }
  return { ok: true, levels };
}

export function diffLevels(side: Side, before: Levels, after: Levels): LevelChange[] {
  const changes: LevelChange[] = [];
  for (const [price, qty] of after) if (before.get(price) !== qty) changes.push({ side, price, qty });
  for (const price of before.keys()) if (!after.has(price)) changes.push({ side, price, qty: 0 });
  return changes;
}

/** Best first: bids high to low, asks low to high. */
export function sortedLevels(side: Side, levels: Levels): [Ticks, Lots][] {
  return [...levels].sort((a, b) => (side === 'buy' ? b[0] - a[0] : a[0] - b[0]));
}
