import { useEffect, useId, useState } from 'react';
import type { Instrument, Side } from '../../contract/api';
import { formatPrice } from '../../contract/format';
import { LastOrder } from '../components/LastOrder';
import { DecimalField } from '../components/DecimalField';
import { Panel, Placeholder } from '../components/Panel';
import { SideToggle } from '../components/SideToggle';
import { submitOrder } from '../state/actions';
import { useFocusedInstrument, useMarket } from '../state/market';
import { useTicket } from '../state/ticket';
import { touch as touchOf } from '../view/ladder';
import { quoteText } from '../view/numbers';
import { checkTicket, failureText, type OrderKind, ticketRequest } from '../view/ticket';

/** What the last click led to: a refusal before or at the engine, or an order to follow. */
type Result = { kind: 'bad'; text: string } | { kind: 'placed'; clientOrderId: string } | null;

/** The touch a new limit price starts from: the best bid to buy, the best ask to sell. */
function prefillFor(inst: Instrument, side: Side, t: { bid?: number; ask?: number }): string | undefined {
  const ticks = side === 'buy' ? t.bid : t.ask;
  return ticks === undefined ? undefined : formatPrice(inst, ticks);
}

function Ticket({ inst }: { inst: Instrument }) {
  const typeId = useId();
  const t = useTicket();
  const book = useMarket((s) => s.book);
  const touch = touchOf(book);
  const [touched, setTouched] = useState({ price: false, qty: false });
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState<Side | null>(null);
  const [result, setResult] = useState<Result>(null);

  // At start and after an instrument switch, start the price at the touch once a book is there.
  const bookReady = touch.bid !== undefined || touch.ask !== undefined;
  useEffect(() => {
    if (!t.prefillPending || !bookReady) return;
    const s = useTicket.getState();
    const price = s.type === 'limit' && !s.priceChosen ? prefillFor(inst, s.side, touchOf(useMarket.getState().book)) : undefined;
    useTicket.setState(price !== undefined ? { price, prefillPending: false } : { prefillPending: false });
    setTouched({ price: false, qty: false });
    setAttempted(false);
    setResult(null);
  }, [t.prefillPending, bookReady, inst]);

  /** Choosing Limit or switching side moves a prefilled (or empty) price to the new touch. */
  const refill = (side: Side, type: OrderKind) => {
    const s = useTicket.getState();
    if (type !== 'limit' || (s.priceChosen && s.price.trim() !== '')) return {};
    const price = prefillFor(inst, side, touch);
    return price !== undefined ? { price, priceChosen: false } : {};
  };

  const check = checkTicket(inst, t.side, t, touch);
  const showPrice = (touched.price || attempted) && t.type === 'limit' ? check.priceError : undefined;
  const showQty = touched.qty || attempted ? check.qtyError : undefined;

  const submit = async (side: Side) => {
    setAttempted(true);
    setResult(null);
    const c = checkTicket(inst, side, t, touch);
    if (c.priceError && t.type === 'limit') return;
    if (c.qtyError) return;
    const request = ticketRequest(inst, side, t);
    if (!request) return;
    setPending(side);
    const reply = await submitOrder(request);
    setPending(null);
    if (!reply.ok) {
      setResult({ kind: 'bad', text: failureText(reply.error) });
    } else {
      setResult({ kind: 'placed', clientOrderId: reply.value.clientOrderId });
      if (reply.value.status !== 'rejected') setAttempted(false);
    }
  };

  const refTicks = t.side === 'buy' ? touch.ask : touch.bid;

  return (
    <form
      className="ticket"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(t.side);
      }}
    >
      <SideToggle side={t.side} onChange={(side) => useTicket.setState({ side, ...refill(side, t.type) })} />

      <div className="ticket-row">
        <label htmlFor={typeId}>Order type</label>
        <select
          id={typeId}
          value={t.type}
          onChange={(e) => {
            const type = e.target.value as OrderKind;
            useTicket.setState({ type, ...refill(t.side, type) });
          }}
        >
          <option value="limit">Limit</option>
          <option value="market">Market</option>
        </select>
      </div>

      {t.type === 'limit' ? (
        <DecimalField
          label="Price"
          unit={inst.quote}
          value={t.price}
          error={showPrice}
          onChange={(price) => useTicket.setState({ price, priceChosen: true })}
          onBlur={() => setTouched((x) => ({ ...x, price: true }))}
        />
      ) : (
        <div className="ticket-info">
          <span>Market price</span>
          <span className="value num">{refTicks !== undefined ? `≈ ${formatPrice(inst, refTicks)} ${inst.quote}` : 'no book yet'}</span>
        </div>
      )}

      <DecimalField
        label="Quantity"
        unit={inst.base}
        value={t.qty}
        error={showQty}
        onChange={(qty) => useTicket.setState({ qty })}
        onBlur={() => setTouched((x) => ({ ...x, qty: true }))}
      />

      <div className="ticket-info">
        <span>{t.type === 'market' ? 'Value (est.)' : 'Value'}</span>
        <span className="value num">{check.notional !== undefined ? `${quoteText(inst, check.notional)} ${inst.quote}` : '—'}</span>
      </div>
      <div className="ticket-info">
        <span>Min value</span>
        <span className="num">{`${quoteText(inst, inst.minNotional)} ${inst.quote}`}</span>
      </div>

      <div className="submit-row">
        <button
          type="button"
          className={`submit buy${t.side === 'sell' ? ' dim' : ''}`}
          disabled={pending !== null}
          onClick={() => void submit('buy')}
        >
          Buy
        </button>
        <button
          type="button"
          className={`submit sell${t.side === 'buy' ? ' dim' : ''}`}
          disabled={pending !== null}
          onClick={() => void submit('sell')}
        >
          Sell
        </button>
      </div>

      {result?.kind === 'bad' ? (
        <div className="ticket-result bad" role="alert">
          {result.text}
        </div>
      ) : result?.kind === 'placed' ? (
        <LastOrder inst={inst} clientOrderId={result.clientOrderId} />
      ) : (
        <div className="ticket-result good" role="status">
          {pending ? 'Sending…' : ''}
        </div>
      )}
    </form>
  );
}

export function OrderTicket() {
  const inst = useFocusedInstrument();
  const focus = useMarket((s) => s.focus);
  return (
    <Panel name="Order ticket" title={inst ? `Order ticket · ${inst.symbol}` : 'Order ticket'}>
      {inst ? <Ticket key={`${focus.venue}:${focus.symbol}`} inst={inst} /> : <Placeholder>Waiting for instruments…</Placeholder>}
    </Panel>
  );
}
