import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../../../core';
import { KitePacer } from './kitePacer';

/** Lets every pending slot that may go now go, advancing the simulated clock to the next timer until `n` slots went. */
async function drain(clock: SimulatedClock, sent: number[], n: number): Promise<void> {
  for (let guard = 0; sent.length < n && guard < 50_000; guard++) {
    await new Promise((r) => setImmediate(r));
    if (sent.length < n) clock.advance(10);
  }
}

describe('KitePacer', () => {
  it('sends at most 10 order calls a second and 200 a minute', async () => {
    const clock = new SimulatedClock(1_000_000);
    const pacer = new KitePacer(clock);
    const sent: number[] = [];
    for (let i = 0; i < 210; i++) void pacer.slot('order').then(() => sent.push(clock.now()));
    await drain(clock, sent, 210);
    expect(sent).toHaveLength(210);
    for (let i = 10; i < sent.length; i++) expect(sent[i]! - sent[i - 10]!).toBeGreaterThanOrEqual(1_000);
    for (let i = 200; i < sent.length; i++) expect(sent[i]! - sent[i - 200]!).toBeGreaterThanOrEqual(60_000);
  });

  it('holds other calls to 3 a second, quotes to 1, and pauses a class after a 429', async () => {
    const clock = new SimulatedClock(0);
    const pacer = new KitePacer(clock);
    const other: number[] = [];
    const quotes: number[] = [];
    for (let i = 0; i < 7; i++) void pacer.slot('other').then(() => other.push(clock.now()));
    for (let i = 0; i < 3; i++) void pacer.slot('quote').then(() => quotes.push(clock.now()));
    await drain(clock, other, 7);
    await drain(clock, quotes, 3);
    for (let i = 3; i < other.length; i++) expect(other[i]! - other[i - 3]!).toBeGreaterThanOrEqual(1_000);
    for (let i = 1; i < quotes.length; i++) expect(quotes[i]! - quotes[i - 1]!).toBeGreaterThanOrEqual(1_000);
    const before = clock.now();
    pacer.pause('order', 5_000);
    const after: number[] = [];
    void pacer.slot('order').then(() => after.push(clock.now()));
    await drain(clock, after, 1);
    expect(after[0]! - before).toBeGreaterThanOrEqual(5_000);
  });
});
