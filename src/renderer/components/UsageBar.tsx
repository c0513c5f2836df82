import { barWidth, type LimitUse, usageLevel, usagePercent, usageText } from '../view/risk';

/**
 * How much of one limit is in use: a bar coloured by level (green, amber from 70%, red from 90%) and
 * the amounts. Without a limit the bar stays empty and says so.
 */
export function UsageBar(props: { label: string; use: LimitUse; detail?: string }) {
  const { use } = props;
  const level = usageLevel(use.fraction);
  const pct = usagePercent(use.fraction);
  const text = usageText(use);
  return (
    <div className={`usage usage-${level}`}>
      <span className="usage-label">{props.label}</span>
      {pct === undefined ? (
        <span className="usage-track" aria-hidden="true" />
      ) : (
        <span
          className="usage-track"
          role="meter"
          aria-label={props.label}
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={Math.min(pct, 100)}
          aria-valuetext={`${text} (${pct}%)`}
        >
          <span className="usage-fill" style={{ width: `${barWidth(use.fraction)}%` }} />
        </span>
      )}
      <span className="usage-text num" title={props.detail ? `${text} · ${props.detail}` : text}>
        {text}
      </span>
      <span className="usage-pct num">{pct === undefined ? '' : `${pct}%`}</span>
    </div>
  );
}
