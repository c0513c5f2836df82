/**
 * Journal record type codes: part of the on-disk format. A code is never reused, and once a release
 * has journaled a type its layout is never changed: a new layout gets a new code and the old decoder
 * stays, so old journals stay readable. (The OMS v2 rework re-laid-out 1-3 and 10-20 before any
 * release journaled them.) The journal frame allows 1..255.
 *
 * Every payload starts with `at` (int, the engine clock when journaled). Layouts after it:
 */
export const RECORD_TYPE = {
  /** Command: a new order as the OMS created it, before the venue hears of it. send (u8 0/1), order. */
  orderSubmitted: 1,
  /** Command: a cancel sent for an order. venue, clientOrderId (str), source (u8). */
  cancelRequested: 2,
  /** Command: the kill switch engaged or reset. action (u8), source (u8), reason (str). */
  killSwitch: 3,
  /** Command: a bracket child sent to the venue. clientOrderId (str), qty (int), source (u8). */
  orderArmed: 4,
  /** Command: an amend sent for an order. clientOrderId (str), source (u8), change. */
  amendRequested: 5,
  /**
   * Venue events about our orders, as the adapter reported them (or reconcile found them).
   * Each: source (u8), venue, clientOrderId (str), ts (int), then the event's own fields.
   */
  orderAccepted: 10,
  orderRejected: 11,
  orderFilled: 12,
  orderCanceled: 13,
  cancelRejected: 14,
  orderTriggered: 15,
  orderAmended: 16,
  amendRejected: 17,
  orderExpired: 18,
  /** The answer to the order's submission was lost (its state is unknown until the venue answers). reason (str). */
  orderUnknown: 19,
  /** The full state of an order as a decision (reconcile, a local cancel). source (u8), has detail (u8 0/1), order, detail (str). */
  orderState: 20,
} as const;

/** The venue event codes, in one range so the decoder can tell a venue event from anything else. */
export const FIRST_VENUE_EVENT = RECORD_TYPE.orderAccepted;
export const LAST_VENUE_EVENT = RECORD_TYPE.orderUnknown;
