import { describe, expect, it } from 'vitest';
import type { KillState, Position } from '../../contract';
import type { Terminal } from '../../engine/terminal';
import { KITE_APP as APP, kiteBridgeRig } from './kiteRig.fixture';

/**
 * A logged-in Kite account through the real bridge handlers (their zod schemas), engine and adapter,
 * against the loopback Kite venue: a position's products in the Positions view, "Convert" MIS -> CNC
 * with Kite's refusal in its words, and the kill switch's report of what failed at Kite.
 */

/** The rig, logged in, with the session's access token (for orders placed on Kite's web, outside the terminal). */
async function loggedInKite() {
  const rig = await kiteBridgeRig();
  await rig.login();
  return { ...rig, accessToken: rig.terminal.accounts.forConnecting(rig.account.id).session!.accessToken };
}

const infy = (terminal: Terminal): Position | undefined => terminal.positions().find((p) => p.venue === 'zerodha' && p.symbol === 'NSE:INFY');

describe('Kite positions and kill report over the bridge', () => {
  it("shows a position's products and M2M, converts MIS to CNC, and refuses what Kite would not do in words", async () => {
    const rig = await loggedInKite();
    const placed = await rig.call('orders.submit', { venue: 'zerodha', symbol: 'NSE:INFY', side: 'buy', type: 'limit', tif: 'DAY', price: '1574', qty: '2', product: 'MIS' });
    expect(placed.error).toBeUndefined();
    await rig.until(() => infy(rig.terminal)?.venueProducts?.some((p) => p.product === 'MIS' && p.netQty === 2) === true, 'the MIS position reported by Kite');
    const before = infy(rig.terminal)!;
    expect(before.venueQty).toBe(2);
    expect(before.venueProducts).toEqual([expect.objectContaining({ product: 'MIS', netQty: 2, dayQty: 2, overnightQty: 0 })]);
    expect(before.venueM2m).toMatch(/^-?\d+\.\d{2}$/);

    // The schema refuses what Kite never converts; the engine refuses more than the position holds.
    const cncToNrml = await rig.call('positions.convert', { venue: 'zerodha', symbol: 'NSE:INFY', from: 'CNC', to: 'NRML', qty: 1, positionType: 'day' });
    expect(cncToNrml.error?.code).toBe('INVALID_INPUT');
    expect(cncToNrml.error?.message).toContain('Kite converts between MIS and NRML or MIS and CNC');
    const tooMuch = await rig.call('positions.convert', { venue: 'zerodha', symbol: 'NSE:INFY', from: 'MIS', to: 'CNC', qty: 3, positionType: 'day' });
    expect(tooMuch.error).toEqual({ code: 'INVALID_INPUT', message: "at most 2 lots of the MIS today's position can be converted" });
    const nrml = await rig.call('positions.convert', { venue: 'zerodha', symbol: 'NSE:INFY', from: 'MIS', to: 'NRML', qty: 1, positionType: 'day' });
    expect(nrml.error?.message).toBe('NRML is for futures and options; equity converts between MIS and CNC');

    const converted = await rig.call('positions.convert', { venue: 'zerodha', symbol: 'NSE:INFY', from: 'MIS', to: 'CNC', qty: 2, positionType: 'day' });
    expect(converted.error).toBeUndefined();
    const after = converted.value as Position;
    expect(after.venueQty).toBe(2);
    expect(after.venueProducts?.find((p) => p.product === 'CNC')).toMatchObject({ netQty: 2 });
    expect(after.venueProducts?.find((p) => p.product === 'MIS')?.netQty ?? 0).toBe(0);
    const atKite = rig.venue.control.positions() as { tradingsymbol: string; product: string; quantity: number }[];
    expect(atKite.filter((p) => p.tradingsymbol === 'INFY' && p.quantity !== 0).map((p) => [p.product, p.quantity])).toEqual([['CNC', 2]]);

    // Converting again what is no longer MIS: the engine's report says so before Kite is asked.
    const again = await rig.call('positions.convert', { venue: 'zerodha', symbol: 'NSE:INFY', from: 'MIS', to: 'CNC', qty: 1, positionType: 'day' });
    expect(again.error?.code).toBe('INVALID_INPUT');
  });

  it('the kill switch state names the Kite call that failed; the "delete GTTs" setting is kept and reaches Kite', async () => {
    const rig = await loggedInKite();
    const setting = await rig.call('kill.setDeleteGtts', { on: true });
    expect((setting.value as KillState).deleteGttsOnKill).toBe(true);
    // An order placed on Kite's web (the OMS does not know it) and a GTT: only Kite's own kill reaches them.
    const web = await fetch(`${rig.venue.restUrl}/orders/regular`, {
      method: 'POST',
      headers: { 'X-Kite-Version': '3', Authorization: `token ${APP.apiKey}:${rig.accessToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: 'BUY', order_type: 'LIMIT', quantity: '1', price: '1500', product: 'CNC', validity: 'DAY' }).toString(),
    });
    const webOrderId = ((await web.json()) as { data: { order_id: string } }).data.order_id;
    const gtt = await fetch(`${rig.venue.restUrl}/gtt/triggers`, {
      method: 'POST',
      headers: { 'X-Kite-Version': '3', Authorization: `token ${APP.apiKey}:${rig.accessToken}`, 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        type: 'single',
        condition: JSON.stringify({ exchange: 'NSE', tradingsymbol: 'INFY', trigger_values: [1500], last_price: 1573.7 }),
        orders: JSON.stringify([{ exchange: 'NSE', tradingsymbol: 'INFY', transaction_type: 'BUY', quantity: 1, order_type: 'LIMIT', product: 'CNC', price: 1501 }]),
      }).toString(),
    });
    expect(gtt.status).toBe(200);
    expect(rig.venue.control.gtts()).toHaveLength(1);

    // Kite takes the cancel and its answer never comes: the kill switch must say this cancel is not known to have worked.
    rig.venue.faults.swallowNextAck('cancel');
    const engaged = await rig.call('kill.engage', { reason: 'test' });
    expect((engaged.value as KillState).engaged).toBe(true);
    await rig.until(() => rig.terminal.killState().venueKill.some((o) => o.venue === 'zerodha' && o.state === 'done'), "Kite's kill done");
    const [outcome] = rig.terminal.killState().venueKill;
    expect(outcome!.failures.map((f) => f.action)).toEqual([`cancel ${webOrderId}`]);
    expect(outcome!.failures[0]!.reason).not.toBe('');
    expect(rig.venue.control.gtts()).toEqual([]);
    expect((await rig.call('kill.state')).value).toMatchObject({ venueKill: [{ venue: 'zerodha', state: 'done' }], deleteGttsOnKill: true });
  });
});
