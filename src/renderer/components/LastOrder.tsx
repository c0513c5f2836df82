import type { Instrument } from '../../contract/api';
import { useAccount } from '../state/account';
import { lastOrderText } from '../view/orderText';

/**
 * An order just placed from the ticket, followed live: a venue can still refuse an order the engine
 * accepted for sending, and that refusal must show as plainly as an immediate one.
 */
export function LastOrder({ inst, clientOrderId }: { inst: Instrument; clientOrderId: string }) {
  const o = useAccount((s) => s.orders[clientOrderId]);
  if (!o) return <div className="ticket-result good" role="status" />;
  const rejected = o.status === 'rejected';
  return (
    <div className={`ticket-result ${rejected ? 'bad' : 'good'}`} role={rejected ? 'alert' : 'status'}>
      {lastOrderText(inst, o)}
    </div>
  );
}
