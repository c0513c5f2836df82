import type { OptionSurfaceView, SurfaceSliceView } from '../../contract/api';
import { decimalText, floatPriceText, numberText, percentText } from './numbers';

/** How often the Smile view asks for the surface (the engine refits at most once a second). */
export const SURFACE_POLL_MS = 1_000;

/** Implied vol as a percentage, e.g. 0.18312 -> "18.31%". */
export function volPercent(v: number | undefined): string {
  return v === undefined || !Number.isFinite(v) ? '—' : percentText(v, 2);
}

/** A vol difference in vol points with its sign, e.g. -0.02289 -> "−2.29", 0.0055 -> "+0.55". */
export function volPoints(v: number | undefined): string {
  if (v === undefined || !Number.isFinite(v)) return '—';
  const text = Math.abs(v * 100).toFixed(2);
  if (text === '0.00') return decimalText(0, 2);
  return `${v < 0 ? '\u2212' : '+'}${numberText(text)}`;
}

export interface SurfaceRow {
  expiry: number;
  label: string;
  atm: string;
  rr: string;
  bf: string;
  rmse: string;
  points: string;
  /** "No arbitrage", "Butterfly arbitrage", "Calendar arbitrage", both, or why there is no fit. */
  status: string;
  attention: boolean;
}

/** One table row per expiry of the surface. */
export function surfaceRows(surface: OptionSurfaceView): SurfaceRow[] {
  return surface.slices.map((s) => {
    const fit = s.fit;
    const kinds = [s.butterfly.length > 0 ? 'Butterfly' : '', s.calendar.length > 0 ? 'Calendar' : ''].filter((x) => x !== '');
    const arbitrage = kinds.length > 0 ? `${kinds.join(' and ')} arbitrage` : 'No arbitrage';
    const status = !fit ? `Not fitted: ${s.problem ?? 'no fit'}` : fit.metricsProblem ? `${arbitrage}; ${fit.metricsProblem}` : arbitrage;
    return {
      expiry: s.expiry,
      label: s.label,
      atm: volPercent(fit?.atmVol),
      rr: volPoints(fit?.riskReversal25),
      bf: volPoints(fit?.butterfly25),
      rmse: fit ? decimalText(fit.rmseVolPoints, 2) : '—',
      points: fit ? `${fit.quotesUsed}` : `${s.points.length}`,
      status,
      attention: !fit || kinds.length > 0 || fit.metricsProblem !== undefined,
    };
  });
}

/** The slice the chart shows: the picked expiry while the surface has it, else the first fitted one, else the first. */
export function pickSlice(surface: OptionSurfaceView, expiry: number | undefined): SurfaceSliceView | undefined {
  return surface.slices.find((s) => s.expiry === expiry) ?? surface.slices.find((s) => s.fit) ?? surface.slices[0];
}

/** Round steps (1, 2, 2.5, 5 × 10^n) about `count` to a range. */
export function niceTicks(lo: number, hi: number, count: number): number[] {
  if (!(hi > lo) || !Number.isFinite(lo) || !Number.isFinite(hi)) return [];
  const raw = (hi - lo) / Math.max(1, count);
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
  return out;
}

export interface ChartBox {
  width: number;
  height: number;
  left: number;
  right: number;
  top: number;
  bottom: number;
}

export const SMILE_BOX: ChartBox = { width: 640, height: 260, left: 52, right: 12, top: 10, bottom: 34 };

export interface SmileChartModel {
  /** Strike ticks on the x axis (x in px, label the strike). */
  xTicks: { x: number; label: string }[];
  /** Vol ticks on the y axis (y in px, label in %). */
  yTicks: { y: number; label: string }[];
  /** SVG path of the fitted smile, empty without a fit. */
  curve: string;
  /** Market points: bid, mid and ask IV at one strike. */
  points: { x: number; bid: number; mid: number; ask: number; side: 'call' | 'put'; title: string }[];
  /** The forward (k = 0), where ATM vol is read; with the ATM vol's y when fitted. */
  atm?: { x: number; y?: number; label: string };
}

/**
 * The smile chart of one expiry in a box's pixels: x is log-moneyness ln(K/F) (so a smile looks the same
 * at any price level) labelled in strikes, y is implied vol. The x range is the quoted strikes', a little
 * wider, so the fitted wings do not squash the market points; the curve is drawn inside it.
 */
export function smileChart(slice: SurfaceSliceView, box: ChartBox = SMILE_BOX, strikeDecimals = 0): SmileChartModel | undefined {
  const forward = slice.forward;
  if (forward === undefined) return undefined;
  const ks = slice.points.map((p) => p.k);
  const curveKs = slice.curve.map((c) => c.k);
  const source = ks.length > 0 ? ks : curveKs;
  if (source.length === 0) return undefined;
  let kMin = Math.min(...source, 0);
  let kMax = Math.max(...source, 0);
  const padK = Math.max(0.005, 0.06 * (kMax - kMin));
  kMin -= padK;
  kMax += padK;
  const inRange = slice.curve.filter((c) => c.k >= kMin && c.k <= kMax);
  const vols = [...slice.points.flatMap((p) => [p.bidIv, p.askIv]), ...inRange.map((c) => c.vol)];
  let vMin = Math.min(...vols);
  let vMax = Math.max(...vols);
  const padV = Math.max(0.0025, 0.08 * (vMax - vMin));
  vMin = Math.max(0, vMin - padV);
  vMax += padV;
  const plotW = box.width - box.left - box.right;
  const plotH = box.height - box.top - box.bottom;
  const x = (k: number) => box.left + ((k - kMin) / (kMax - kMin)) * plotW;
  const y = (v: number) => box.top + (1 - (v - vMin) / (vMax - vMin)) * plotH;
  const r = (n: number) => Math.round(n * 10) / 10;
  const xTicks = niceTicks(forward * Math.exp(kMin), forward * Math.exp(kMax), 6).map((strike) => ({ x: r(x(Math.log(strike / forward))), label: floatPriceText(strike, strikeDecimals) }));
  const yTicks = niceTicks(vMin * 100, vMax * 100, 5).map((pct) => ({ y: r(y(pct / 100)), label: `${Number(pct.toPrecision(6))}%` }));
  const curve = inRange.map((c, i) => `${i === 0 ? 'M' : 'L'}${r(x(c.k))},${r(y(c.vol))}`).join(' ');
  const points = slice.points.map((p) => ({
    x: r(x(p.k)),
    bid: r(y(p.bidIv)),
    mid: r(y(p.iv)),
    ask: r(y(p.askIv)),
    side: p.side,
    title: `${p.side === 'call' ? 'Call' : 'Put'} ${floatPriceText(p.strike, strikeDecimals)}: bid IV ${volPercent(p.bidIv)}, mid ${volPercent(p.iv)}, ask ${volPercent(p.askIv)}`,
  }));
  const atmVol = slice.fit?.atmVol;
  const atm = { x: r(x(0)), ...(atmVol !== undefined ? { y: r(y(atmVol)) } : {}), label: `ATM ${floatPriceText(forward, strikeDecimals)}${atmVol !== undefined ? ` · ${volPercent(atmVol)}` : ''}` };
  return { xTicks, yTicks, curve, points, atm };
}
