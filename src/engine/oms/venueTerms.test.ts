import { describe, expect, it } from 'vitest';
import { engineDirs } from './simEngine.fixture';

const engines = engineDirs();

describe("a venue's own order terms", () => {
  it('an order naming a product or the after-market variety is refused on a venue without them, and recorded as refused', async () => {
    const e = await engines.start();
    const price = e.touch('BTC-USDT', 'bid') - 1;
    const base = { venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price, qty: 1 } as const;

    const mis = e.oms.submit({ ...base, clientOrderId: 'mis-1', product: 'MIS' }, 'ticket');
    expect(mis).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: 'SIM has no MIS product' } });
    expect(e.oms.get('mis-1')).toMatchObject({ status: 'rejected', product: 'MIS' });

    const amo = e.oms.submit({ ...base, clientOrderId: 'amo-1', afterMarket: true }, 'ticket');
    expect(amo).toMatchObject({ ok: false, error: { message: 'SIM takes no after-market orders' } });

    expect(e.oms.submit({ ...base, clientOrderId: 'plain-1' }, 'ticket').ok).toBe(true);
  });
});
