import { describe, expect, it } from 'vitest';
import { recordingLogger, Rng, SimulatedClock } from '../../core';
import { HORIZON_MS, MIN_TRAINING_SAMPLES, OrderFlowModels, RETRAIN_MS } from './orderFlowModels';

/**
 * The order-flow model of one instrument, fed as the analytics tap feeds it: a book picture every 50 ms
 * and trades, on a simulated clock. A market whose order flow leads its mid (buyers lift the ask, then
 * the mid ticks up) so there is something to learn; the record shown is walk-forward's, whatever it is.
 */
function drive(models: OrderFlowModels, clock: SimulatedClock, rng: Rng, seconds: number, state: { mid: number; pressure: number }): void {
  for (let s = 0; s < seconds; s++) {
    for (let k = 0; k < 20; k++) {
      clock.advance(50);
      const ts = clock.now();
      if (rng.next() < 0.15) {
        const buy = rng.next() < 0.5 + 0.3 * state.pressure;
        models.onTrade('SIM', 'BTC-USDT', buy ? state.mid + 1 : state.mid - 1, 1 + Math.floor(rng.next() * 5), buy ? 'buy' : 'sell', ts);
        state.pressure = Math.max(-1, Math.min(1, state.pressure * 0.9 + (buy ? 0.1 : -0.1)));
      }
      if (rng.next() < 0.02) state.mid += rng.next() < 0.5 + 0.4 * state.pressure ? 1 : -1;
      const bidQty = 5 + Math.round(10 * (1 + state.pressure));
      const askQty = 5 + Math.round(10 * (1 - state.pressure));
      models.onBook('SIM', 'BTC-USDT', [[state.mid - 1, bidQty], [state.mid - 2, 20]], [[state.mid + 1, askQty], [state.mid + 2, 20]], ts);
    }
  }
}

describe('order-flow models', () => {
  it('collect a sample a second, fit walk-forward once there are enough, predict every second after, and refit on schedule', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 11, 7, 14, 0));
    const predictions: number[] = [];
    const models = new OrderFlowModels({ clock, logger: recordingLogger(), bucketVolume: () => 200, predicted: (_s, signal) => predictions.push(signal) });
    models.follow('SIM', 'BTC-USDT');
    models.follow('OTHER', 'BTC-USDT'); // one model per symbol: the first venue keeps it
    models.start();
    const rng = new Rng(42);
    const state = { mid: 100_000, pressure: 0 };

    drive(models, clock, rng, 60, state);
    expect(models.view('BTC-USDT')).toMatchObject({ state: 'collecting', venue: 'SIM', samples: 60, samplesNeeded: MIN_TRAINING_SAMPLES, horizonMs: HORIZON_MS });
    // Asked too early, it says so by staying in collecting.
    expect(models.train('BTC-USDT').state).toBe('collecting');
    expect(predictions).toEqual([]);

    drive(models, clock, rng, MIN_TRAINING_SAMPLES - 60, state);
    const trained = models.view('BTC-USDT');
    expect(trained).toMatchObject({ state: 'trained', data: 'live', samples: MIN_TRAINING_SAMPLES });
    if (trained.state !== 'trained') throw new Error('unreachable');
    expect(trained.stats.folds).toBeGreaterThan(0);
    expect(trained.stats.testSamples).toBeGreaterThan(0);
    expect(trained.stats.hitRate).toBeGreaterThanOrEqual(0);
    expect(trained.stats.hitRate).toBeLessThanOrEqual(1);

    drive(models, clock, rng, 5, state);
    expect(predictions.length).toBe(5);
    for (const p of predictions) expect(Math.abs(p)).toBeLessThanOrEqual(1);
    expect(models.view('BTC-USDT')).toMatchObject({ state: 'trained', pUp: expect.any(Number) });

    // Refitted after RETRAIN_MS on the newer samples (bounded to the last 40 minutes).
    const firstAt = trained.trainedAt;
    drive(models, clock, rng, RETRAIN_MS / 1000, state);
    const again = models.view('BTC-USDT');
    expect(again.state === 'trained' && again.trainedAt).toBeGreaterThan(firstAt);
    expect(again.state === 'trained' && again.samples).toBe(2_400);
    models.stop();
    expect(models.view('ETH-USDT')).toMatchObject({ state: 'unavailable' });
  });
});
