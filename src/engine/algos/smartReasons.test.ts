import { describe, expect, it } from 'vitest';
import { algoDirs, SYMBOL, type AlgoRig } from './algoEngine.fixture';
import { LeftOutCode, leftOutText } from './router/leftOut';
import type { ParentSpec, ParentView } from './types';

const VENUES = { venueId: 'SIM-A', extraVenues: ['SIM-B'], limits: { maxOrderQty: '100000' } };

/** A buy of `qty` lots up to a limit well above both venues' asks: a plan wants both of them. */
function spec(rig: AlgoRig, qty: number, over: Partial<ParentSpec> = {}): ParentSpec {
  const a = rig.venue.book(SYMBOL, 1)!.asks[0]![0];
  const b = rig.extras[0]!.book(SYMBOL, 1)!.asks[0]![0];
  return { venue: 'SIM-A', symbol: SYMBOL, side: 'buy', qty, limit: Math.max(a, b) + 500, endAt: rig.clock.now() + 60_000, params: { type: 'smart', venues: ['SIM-A', 'SIM-B'] }, ...over };
}

async function started(rig: AlgoRig, s: ParentSpec): Promise<string> {
  const r = await rig.algos.start(s, 'cli');
  if (!r.ok) throw new Error(r.error.message);
  return (r.value as ParentView).id;
}

/** The parent's reasons in words, in its instrument's decimals (what the terminal shows). */
function words(rig: AlgoRig, id: string): string[] {
  const inst = rig.venue.instruments().find((i) => i.symbol === SYMBOL)!;
  const r = rig.algos.leftOut(id);
  if (!r.ok) throw new Error(r.error.message);
  return r.value.entries.map((e) => leftOutText(e, r.value.side, inst));
}

