import { describe, expect, it } from 'vitest';
import { SimulatedClock } from '../core';
import { ResyncScheduler } from './resyncScheduler';

function scheduler(policy = {}) {
  const clock = new SimulatedClock(0);
  const sent: { at: number; key: string; reason: string; attempt: number }[] = [];
  const s = new ResyncScheduler<string>(clock, (key, reason, attempt) => sent.push({ at: clock.now(), key, reason, attempt }), policy);
  return { clock, sent, s };
}

describe('resync scheduler', () => {
  it('asks at once, keeps one request outstanding per book, and asks again with a doubling timeout capped at the max', () => {
    const { clock, sent, s } = scheduler({ answerTimeoutMs: 1_000, maxBackoffMs: 5_000 });
    s.need('SIM:BTC', 'gap');
    s.need('SIM:BTC', 'gap'); // the same need while the first is outstanding
    s.need('SIM:ETH', 'workerRestarted'); // another book is independent
    expect(sent).toEqual([
      { at: 0, key: 'SIM:BTC', reason: 'gap', attempt: 1 },
      { at: 0, key: 'SIM:ETH', reason: 'workerRestarted', attempt: 1 },
    ]);
    s.satisfied('SIM:ETH');
    clock.advance(20_000);
    expect(sent.filter((r) => r.key === 'SIM:BTC').map((r) => [r.at, r.attempt])).toEqual([
      [0, 1],
      [1_000, 2],
      [3_000, 3],
      [7_000, 4],
      [12_000, 5],
      [17_000, 6],
    ]);
    expect(sent.filter((r) => r.key === 'SIM:ETH')).toHaveLength(1);
    expect(s.waiting()).toEqual(['SIM:BTC']);

    s.satisfied('SIM:BTC');
    clock.advance(60_000);
    expect(sent).toHaveLength(7);
    expect(s.waiting()).toEqual([]);
  });

  it('spaces out the requests of a book that keeps needing snapshots, and starts over once it is quiet', () => {
    const clock = new SimulatedClock(0);
    const sent: number[] = [];
    // The venue answers 10 ms after each request; the feed loses a message every 100 ms regardless.
    const s: ResyncScheduler<string> = new ResyncScheduler(
      clock,
      (key) => {
        sent.push(clock.now());
        clock.setTimeout(() => s.satisfied(key), 10);
      },
      { answerTimeoutMs: 1_000, maxBackoffMs: 4_000 },
    );
    const flapping = clock.setInterval(() => s.need('SIM:BTC', 'gap'), 100);
    s.need('SIM:BTC', 'gap');
    clock.advance(19_999);
    expect(sent).toEqual([0, 1_000, 3_000, 7_000, 11_000, 15_000, 19_000]);

    // The feed heals; quiet for the max backoff, the next need is served at once and the spacing is
    // back to 1 s.
    clock.clearTimer(flapping);
    clock.set(30_000);
    s.need('SIM:BTC', 'gap');
    expect(sent.at(-1)).toBe(30_000);
    clock.advance(1_000);
    s.need('SIM:BTC', 'gap');
    expect(sent.at(-1)).toBe(31_000);
  });

  it('a snapshot that arrives on its own cancels a delayed request; an abandoned request is asked again at once', () => {
    const { clock, sent, s } = scheduler();
    s.need('SIM:BTC', 'gap');
    s.satisfied('SIM:BTC');
    clock.advance(100);
    s.need('SIM:BTC', 'gap'); // delayed to t=1000 by the spacing
    s.satisfied('SIM:BTC'); // e.g. the venue reconnected and sent every snapshot
    clock.advance(10_000);
    expect(sent).toHaveLength(1);

    s.need('SIM:BTC', 'gap');
    expect(sent).toHaveLength(2);
    s.abandon('SIM:BTC'); // the request's answer went to a worker that died
    s.need('SIM:BTC', 'workerRestarted');
    expect(sent.at(-1)).toMatchObject({ at: clock.now(), reason: 'workerRestarted', attempt: 1 });
  });

  it('forgets a released book, timers included, and refuses a policy that cannot work', () => {
    const { clock, sent, s } = scheduler();
    s.need('SIM:BTC', 'gap');
    s.forget('SIM:BTC');
    clock.advance(60_000);
    expect(sent).toHaveLength(1);
    expect(s.waiting()).toEqual([]);
    expect(() => scheduler({ answerTimeoutMs: 0 })).toThrow(RangeError);
    expect(() => scheduler({ answerTimeoutMs: 2_000, maxBackoffMs: 1_000 })).toThrow(RangeError);
  });
});
