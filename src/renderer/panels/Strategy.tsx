import { useEffect, useId, useMemo, useRef, useState } from 'react';
import type { StrategyQuoteView, StrategySummaryView } from '../../contract/api';
import { ConfirmDialog } from '../components/ConfirmDialog';
import { Panel, Placeholder } from '../components/Panel';
import { closeChain } from '../state/optionChainActions';
import { quoteStrategy, sendStrategy, strategy, useStrategy, watchChain } from '../state/strategy';
import { expiryText } from '../view/optionChain';
import {
  boundText,
  breakevensText,
  confirmLines,
  greeksRows,
  legSpecs,
  outcomeText,
  payoffChart,
  premiumText,
  PRESETS,
  presetInput,
  type PresetChoice,
  sendableLegs,
  STRATEGY_POLL_MS,
} from '../view/strategy';
import { decimalText, percentText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

/**
 * The strategy builder: legs from a preset or from the chain (its +B / +S buttons), priced by the engine on
 * the live chain (a buy at the ask, a sell at the bid), with the payoff at expiry and today, breakevens,
 * max profit and loss, net premium and Greeks; sent leg by leg after a confirmation listing every leg.
 * Works on the chain panel's underlying and expiry.
 */
export function Strategy(props: { visible: boolean }) {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const id = useId();
  const choice = useStrategy((s) => s.choice);
  const legs = useStrategy((s) => s.legs);
  const outcome = useStrategy((s) => s.outcome);
  const [preset, setPreset] = useState<PresetChoice>({ name: 'straddle', direction: 'long', right: 'call', width: 1, wing: 1, lots: 1 });
  const [error, setError] = useState<string | undefined>(undefined);
  const [quote, setQuote] = useState<StrategyQuoteView | undefined>(undefined);
  const [confirming, setConfirming] = useState(false);
  const legsKey = JSON.stringify(legs);
  const current = useRef(legsKey);
  current.current = legsKey;

  // Re-price the legs while on screen, each ask after the previous answer; keep the chain streaming.
  useEffect(() => {
    setQuote(undefined);
    if (!props.visible || !choice || legs.length === 0) return;
    let live = true;
    let timer: number | undefined;
    const ask = () => {
      void watchChain(choice.venue, choice.underlying, choice.expiry);
      void quoteStrategy({ venue: choice.venue, underlying: choice.underlying, legs }).then((r) => {
        if (!live || current.current !== legsKey) return;
        if (r.ok) {
          setQuote(r.value);
          setError(undefined);
        } else setError(r.error.message);
        timer = window.setTimeout(ask, STRATEGY_POLL_MS);
      });
    };
    ask();
    return () => {
      live = false;
      if (timer !== undefined) window.clearTimeout(timer);
      closeChain();
    };
  }, [props.visible, choice?.venue, choice?.underlying, choice?.expiry, legsKey]); // eslint-disable-line react-hooks/exhaustive-deps

  const farExpiries = (choice?.expiries ?? []).filter((e) => choice?.expiry === undefined || e > choice.expiry);
  const chosenPreset = PRESETS.find((p) => p.name === preset.name)!;

  const addPreset = async () => {
    if (!choice) return;
    const farExpiry = preset.farExpiry ?? farExpiries[0];
    const input = presetInput({ ...preset, ...(farExpiry !== undefined ? { farExpiry } : {}) }, choice.expiry);
    if (!input.ok) return setError(input.error);
    const r = await quoteStrategy({ venue: choice.venue, underlying: choice.underlying, preset: input.preset });
    if (!r.ok) return setError(r.error.message);
    setError(undefined);
    strategy.setLegs(legSpecs(r.value.legs));
  };

  const send = sendableLegs(quote);
  const names = useMemo(() => new Map((quote?.legs ?? []).map((l) => [l.symbol, l.displayName])), [quote]);

  const controls = (
    <div className="strategy-controls">
      <label htmlFor={`${id}-p`}>Preset</label>
      <select id={`${id}-p`} value={preset.name} onChange={(e) => setPreset({ ...preset, name: e.target.value as PresetChoice['name'] })}>
        {PRESETS.map((p) => (
          <option key={p.name} value={p.name}>
            {p.label}
          </option>
        ))}
      </select>
      <label htmlFor={`${id}-d`}>Direction</label>
      <select id={`${id}-d`} value={preset.direction} onChange={(e) => setPreset({ ...preset, direction: e.target.value as 'long' | 'short' })}>
        <option value="long">Long</option>
        <option value="short">Short</option>
      </select>
      {chosenPreset.usesRight && (
        <>
          <label htmlFor={`${id}-r`}>Right</label>
          <select id={`${id}-r`} value={preset.right} onChange={(e) => setPreset({ ...preset, right: e.target.value as 'call' | 'put' })}>
            <option value="call">Calls</option>
            <option value="put">Puts</option>
          </select>
        </>
      )}
      {chosenPreset.usesWidth && (
        <>
          <label htmlFor={`${id}-w`} title="Strikes from ATM">
            Width
          </label>
          <input id={`${id}-w`} className="strategy-num" type="number" min={1} step={1} value={preset.width} onChange={(e) => setPreset({ ...preset, width: Number(e.target.value) })} />
        </>
      )}
      {preset.name === 'ironCondor' && (
        <>
          <label htmlFor={`${id}-wg`} title="Strikes beyond the inner ones">
            Wing
          </label>
          <input id={`${id}-wg`} className="strategy-num" type="number" min={1} step={1} value={preset.wing} onChange={(e) => setPreset({ ...preset, wing: Number(e.target.value) })} />
        </>
      )}
      {preset.name === 'calendar' && (
        <>
          <label htmlFor={`${id}-fe`}>Far expiry</label>
          <select id={`${id}-fe`} value={String(preset.farExpiry ?? farExpiries[0] ?? '')} onChange={(e) => setPreset({ ...preset, farExpiry: Number(e.target.value) })}>
            {farExpiries.map((e) => (
              <option key={e} value={String(e)}>
                {expiryText(e)}
              </option>
            ))}
          </select>
        </>
      )}
      <label htmlFor={`${id}-l`}>Lots</label>
      <input id={`${id}-l`} className="strategy-num" type="number" min={1} step={1} value={preset.lots} onChange={(e) => setPreset({ ...preset, lots: Number(e.target.value) })} />
      <button type="button" className="btn" disabled={!choice} onClick={() => void addPreset()}>
        Add preset
      </button>
    </div>
  );

  return (
    <Panel name="Strategy" extra={controls}>
      {!choice ? (
        <Placeholder>Open the Option chain and pick an underlying and expiry: the strategy is built on it</Placeholder>
      ) : (
        <div className="strategy">
          <div className="strategy-left">
            <div className="strategy-on">
              {choice.underlying} · {choice.venue}
              {choice.expiry !== undefined && ` · ${expiryText(choice.expiry)}`}
              {quote?.underlyingPrice !== undefined && ` · underlying ${decimalText(quote.underlyingPrice, 2)}`}
            </div>
            {error !== undefined && (
              <div className="chain-problem" role="alert">
                {error}
              </div>
            )}
            <LegsTable quote={quote} />
            {quote && quote.problems.length > 0 && (
              <div className="chain-problem" role="status">
                {quote.problems.join('; ')}
              </div>
            )}
            <div className="strategy-actions">
              <button type="button" className="btn btn-primary" disabled={!send.ok} title={send.ok ? 'Sent leg by leg: no venue here takes multi-leg orders' : send.error} onClick={() => setConfirming(true)}>
                Send strategy
              </button>
              {legs.length > 0 && (
                <button type="button" className="btn" onClick={() => strategy.setLegs([])}>
                  Clear legs
                </button>
              )}
            </div>
            {outcome && (
              <div className="strategy-outcome" role="status" aria-label="Strategy outcome">
                <div className={outcome.complete ? '' : 'chain-problem'}>{outcome.message}</div>
                <ul>
                  {outcome.legs.map((o, i) => (
                    <li key={i}>{outcomeText(o)}</li>
                  ))}
                </ul>
              </div>
            )}
          </div>
          <div className="strategy-middle">{quote?.summary && <SummaryList summary={quote.summary} underlying={choice.underlying} currency={quote.currency} />}</div>
          <div className="strategy-right">{quote?.summary ? <PayoffSvg summary={quote.summary} spot={quote.underlyingPrice} /> : <Placeholder>Add a preset, or legs from the chain (+B / +S)</Placeholder>}</div>
        </div>
      )}
      {confirming && send.ok && choice && (
        <ConfirmDialog
          title="Send strategy"
          keepLabel="Cancel"
          confirmLabel="Send legs"
          failure="Not sent"
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const r = await sendStrategy(choice.venue, send.legs);
            if (r.ok) strategy.sent(r.value);
            return r;
          }}
        >
          <p>Sent one leg at a time, buys first, each a limit IOC at the price shown; a leg that does not fill in full stops the rest (nothing is resent).</p>
          <ol className="strategy-confirm" aria-label="Legs to send">
            {confirmLines(send.legs, names).map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ol>
          {quote?.summary && <p>Net premium: {premiumText(quote.summary.premium, quote.currency)}</p>}
        </ConfirmDialog>
      )}
    </Panel>
  );
}

