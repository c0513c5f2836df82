import { useState } from 'react';
import type { OrderFlowModelView } from '../../../contract/api';
import { signals } from '../../state/signals';
import { collectingText, durationText, orderFlowRecord } from '../../view/signals';
import { countText, dateTimeText, decimalText, timeText } from '../../view/numbers';

/**
 * The order-flow model's record as it is: out-of-sample (walk-forward) hit rate ± standard error beside the base
 * rate and the majority call it has to beat, IC, folds, test samples and horizon; "collecting" until it has one.
 */
export function OrderFlowCard({ model, instrument }: { model: OrderFlowModelView; instrument: string }) {
  const [busy, setBusy] = useState(false);
  const [note, setNote] = useState<string | undefined>(undefined);
  const retrain = async () => {
    setBusy(true);
    setNote(undefined);
    const r = await signals.trainOrderFlow(instrument);
    setBusy(false);
    setNote(r.ok ? (r.value.state === 'trained' ? 'Retrained' : r.value.state === 'collecting' ? 'Still collecting data' : r.value.reason) : r.error.message);
  };
  return (
    <div className="sig-orderflow" aria-label="Order-flow model">
      <div className="sig-sub-head">
        <span>Order-flow model</span>
        <button type="button" className="btn btn-small" disabled={busy || model.state === 'unavailable'} onClick={() => void retrain()} title="Fit again now, walk-forward, on what has been recorded">
          {busy ? 'Training…' : 'Retrain'}
        </button>
      </div>
      {model.state === 'unavailable' && <p className="sig-empty">{model.reason}</p>}
      {model.state === 'collecting' && <Collecting samples={model.samples} needed={model.samplesNeeded} horizonMs={model.horizonMs} />}
      {model.state === 'trained' && <Record model={model} />}
      {note !== undefined && (
        <p className="sig-note" role="status">
          {note}
        </p>
      )}
    </div>
  );
}

function Collecting(props: { samples: number; needed: number; horizonMs: number }) {
  const c = collectingText(props.samples, props.needed);
  return (
    <div className="sig-collecting">
      <span>Collecting · {durationText(props.horizonMs)} horizon</span>
      <progress max={1} value={c.fraction} aria-label="Order-flow model data collected" />
      <span className="num">{c.text}</span>
    </div>
  );
}

function Record({ model }: { model: Extract<OrderFlowModelView, { state: 'trained' }> }) {
  const r = orderFlowRecord(model);
  return (
    <>
      <table className="sig-table sig-of-table" aria-label="Order-flow model record">
        <tbody>
          <tr>
            <th scope="row" title="Direction right on non-flat moves, out of sample (walk-forward test folds) ± one standard error">
              Hit rate
            </th>
            <td className={`num ${r.edge ? 'tone-pos' : ''}`}>{r.hitRate}</td>
            <th scope="row" title="Share of up moves among the test moves">
              Base up
            </th>
            <td className="num">{r.baseRate}</td>
          </tr>
          <tr>
            <th scope="row" title="Hit rate of always calling the training majority: the bar to beat">
              Majority
            </th>
            <td className="num">{r.majority}</td>
            <th scope="row" title="Spearman rank correlation of predicted P(up) with the realised move, pooled over the test folds">
              IC
            </th>
            <td className="num">{r.ic}</td>
          </tr>
          <tr>
            <th scope="row" title="Walk-forward folds · test samples scored out of sample">
              Folds · tests
            </th>
            <td className="num">
              {r.folds} · {r.testSamples}
            </td>
            <th scope="row">Horizon</th>
            <td className="num">{r.horizon}</td>
          </tr>
          <tr>
            <th scope="row" title="The model's probability now that the mid is higher after the horizon">
              Now
            </th>
            <td className="num">{model.pUp !== undefined ? `P(up) ${decimalText(model.pUp, 3)}` : 'book one-sided'}</td>
            <th scope="row">Trained</th>
            <td className="num" title={`${dateTimeText(model.trainedAt)}, on ${countText(model.samples)} ${model.data} samples`}>
              {timeText(model.trainedAt)} {model.data === 'simulated' ? 'sim' : 'live'}
            </td>
          </tr>
        </tbody>
      </table>
      <p className={`sig-verdict ${r.edge ? 'tone-pos' : 'muted'}`}>{r.verdict}</p>
    </>
  );
}
