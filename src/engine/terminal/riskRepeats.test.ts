import { describe, expect, it } from 'vitest';
import { RISK_HEARTBEAT_MS, RiskRepeats } from './riskRepeats';
import type { RiskState } from './views';

const state = (ts: number, over: { position?: string; breaker?: 'CLOSED' | 'OPEN' } = {}): RiskState =>
  ({
    limits: { defaults: {}, instruments: {} },
    utilisation: {
      ts,
      killSwitch: { state: 'disengaged' },
      account: { openOrders: { used: '0' } },
      venues: [],
      instruments: [{ venue: 'SIM', symbol: 'BTC-USDT', position: over.position ?? '0 BTC', long: { used: '0 BTC' }, short: { used: '0 BTC' }, openOrders: { used: '0' }, breaker: over.breaker ?? 'CLOSED' }],
    },
    breakers: [{ scope: 'instrument', venue: 'SIM', symbol: 'BTC-USDT', state: over.breaker ?? 'CLOSED', since: 0 }],
    breakerLog: [],
  }) as unknown as RiskState;

describe('the risk state sent to the views', () => {
  it('goes out first, then again only when something but its timestamp changed, or after the heartbeat', () => {
    const r = new RiskRepeats();
    expect(r.shouldSend(state(1_000), 1_000)).toBe(true);
    expect(r.shouldSend(state(2_000), 2_000)).toBe(false);
    expect(r.shouldSend(state(3_000, { position: '0.5 BTC' }), 3_000)).toBe(true);
    expect(r.shouldSend(state(4_000, { position: '0.5 BTC' }), 4_000)).toBe(false);
    expect(r.shouldSend(state(3_000 + RISK_HEARTBEAT_MS, { position: '0.5 BTC' }), 3_000 + RISK_HEARTBEAT_MS)).toBe(true);
  });

  it('goes out every second while a breaker is not closed (its cool-down counts down on screen)', () => {
    const r = new RiskRepeats();
    expect(r.shouldSend(state(1_000, { breaker: 'OPEN' }), 1_000)).toBe(true);
    expect(r.shouldSend(state(2_000, { breaker: 'OPEN' }), 2_000)).toBe(true);
    expect(r.shouldSend(state(3_000), 3_000)).toBe(true); // closed again: a change
    expect(r.shouldSend(state(4_000), 4_000)).toBe(false);
  });
});
