import { describe, expect, it } from 'vitest';
import type { SentimentView } from '../../contract';
import { engineRigs } from './engineRig.fixture';

/**
 * The signals desk's order-flow models follow what the views look at, on a real terminal and the injected
 * clock: a model of an instrument no view focuses or watches any more is dropped after the grace period
 * (10 minutes), one flipped back to within it keeps its samples, and the SIM's BTC-USDT always keeps its own.
 */
const rigs = engineRigs('orderflow-retention');

const ETH = { venue: 'SIM', symbol: 'ETH-USDT' };
const SOL = { venue: 'SIM', symbol: 'SOL-USDT' };

type Rig = Awaited<ReturnType<typeof rigs.start>>;
type Collecting = { state: string; samples?: number };

async function orderFlow(rig: Rig, instrument: string): Promise<Collecting> {
  const reply = await rig.call<SentimentView>('signals.sentiment', { instrument });
  if (!reply.ok) throw new Error(reply.error.message);
  return reply.value.orderFlow as Collecting;
}

/** Simulated time in one-second steps (the models sample every second), yielding to I/O between them. */
async function advance(rig: Rig, ms: number): Promise<void> {
  for (let t = 0; t < ms; t += 1_000) {
    rig.clock.advance(1_000);
    await new Promise((r) => setTimeout(r, 0));
  }
}

describe('order-flow models follow what the views look at', () => {
  it('keeps a model through a flip away and back within the grace, and drops it after the grace', async () => {
    const rig = await rigs.start(rigs.dataDir());
    await rig.call('market.focus', ETH);
    await advance(rig, 30_000);
    const first = await orderFlow(rig, 'ETH-USDT');
    expect(first.state).toBe('collecting');
    expect(first.samples).toBeGreaterThan(0);

    // A look at SOL for nine minutes, then back to ETH: ETH's model kept its samples (and went on recording).
    await rig.call('market.focus', SOL);
    await advance(rig, 9 * 60_000);
    expect((await orderFlow(rig, 'SOL-USDT')).state).toBe('collecting');
    await rig.call('market.focus', ETH);
    const kept = await orderFlow(rig, 'ETH-USDT');
    expect(kept.state).toBe('collecting');
    expect(kept.samples).toBeGreaterThan(first.samples! + 9 * 60 - 5);

    // Away from ETH for good: still there at nine minutes, gone after the grace (reviewed every minute).
    await rig.call('market.focus', SOL);
    await advance(rig, 9 * 60_000);
    expect((await orderFlow(rig, 'ETH-USDT')).state).toBe('collecting');
    await advance(rig, 2 * 60_000);
    expect(await orderFlow(rig, 'ETH-USDT')).toMatchObject({ state: 'unavailable' });
    expect(rig.logger.lines.some((l) => l.message?.startsWith('order-flow model dropped') && (l.fields as { symbol?: string }).symbol === 'ETH-USDT')).toBe(true);
    // The focused SOL (about twenty minutes of samples by now) and the SIM's pinned BTC-USDT keep theirs.
    expect((await orderFlow(rig, 'SOL-USDT')).state).not.toBe('unavailable');
    expect((await orderFlow(rig, 'BTC-USDT')).state).not.toBe('unavailable');

    // Focused again: a new model starts collecting from nothing.
    await rig.call('market.focus', ETH);
    await advance(rig, 5_000);
    const fresh = await orderFlow(rig, 'ETH-USDT');
    expect(fresh.state).toBe('collecting');
    expect(fresh.samples).toBeLessThanOrEqual(6);
  }, 60_000);

  it('counts a watched instrument (a linked panel) as looked at, like the focus', async () => {
    const rig = await rigs.start(rigs.dataDir());
    await rig.call('market.focus', SOL);
    await rig.call('market.watch', { ...ETH, timeframe: '1m' });
    await advance(rig, 12 * 60_000);
    expect((await orderFlow(rig, 'ETH-USDT')).state).toBe('collecting');
    await rig.call('market.unwatch', ETH);
    await advance(rig, 11 * 60_000);
    expect(await orderFlow(rig, 'ETH-USDT')).toMatchObject({ state: 'unavailable' });
  }, 60_000);
});
