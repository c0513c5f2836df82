import { describe, expect, it } from 'vitest';
import type { GttChange, GttView } from '../../contract';
import { binanceAccount } from '../../engine/secrets/testSupport';
import { kiteBridgeRig } from './kiteRig.fixture';

/**
 * A Kite account's GTT triggers through the real bridge handlers and engine against the loopback Kite
 * venue: placed from decimal strings, listed in ticks and lots, modified and deleted, each change
 * answered with the list read again; Kite's refusals in its words; other accounts refused in ours.
 */
const single = (over: object = {}) => ({
  venue: 'zerodha',
  symbol: 'NSE:INFY',
  kind: 'single',
  lastPrice: '1573.7',
  legs: [{ trigger: '1500', side: 'buy', qty: '2', price: '1501.05', product: 'CNC' }],
  ...over,
});

describe('GTT triggers over the bridge, on a logged-in Kite account', () => {
  it('places single and OCO triggers from decimal strings, lists them in ticks and lots, modifies and deletes them', async () => {
    const rig = await kiteBridgeRig();
    await rig.login();

    const placed = await rig.call('gtt.place', single());
    expect(placed.error).toBeUndefined();
    const one = placed.value as GttChange;
    // The change answers with the list as Kite holds it now.
    expect(one.gtts).toEqual([
      expect.objectContaining({ id: one.id, venue: 'zerodha', symbol: 'NSE:INFY', kind: 'single', status: 'active', lastPrice: 31474, legs: [{ trigger: 30000, side: 'buy', qty: 2, price: 30021, product: 'CNC' }] }),
    ]);
    expect(one.gtts![0]!.createdAt).toMatch(/^2026-12-07 10:\d\d:\d\d$/);
    expect(one.gtts![0]!.expiresAt).toMatch(/^2027-12-07 /);

    // OCO on the NIFTY future: typed in units as on the ticket (75, one lot); stop-loss below the target.
    const ocoReply = await rig.call('gtt.place', {
        venue: 'zerodha',
        symbol: 'NFO:NIFTY26DECFUT',
        kind: 'oco',
        lastPrice: '24000',
        legs: [
          { trigger: '23800', side: 'sell', qty: '75', price: '23790', product: 'NRML' },
          { trigger: '24300', side: 'sell', qty: '75', price: '24310.5', product: 'NRML' },
        ],
      });
    expect(ocoReply.error).toBeUndefined();
    const oco = ocoReply.value as GttChange;
    const atKite = rig.venue.control.gtts().find((g) => g.id === oco.id) as { type: string; orders: { quantity: number; price: number }[]; condition: { trigger_values: number[] } };
    expect(atKite.type).toBe('two-leg');
    expect(atKite.condition.trigger_values).toEqual([23800, 24300]);
    expect(atKite.orders.map((o) => [o.quantity, o.price])).toEqual([
      [75, 23790],
      [75, 24310.5],
    ]);
    const listed = (await rig.call('gtt.list', { venue: 'zerodha' })).value as GttView[];
    expect(listed.find((g) => g.id === oco.id)).toMatchObject({ kind: 'oco', legs: [{ trigger: 238000, qty: 1 }, { trigger: 243000, qty: 1, price: 243105 }] });

    const modified = (await rig.call('gtt.modify', { id: one.id, ...single({ legs: [{ trigger: '1510', side: 'buy', qty: '3', price: '1511', product: 'CNC' }] }) })).value as GttChange;
    expect(modified.gtts!.find((g) => g.id === one.id)!.legs).toEqual([{ trigger: 30200, side: 'buy', qty: 3, price: 30220, product: 'CNC' }]);

    const deleted = (await rig.call('gtt.delete', { venue: 'zerodha', id: one.id })).value as GttChange;
    expect(deleted.gtts!.map((g) => g.id)).toEqual([oco.id]);
    // Kite's refusal, in its words, passed through.
    const again = await rig.call('gtt.delete', { venue: 'zerodha', id: one.id });
    expect(again.error?.code).toBe('VENUE_REJECTED');
    expect(again.error?.message).toContain('Trigger not found.');
    expect(rig.venue.control.gtts().map((g) => g.id)).toEqual([oco.id]);
  });

  it('refuses a bad ticket in words before Kite is asked: off the tick, not whole lots, OCO order, leg count, no price now', async () => {
    const rig = await kiteBridgeRig();
    await rig.login();
    const refusal = async (input: object) => (await rig.call('gtt.place', input)).error;
    expect(await refusal(single({ legs: [{ trigger: '1500.03', side: 'buy', qty: '2', price: '1501', product: 'CNC' }] }))).toEqual({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/^trigger price 1500\.03: /),
    });
    expect((await refusal({ ...single(), symbol: 'NFO:NIFTY26DECFUT', lastPrice: '24000', legs: [{ trigger: '23800', side: 'sell', qty: '100', price: '23790', product: 'NRML' }] }))?.message).toBe(
      'quantity 100: not a multiple of the lot size 75',
    );
    const inverted = {
      ...single(),
      kind: 'oco',
      legs: [
        { trigger: '1600', side: 'sell', qty: '1', price: '1599', product: 'CNC' },
        { trigger: '1500', side: 'sell', qty: '1', price: '1499', product: 'CNC' },
      ],
    };
    expect(await refusal(inverted)).toEqual({ code: 'INVALID_INPUT', message: 'the stop-loss trigger must be below the target trigger' });
    expect((await refusal({ ...single(), kind: 'oco' }))?.message).toBe('legs: a single GTT has one leg, an OCO GTT two (stop-loss, then target)');
    const { lastPrice: _none, ...noPrice } = single();
    expect(await refusal(noPrice)).toEqual({ code: 'INVALID_INPUT', message: 'no price now for NSE:INFY (its book is empty): give the last price' });
    expect(await refusal(single({ symbol: 'NSE:NOPE' }))).toEqual({ code: 'UNKNOWN_INSTRUMENT', message: 'unknown instrument zerodha:NSE:NOPE' });
    expect(rig.venue.control.gtts()).toEqual([]);
  });

  it('refuses GTTs for an account that is not Kite or not connected, saying which', async () => {
    const rig = await kiteBridgeRig();
    // Not logged in today: the kite account is down, and says why.
    expect((await rig.call('gtt.list', { venue: 'zerodha' })).error).toEqual({ code: 'VENUE_UNAVAILABLE', message: 'zerodha is not connected: Kite session expired: log in again' });
    await rig.call('accounts.add', { ...binanceAccount(), testnet: false, restUrl: 'http://127.0.0.1:9' });
    expect((await rig.call('gtt.list', { venue: 'main' })).error).toEqual({ code: 'INVALID_INPUT', message: "main is a binance-spot account: GTTs are Kite's" });
    expect((await rig.call('gtt.place', single({ venue: 'SIM', symbol: 'BTC-USDT' }))).error).toEqual({ code: 'INVALID_INPUT', message: "SIM is not a Kite account: GTTs are Kite's" });
    expect((await rig.call('gtt.delete', { venue: 'nobody', id: 1 })).error).toEqual({ code: 'UNKNOWN_ACCOUNT', message: 'no account named nobody' });
  });
});
