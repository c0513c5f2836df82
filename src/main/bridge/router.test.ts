import { describe, expect, it } from 'vitest';
import type { EventName } from '../../contract';
import { SessionRegistry } from './router';
import { Session } from './session';

/** Which events reach a view: account-wide ones always, one instrument's only where it is focused. */
describe('SessionRegistry', () => {
  const viewOn = (venue: string, symbol: string) => {
    const got: EventName[] = [];
    const session = new Session('s', (name) => got.push(name));
    session.focus = { venue, symbol, timeframe: '1m', depth: 20 };
    return { session, got };
  };

  it('gives every view the instrument list and the balances, which belong to no one instrument', () => {
    const sessions = new SessionRegistry();
    const a = viewOn('SIM', 'BTC-USDT');
    const b = viewOn('main', 'ETH-USDT');
    sessions.add(a.session);
    sessions.add(b.session);
    sessions.publish('instruments', []);
    sessions.publish('balances', { venue: 'main', updatedAt: 0, balances: [] });
    expect(a.got).toEqual(['instruments', 'balances']);
    expect(b.got).toEqual(['instruments', 'balances']);
  });

  it('gives one instrument\'s trades only to the views focused on it', () => {
    const sessions = new SessionRegistry();
    const a = viewOn('SIM', 'BTC-USDT');
    const b = viewOn('main', 'ETH-USDT');
    sessions.add(a.session);
    sessions.add(b.session);
    sessions.publish('trades', { venue: 'main', symbol: 'ETH-USDT', trades: [] } as never);
    expect(a.got).toEqual([]);
    expect(b.got).toEqual(['trades']);
  });
});
