import { signalColour, signedText, toneOf } from '../../view/signals';

/**
 * The composite in [-1, 1] as a horizontal gauge centred on 0 (bearish left, bullish right), with its number.
 * A meter for assistive technology: "Composite signal", value and text.
 */
export function CompositeGauge(props: { value: number | undefined; usedWeight: number; totalWeight: number; dropped: readonly string[] }) {
  const v = props.value;
  const known = v !== undefined && Number.isFinite(v);
  const x = known ? Math.max(-1, Math.min(1, v)) : 0;
  const fill = x >= 0 ? { left: '50%', width: `${x * 50}%` } : { right: '50%', width: `${-x * 50}%` };
  const used = props.totalWeight > 0 ? Math.round((props.usedWeight / props.totalWeight) * 100) : 0;
  return (
    <div className="sig-gauge">
      <div className="sig-gauge-head">
        <span className="sig-gauge-name">Composite</span>
        <b className={`sig-gauge-value num tone-${toneOf(v)}`}>{known ? signedText(v) : 'no fresh signal'}</b>
      </div>
      <div
        className="sig-gauge-track"
        role="meter"
        aria-label="Composite signal"
        aria-valuemin={-1}
        aria-valuemax={1}
        aria-valuenow={known ? Number(x.toFixed(4)) : 0}
        aria-valuetext={known ? signedText(v) : 'no fresh signal'}
        title="Weighted mean of the fresh components: −1 strongly bearish, +1 strongly bullish"
      >
        <span className="sig-gauge-fill" style={{ ...fill, background: signalColour(known ? (x >= 0 ? 1 : -1) : undefined) }} />
        <span className="sig-gauge-zero" />
        {known && <span className="sig-gauge-needle" style={{ left: `${(x + 1) * 50}%` }} />}
      </div>
      <div className="sig-gauge-scale num" aria-hidden="true">
        <span>-1 bearish</span>
        <span>0</span>
        <span>bullish +1</span>
      </div>
      <div className="sig-gauge-note">
        {used}% of the weight is fresh{props.dropped.length > 0 ? ` · left out: ${props.dropped.join(', ')}` : ''}
      </div>
    </div>
  );
}
