import { describe, expect, it } from 'vitest';
import { venuePositionDetail } from './venuePositionDetail';

describe('venuePositionDetail', () => {
  it("Kite: each product's net, day and carried lots and the M2M go to the view", () => {
    const detail = venuePositionDetail({
      symbol: 'NFO:NIFTY24DECFUT',
      qty: 2,
      m2m: '-1250.00',
      products: [
        { product: 'NRML', netQty: 3, dayQty: 1, overnightQty: 2, m2m: '-1500.00', pnl: '0', realised: '0', unrealised: '0', averagePrice: 480000 },
        { product: 'MIS', netQty: -1, dayQty: -1, overnightQty: 0, m2m: '250.00', pnl: '0', realised: '0', unrealised: '0' },
      ],
    });
    expect(detail).toEqual({
      venueM2m: '-1250.00',
      venueProducts: [
        { product: 'NRML', netQty: 3, dayQty: 1, overnightQty: 2, m2m: '-1500.00' },
        { product: 'MIS', netQty: -1, dayQty: -1, overnightQty: 0, m2m: '250.00' },
      ],
    });
  });

  it('a venue that reports neither (Binance USD-M), or no position, adds nothing', () => {
    expect(venuePositionDetail({ symbol: 'BTC-USDT-PERP', qty: 1, entryPrice: 1000, unrealisedPnl: '1.5' })).toEqual({});
    expect(venuePositionDetail(undefined)).toEqual({});
  });
});
