/**
 * The price chart's signal overlay, pure: the composite as a line and the scored headlines as markers, both on
 * the candles' own bars. Every point is moved to the start of its bar (seconds, as the candles are) and one
 * value is kept per bar: a point between two bars would add a slot to the chart's shared time scale and pull
 * the candles apart.
 */
import type { SignalOverlayView } from '../../contract/api';
import { NEUTRAL_BAND, signedText } from './signals';

export interface OverlayPoint {
  /** Bar start, seconds since epoch. */
  time: number;
  value: number;
}

export interface OverlayMarker {
  time: number;
  up: boolean;
  /** How many scored headlines of that direction fell in the bar. */
  count: number;
}

export interface Overlay {
  line: OverlayPoint[];
  markers: OverlayMarker[];
  /** Per bar, the marked headlines' lines for the hover tip ("+0.62 SIM wire: …"). */
  titles: Map<number, string[]>;
}

const barOf = (ms: number, barSec: number): number => Math.floor(ms / 1000 / barSec) * barSec;

/**
 * `fromSec`: the first candle's time; nothing earlier is drawn (it would widen the time scale beyond the candles).
 * Headlines within ±NEUTRAL_BAND are not marked: a marker says the news leaned one way.
 */
export function signalOverlay(view: Pick<SignalOverlayView, 'points' | 'headlines'>, barSec: number, fromSec = Number.NEGATIVE_INFINITY): Overlay {
  const step = barSec > 0 ? barSec : 60;
  const byBar = new Map<number, { ts: number; value: number }>();
  for (const p of view.points) {
    if (!Number.isFinite(p.composite)) continue;
    const t = barOf(p.ts, step);
    if (t < fromSec) continue;
    const had = byBar.get(t);
    // The bar's value is its newest composite, as a close is.
    if (!had || p.ts >= had.ts) byBar.set(t, { ts: p.ts, value: Math.max(-1, Math.min(1, p.composite)) });
  }
  const line = [...byBar.entries()].sort((a, b) => a[0] - b[0]).map(([time, v]) => ({ time, value: v.value }));

  const marks = new Map<string, OverlayMarker>();
  const titles = new Map<number, string[]>();
  for (const h of [...view.headlines].sort((a, b) => a.ts - b.ts)) {
    if (!(Math.abs(h.compound) > NEUTRAL_BAND)) continue;
    const time = barOf(h.ts, step);
    if (time < fromSec) continue;
    const up = h.compound > 0;
    const key = `${time}|${up}`;
    const m = marks.get(key);
    if (m) m.count++;
    else marks.set(key, { time, up, count: 1 });
    const list = titles.get(time) ?? [];
    list.push(`${signedText(h.compound)} ${h.source}: ${h.title}`);
    titles.set(time, list);
  }
  const markers = [...marks.values()].sort((a, b) => a.time - b.time || Number(b.up) - Number(a.up));
  return { line, markers, titles };
}
