import { describe, expect, it } from 'vitest';
import { formatPrice, formatQty, type Notice, type Order } from '../../contract';
import { runUntil, waitFor } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';

/**
 * The trader's number format set over the bridge (the Settings screen's `settings.set`) reaches the
 * notices the engine writes itself (toasts, the Alerts panel, OS notifications with the window closed):
 * a fill after the change reads in it; a change back applies to the next fill, not the one already told.
 */
const rigs = engineRigs('notice-format');

/** "65.432,10" back to "65432.10": what the trader reads is the plain price, grouped and with a comma. */
const unlocalised = (text: string): string => text.replaceAll('.', '').replace(',', '.');

describe('notices over the bridge follow the view settings', () => {
  it('a fill after "decimal comma + thousands" is set reads "Bought 0,5000 BTC-USDT at 95.000,0"; after "plain" the next one reads plain', async () => {
    const rig = await rigs.start(rigs.dataDir(), { forward: ['notice'] });
    const notices = (): Notice[] => rig.received.filter((e) => e.name === 'notice').map((e) => e.payload as Notice);
    const fills = (id: string): Notice[] => notices().filter((n) => n.kind === 'fill' && n.clientOrderId === id);
    const btc = rig.terminal.instruments().find((i) => i.venue === 'SIM' && i.symbol === 'BTC-USDT')!;
    // A market order needs a live book for its reference price.
    await waitFor(() => rig.terminal.marketSnapshot('SIM', 'BTC-USDT', 60, 1).book?.stale === false, 'the BTC-USDT book live');

    expect(await rig.call('settings.set', { thousands: true, decimalComma: true })).toMatchObject({ ok: true, value: { thousands: true, decimalComma: true } });
    const first = (await rig.call<Order>('orders.submit', { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'market', qty: '0.5', source: 'ticket' }));
    if (!first.ok) throw new Error(first.error.message);
    await runUntil(rig.clock, () => fills(first.value.clientOrderId).length > 0, 'the first fill notice');
    const told = fills(first.value.clientOrderId)[0]!;
    const fill = rig.terminal.fills().find((f) => f.clientOrderId === first.value.clientOrderId)!;
    const [, qty, price] = /^Bought (\S+) BTC-USDT at (\S+)$/.exec(told.title) ?? [];
    expect(qty).toBe(formatQty(btc, fill.qty).replace('.', ','));
    // SIM's BTC trades above 1,000: grouped with points, the decimals after a comma.
    expect(price).toMatch(/^\d{1,3}(\.\d{3})+,\d+$/);
    expect(unlocalised(price!)).toBe(formatPrice(btc, fill.price));

    expect(await rig.call('settings.set', { thousands: false, decimalComma: false })).toMatchObject({ ok: true });
    const second = (await rig.call<Order>('orders.submit', { venue: 'SIM', symbol: 'BTC-USDT', side: 'sell', type: 'market', qty: '0.5', source: 'ticket' }));
    if (!second.ok) throw new Error(second.error.message);
    await runUntil(rig.clock, () => fills(second.value.clientOrderId).length > 0, 'the second fill notice');
    const sold = rig.terminal.fills().find((f) => f.clientOrderId === second.value.clientOrderId)!;
    expect(fills(second.value.clientOrderId)[0]!.title).toBe(`Sold ${formatQty(btc, sold.qty)} BTC-USDT at ${formatPrice(btc, sold.price)}`);
    // The notice already told keeps the words it was told in.
    expect(fills(first.value.clientOrderId)[0]!.title).toBe(told.title);
  });

  it('an alert fired after the change reads in it, and the log keeps what was shown when the format changes again', async () => {
    const rig = await rigs.start(rigs.dataDir(), { forward: ['notice'] });
    await rig.call('settings.set', { thousands: true, decimalComma: true });
    const added = await rig.call<{ id: string; description: string }>('alerts.add', { venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '1000' });
    expect(added).toMatchObject({ ok: true, value: { description: 'SIM BTC-USDT last at or above 1.000,0' } });
    await runUntil(rig.clock, () => rig.received.some((e) => e.name === 'notice'), 'the alert notice');
    const notice = rig.received.find((e) => e.name === 'notice')!.payload as Notice;
    expect(notice.text).toMatch(/^last \d{1,3}(\.\d{3})+,\d at or above 1\.000,0$/);

    await rig.call('settings.set', { thousands: false, decimalComma: false });
    expect(await rig.call('alerts.log')).toMatchObject({ ok: true, value: [{ text: notice.text, description: 'SIM BTC-USDT last at or above 1.000,0' }] });
    expect(await rig.call('alerts.list')).toMatchObject({ ok: true, value: { rules: [{ description: 'SIM BTC-USDT last at or above 1000.0' }] } });
  });
});