function LegsTable(props: { quote: StrategyQuoteView | undefined }) {
  const legs = useStrategy((s) => s.legs);
  const views = props.quote?.legs;
  if (legs.length === 0) return <Placeholder>No legs yet</Placeholder>;
  return (
    <table className="strategy-legs" aria-label="Strategy legs">
      <thead>
        <tr>
          <th scope="col">Side</th>
          <th scope="col">Lots</th>
          <th scope="col">Option</th>
          <th scope="col">Price</th>
          <th scope="col">IV</th>
          <th scope="col" aria-label="Remove" />
        </tr>
      </thead>
      <tbody>
        {legs.map((leg, i) => {
          const v = views?.find((x) => x.symbol === leg.symbol && x.side === leg.side);
          const name = v?.displayName ?? leg.symbol;
          return (
            <tr key={`${leg.symbol}-${leg.side}`}>
              <td className={leg.side === 'buy' ? 'buy' : 'sell'}>{leg.side === 'buy' ? 'Buy' : 'Sell'}</td>
              <td>
                <input
                  className="strategy-num"
                  type="number"
                  min={1}
                  step={1}
                  aria-label={`Lots of ${name}`}
                  value={leg.lots}
                  onChange={(e) => {
                    const n = Number(e.target.value);
                    if (Number.isInteger(n) && n >= 1) strategy.setLots(i, n);
                  }}
                />
              </td>
              <td title={v?.problem}>{name}</td>
              <td className="num">{v?.price ?? '—'}</td>
              <td className="num">{v?.iv !== undefined ? percentText(v.iv, 1) : '—'}</td>
              <td>
                <button type="button" className="btn btn-small" aria-label={`Remove ${name}`} onClick={() => strategy.remove(i)}>
                  ✕
                </button>
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function SummaryList(props: { summary: StrategySummaryView; underlying: string; currency: string }) {
  const s = props.summary;
  const base = props.underlying.split('-')[0] ?? props.underlying;
  return (
    <dl className="strategy-summary" aria-label="Strategy summary">
      <dt>Net premium</dt>
      <dd>{premiumText(s.premium, props.currency)}</dd>
      <dt>Breakevens</dt>
      <dd>{breakevensText(s.breakevens)}</dd>
      <dt>Max profit</dt>
      <dd>{boundText(s.maxProfit, props.currency)}</dd>
      <dt>Max loss</dt>
      <dd>{boundText(s.maxLoss, props.currency)}</dd>
      {greeksRows(s, base, props.currency).map((g) => (
        <div key={g.label} className="strategy-greek">
          <dt>{g.label}</dt>
          <dd>
            {g.value} <span className="unit">{g.unit}</span>
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** The chart's size follows its box (drawn in pixels, so the labels keep their size). */
function useBoxSize(): [React.RefObject<HTMLDivElement | null>, { width: number; height: number }] {
  const ref = useRef<HTMLDivElement>(null);
  const [size, setSize] = useState({ width: 480, height: 200 });
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const observer = new ResizeObserver(() => {
      const width = Math.max(200, Math.floor(el.clientWidth));
      const height = Math.max(120, Math.floor(el.clientHeight));
      setSize((s) => (s.width === width && s.height === height ? s : { width, height }));
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, []);
  return [ref, size];
}

function PayoffSvg(props: { summary: StrategySummaryView; spot: number | undefined }) {
  const [box, size] = useBoxSize();
  const c = payoffChart(props.summary, props.spot, size.width, size.height);
  return (
    <figure className="payoff" aria-label="Payoff chart">
      <div className="payoff-box" ref={box}>
      <svg role="img" aria-label={`Payoff chart: P&L at expiry and today; breakevens ${breakevensText(props.summary.breakevens)}`} width={c.width} height={c.height} viewBox={`0 0 ${c.width} ${c.height}`}>
        <rect x={c.plot.left} y={c.plot.top} width={c.plot.right - c.plot.left} height={c.plot.bottom - c.plot.top} className="payoff-bg" />
        {c.yTicks.map((t) => (
          <g key={`y${t.y}`}>
            <line x1={c.plot.left} x2={c.plot.right} y1={t.y} y2={t.y} className="payoff-grid" />
            <text x={c.plot.left - 4} y={t.y + 3} textAnchor="end" className="payoff-label">
              {t.label}
            </text>
          </g>
        ))}
        {c.xTicks.map((t, i) => (
          <text key={`x${t.x}`} x={t.x} y={c.height - 6} textAnchor={i === c.xTicks.length - 1 ? 'end' : 'middle'} className="payoff-label">
            {t.label}
          </text>
        ))}
        <line x1={c.plot.left} x2={c.plot.right} y1={c.zeroY} y2={c.zeroY} className="payoff-zero" />
        {c.breakevenXs.map((x) => (
          <line key={`b${x}`} x1={x} x2={x} y1={c.plot.top} y2={c.plot.bottom} className="payoff-breakeven" />
        ))}
        {c.spotX !== undefined && <line x1={c.spotX} x2={c.spotX} y1={c.plot.top} y2={c.plot.bottom} className="payoff-spot" />}
        <path d={c.todayPath} className="payoff-today" />
        <path d={c.expiryPath} className="payoff-expiry" />
      </svg>
      </div>
      <figcaption className="payoff-legend">
        <span className="legend-expiry">At expiry</span>
        <span className="legend-today">Today</span>
        <span className="legend-spot">Underlying now</span>
        <span className="legend-breakeven">Breakeven</span>
      </figcaption>
    </figure>
  );
}
