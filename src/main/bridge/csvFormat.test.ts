import { describe, expect, it } from 'vitest';
import type { Order, ViewSettings } from '../../contract';
import { runUntil } from '../../engine/terminal/testSupport';
import { engineRigs } from './engineRig.fixture';

/**
 * The Settings' number format and time zone are for reading on screen only: a CSV export is read by
 * spreadsheets and scripts, so with a decimal comma, thousands and the local zone chosen it still has
 * dot decimals, no grouping and UTC ISO times (through the real handlers and engine).
 */
const rigs = engineRigs('csv-format');

describe('CSV exports under a decimal-comma, local-time Settings', () => {
  it('keep dot decimals, no separators and UTC ISO times', async () => {
    const rig = await rigs.start(rigs.dataDir());
    const set = (await rig.call('settings.set', { thousands: true, decimalComma: true, timeZone: 'local' })) as { ok: true; value: ViewSettings };
    expect(set.value).toMatchObject({ thousands: true, decimalComma: true, timeZone: 'local' });

    // A limit far below the market rests; its price has thousands and decimals: 12345.6.
    const placed = (await rig.call('orders.submit', { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', price: '12345.6', qty: '0.0125', source: 'ticket' })) as { ok: boolean; value: Order };
    expect(placed.ok).toBe(true);
    const id = placed.value.clientOrderId;
    await runUntil(rig.clock, () => rig.terminal.orders(50).some((o) => o.clientOrderId === id && o.status === 'accepted'), 'the limit resting at SIM');

    const reply = (await rig.call('audit.csv', { clientOrderId: id })) as { ok: true; value: { csv: string } };
    const lines = reply.value.csv.trim().split('\r\n');
    const header = lines[0]!.split(',');
    const rows = lines.slice(1).map((l) => Object.fromEntries(l.split(',').map((v, i) => [header[i], v])));
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) {
      expect(r[header[0]!]).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{3})?Z$/);
    }
    expect(reply.value.csv).toContain(',12345.6,');
    expect(reply.value.csv).toContain(',0.0125,');
    expect(reply.value.csv).not.toMatch(/12[.,]345[,.]6|0,0125/);
  });
});
