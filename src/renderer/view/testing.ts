import type { AuditEntry, Instrument, Order } from '../../contract/api';

/** Fixtures shared by the view tests (imported by tests only). */

/** BTC-USDT: price to 0.1, quantity to 0.0001, minimum order value 5 USDT. */
export const btc: Instrument = {
  venue: 'SIM',
  symbol: 'BTC-USDT',
  venueSymbol: 'BTCUSDT',
  base: 'BTC',
  quote: 'USDT',
  priceDecimals: 1,
  qtyDecimals: 4,
  tickSize: 1,
  lotSize: 1,
  minNotional: 500_000,
};

/** A working limit buy of 0.0100 BTC at 95000.0, as sent (version 1); spelled out because the renderer imports only the contract. */
export const order = (over: Partial<Order> = {}): Order => ({
  clientOrderId: 'sq1-1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  price: 950_000,
  qty: 100,
  filledQty: 0,
  filledValue: 0,
  fees: 0,
  status: 'accepted',
  version: 1,
  source: 'ticket',
  createdAt: 1000,
  updatedAt: 1000,
  ...over,
});

/** An audit entry for sq1-1; `after` defaults to the order above. */
export const auditEntry = (over: Partial<AuditEntry> = {}): AuditEntry => ({
  seq: 1,
  n: 0,
  ts: 1000,
  clientOrderId: 'sq1-1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  action: 'accept',
  source: 'venue',
  after: { status: 'accepted', price: 950_000, qty: 100, filledQty: 0, version: 1 },
  ...over,
});
