import { describe, expect, it } from 'vitest';
import { algoDirs, SYMBOL, T0 } from './algoEngine.fixture';
import { Twap } from './strategies/twap';

describe('TWAP on SIM', () => {
  const dirs = algoDirs();

  it('slices over the window, each slice within its size bounds and its own interval, and completes the quantity', async () => {
    const rig = await dirs.start();
    const q = rig.quote();
    const started = await rig.algos.start(
      { venue: 'SIM', symbol: SYMBOL, side: 'buy', qty: 400, limit: q.ask + 500, endAt: rig.clock.now() + 60_000, seed: 5, params: { type: 'twap', slices: 10, sizeJitter: 0.3, timeJitter: 0.5 } },
      'ticket',
    );
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    await rig.run(61_000, 250);
    const view = rig.algos.get(started.value.id)!;
    console.log(view, rig.childLog.map((c) => [c.at - T0, c.order.qty, c.order.price]));
    expect(view.state).toBe('completed');
    expect(view.doneQty).toBe(400);
  });
});
