import { describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../../core';
import { resolveLostAck, type Lookup } from './lostAck';

/** Moves simulated time until `done`, yielding to the awaiting code between steps (bounded). */
async function runUntil(clock: SimulatedClock, done: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !done(); i++) {
    clock.advance(100);
    await new Promise((r) => setImmediate(r));
  }
  if (!done()) throw new Error('not resolved within the steps');
}

function setup(answers: (clock: SimulatedClock) => Lookup<string>) {
  const clock = new SimulatedClock(1_000_000);
  const logger = recordingLogger();
  const outcome: { found?: string; neverPlaced?: string; finished: boolean } = { finished: false };
  let asked = 0;
  const done = resolveLostAck('lost-1', clock.now(), {
    clock,
    logger,
    policy: { intervalMs: 1000, attempts: 5, settleMs: 3000 },
    lookup: async () => {
      asked++;
      return answers(clock);
    },
    found: async (order) => void (outcome.found = order),
    neverPlaced: (reason) => void (outcome.neverPlaced = reason),
    live: () => true,
  }).then(() => void (outcome.finished = true));
  return { clock, logger, outcome, done, asked: () => asked };
}

describe('an order whose createOrder answer was lost', () => {
  it('is reported as the venue has it as soon as a query finds it', async () => {
    let n = 0;
    const s = setup(() => (++n < 3 ? { kind: 'failed', reason: 'ECONNRESET' } : { kind: 'found', order: 'the order' }));
    await runUntil(s.clock, () => s.outcome.finished);
    expect(s.outcome).toEqual({ found: 'the order', finished: true });
    expect(s.asked()).toBe(3);
  });

  it('is called never placed only once the request can no longer arrive, and then with the venue\'s words', async () => {
    const s = setup((clock) => ({ kind: 'absent', reason: `Order does not exist. (asked at ${clock.now()})` }));
    await runUntil(s.clock, () => s.outcome.finished);
    expect(s.outcome.neverPlaced).toMatch(/^the order is not at the venue: its answer was lost, and \d+ ms later the venue says "Order does not exist\. \(asked at (\d+)\)"$/);
    const askedAt = Number(/asked at (\d+)/.exec(s.outcome.neverPlaced!)![1]);
    expect(askedAt).toBeGreaterThanOrEqual(1_000_000 + 3000);
  });

  it('stays unknown (never resent, never rejected) when the venue cannot answer', async () => {
    const s = setup(() => ({ kind: 'failed', reason: 'ETIMEDOUT' }));
    await runUntil(s.clock, () => s.outcome.finished);
    expect(s.outcome).toEqual({ finished: true });
    expect(s.asked()).toBe(5);
    expect(s.logger.lines.at(-1)?.message).toContain('left unknown for reconciliation, never resent');
  });
});
