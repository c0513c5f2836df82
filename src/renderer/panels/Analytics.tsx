import type { ReactNode } from 'react';
import type { AnalyticsView, Instrument } from '../../contract/api';
import { Panel, Placeholder } from '../components/Panel';
import { Sparkline } from '../components/Sparkline';
import { useAnalytics } from '../state/analytics';
import { useFocusedInstrument, useMarket } from '../state/market';
import {
  fractionalPriceText,
  HISTORY_SAMPLES,
  type History,
  lambdaPerUnit,
  percentText,
  type SeriesKey,
  sigText,
  signedQtyText,
  signedText,
  spreadBps,
  ticksText,
} from '../view/analytics';
import { decimalText, timeText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

/** Seconds of history the sparklines span at the engine's ~4 updates a second. */
const SPAN_S = Math.round(HISTORY_SAMPLES / 4);

interface Row {
  key: SeriesKey;
  label: string;
  /** One line: what the measure is, for the tooltip. */
  title: string;
  value?: string;
  /** Colour of the value: bid-heavy green, ask-heavy red. */
  tone?: 'bid' | 'ask';
  detail?: ReactNode;
  /** Signed series get a zero baseline in the sparkline. */
  signed?: boolean;
}

const toneOf = (x: number | undefined): Row['tone'] => (x === undefined || x === 0 ? undefined : x > 0 ? 'bid' : 'ask');

/** A bar centred on zero: right and green when bids outweigh asks, left and red when asks do. */
function CentredBar({ value }: { value: number }) {
  const v = Math.max(-1, Math.min(1, value));
  const style = v >= 0 ? { left: '50%', width: `${v * 50}%` } : { right: '50%', width: `${-v * 50}%` };
  return (
    <span className="cbar" aria-hidden="true">
      <span className={`fill ${v >= 0 ? 'bid' : 'ask'}`} style={style} />
    </span>
  );
}

function rows(inst: Instrument, a: AnalyticsView): Row[] {
  const bps = a.spread !== undefined && a.mid !== undefined ? spreadBps(a.spread, a.mid) : undefined;
  const lean = a.microprice !== undefined && a.mid !== undefined ? a.microprice - a.mid : undefined;
  return [
    {
      key: 'spread',
      label: 'Spread',
      title: 'Best ask minus best bid, in ticks and in basis points of the mid',
      value: a.spread !== undefined ? ticksText(a.spread) : undefined,
      detail: bps !== undefined ? `${decimalText(bps, 2)} bp` : undefined,
    },
    {
      key: 'mid',
      label: 'Mid',
      title: 'Halfway between the best bid and the best ask',
      value: a.mid !== undefined ? fractionalPriceText(inst, a.mid) : undefined,
      detail: inst.quote,
    },
    {
      key: 'microprice',
      label: 'Microprice',
      title: 'The mid weighted by the size at the touch: leans towards the side likely to trade through next (Stoikov)',
      value: a.microprice !== undefined ? fractionalPriceText(inst, a.microprice) : undefined,
      tone: toneOf(lean),
      detail: lean !== undefined ? <span title="Microprice minus mid, in ticks">{`${signedText(lean, 2)} t`}</span> : undefined,
    },
    {
      key: 'imbalance',
      label: `Imbalance ${a.imbalanceLevels}L`,
      title: `(bid size - ask size) / (bid size + ask size) over the top ${a.imbalanceLevels} levels: +1 only bids, -1 only asks`,
      value: a.imbalance !== undefined ? signedText(a.imbalance, 2) : undefined,
      tone: toneOf(a.imbalance),
      detail: a.imbalance !== undefined ? <CentredBar value={a.imbalance} /> : undefined,
      signed: true,
    },
    {
      key: 'ofi',
      label: 'OFI',
      title: 'Order-flow imbalance (Cont, Kukanov & Stoikov): size added at the bid minus at the ask over the last window',
      value: a.ofi !== undefined ? signedQtyText(inst, a.ofi) : undefined,
      tone: toneOf(a.ofi),
      detail: inst.base,
      signed: true,
    },
    {
      key: 'vpin',
      label: 'VPIN',
      title: 'Volume-synchronised probability of informed trading: toxicity of recent order flow, 0 to 1',
      value: a.vpin !== undefined ? decimalText(a.vpin, 3) : undefined,
    },
    {
      key: 'kyleLambda',
      label: "Kyle's λ",
      title: `Kyle's lambda: price impact, how far the mid moves per 1 ${inst.base} of net buying`,
      value: a.kyleLambda !== undefined ? sigText(lambdaPerUnit(inst, a.kyleLambda)) : undefined,
      detail: `${inst.quote}/${inst.base}`,
    },
    {
      key: 'pin',
      label: 'PIN',
      title: 'Probability of informed trading (EKOP model fitted to buy and sell counts)',
      value: a.pin !== undefined ? decimalText(a.pin, 3) : undefined,
    },
    {
      key: 'realisedVol',
      label: 'Realised vol',
      title: 'Realised volatility of mid log returns, annualised',
      value: a.realisedVol !== undefined ? percentText(a.realisedVol) : undefined,
      detail: 'ann.',
    },
  ];
}

function Table({ inst, latest, history }: { inst: Instrument; latest: AnalyticsView; history: History }) {
  return (
    <table className="analytics">
      <thead>
        <tr>
          <th scope="col">Measure</th>
          <th scope="col" className="value">
            Value
          </th>
          <th scope="col" />
          <th scope="col" className="trend">{`Last ${SPAN_S} s`}</th>
        </tr>
      </thead>
      <tbody>
        {rows(inst, latest).map((r) => (
          <tr key={r.key} title={r.title}>
            <th scope="row">{r.label}</th>
            <td className={`value num ${r.tone ?? ''}`}>
              {r.value ?? (
                <span className="na" title="Not enough data yet">
                  —
                </span>
              )}
            </td>
            <td className="detail">{r.value !== undefined ? r.detail : null}</td>
            <td className="trend">
              <Sparkline ring={history[r.key]} signed={r.signed} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Microstructure measures of the focused instrument, as the engine computes them, each with its recent trend. */
export function Analytics() {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const inst = useFocusedInstrument();
  const focus = useMarket((s) => s.focus);
  const latest = useAnalytics((s) => s.latest);
  const history = useAnalytics((s) => s.history);
  const stale = useMarket((s) => s.book?.stale ?? false);
  const current = latest && latest.venue === focus.venue && latest.symbol === focus.symbol ? latest : null;

  return (
    <Panel
      name="Analytics"
      extra={
        <>
          {current && (
            <span className="muted num" title="Engine time of these values (UTC)">
              {timeText(current.ts)}
            </span>
          )}
          {stale && (
            <span className="badge badge-stale" title="The book these measures come from may be out of date">
              STALE
            </span>
          )}
        </>
      }
    >
      {!inst || !current ? (
        <Placeholder>Waiting for analytics…</Placeholder>
      ) : (
        <div className={`analytics-host${stale ? ' stale' : ''}`}>
          <Table inst={inst} latest={current} history={history} />
        </div>
      )}
    </Panel>
  );
}
