import type { SourceSeriesView } from '../../../contract/api';
import { scoreSparkline, seriesSummary, signedText } from '../../view/signals';

const VB_W = 120;
const VB_H = 16;

/** Each source's mean headline score per bucket over the last 24 h, on the same [-1, 1] scale. */
export function SourceSparklines({ series, now }: { series: readonly SourceSeriesView[]; now: number }) {
  if (series.length === 0) return <p className="sig-empty">No scored items in the last 24 h.</p>;
  return (
    <ul className="sig-sparks" aria-label="Scores per source, last 24 h">
      {series.map((s) => {
        const sp = scoreSparkline(s, now, VB_W, VB_H);
        const summary = seriesSummary(s);
        return (
          <li key={s.source} aria-label={`${s.label}: ${summary}`}>
            <span className="sig-spark-label" title={s.source}>
              <span className="sig-spark-name">{s.label}</span>
              {s.simulated && <span className="sig-badge-sim">sim</span>}
            </span>
            <svg className="sparkline" viewBox={`0 0 ${VB_W} ${VB_H}`} preserveAspectRatio="none" aria-hidden="true">
              {sp.zeroY !== undefined && <line className="zero" x1={0} x2={VB_W} y1={sp.zeroY} y2={sp.zeroY} vectorEffect="non-scaling-stroke" />}
              {sp.d && <path className="line" d={sp.d} vectorEffect="non-scaling-stroke" />}
              {sp.last && <path className="now" d={`M${sp.last.x} ${sp.last.y}h0`} vectorEffect="non-scaling-stroke" />}
            </svg>
            <span className="sig-spark-sum num" title={summary}>
              {s.points.length > 0 ? `${s.points.reduce((n, p) => n + p.count, 0)} · ${signedText(s.points[s.points.length - 1]!.mean)}` : '0'}
            </span>
          </li>
        );
      })}
    </ul>
  );
}
