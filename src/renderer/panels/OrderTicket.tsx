import { type FocusEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Instrument, Side } from '../../contract/api';
import { formatPrice } from '../../contract/format';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { DecimalField } from '../components/DecimalField';
import { LastOrder } from '../components/LastOrder';
import { Panel, Placeholder } from '../components/Panel';
import { Segmented } from '../components/Segmented';
import { SideToggle } from '../components/SideToggle';
import { placeTicket } from '../state/actions';
import { marketView, usePanelInstrumentDef, usePanelMarket, useShowsMarket } from '../state/panelMarket';
import { LinkChip } from './watchlist/LinkChip';
import { usePreferences } from '../state/preferences';
import { useSession } from '../state/session';
import { ticket, type TicketState, useTicket } from '../state/ticket';
import { requestTerms } from '../view/confirmTerms';
import { defaultExpiry } from '../view/expiry';
import { lotsHint } from '../view/lots';
import { touch as touchOf } from '../view/ladder';
import { priceText, quoteText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';
import {
  checkTicket,
  failureText,
  hasLimitPrice,
  isStop,
  type OrderKind,
  retarget,
  type TicketField,
  type TicketMode,
  type TicketRequest,
  tifChoices,
  usesPrice,
} from '../view/ticket';
import { isProduction } from '../view/venues';
import { freezeNoteForText, hasProducts, productChoices } from '../view/brokerTerms';
import { AccountSelect } from './ticket/AccountSelect';
import { BrokerTerms } from './ticket/BrokerTerms';
import { TicketFlags } from './ticket/TicketFlags';
import { TimeInForce } from './ticket/TimeInForce';

/** The ticket's text inputs: each is also where its error shows. */
type TextField = 'price' | 'stopPrice' | 'stopLimitPrice' | 'takeProfit' | 'stopLoss' | 'stopLossLimit' | 'qty';

/** What the last click led to: a refusal before or at the engine, or the orders to follow. */
type Result = { kind: 'bad'; text: string } | { kind: 'placed'; ids: string[] } | null;

const modes = [
  { key: 'single', label: 'Single', title: 'One order' },
  { key: 'bracket', label: 'Bracket', title: 'Entry with a take-profit and a stop-loss, armed when it fills' },
  { key: 'oco', label: 'OCO', title: 'A limit and a stop: one cancels the other' },
] as const;

const singleTypes: { key: OrderKind; label: string }[] = [
  { key: 'limit', label: 'Limit' },
  { key: 'market', label: 'Market' },
  { key: 'stop_market', label: 'Stop' },
  { key: 'stop_limit', label: 'Stop limit' },
];
const entryTypes = singleTypes.slice(0, 2);

/** The touch a new limit price starts from: the best bid to buy, the best ask to sell. */
function prefillFor(inst: Instrument, side: Side, t: { bid?: number; ask?: number }): string | undefined {
  const ticks = side === 'buy' ? t.bid : t.ask;
  return ticks === undefined ? undefined : formatPrice(inst, ticks);
}

/**
 * A field left for the Buy or Sell button is not marked touched: its error would appear on the way
 * (on mousedown), move the button, and the click would land elsewhere. The click checks every field anyway.
 */
const leftForSubmit = (e: FocusEvent): boolean => e.relatedTarget instanceof Element && e.relatedTarget.closest('.submit-row') !== null;

/** The engine's time as this window knows it (from ping): GTD expiries are checked against it. */
const engineNow = (): number => Date.now() + (useSession.getState().engineOffsetMs ?? 0);

function Ticket({ inst, panel }: { inst: Instrument; panel: string }) {
  const typeId = useId();
  const t = useTicket();
  // The touch alone (two numbers), not the book: a picture that leaves the best bid and ask where they were
  // does not re-render the ticket (the UI bench's trace showed it re-rendering on every picture).
  const bid = usePanelMarket(panel, (s) => touchOf(s.book).bid);
  const ask = usePanelMarket(panel, (s) => touchOf(s.book).ask);
  const touch = useMemo(() => ({ bid, ask }), [bid, ask]);
  useSession((s) => s.engineOffsetMs); // re-render when the clock offset is first known
  useFormatVersion(); // and when the Settings' number format changes the read-outs
  const [touched, setTouched] = useState<Partial<Record<TicketField, boolean>>>({});
  const [attempted, setAttempted] = useState(false);
  const [pending, setPending] = useState<Side | null>(null);
  const [result, setResult] = useState<Result>(null);
  /** A production order waiting for the trader's second click (the confirm option). */
  const [confirming, setConfirming] = useState<TicketRequest | null>(null);

  // At start and after an instrument switch, start the price at the touch once a book is there.
  const bookReady = touch.bid !== undefined || touch.ask !== undefined;
  useEffect(() => {
    if (!t.prefillPending || !bookReady) return;
    const s = useTicket.getState();
    const price = usesPrice(s) && !s.priceChosen ? prefillFor(inst, s.side, touchOf(marketView(panel).book)) : undefined;
    useTicket.setState(price !== undefined ? { price, prefillPending: false } : { prefillPending: false });
    setTouched({});
    setAttempted(false);
    setResult(null);
  }, [t.prefillPending, bookReady, inst, panel]);

  // Kite's instruments: a product it takes and a validity it has (the ticket is remounted per instrument).
  const products = productChoices(inst);
  useEffect(() => {
    const s = useTicket.getState();
    const next: Partial<TicketState> = {};
    if (products.length > 0 && !products.includes(s.product as (typeof products)[number])) next.product = products[0]!;
    if (!tifChoices(s.mode, s.type, inst).includes(s.tif)) Object.assign(next, retarget(s, {}, inst));
    if (Object.keys(next).length > 0) useTicket.setState(next);
  }, [inst]); // eslint-disable-line react-hooks/exhaustive-deps

  /** A new side, mode or type moves a prefilled (or empty) price to the touch of the new side. */
  const refill = (next: Pick<TicketState, 'side' | 'mode' | 'type'>): Partial<TicketState> => {
    const s = useTicket.getState();
    if (!usesPrice(next) || (s.priceChosen && s.price.trim() !== '')) return {};
    const price = prefillFor(inst, next.side, touch);
    return price !== undefined ? { price, priceChosen: false } : {};
  };
  const change = (next: { mode?: TicketMode; type?: OrderKind }) => {
    const r = retarget(t, next, inst);
    useTicket.setState({ ...r, ...refill({ side: t.side, mode: r.mode, type: r.type }) });
  };
  /** Change and blur handlers of a text field (its error shows under it once touched). */
  const edit = (field: TextField) => ({
    onChange: (value: string) => useTicket.setState(field === 'price' ? { price: value, priceChosen: true } : ({ [field]: value } as Partial<Pick<TicketState, TextField>>)),
    onBlur: (e: FocusEvent) => {
      if (!leftForSubmit(e)) setTouched((x) => ({ ...x, [field]: true }));
    },
  });

  const now = engineNow();
  const check = checkTicket(inst, t.side, t, { touch, now });
  const shown = (f: TicketField): string | undefined => (touched[f] || attempted ? check.errors[f] : undefined);

  const submit = async (side: Side) => {
    if (side !== t.side) useTicket.setState({ side }); // the errors shown are then the ones of the side pressed
    setAttempted(true);
    setResult(null);
    const c = checkTicket(inst, side, useTicket.getState(), { touch, now: engineNow() });
    if (!c.request) return;
    // Real money: asked again before it leaves, when the trader keeps that option on (SIM never asks).
    if (usePreferences.getState().confirmProductionOrders && isProduction(useSession.getState().status, inst.venue)) {
      setConfirming(c.request);
      return;
    }
    await send(c.request);
  };

  const send = async (request: TicketRequest) => {
    setPending(request.input.side);
    const reply = await placeTicket(request);
    setPending(null);
    if (!reply.ok) {
      setResult({ kind: 'bad', text: failureText(reply.error) });
    } else {
      setResult({ kind: 'placed', ids: reply.value.map((o) => o.clientOrderId) });
      if (reply.value.every((o) => o.status !== 'rejected')) setAttempted(false);
    }
    return reply;
  };

  const marketTicks = t.side === 'buy' ? touch.ask : touch.bid;
  const marketInfo = (
    <div className="ticket-info">
      <span>Market price</span>
      <span className="value num">{marketTicks !== undefined ? `≈ ${priceText(inst, marketTicks)} ${inst.quote}` : 'no book yet'}</span>
    </div>
  );
  const price = (label: string, field: Exclude<TextField, 'qty'>, optional = false) => (
    <DecimalField
      label={label}
      unit={inst.quote}
      value={t[field]}
      error={shown(field)}
      placeholder={optional ? 'optional' : undefined}
      {...edit(field)}
    />
  );
  const typeOptions = t.mode === 'bracket' ? entryTypes : singleTypes;

  return (
    <form
      className="ticket"
      onSubmit={(e) => {
        e.preventDefault();
        void submit(t.side);
      }}
    >
      <AccountSelect panel={panel} />
      <Segmented<TicketMode> label="Order mode" options={modes} value={t.mode} onChange={(mode) => change({ mode })} />
      <SideToggle side={t.side} onChange={(side) => useTicket.setState({ side, ...refill({ side, mode: t.mode, type: t.type }) })} />

      {t.mode !== 'oco' && (
        <div className="ticket-row">
          <label htmlFor={typeId}>Order type</label>
          <select id={typeId} value={t.type} onChange={(e) => change({ type: e.target.value as OrderKind })}>
            {typeOptions.map((o) => (
              <option key={o.key} value={o.key}>
                {o.label}
              </option>
            ))}
          </select>
        </div>
      )}

      {t.mode === 'single' && (
        <>
          {isStop(t.type) && price('Stop price', 'stopPrice')}
          {hasLimitPrice(t.type) && price('Price', 'price')}
          {t.type === 'market' && marketInfo}
        </>
      )}
      {t.mode === 'bracket' && (t.type === 'limit' ? price('Price', 'price') : marketInfo)}
      {t.mode === 'oco' && (
        <>
          {price('Limit price', 'price')}
          {price('Stop price', 'stopPrice')}
          {price('Stop-limit price', 'stopLimitPrice', true)}
        </>
      )}

      <DecimalField label="Quantity" unit={inst.base} value={t.qty} error={shown('qty')} {...edit('qty')} {...lotsHintProp(inst, t.qty)} />

      {t.mode === 'bracket' && (
        <>
          {price('Take profit', 'takeProfit')}
          {price('Stop loss', 'stopLoss')}
          {price('Stop-loss limit', 'stopLossLimit', true)}
        </>
      )}

      <TimeInForce
        choices={tifChoices(t.mode, t.type, inst)}
        tif={t.tif}
        expires={t.expires}
        now={now}
        tifError={shown('tif')}
        expiresError={shown('expires')}
        onTif={(tif) => useTicket.setState(tif === 'GTD' && t.expires.trim() === '' ? { tif, expires: defaultExpiry(engineNow()) } : { tif })}
        onExpires={(expires) => useTicket.setState({ expires })}
        onBlurExpires={(e) => {
          if (!leftForSubmit(e)) setTouched((x) => ({ ...x, expires: true }));
        }}
      />

      {products.length > 0 && (
        <BrokerTerms
          choices={products}
          product={t.product}
          afterMarket={t.afterMarket}
          productError={shown('product')}
          onProduct={(product) => useTicket.setState({ product })}
          onAfterMarket={(afterMarket) => useTicket.setState({ afterMarket })}
          freezeLine={t.mode === 'single' ? freezeNoteForText(inst, t.qty, t.autoSlice)?.line : undefined}
          autoSlice={t.autoSlice}
          onAutoSlice={(autoSlice) => useTicket.setState({ autoSlice })}
        />
      )}

      {t.mode === 'single' && !hasProducts(inst) && (
        <TicketFlags
          postOnly={t.postOnly}
          postOnlyAllowed={t.type === 'limit'}
          reduceOnly={t.reduceOnly}
          postOnlyError={shown('postOnly')}
          onPostOnly={(postOnly) => useTicket.setState({ postOnly })}
          onReduceOnly={(reduceOnly) => useTicket.setState({ reduceOnly })}
        />
      )}

      {/* One line for both (wrapping rather than cutting off when the column is narrow): the ticket fits 1366x768. */}
      <div className="ticket-values">
        <span className="ticket-info">
          <span>{t.type === 'market' && t.mode !== 'oco' ? 'Value (est.)' : t.mode === 'oco' ? 'Value (limit leg)' : 'Value'}</span>
          <span className="value num">{check.notional !== undefined ? `${quoteText(inst, check.notional)} ${inst.quote}` : '—'}</span>
        </span>
        <span className="ticket-info">
          <span>Min value</span>
          <span className="num">{`${quoteText(inst, inst.minNotional)} ${inst.quote}`}</span>
        </span>
      </div>

      {attempted && check.errors.form && (
        <div className="ticket-result bad" role="alert">
          {check.errors.form}
        </div>
      )}

      <div className="submit-row">
        <button type="button" className={`submit buy${t.side === 'sell' ? ' dim' : ''}`} disabled={pending !== null} onClick={() => void submit('buy')}>
          Buy
        </button>
        <button type="button" className={`submit sell${t.side === 'buy' ? ' dim' : ''}`} disabled={pending !== null} onClick={() => void submit('sell')}>
          Sell
        </button>
      </div>

      {result?.kind === 'bad' ? (
        <div className="ticket-result bad" role="alert">
          {result.text}
        </div>
      ) : result?.kind === 'placed' ? (
        result.ids.map((id) => <LastOrder key={id} inst={inst} clientOrderId={id} />)
      ) : (
        <div className="ticket-result good" role="status">
          {pending ? 'Sending…' : ''}
        </div>
      )}

      {confirming && (
        <ConfirmDialog
          title={`Send to ${inst.venue} (production)?`}
          keepLabel="Don't send"
          confirmLabel="Send order"
          failure="Not sent"
          onConfirm={async () => {
            const reply = await send(confirming);
            // A refusal is shown on the ticket as always; the dialog's work is done either way.
            return reply.ok ? reply : { ok: true, value: null };
          }}
          onClose={() => setConfirming(null)}
        >
          <p>This account trades real money. The order:</p>
          <ul className="confirm-terms">
            {requestTerms(inst, confirming).map((line) => (
              <li key={line} className="num">
                {line}
              </li>
            ))}
          </ul>
        </ConfirmDialog>
      )}
    </form>
  );
}

export function OrderTicket({ panel = 'ticket' }: { panel?: string }) {
  useShowsMarket(panel);
  const inst = usePanelInstrumentDef(panel);
  const focus = usePanelMarket(panel, (s) => s.focus);
  const key = `${focus.venue}:${focus.symbol}`;
  // Another instrument remounts the form; its state was reset with the change (state/sync.ts).
  return (
    <Panel name="Order ticket" title={inst ? `Order ticket · ${inst.symbol}` : 'Order ticket'} extra={<LinkChip panel={panel} panelName="Order ticket" />}>
      {inst ? <Ticket key={key} inst={inst} panel={panel} /> : <Placeholder>Waiting for instruments…</Placeholder>}
    </Panel>
  );
}

/** F&O quantities read as lots and units under the field ("2 lots = 150"); nothing for other instruments. */
function lotsHintProp(inst: Instrument, qty: string): { hint?: string } {
  const hint = lotsHint(inst, qty);
  return hint === undefined ? {} : { hint };
}
