import { Fragment, useEffect, useMemo, useState } from 'react';
import type { AlgoView, Instrument, TcaReport } from '../../../contract/api';
import { Panel } from '../../components/Panel';
import { saveTextFile } from '../../components/saveFile';
import { algos, useAlgos, useAlgosSync } from '../../state/algos';
import { useMarket } from '../../state/market';
import { algoRow } from '../../view/algoRows';
import { csvFileName } from '../../view/download';
import { amountText, decimalText, percentText, priceText, qtyText, timeText } from '../../view/numbers';
import { useFormatVersion } from '../../state/settings';
import { useLiveTca } from './liveTca';

/** The wall clock only ticks the elapsed bars on screen; every figure comes from the engine. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(t);
  }, [everyMs]);
  return now;
}

/** Parents with progress (done/total, elapsed/window), state, average price, slippage vs arrival, and their actions. */
export function AlgosPanel() {
  const formatVersion = useFormatVersion(); // the rows are written again when the Settings' number format changes
  useAlgosSync();
  const list = useAlgos((s) => s.algos);
  const tca = useAlgos((s) => s.tca);
  const instruments = useMarket((s) => s.instruments);
  const now = useNow(1000);
  const [message, setMessage] = useState('');
  const rows = useMemo(() => list.map((a) => algoRow(a, instruments.find((i) => i.venue === a.venue && i.symbol === a.symbol), now)), [list, instruments, now, formatVersion]);
  // A smart parent's latest reasons, as its events carry them (live: every event replaces the list).
  const leftOut = useMemo(() => new Map(list.map((a) => [a.id, a.leftOut ?? []])), [list]);
  const act = async (action: 'pause' | 'resume' | 'cancel', id: string) => {
    const r = await algos.act(action, id);
    setMessage(r.ok ? '' : `${action} ${id}: ${r.error.message}`);
  };
  return (
    <Panel
      name="Algos"
      title={
        <>
          Algos<span className="count">{rows.length}</span>
        </>
      }
    >
      {message && <p role="alert">{message}</p>}
      <table className="algos-grid">
        <thead>
          <tr>
            <th>Parent</th>
            <th>Algo</th>
            <th>Instrument</th>
            <th>Side</th>
            <th>Done</th>
            <th>Time</th>
            <th>State</th>
            <th>Avg price</th>
            <th title="Average fill against the arrival mid, bps; positive = cost">Slip bps</th>
            <th>Actions</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={10} className="muted">
                No algos yet
              </td>
            </tr>
          )}
          {rows.map((r) => (
            <Fragment key={r.id}>
              <tr data-algo={r.id}>
                <td>{r.id}</td>
                <td>{r.algo}</td>
                <td>{r.instrument}</td>
                <td className={r.side}>{r.side}</td>
                <td>
                  <progress max={1} value={r.progress} aria-label={`Progress of algo ${r.id}`} /> <span className="num">{r.progressText}</span>
                </td>
                <td>
                  <progress max={1} value={r.elapsed} aria-label={`Time of algo ${r.id}`} /> <span className="num">{r.elapsedText}</span>
                </td>
                <td title={r.reason} aria-label={`State of algo ${r.id}`}>
                  {r.state}
                </td>
                <td className="num">{r.avgPrice}</td>
                <td className="num">{r.slippage}</td>
                <td>
                  {r.canPause && (
                    <button type="button" aria-label={`Pause algo ${r.id}`} onClick={() => void act('pause', r.id)}>
                      Pause
                    </button>
                  )}
                  {r.canResume && (
                    <button type="button" aria-label={`Resume algo ${r.id}`} onClick={() => void act('resume', r.id)}>
                      Resume
                    </button>
                  )}
                  {r.canCancel && (
                    <button type="button" aria-label={`Cancel algo ${r.id}`} onClick={() => void act('cancel', r.id)}>
                      Cancel
                    </button>
                  )}
                  <button type="button" aria-label={`TCA of algo ${r.id}`} onClick={() => void algos.openTca(r.id)}>
                    TCA
                  </button>
                </td>
              </tr>
              {(leftOut.get(r.id)?.length ?? 0) > 0 && (
                <tr className="algo-left-out-row" data-algo-left-out={r.id}>
                  <td colSpan={10} aria-label={`Left out of algo ${r.id}`} title="Why venues got nothing (or less) at the router's latest sweep, as the algo's events report it">
                    Left out: {leftOut.get(r.id)!.join('; ')}
                  </td>
                </tr>
              )}
            </Fragment>
          ))}
        </tbody>
      </table>
      {tca && <TcaView id={tca.id} report={tca.report} error={tca.error} inst={instrumentOf(list, instruments, tca.id)} view={list.find((a) => a.id === tca.id)} />}
    </Panel>
  );
}

