import type { OrderType, TimeInForce } from '../../core';

/** The reasons a trader reads on `orderExpired`, one per way time in force ends an order. */
export const EXPIRY_REASON = {
  ioc: 'IOC remainder',
  fok: 'FOK: not enough liquidity to fill entirely',
  market: 'market order remainder: no more liquidity',
  gtd: 'GTD expiry',
  day: 'end of day (00:00 UTC)',
} as const;

const DAY_MS = 86_400_000;

/** A DAY order ends at the first 00:00 UTC after it is accepted (crypto venues' session end). */
export const endOfDayUtc = (ts: number): number => Math.floor(ts / DAY_MS) * DAY_MS + DAY_MS;

/** Why the unfilled part of an order that met the book ends there instead of resting. */
export function remainderReason(type: OrderType, tif: TimeInForce): string {
  if (tif === 'FOK') return EXPIRY_REASON.fok;
  if (type === 'market' || type === 'stop_market') return EXPIRY_REASON.market;
  return EXPIRY_REASON.ioc;
}

/** Whether an order of this type and time in force can rest in the book (what GTD/DAY/GTC limits do). */
export const restsInBook = (type: OrderType, tif: TimeInForce): boolean =>
  (type === 'limit' || type === 'stop_limit') && tif !== 'IOC' && tif !== 'FOK';

export const deadlineReason = (tif: TimeInForce): string => (tif === 'DAY' ? EXPIRY_REASON.day : EXPIRY_REASON.gtd);
