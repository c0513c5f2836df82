import type { Instrument } from '../../contract/api';
import { formatPrice, formatQty } from '../../contract/format';
import { useAccount } from '../state/account';

/**
 * The order just placed from the ticket, followed live: a venue can still refuse an order the engine
 * accepted for sending, and that refusal must show as plainly as an immediate one.
 */
export function LastOrder({ inst, clientOrderId }: { inst: Instrument; clientOrderId: string }) {
  const o = useAccount((s) => s.orders[clientOrderId]);
  if (!o) return <div className="ticket-result good" role="status" />;
  if (o.status === 'rejected') {
    return (
      <div className="ticket-result bad" role="alert">
        {`Rejected: ${o.rejectReason ?? 'no reason given'}`}
      </div>
    );
  }
  const at = o.price !== undefined ? ` @ ${formatPrice(inst, o.price)}` : ' at market';
  const status = o.status === 'partially_filled' ? `partially filled ${formatQty(inst, o.filledQty)}` : o.status;
  return (
    <div className="ticket-result good" role="status">
      {`${o.side === 'buy' ? 'Buy' : 'Sell'} ${formatQty(inst, o.qty)} ${inst.base}${at}: ${status}`}
      {o.status === 'canceled' && o.cancelReason ? ` (${o.cancelReason})` : ''}
    </div>
  );
}
