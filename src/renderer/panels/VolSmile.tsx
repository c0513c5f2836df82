import { useEffect, useId, useRef, useState } from 'react';
import type { OptionSurfaceView, SurfaceSliceView } from '../../contract/api';
import { Panel, Placeholder } from '../components/Panel';
import { type ChartBox, pickSlice, SMILE_BOX, smileChart, surfaceRows, volPercent, volPoints } from '../view/smile';
import { ExpirySelect, UnderlyingSelect, UnderlyingsPlaceholder } from './options/UnderlyingPickers';
import { useUnderlyings } from './options/useOptionChain';
import { useSurface } from './options/useSurface';
import { decimalText, floatPriceText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

/** Strikes of a 24,000 index or a 100,000 coin need no decimals; a 35.5 strike does. */
const strikeDecimals = (forward: number | undefined): number => (forward === undefined || forward >= 1000 ? 0 : forward >= 10 ? 1 : 2);

/**
 * The volatility smile per expiry and the surface it belongs to: pick an underlying (per venue) and an
 * expiry; the chart shows each strike's market bid/ask IV (a bar) and mid IV (a dot) with the fitted SVI
 * smile and the ATM point; the table lists every expiry's ATM vol, 25-delta risk reversal and butterfly,
 * the fit's RMSE and its arbitrage status. Read from the engine only while on screen (`visible`).
 */
export function VolSmile(props: { visible: boolean }) {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const id = useId();
  const { underlyings, error: listError } = useUnderlyings(props.visible);
  const [picked, setPicked] = useState<{ venue: string; underlying: string } | undefined>(undefined);
  const [expiry, setExpiry] = useState<number | undefined>(undefined);
  const listed = picked && underlyings?.find((u) => u.venue === picked.venue && u.underlying === picked.underlying);
  const first = underlyings?.[0];
  const choice = listed ? picked : first ? { venue: first.venue, underlying: first.underlying } : undefined;
  const { surface, error } = useSurface(choice, props.visible);
  const slice = surface && pickSlice(surface, expiry);

  const pickers = (
    <div className="chain-pickers">
      <UnderlyingSelect
        id={`${id}-u`}
        underlyings={underlyings}
        choice={choice}
        onPick={(u) => {
          setPicked({ venue: u.venue, underlying: u.underlying });
          setExpiry(undefined);
        }}
      />
      <ExpirySelect id={`${id}-e`} value={slice?.expiry} disabled={!surface} expiries={surface?.slices ?? []} onPick={setExpiry} />
    </div>
  );

  return (
    <Panel name="Smile" title="Volatility smile" extra={pickers}>
      {listError !== undefined || !underlyings?.length ? (
        <UnderlyingsPlaceholder underlyings={underlyings} error={listError} />
      ) : error !== undefined ? (
        <Placeholder>{error}</Placeholder>
      ) : surface === undefined ? (
        <Placeholder>Fitting the surface…</Placeholder>
      ) : (
        <SurfaceBody surface={surface} slice={slice} onExpiry={setExpiry} />
      )}
    </Panel>
  );
}

function SurfaceBody(props: { surface: OptionSurfaceView; slice: SurfaceSliceView | undefined; onExpiry: (expiry: number) => void }) {
  const { surface, slice } = props;
  const rows = surfaceRows(surface);
  const fittedCount = surface.slices.filter((s) => s.fit).length;
  return (
    <div className="smile">
      <div className="chain-summary" aria-label="Surface summary">
        <span>
          {surface.underlying} · {surface.venue}
        </span>
        {slice?.forward !== undefined && <span title="The forward of the shown expiry: the smile's k = 0">Forward {floatPriceText(slice.forward, strikeDecimals(slice.forward))}</span>}
        <span>
          Fitted {fittedCount} of {surface.slices.length} expiries{surface.expiriesListed > surface.slices.length ? ` (nearest ${surface.slices.length} of ${surface.expiriesListed})` : ''}
        </span>
        <span className="chain-conventions">SVI on mid IV, weighted by {surface.weighting}; RR and BF in vol points, 25Δ forward delta</span>
        {surface.problem !== undefined && (
          <span className="chain-problem" role="status">
            {surface.problem}
          </span>
        )}
      </div>
      <div className="smile-body">
        <SmileFigure slice={slice} />
        <div className="smile-side">
          <table className="smile-table" aria-label="Volatility surface">
            <thead>
              <tr>
                <th scope="col">Expiry</th>
                <th scope="col">ATM vol</th>
                <th scope="col" title="25-delta risk reversal: σ(25Δ call) − σ(25Δ put), vol points">
                  25Δ RR
                </th>
                <th scope="col" title="25-delta butterfly: (σ(25Δ call) + σ(25Δ put)) / 2 − σATM, vol points">
                  25Δ BF
                </th>
                <th scope="col" title="Root mean square of fitted minus market mid IV, vol points">
                  Fit RMSE
                </th>
                <th scope="col" title="Strikes with a two-sided quote in the fit">
                  Pts
                </th>
                <th scope="col">Arbitrage</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.expiry} className={r.expiry === slice?.expiry ? 'selected' : undefined} aria-selected={r.expiry === slice?.expiry} onClick={() => props.onExpiry(r.expiry)}>
                  <th scope="row">{r.label}</th>
                  <td className="num">{r.atm}</td>
                  <td className="num">{r.rr}</td>
                  <td className="num">{r.bf}</td>
                  <td className="num">{r.rmse}</td>
                  <td className="num">{r.points}</td>
                  <td className={r.attention ? 'smile-status attention' : 'smile-status'} title={r.status}>
                    {r.status}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          {surface.arbitrage.length > 0 && (
            <ul className="smile-messages" aria-label="Arbitrage found">
              {surface.arbitrage.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </div>
  );
}

/** The chart box in the element's own pixels, so its text stays at its CSS size at any window size. */
function usePlotBox(): [React.RefObject<HTMLDivElement | null>, ChartBox] {
  const ref = useRef<HTMLDivElement | null>(null);
  const [size, setSize] = useState<{ width: number; height: number } | undefined>(undefined);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      setSize((old) => (old && old.width === width && old.height === height ? old : { width, height }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  // Too small to measure (hidden, or not laid out yet): the default box, scaled.
  const box = size && size.width >= 200 && size.height >= 100 ? { ...SMILE_BOX, width: size.width, height: size.height } : SMILE_BOX;
  return [ref, box];
}

function SmileFigure(props: { slice: SurfaceSliceView | undefined }) {
  const { slice } = props;
  const [plotRef, box] = usePlotBox();
  const decimals = strikeDecimals(slice?.forward);
  const chart = slice && smileChart(slice, box, decimals);
  const plotBottom = box.height - box.bottom;
  const fit = slice?.fit;
  return (
    <figure className="smile-figure" aria-label="Volatility smile">
      <div className="smile-plot" ref={plotRef}>
        {!chart ? (
          <Placeholder>{slice ? `${slice.label}: ${slice.problem ?? 'nothing to chart'}` : 'No expiry to chart'}</Placeholder>
        ) : (
          <svg width={box.width} height={box.height} viewBox={`0 0 ${box.width} ${box.height}`} preserveAspectRatio="xMidYMid meet" role="img" aria-label={`Smile ${slice.label}: ${chart.points.length} market points${fit ? `, fitted curve, ATM ${volPercent(fit.atmVol)}, RR ${volPoints(fit.riskReversal25)}, BF ${volPoints(fit.butterfly25)}` : ''}`}>
            {chart.yTicks.map((t) => (
              <g key={`y${t.label}`} className="smile-grid">
                <line x1={box.left} x2={box.width - box.right} y1={t.y} y2={t.y} />
                <text x={box.left - 6} y={t.y + 3.5} textAnchor="end">
                  {t.label}
                </text>
              </g>
            ))}
            {chart.xTicks.map((t) => (
              <g key={`x${t.label}`} className="smile-grid">
                <line x1={t.x} x2={t.x} y1={box.top} y2={plotBottom} />
                <text x={t.x} y={plotBottom + 14} textAnchor="middle">
                  {t.label}
                </text>
              </g>
            ))}
            <text className="smile-axis" x={(box.left + box.width - box.right) / 2} y={box.height - 4} textAnchor="middle">
              Strike (spaced by ln K/F)
            </text>
            {chart.atm && (
              <g className="smile-atm">
                <line x1={chart.atm.x} x2={chart.atm.x} y1={box.top} y2={plotBottom} />
                {chart.atm.y !== undefined && <circle cx={chart.atm.x} cy={chart.atm.y} r={4.5} />}
                {/* Right of the line, unless that would run past the plot. */}
                <text x={chart.atm.x > box.width - box.right - 150 ? chart.atm.x - 5 : chart.atm.x + 5} y={box.top + 10} textAnchor={chart.atm.x > box.width - box.right - 150 ? 'end' : 'start'}>
                  {chart.atm.label}
                </text>
              </g>
            )}
            {chart.curve !== '' && <path className="smile-curve" d={chart.curve} data-testid="smile-curve" />}
            {chart.points.map((p, i) => (
              <g key={i} className={`smile-point ${p.side}`} data-testid="smile-point">
                <title>{p.title}</title>
                <line x1={p.x} x2={p.x} y1={p.ask} y2={p.bid} />
                <line x1={p.x - 3} x2={p.x + 3} y1={p.ask} y2={p.ask} />
                <line x1={p.x - 3} x2={p.x + 3} y1={p.bid} y2={p.bid} />
                <circle cx={p.x} cy={p.mid} r={3.4} />
              </g>
            ))}
          </svg>
        )}
      </div>
      <figcaption className="smile-legend">
        <span className="lg put">● put mid IV</span>
        <span className="lg call">● call mid IV</span>
        <span className="lg bar">├ bid–ask IV</span>
        <span className="lg curve">— fitted SVI</span>
        <span className="lg atm">│ ATM (forward)</span>
        {fit && <span>RMSE {decimalText(fit.rmseVolPoints, 2)} vol pts</span>}
        {slice?.problem !== undefined && slice.fit === undefined && <span className="chain-problem">{slice.problem}</span>}
      </figcaption>
    </figure>
  );
}
