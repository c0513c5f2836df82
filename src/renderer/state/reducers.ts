import type { Candle, Fill, Order, Position, RiskState, Trade } from '../../contract/api';

/** Pure state transitions behind the stores: how a snapshot and a stream of events combine. */

export const instrumentKey = (venue: string, symbol: string): string => `${venue}:${symbol}`;

/**
 * Whether an order may still trade. A Record over every status, so a status added to the contract does
 * not compile until it is placed here (the engine's list is not importable: the view sees only the contract).
 */
const working: Record<Order['status'], boolean> = {
  initialized: true,
  submitted: true,
  accepted: true,
  triggered: true,
  partially_filled: true,
  pending_update: true,
  pending_cancel: true,
  filled: false,
  canceled: false,
  rejected: false,
  expired: false,
};

/** How far along the lifecycle a status is, to break ties between two versions with the same timestamp. */
const statusRank: Record<Order['status'], number> = {
  initialized: 0,
  submitted: 1,
  accepted: 2,
  triggered: 3,
  partially_filled: 3,
  pending_update: 3,
  pending_cancel: 3,
  filled: 4,
  canceled: 4,
  rejected: 4,
  expired: 4,
};

export const isWorkingOrder = (o: Order): boolean => working[o.status];

/**
 * A working order that sits in the book at its limit price: not a stop still waiting for its trigger
 * (it rests at the venue, not in the book) and not a bracket exit not yet armed. The ladder marks these.
 */
export const isRestingOrder = (o: Order): boolean =>
  working[o.status] &&
  o.status !== 'initialized' &&
  o.price !== undefined &&
  (o.type === 'limit' || o.triggeredAt !== undefined || o.status === 'triggered');

/**
 * The later of two versions of one order. A list reply can be older than an event that overtook it,
 * and both may carry the same engine timestamp. Then: an ended order stays ended, a confirmed amend
 * (higher version) beats the one before it, more filled beats less, and a further state beats an
 * earlier one; a stale snapshot never rolls an order back.
 */
export function laterOrder(current: Order | undefined, incoming: Order): Order {
  if (!current) return incoming;
  if (incoming.updatedAt !== current.updatedAt) return incoming.updatedAt > current.updatedAt ? incoming : current;
  const ended = (o: Order): number => (working[o.status] ? 0 : 1);
  const keys = [ended, (o: Order) => o.version, (o: Order) => o.filledQty, (o: Order) => statusRank[o.status]];
  for (const key of keys) {
    const a = key(incoming);
    const b = key(current);
    if (a !== b) return a > b ? incoming : current;
  }
  return incoming;
}

export function mergeOrders(orders: Record<string, Order>, incoming: readonly Order[]): Record<string, Order> {
  const next = { ...orders };
  for (const o of incoming) next[o.clientOrderId] = laterOrder(next[o.clientOrderId], o);
  return next;
}

const newestFirst = (a: Order, b: Order): number => b.createdAt - a.createdAt || (a.clientOrderId < b.clientOrderId ? 1 : -1);

/** Working orders, newest first. */
export function workingOrders(orders: Record<string, Order>): Order[] {
  return Object.values(orders).filter(isWorkingOrder).sort(newestFirst);
}

/** Every order of the session, working or ended, newest first. */
export function allOrders(orders: Record<string, Order>): Order[] {
  return Object.values(orders).sort(newestFirst);
}

/** Fills newest first, each fill once however often it arrives (list reply and event), at most `cap`. */
export function mergeFills(fills: readonly Fill[], incoming: readonly Fill[], cap = 1000): Fill[] {
  const seen = new Set(fills.map((f) => f.fillId));
  const fresh = incoming.filter((f) => !seen.has(f.fillId) && (seen.add(f.fillId), true));
  if (fresh.length === 0) return fills as Fill[];
  return [...fresh, ...fills].sort((a, b) => b.ts - a.ts).slice(0, cap);
}

export function upsertPosition(positions: Record<string, Position>, p: Position): Record<string, Position> {
  return { ...positions, [instrumentKey(p.venue, p.symbol)]: p };
}

/**
 * Adds a live candle: the bar still forming is replaced, a new bar is appended, and a bar older than
 * the last one (a late event after a snapshot) is ignored so the chart never goes back in time.
 */
export function applyCandle(candles: readonly Candle[], candle: Candle, cap = 5000): Candle[] {
  const last = candles[candles.length - 1];
  if (last && candle.time < last.time) return candles as Candle[];
  if (last && candle.time === last.time) return [...candles.slice(0, -1), candle];
  const next = [...candles, candle];
  return next.length > cap ? next.slice(next.length - cap) : next;
}

/** The tape: newest first, at most `cap` prints, whatever order a batch arrives in. */
export function pushTrades(tape: readonly Trade[], trades: readonly Trade[], cap = 200): Trade[] {
  if (trades.length === 0) return tape as Trade[];
  const newestFirst = [...trades].sort((a, b) => b.ts - a.ts);
  return [...newestFirst, ...tape].slice(0, cap);
}

/**
 * A book update is shown only for the focused instrument. Sequence numbers are not compared: they
 * restart when a venue resyncs, and the bridge already delivers updates in order.
 */
export const isFocused = (m: { venue: string; symbol: string }, venue: string, symbol: string): boolean =>
  m.venue === venue && m.symbol === symbol;

/**
 * Risk arrives whole (about once a second, and in command replies); a reply can be overtaken by a later
 * event, so an older snapshot never replaces a newer one. Equal times: the incoming one (a command's
 * reply carries the change it made).
 */
export function laterRisk(current: RiskState | null, incoming: RiskState): RiskState {
  if (current && incoming.utilisation.ts < current.utilisation.ts) return current;
  return incoming;
}
