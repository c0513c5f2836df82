import { type CSSProperties, memo, type MouseEvent, type PointerEvent, useMemo, useRef } from 'react';
import type { Instrument } from '../../contract/api';
import { formatPrice } from '../../contract/format';
import { Panel, Placeholder } from '../components/Panel';
import { useRowsThatFit } from '../components/useRowsThatFit';
import { useAccount } from '../state/account';
import { useMarket } from '../state/market';
import { usePanelInstrumentDef, usePanelMarket, useShowsMarket } from '../state/panelMarket';
import { isRestingOrder } from '../state/reducers';
import { ticket } from '../state/ticket';
import { buildLadder, depthCapNote, type LadderRow } from '../view/ladder';
import { rowClick } from '../view/ladderClick';
import { bpsText, priceText, qtyText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';
import { quickTrading } from '../hotkeys/quickTrading';
import { OneClickBar } from './ladder/OneClickBar';
import { LinkChip } from './watchlist/LinkChip';
import { type RowTrading, useLadderTrading } from './ladder/useLadderTrading';

/** Levels shown at most (the engine sends more, for the depth chart); fewer when the panel is short, never a half-cut row. */
const LEVELS = 20;
const ROW_PX = 17;

// `format`: the Settings' format version, so a memoised row is written again when it changes.
// A row is a place on the ladder (the fifth bid), not a price: its text is rewritten as the book moves, so
// a click checks the price under the press is still the one shown (see view/ladderClick.ts).
const Row = memo(function Row({ row, inst, trading, toTicket }: { row: LadderRow; inst: Instrument; trading: RowTrading | null; toTicket: boolean; format: number }) {
  // The price this row showed when the primary button went down on it; read by the click that follows.
  const pressed = useRef<number | undefined>(undefined);
  // The ticket takes the plain form; the trader reads the Settings' format.
  const price = priceText(inst, row.price);
  const verb = row.side === 'bid' ? 'buy' : 'sell';
  const onClick = (e: MouseEvent) => {
    // A keyboard click (Enter or Space on the price button) has no press: detail 0, it acts on the price shown.
    const at = e.detail === 0 ? undefined : pressed.current;
    pressed.current = undefined;
    if (!trading && !toTicket) return;
    const click = rowClick(at, row.price, (p) => priceText(inst, p), trading ? 'sent' : 'picked');
    if (!click.act) return quickTrading.tell({ kind: 'bad', text: click.text });
    if (trading) trading.click(row);
    else ticket.pickPrice(formatPrice(inst, click.price));
  };
  const onPointerDown = (e: PointerEvent) => {
    pressed.current = e.button === 0 ? row.price : undefined;
    trading?.pointerDown(row, e);
  };
  return (
    <div
      className={`ladder-row ${row.side}${row.best ? ' best' : ''}${row.own > 0 ? ' own' : ''}`}
      onClick={onClick}
      onContextMenu={trading ? (e) => trading.contextMenu(row, e) : undefined}
      onPointerDown={onPointerDown}
      onPointerUp={trading ? () => trading.pointerUp(row) : undefined}
      title={
        trading
          ? `Click: ${verb} limit at ${price} (one-click)${row.own > 0 ? '. Right-click: cancel yours here; drag: move them' : ''}`
          : toTicket
            ? 'Click to use this price in the order ticket'
            : 'The order ticket shows another instrument (link it to this group to use this price there)'
      }
    >
      {/* Scaled, not sized: a transform changes no layout, where a width laid the row out again on every picture. */}
      <div className="bar" style={{ transform: `scaleX(${row.depth.toFixed(3)})` }} />
      <span className="mine num">
        {row.own > 0 && (
          <span className="mine-tag" aria-label={`Your ${verb} orders at ${price}: ${qtyText(inst, row.own)}`}>
            {qtyText(inst, row.own)}
          </span>
        )}
      </span>
      <span className={`price num ${row.side}`}>
        <button type="button" tabIndex={0}>
          {price}
        </button>
      </span>
      <span className="size num">{qtyText(inst, row.qty)}</span>
      <span className="cum num">{qtyText(inst, row.cum)}</span>
    </div>
  );
});

/** One ladder: `panel` is its instance (`book`, `book-2`...), whose link group says which instrument it shows. */
export function OrderBook({ panel = 'book', name = 'Order book' }: { panel?: string; name?: string }) {
  useShowsMarket(panel);
  const inst = usePanelInstrumentDef(panel);
  const book = usePanelMarket(panel, (v) => v.book);
  const orders = useAccount((s) => s.orders);
  const focus = usePanelMarket(panel, (v) => v.focus);
  const last = usePanelMarket(panel, (v) => v.trades[0]);
  // A price clicked here goes to the ticket only when the ticket shows this instrument.
  const sameAsFocus = useMarket((s) => s.focus.venue === focus.venue && s.focus.symbol === focus.symbol);
  const toTicket = usePanelMarket('ticket', (v) => v.focus.venue === focus.venue && v.focus.symbol === focus.symbol);
  const format = useFormatVersion();
  const own = useMemo(
    () => Object.values(orders).filter((o) => isRestingOrder(o) && o.venue === focus.venue && o.symbol === focus.symbol),
    [orders, focus],
  );
  const [sideRef, fit] = useRowsThatFit(ROW_PX, LEVELS);
  const levels = Math.min(LEVELS, fit);
  const ladder = useMemo(() => buildLadder(book, own, levels), [book, own, levels]);
  const empty = ladder.asks.length === 0 && ladder.bids.length === 0;
  const cap = depthCapNote(inst);
  const trading = useLadderTrading(own, panel);

  const extra = (
    <>
      <LinkChip panel={panel} panelName={name} />
      {cap && (
        <span className="depth-cap" title={cap.title}>
          {cap.text}
        </span>
      )}
      {ladder.ownOutside > 0 && book && (
        <span className="off-ladder" title="Working orders of ours at prices deeper than the ladder shows">
          {`${ladder.ownOutside} mine off-ladder`}
        </span>
      )}
      {book?.stale && (
        <span className="badge badge-stale" title="The book may be out of date: the venue feed is resynchronising">
          STALE
        </span>
      )}
    </>
  );

  return (
    // The symbol in the title when the ladder shows another instrument than the top bar's focus.
    <Panel name={name} title={inst && !sameAsFocus ? `${name} · ${inst.symbol}` : name} extra={extra}>
      <div className="book-body">
        {!inst || !book ? (
          <Placeholder>Waiting for market data…</Placeholder>
        ) : empty ? (
          <Placeholder>The book is empty</Placeholder>
        ) : (
          <div className={`ladder${book.stale ? ' stale' : ''}${trading ? ' one-click-on' : ''}`} style={{ '--row': `${ROW_PX}px` } as CSSProperties}>
            <div className="ladder-cols" aria-hidden="true">
              <span>Mine</span>
              <span>Price</span>
              <span>{`Size (${inst.base})`}</span>
              <span>Total</span>
            </div>
            <div className="ladder-side asks" ref={sideRef}>
              {/* Keyed by place: a moved book rewrites the rows' text instead of removing and creating rows (half the
                  UI work per picture); a click acts only on the price under its press (Row). Asks count from the touch. */}
              {ladder.asks.map((r, i) => (
                <Row key={`a${ladder.asks.length - 1 - i}`} row={r} inst={inst} trading={trading} toTicket={toTicket} format={format} />
              ))}
            </div>
            <div className="spread-row">
              <span className={`mid num ${last ? (last.aggressor === 'buy' ? 'bid' : 'ask') : ''}`} title="Last trade">
                {last ? priceText(inst, last.price) : '—'}
              </span>
              <span className="muted num">
                {ladder.spread !== undefined && ladder.mid !== undefined
                  ? `spread ${priceText(inst, ladder.spread)} · ${bpsText(ladder.spread, ladder.mid)}`
                  : 'one-sided book'}
              </span>
            </div>
            <div className="ladder-side bids">
              {ladder.bids.map((r, i) => (
                <Row key={`b${i}`} row={r} inst={inst} trading={trading} toTicket={toTicket} format={format} />
              ))}
            </div>
          </div>
        )}
        {/* Below the ladder: the ladder's first button stays its top price, and the bar never pushes the touch around. */}
        <OneClickBar />
      </div>
    </Panel>
  );
}
