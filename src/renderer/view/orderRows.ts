import type { Instrument, Order } from '../../contract/api';
import { formatPrice, formatQty } from '../../contract/format';
import { type AmendColumn, canAmend } from './amend';
import { dateTimeText } from './numbers';
import { groupText, orderStatusText, orderTypeText, pendingAmendText, statusTone } from './orderText';

/**
 * One row of the Open orders grid: every cell as text, plus what the row allows. Numbers are in the plain
 * form (the columns write them in the Settings' format), so an amend's editor starts from text it parses.
 */
export interface OrderRow {
  id: string;
  /** When it was placed, with the date and zone: "2026-12-07 20:15:40 UTC". */
  time: string;
  /** The venue id: SIM, or the account's name. */
  account: string;
  symbol: string;
  side: Order['side'];
  type: string;
  /** The limit price; "MKT" for orders that trade at market (market, stop-market). */
  price: string;
  stop: string;
  qty: string;
  filled: string;
  status: string;
  tone: ReturnType<typeof statusTone>;
  version: number;
  group: string;
  /** Still working: has a Cancel button. */
  working: boolean;
  /** Working and no cancel already on its way. */
  cancelable: boolean;
  /** Which cells can be edited to amend the order now. */
  editable: Record<AmendColumn, boolean>;
  /** While an amend is pending: what it asks for; while the order is unknown: why. */
  pendingTitle?: string;
}

const plainPrice = (inst: Instrument | undefined, ticks: number | undefined): string =>
  ticks === undefined ? '' : inst ? formatPrice(inst, ticks) : String(ticks);
const plainQty = (inst: Instrument | undefined, lots: number): string => (inst ? formatQty(inst, lots) : String(lots));

export function orderRow(inst: Instrument | undefined, o: Order, working: boolean): OrderRow {
  const row: OrderRow = {
    id: o.clientOrderId,
    time: dateTimeText(o.createdAt),
    account: o.venue,
    symbol: o.symbol,
    side: o.side,
    type: orderTypeText(o),
    price: o.price === undefined ? 'MKT' : plainPrice(inst, o.price),
    stop: plainPrice(inst, o.stopPrice),
    qty: plainQty(inst, o.qty),
    filled: plainQty(inst, o.filledQty),
    status: orderStatusText(o),
    tone: o.unknownReason !== undefined ? 'bad' : statusTone(o.status),
    version: o.version,
    group: groupText(o),
    working,
    cancelable: working && o.status !== 'pending_cancel',
    // Without the instrument a typed value cannot be parsed to ticks and lots: no editing until it is known.
    editable: {
      price: inst !== undefined && canAmend(o, 'price'),
      stopPrice: inst !== undefined && canAmend(o, 'stopPrice'),
      qty: inst !== undefined && canAmend(o, 'qty'),
    },
  };
  const pending = o.unknownReason ?? pendingAmendText(inst, o);
  if (pending !== undefined) row.pendingTitle = pending;
  return row;
}