describe('a smart parent says why a venue got nothing', () => {
  const dirs = algoDirs();

  it('a stale book: the venue is routed around and the reason is kept with the sweep', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    rig.staleBooks.add(`SIM-B:${SYMBOL}`);
    const id = await started(rig, spec(rig, 20));
    expect(rig.childLog.filter((c) => c.order.parentId === id).every((c) => c.order.venue === 'SIM-A')).toBe(true);
    expect(words(rig, id)).toContain('SIM-B: book not live (stale or never synced)');
  });

  it('a venue that drops off the OMS mid-run: "venue not connected", and nothing more goes there', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    const id = await started(rig, spec(rig, 5_000_000));
    // The first sweep's IOCs end; then SIM-B's account goes away.
    await rig.run(1_000);
    expect(rig.algos.get(id)!.workingQty).toBe(0);
    rig.oms.removeVenue('SIM-B');
    const before = rig.childLog.length;
    await rig.run(1_000);
    const later = rig.childLog.slice(before).filter((c) => c.order.parentId === id);
    expect(later.length).toBeGreaterThan(0);
    expect(later.every((c) => c.order.venue === 'SIM-A')).toBe(true);
    expect(words(rig, id)).toContain('SIM-B: venue not connected');
  });

  it('risk refusing the children: "refused by risk" with risk\'s own words, at the venue it went to', async () => {
    const rig = await dirs.start({ ...VENUES, limits: { maxOrderQty: '0.0003' } });
    await rig.run(2_000);
    const id = await started(rig, spec(rig, 5_000));
    const why = words(rig, id);
    // Whichever venue the plan sent to, its child was refused, in risk's words.
    const refused = why.filter((w) => /^SIM-[AB]: refused by risk: quantity [\d.]+ BTC exceeds the max order quantity 0\.0003 BTC for SIM-[AB]:BTC-USDT$/.test(w));
    expect(refused.length).toBeGreaterThan(0);
    // Later sweeps (whatever they leave out) do not hide it.
    await rig.run(2_000);
    expect(words(rig, id).filter((w) => /^SIM-[AB]: refused by risk: /.test(w)).length).toBeGreaterThan(0);
  });

  it('the participation cap: each child "capped at" what it allows, with what was planned', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    // No print seen since the start yet: participation allows nothing.
    const id = await started(rig, spec(rig, 30, { maxParticipation: 0.1 }));
    const r = rig.algos.leftOut(id);
    if (!r.ok) throw new Error(r.error.message);
    const capped = r.value.entries.filter((e) => e.code === LeftOutCode.CAPPED);
    expect(capped.length).toBeGreaterThan(0);
    for (const e of capped) {
      expect(e.a).toBe(0);
      expect(e.b).toBeGreaterThan(0);
    }
    expect(words(rig, id).some((w) => /^SIM-[AB]: capped at 0\.0000 of 0\.\d{4} planned by the participation cap$/.test(w))).toBe(true);
    expect(rig.childLog.filter((c) => c.order.parentId === id)).toHaveLength(0);
  });

  it('a venue its circuit breaker halts: left out up front with the breaker\'s reason; reset, and it is planned again', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    // One venue error trips SIM-B's venue breaker, and it stays OPEN (no probe) for as long as the test runs.
    expect(rig.risk.setVenueBreakers('SIM-B', { maxErrors: 0, initialBackoffMs: 3_600_000, maxBackoffMs: 3_600_000 }).ok).toBe(true);
    rig.risk.onVenueError('SIM-B', 'socket closed by the venue');
    const tripped = rig.risk.breakers.venue('SIM-B');
    expect(tripped.state).toBe('OPEN');
    const halted = `SIM-B: halted by its circuit breaker (${tripped.reason})`;
    expect(tripped.reason).toContain('socket closed by the venue');

    // The preview already leaves it out, and so does every sweep of a running parent: nothing is sent there
    // (so nothing is refused by risk either).
    const preview = rig.algos.preview(spec(rig, 5_000_000));
    if (!preview.ok) throw new Error(preview.error.message);
    expect(preview.value.route!.excluded.map((e) => e.code)).toContain(LeftOutCode.HALTED);
    expect(preview.value.route!.children.every((c) => c.venue === 'SIM-A')).toBe(true);
    const id = await started(rig, spec(rig, 5_000_000));
    await rig.run(1_000);
    const mine = () => rig.childLog.filter((c) => c.order.parentId === id);
    expect(mine().length).toBeGreaterThan(0);
    expect(mine().every((c) => c.order.venue === 'SIM-A')).toBe(true);
    expect(words(rig, id)).toContain(halted);
    expect(words(rig, id).some((w) => w.startsWith('SIM-B: refused'))).toBe(false);

    // The trader resets it: the next sweeps plan SIM-B again and the reason is gone.
    expect(rig.risk.resetBreaker('SIM-B').ok).toBe(true);
    const before = mine().length;
    await rig.run(2_000);
    expect(mine().slice(before).some((c) => c.order.venue === 'SIM-B')).toBe(true);
    expect(words(rig, id)).not.toContain(halted);
  });

  it('an instrument-scope breaker halts that venue\'s instrument only, with its own reason', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    expect(rig.risk.setInstrumentBreakers('SIM-B', SYMBOL, { maxErrors: 0, initialBackoffMs: 3_600_000, maxBackoffMs: 3_600_000 }).ok).toBe(true);
    rig.risk.onVenueError('SIM-B', 'order book endpoint 503', SYMBOL);
    const b = rig.risk.breakers.instrument('SIM-B', SYMBOL);
    expect(b.state).toBe('OPEN');
    expect(rig.risk.breakers.venue('SIM-B').state).toBe('CLOSED');
    const id = await started(rig, spec(rig, 5_000_000));
    await rig.run(1_000);
    expect(rig.childLog.filter((c) => c.order.parentId === id).every((c) => c.order.venue === 'SIM-A')).toBe(true);
    expect(words(rig, id)).toContain(`SIM-B: halted by its circuit breaker (${b.reason})`);
  });

  it('a sweep that sends nothing still tells the views when its reasons change (a venue halted meanwhile)', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(2_000);
    // A limit below both asks: nothing is sent, both venues "no ask within the limit".
    const low = Math.min(rig.venue.book(SYMBOL, 1)!.asks[0]![0], rig.extras[0]!.book(SYMBOL, 1)!.asks[0]![0]) - 200;
    const id = await started(rig, spec(rig, 50, { limit: low }));
    const heard: string[][] = [];
    rig.algos.events.on('algo', (v) => {
      if (v.id === id) heard.push(words(rig, id));
    });
    await rig.run(1_000);
    const quiet = heard.length;
    // Figures alone (the asks moving) do not make an event per market event.
    expect(quiet).toBeLessThan(5);
    expect(words(rig, id).every((w) => /^SIM-[AB]: no ask within the limit /.test(w))).toBe(true);
    expect(rig.risk.setVenueBreakers('SIM-B', { maxErrors: 0, initialBackoffMs: 3_600_000, maxBackoffMs: 3_600_000 }).ok).toBe(true);
    rig.risk.onVenueError('SIM-B', 'socket closed by the venue');
    const reason = rig.risk.breakers.venue('SIM-B').reason;
    await rig.run(500);
    expect(heard.slice(quiet).some((w) => w.includes(`SIM-B: halted by its circuit breaker (${reason})`))).toBe(true);
    expect(rig.childLog.filter((c) => c.order.parentId === id)).toHaveLength(0);
  });

  it('an algo that does not route has nothing to say; an unknown id is refused', async () => {
    const rig = await dirs.start(VENUES);
    await rig.run(500);
    const id = await started(rig, { venue: 'SIM-A', symbol: SYMBOL, side: 'buy', qty: 10, endAt: rig.clock.now() + 60_000, params: { type: 'twap', slices: 5 } });
    await rig.run(500);
    expect(words(rig, id)).toEqual([]);
    expect(rig.algos.leftOut('nope').ok).toBe(false);
  });
});