function instrumentOf(list: ReturnType<typeof useAlgos.getState>['algos'], instruments: Instrument[], id: string): Instrument | undefined {
  const a = list.find((x) => x.id === id);
  return a && instruments.find((i) => i.venue === a.venue && i.symbol === a.symbol);
}

const bps = (v: number | undefined) => (v === undefined ? '' : decimalText(v, 1));

/** A parent's TCA: the summary and the per-child table, with CSV export. */
function TcaView(props: { id: string; report: TcaReport | null; error: string | undefined; inst: Instrument | undefined; view: AlgoView | undefined }) {
  const { id, report, error, inst, view } = props;
  useLiveTca(id, view);
  const [saved, setSaved] = useState('');
  const price = (p: number | undefined) => (p === undefined ? '' : inst ? priceText(inst, Math.round(p)) : decimalText(p, 2));
  const qty = (q: number) => (inst ? qtyText(inst, q) : String(q));
  const fee = (f: number) => (inst ? amountText(inst, f) : String(f));
  async function exportCsv(): Promise<void> {
    const r = await algos.tcaCsv('children', id);
    if (!r.ok) return setSaved(`Export failed: ${r.error.message}`);
    const name = csvFileName(r.value.filename, `tca-${id}.csv`);
    saveTextFile(name, r.value.csv);
    setSaved(`Saved ${name}`);
  }
  return (
    <section className="algo-tca" aria-label={`TCA of ${id}`}>
      <header>
        <h3>TCA · {id}</h3>
        <button type="button" onClick={() => void exportCsv()}>
          Export CSV
        </button>
        <button type="button" aria-label="Close TCA" onClick={() => algos.closeTca()}>
          Close
        </button>
        {saved && <span role="status">{saved}</span>}
      </header>
      {error && <p role="alert">{error}</p>}
      {!report && !error && <p className="muted">Loading…</p>}
      {report && (
        <>
          <dl className="tca-summary">
            <dt>Arrival</dt>
            <dd>{price(report.arrivalPrice)}</dd>
            <dt>Interval VWAP</dt>
            <dd>{price(report.intervalVwap)}</dd>
            <dt>Avg fill</dt>
            <dd>{price(report.avgFillPrice)}</dd>
            <dt>Slip vs arrival (bps)</dt>
            <dd>{bps(report.slippageVsArrivalBps)}</dd>
            <dt>Slip vs VWAP (bps)</dt>
            <dd>{bps(report.slippageVsVwapBps)}</dd>
            <dt>Participation</dt>
            <dd>{report.participation === undefined ? '' : percentText(report.participation, 2)}</dd>
            <dt>Filled</dt>
            <dd>
              {qty(report.filledQty)} / {qty(report.parentQty)}
            </dd>
            <dt>Fees</dt>
            <dd>{fee(report.fees)}</dd>
            <dt>Shortfall (bps)</dt>
            <dd>{decimalText(report.shortfall.bps, 1)}</dd>
          </dl>
          {report.leftOut && report.leftOut.length > 0 && (
            <p className="tca-left-out" aria-label="Left out" title="Why venues got nothing (or less) at the router's latest sweep">
              Left out: {report.leftOut.join('; ')}
            </p>
          )}
          <table className="tca-children" aria-label="Children">
            <thead>
              <tr>
                <th>Child</th>
                <th>Venue</th>
                <th>Sent</th>
                <th>Limit</th>
                <th>Qty</th>
                <th>Filled</th>
                <th>Avg</th>
                <th>Slip bps</th>
                <th>Fees</th>
              </tr>
            </thead>
            <tbody>
              {report.children.map((c) => (
                <tr key={c.childId}>
                  <td>{c.childId}</td>
                  <td>{c.venue}</td>
                  <td>{timeText(c.sentAt)}</td>
                  <td className="num">{price(c.limitPrice)}</td>
                  <td className="num">{qty(c.qty)}</td>
                  <td className="num">{qty(c.filledQty)}</td>
                  <td className="num">{price(c.avgPrice)}</td>
                  <td className="num">{bps(c.slippageVsArrivalBps)}</td>
                  <td className="num">{fee(c.fees)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
