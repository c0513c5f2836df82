import { memo } from 'react';
import { type Ring, ringValues } from '../view/ring';
import { sparklinePath } from '../view/sparkline';

/** Drawn in this box and stretched to the cell; strokes keep their width however it is stretched. */
const VB_W = 120;
const VB_H = 18;

/** A small trend line of a measure's recent values; a dot marks the newest. */
export const Sparkline = memo(function Sparkline(props: { ring: Ring; signed?: boolean }) {
  const s = sparklinePath(ringValues(props.ring), VB_W, VB_H, { capacity: props.ring.capacity, zeroLine: props.signed ?? false, pad: 2 });
  return (
    <svg className="sparkline" viewBox={`0 0 ${VB_W} ${VB_H}`} preserveAspectRatio="none" aria-hidden="true">
      {s.zeroY !== undefined && <line className="zero" x1={0} x2={VB_W} y1={s.zeroY} y2={s.zeroY} vectorEffect="non-scaling-stroke" />}
      {s.d && <path className="line" d={s.d} vectorEffect="non-scaling-stroke" />}
      {/* A zero-length segment with round caps: stays a round dot when the box is stretched. */}
      {s.last && <path className="now" d={`M${s.last.x} ${s.last.y}h0`} vectorEffect="non-scaling-stroke" />}
    </svg>
  );
});
