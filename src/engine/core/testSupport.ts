import type { Order } from './orderModel';

/** A resting BTC-USDT limit buy on SIM, as tests start from; `over` sets what a test is about. */
export const testOrder = (over: Partial<Order> = {}): Order => ({
  clientOrderId: 'o-1',
  venue: 'SIM',
  symbol: 'BTC-USDT',
  side: 'buy',
  type: 'limit',
  tif: 'GTC',
  postOnly: false,
  reduceOnly: false,
  price: 1000,
  qty: 10,
  filledQty: 0,
  filledValue: 0,
  fees: 0,
  status: 'accepted',
  version: 1,
  source: 'ticket',
  createdAt: 0,
  updatedAt: 0,
  ...over,
});
