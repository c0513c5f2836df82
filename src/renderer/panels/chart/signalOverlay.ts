import { createSeriesMarkers, type IChartApi, type ISeriesApi, LineSeries, type MouseEventParams, type SeriesMarker, type Time, type UTCTimestamp } from 'lightweight-charts';
import { signedDecimalText } from '../../view/numbers';
import { timeframeSeconds } from '../../../contract/schemas';
import { marketView, subscribeMarketView } from '../../state/panelMarket';
import { signals } from '../../state/signals';
import { signalOverlay } from '../../view/signalOverlay';

/** The overlay is minutes-scale news and a slowly moving composite: a read every few seconds is plenty. */
const OVERLAY_POLL_MS = 5000;
const LINE = '#f0b90b';
const UP = '#22c07a';
const DOWN = '#f04a5d';

/**
 * Draws the composite of the focused instrument on its own left scale fixed at [-1, 1] and the leaning headlines
 * as markers on the candles (▲ green above +0.05, ▼ red below −0.05); hovering a marked bar shows its titles in
 * `tip`. Reads `signals.overlay` from the first candle on, again every few seconds and on each new focus or
 * timeframe. Returns the undo: series, markers and the left scale go, the chart is as it was.
 */
/** What the overlay shows now, for the chart's header: the latest composite and how many bars carry a headline marker; or why it could not read. */
export interface OverlayStatus {
  error?: string;
  last?: number;
  marked: number;
}

export function attachSignalOverlay(chart: IChartApi, candles: ISeriesApi<'Candlestick'>, tip: HTMLElement, onStatus: (status: OverlayStatus | undefined) => void, panel = 'chart'): () => void {
  chart.applyOptions({ leftPriceScale: { visible: true, borderColor: '#232a34', scaleMargins: { top: 0.06, bottom: 0.24 } } });
  const line = chart.addSeries(LineSeries, {
    priceScaleId: 'left',
    color: LINE,
    lineWidth: 1,
    priceFormat: { type: 'custom', formatter: (v: number) => signedDecimalText(v, 2), minMove: 0.01 },
    lastValueVisible: true,
    priceLineVisible: false,
    crosshairMarkerVisible: false,
    title: 'Signal',
    autoscaleInfoProvider: () => ({ priceRange: { minValue: -1, maxValue: 1 } }),
  });
  const markers = createSeriesMarkers<Time>(candles, []);
  let titles = new Map<number, string[]>();
  let live = true;
  let timer: number | undefined;
  let asked = '';

  const read = () => {
    if (timer !== undefined) window.clearTimeout(timer);
    const s = marketView(panel);
    const key = `${s.focus.symbol}|${s.timeframe}|${s.candlesEpoch}`;
    asked = key;
    const barSec = timeframeSeconds[s.timeframe];
    const first = s.candles[0]?.time;
    void signals.overlay(s.focus.symbol, first !== undefined ? first * 1000 : undefined).then((r) => {
      if (!live || asked !== key) return;
      if (r.ok) {
        const o = signalOverlay(r.value, barSec, first);
        line.setData(o.line.map((p) => ({ time: p.time as UTCTimestamp, value: p.value })));
        const marks: SeriesMarker<Time>[] = o.markers.map((m) => ({
          time: m.time as UTCTimestamp,
          position: m.up ? 'belowBar' : 'aboveBar',
          shape: m.up ? 'arrowUp' : 'arrowDown',
          color: m.up ? UP : DOWN,
          ...(m.count > 1 ? { text: String(m.count) } : {}),
        }));
        markers.setMarkers(marks);
        titles = o.titles;
        const last = o.line[o.line.length - 1];
        onStatus({ marked: o.markers.length, ...(last ? { last: last.value } : {}) });
      } else onStatus({ error: r.error.message, marked: 0 });
      timer = window.setTimeout(read, OVERLAY_POLL_MS);
    });
  };

  // A new focus, timeframe or reload replaces the candles: read again for them.
  let epoch = marketView(panel).candlesEpoch;
  const unsubscribe = subscribeMarketView(panel, (s) => {
    if (s.candlesEpoch === epoch) return;
    epoch = s.candlesEpoch;
    line.setData([]);
    markers.setMarkers([]);
    titles = new Map();
    read();
  });

  const hover = (p: MouseEventParams<Time>) => {
    const lines = typeof p.time === 'number' ? titles.get(p.time) : undefined;
    if (!lines || !p.point) {
      tip.hidden = true;
      return;
    }
    tip.textContent = lines.slice(-4).join('\n');
    // The point is in the pane's coordinates: the left scale's width comes before it.
    const x = p.point.x + chart.priceScale('left').width() + 12;
    tip.style.left = `${Math.min(x, Math.max(0, tip.parentElement!.clientWidth - 330))}px`;
    tip.style.top = `${p.point.y + 12}px`;
    tip.hidden = false;
  };
  chart.subscribeCrosshairMove(hover);
  read();

  return () => {
    live = false;
    if (timer !== undefined) window.clearTimeout(timer);
    unsubscribe();
    chart.unsubscribeCrosshairMove(hover);
    markers.detach();
    chart.removeSeries(line);
    chart.applyOptions({ leftPriceScale: { visible: false } });
    tip.hidden = true;
    onStatus(undefined);
  };
}
