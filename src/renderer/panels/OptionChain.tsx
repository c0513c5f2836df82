import { useEffect, useId, useRef, useState } from 'react';
import type { ChainSideView, OptionChainView } from '../../contract/api';
import { Panel, Placeholder } from '../components/Panel';
import { fillTicketFromQuote } from '../state/optionChainActions';
import { strategy } from '../state/strategy';
import { useMarket } from '../state/market';
import { CALL_COLUMNS, chainSummary, defaultUnderlying, expiryText, parseRatePercent, PUT_COLUMNS, type SideColumn, sideCells, sideTitle, strikeText } from '../view/optionChain';
import { ExpirySelect, UnderlyingSelect, UnderlyingsPlaceholder } from './options/UnderlyingPickers';
import { type ChainChoice, useOptionChain, useUnderlyings } from './options/useOptionChain';
import { useFormatVersion } from '../state/settings';

/**
 * The option chain: pick an underlying (per venue) and an expiry; calls left, strikes in the middle,
 * puts right, with bid, ask, mark, IV and Greeks per strike and the ATM strike marked. A bid or ask
 * fills the ticket with that option (sell at the bid, buy at the ask). Read from the engine only while
 * on screen (`visible`); the engine streams the chain's instruments meanwhile.
 */
export function OptionChain(props: { visible: boolean }) {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const id = useId();
  const { underlyings, error: listError } = useUnderlyings(props.visible);
  const [picked, setPicked] = useState<ChainChoice | undefined>(undefined);
  const [note, setNote] = useState<string | undefined>(undefined);
  const [rateText, setRateText] = useState('');
  const rate = parseRatePercent(rateText);
  // The focused instrument's underlying until the trader picks one; a pick no longer listed falls back the same way.
  const focus = useMarket((s) => s.focus);
  const listed = picked && underlyings?.find((u) => u.venue === picked.venue && u.underlying === picked.underlying);
  const first = underlyings && defaultUnderlying(underlyings, focus);
  const chosen: ChainChoice | undefined = listed ? picked : first ? { venue: first.venue, underlying: first.underlying } : undefined;
  // A rate being typed that does not parse keeps the last good one out of the request: the venue's setting.
  const choice: ChainChoice | undefined = chosen && (rate.ok && rate.rate !== undefined ? { ...chosen, rate: rate.rate } : chosen);
  const underlying = underlyings?.find((u) => choice && u.venue === choice.venue && u.underlying === choice.underlying);
  const { chain, error } = useOptionChain(choice, props.visible);
  useEffect(() => setNote(undefined), [choice?.venue, choice?.underlying]);
  // The strategy builder works on the chain shown here.
  const expiriesKey = underlying?.expiries.join() ?? '';
  useEffect(() => {
    if (chain) strategy.choose({ venue: chain.venue, underlying: chain.underlying, expiry: chain.expiry, expiries: chain.expiries });
  }, [chain?.venue, chain?.underlying, chain?.expiry, expiriesKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const pickQuote = (side: ChainSideView, which: 'bid' | 'ask') => {
    if (!chain) return;
    void fillTicketFromQuote(chain, side, which).then(setNote);
  };

  const pickers = (
    <div className="chain-pickers">
      <UnderlyingSelect id={`${id}-u`} underlyings={underlyings} choice={choice} onPick={(u) => setPicked({ venue: u.venue, underlying: u.underlying })} />
      <ExpirySelect
        id={`${id}-e`}
        value={chain?.expiry ?? choice?.expiry}
        disabled={!underlying}
        expiries={(underlying?.expiries ?? []).map((ms) => ({ expiry: ms, label: expiryText(ms) }))}
        onPick={(expiry) => chosen && setPicked({ venue: chosen.venue, underlying: chosen.underlying, expiry })}
      />
      <label htmlFor={`${id}-r`}>Rate %</label>
      <input
        id={`${id}-r`}
        className={`chain-rate${rate.ok ? '' : ' invalid'}`}
        inputMode="decimal"
        placeholder="0"
        value={rateText}
        aria-invalid={!rate.ok}
        aria-describedby={rate.ok ? undefined : `${id}-rerr`}
        title="Risk-free rate, continuous annual: discounts the premium (and carries the spot under BSM). Empty: the venue's setting, 0"
        onChange={(e) => setRateText(e.target.value)}
      />
      {!rate.ok && (
        <span id={`${id}-rerr`} className="chain-rate-error" role="alert">
          {rate.error}
        </span>
      )}
    </div>
  );

  return (
    <Panel name="Option chain" extra={pickers}>
      {listError !== undefined || !underlyings?.length ? (
        <UnderlyingsPlaceholder underlyings={underlyings} error={listError} />
      ) : error !== undefined ? (
        <Placeholder>{error}</Placeholder>
      ) : chain === undefined ? (
        <Placeholder>Reading the chain…</Placeholder>
      ) : (
        <ChainGrid chain={chain} note={note} onQuote={pickQuote} />
      )}
    </Panel>
  );
}

function ChainGrid(props: { chain: OptionChainView; note: string | undefined; onQuote: (side: ChainSideView, which: 'bid' | 'ask') => void }) {
  const { chain } = props;
  const summary = chainSummary(chain);
  // A newly shown chain opens at its ATM line (centred in the grid), once per underlying and expiry.
  const scroller = useRef<HTMLDivElement>(null);
  const centredFor = useRef('');
  const chainKey = `${chain.venue}|${chain.underlying}|${chain.expiry}`;
  useEffect(() => {
    const box = scroller.current;
    const row = box?.querySelector<HTMLTableRowElement>('tr.atm');
    if (!box || !row || centredFor.current === chainKey) return;
    centredFor.current = chainKey;
    box.scrollTop = Math.max(0, row.offsetTop - box.clientHeight / 2 + row.offsetHeight / 2);
  });
  const cell = (side: ChainSideView | undefined, column: SideColumn, text: string, right: 'call' | 'put') => {
    const title = sideTitle(side, column);
    if ((column === 'Bid' || column === 'Ask') && side && text !== '') {
      const which = column === 'Bid' ? 'bid' : 'ask';
      const action = which === 'bid' ? 'Sell' : 'Buy';
      return (
        <td key={column} className={`num quote-cell ${which}`}>
          <button type="button" className={`chain-quote ${which}`} aria-label={`${action} ${side.displayName} at ${text}`} title={`${action} ${side.displayName} at ${text}${title ? ` (${title})` : ''}`} onClick={() => props.onQuote(side, which)}>
            {text}
          </button>
        </td>
      );
    }
    return (
      <td key={column} className={`num ${right}-cell`} title={title}>
        {text}
      </td>
    );
  };
  return (
    <div className="chain">
      <div className="chain-summary" aria-label="Chain summary">
        <span title="What the options are priced from, and the forward">{summary.underlying}</span>
        <span title="Time to expiry, ACT/365 from the engine's clock">Expires in {summary.expiry}</span>
        <span>{summary.model}</span>
        <span className="chain-conventions">{summary.conventions}</span>
        {summary.problem !== undefined && (
          <span className="chain-problem" role="status">
            No IV or Greeks: {summary.problem}
          </span>
        )}
        {props.note !== undefined && (
          <span className="chain-problem" role="alert">
            {props.note}
          </span>
        )}
      </div>
      <div className="chain-scroll" ref={scroller}>
        <table className="chain-table" aria-label={`Option chain ${chain.underlying} ${expiryText(chain.expiry)}`}>
          <thead>
            <tr className="chain-groups">
              <th scope="colgroup" colSpan={CALL_COLUMNS.length}>
                Calls
              </th>
              <th scope="col" rowSpan={2} className="strike">
                Strike
              </th>
              <th scope="colgroup" colSpan={PUT_COLUMNS.length}>
                Puts
              </th>
            </tr>
            <tr>
              {CALL_COLUMNS.map((c) => (
                <th key={`c-${c}`} scope="col" aria-label={`Call ${c}`}>
                  {c}
                </th>
              ))}
              {PUT_COLUMNS.map((c) => (
                <th key={`p-${c}`} scope="col" aria-label={`Put ${c}`}>
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {chain.rows.map((row) => {
              const atm = row.strike === chain.atmStrike;
              const calls = sideCells(row.call);
              const puts = sideCells(row.put);
              const itmCall = chain.forward !== undefined && row.strike < chain.forward;
              return (
                <tr key={row.strike} className={`${atm ? 'atm' : ''}${itmCall ? ' itm-call' : ' itm-put'}`} aria-current={atm ? 'true' : undefined}>
                  {CALL_COLUMNS.map((c) => cell(row.call, c, calls[c], 'call'))}
                  {/* Named by its text alone: the +B / +S buttons inside do not rename the strike. */}
                  <th scope="row" className="strike" aria-label={`${strikeText(row.strike, chain.priceDecimals)}${atm ? ' ATM' : ''}`}>
                    <AddButtons side={row.call} />
                    {strikeText(row.strike, chain.priceDecimals)}
                    {atm && <span className="atm-tag"> ATM</span>}
                    <AddButtons side={row.put} />
                  </th>
                  {PUT_COLUMNS.map((c) => cell(row.put, c, puts[c], 'put'))}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </div>
  );
}

/**
 * +B / +S beside the strike: the call (left) or the put (right) joins the strategy builder's legs, bought
 * or sold (one lot). Their text is drawn by CSS so that the strike cell's text stays the strike.
 */
function AddButtons(props: { side: ChainSideView | undefined }) {
  const side = props.side;
  if (!side) return <span className="chain-add-pair" />;
  return (
    <span className="chain-add-pair">
      <button type="button" className="chain-add add-buy" aria-label={`Add buy ${side.displayName} to strategy`} title={`Strategy: buy ${side.displayName}`} onClick={() => strategy.add({ symbol: side.symbol, side: 'buy', lots: 1 })} />
      <button type="button" className="chain-add add-sell" aria-label={`Add sell ${side.displayName} to strategy`} title={`Strategy: sell ${side.displayName}`} onClick={() => strategy.add({ symbol: side.symbol, side: 'sell', lots: 1 })} />
    </span>
  );
}
