import type { Liquidity, OrderRole, OrderStatus, OrderType, Product, Side, Source, TimeInForce } from '../../../core';
import { PayloadDecodeError, type PayloadReader } from './payloadReader';

/**
 * A list that must name every value of T: the compiler reports the missing ones. A value missing
 * from an on-disk list could not be journaled, and the engine would find out only when it tried.
 */
const every =
  <T>() =>
  <const L extends readonly T[]>(list: L & ([Exclude<T, L[number]>] extends [never] ? unknown : { missing: Exclude<T, L[number]> })): readonly T[] =>
    list;

// Enum codes: positions in these lists are on-disk values; only ever append to a list.
export const SIDES = every<Side>()(['buy', 'sell']);
export const ORDER_TYPES = every<OrderType>()(['limit', 'market', 'stop_market', 'stop_limit']);
export const TIFS = every<TimeInForce>()(['GTC', 'IOC', 'FOK', 'GTD', 'DAY']);
export const STATUSES = every<OrderStatus>()([
  'submitted',
  'accepted',
  'partially_filled',
  'filled',
  'canceled',
  'rejected',
  'initialized',
  'triggered',
  'pending_update',
  'pending_cancel',
  'expired',
]);
export const ROLES = every<OrderRole>()(['entry', 'take_profit', 'stop_loss', 'oco_leg']);
export const LIQUIDITY = every<Liquidity>()(['maker', 'taker']);
export const PRODUCT_CODES = every<Product>()(['CNC', 'MIS', 'NRML']);
// 'cli' and the later values were appended: the first eight keep the codes they always had.
export const SOURCES = every<Source>()([
  'ticket',
  'ladder',
  'hotkey',
  'bridge',
  'kill_switch',
  'risk',
  'recovery',
  'system',
  'cli',
  'grid',
  'algo',
  'venue',
  'contingent',
  'settlement',
]);
export const KILL_ACTIONS = every<'engage' | 'reset'>()(['engage', 'reset']);

/** The code of `value` in `list`; a value the format has no code for is a bug, refused before anything is written. */
export function code<T>(list: readonly T[], value: T, what: string): number {
  const i = list.indexOf(value);
  if (i < 0) throw new RangeError(`cannot journal ${what} ${String(value)}`);
  return i;
}

export function decoded<T>(list: readonly T[], i: number, what: string): T {
  const value = list[i];
  if (value === undefined) throw new PayloadDecodeError(`unknown ${what} code ${i}`);
  return value;
}

/** A 0/1 byte; anything else means the bytes are not the layout we think they are. */
export function readBool(r: PayloadReader, what: string): boolean {
  const b = r.u8();
  if (b > 1) throw new PayloadDecodeError(`${what}: expected 0 or 1, got ${b}`);
  return b === 1;
}

/** Flag bits: refuse bits this build does not know rather than silently drop the fields they announce. */
export function checkFlags(flags: number, known: number, what: string): number {
  // (Bitwise operators see only 32 bits: a larger varint is unknown bits too.)
  if (flags > 0x7fffffff || (flags & ~known) !== 0) throw new PayloadDecodeError(`${what}: unknown flag bits in ${flags}`);
  return flags;
}
