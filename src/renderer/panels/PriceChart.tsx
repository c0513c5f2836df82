import {
  CandlestickSeries,
  ColorType,
  CrosshairMode,
  createChart,
  HistogramSeries,
  type IChartApi,
  type ISeriesApi,
  type UTCTimestamp,
} from 'lightweight-charts';
import { useEffect, useId, useRef, useState } from 'react';
import type { Candle, Instrument, Timeframe } from '../../contract/api';
import { timeframes } from '../../contract/schemas';
import { Panel, Placeholder } from '../components/Panel';
import { chartTimeframes, useChartTimeframe } from '../state/chartTimeframes';
import { findInstrument, useMarket } from '../state/market';
import { marketView, subscribeMarketView, usePanelInstrumentDef, usePanelMarket, useShowsMarket } from '../state/panelMarket';
import { LinkChip } from './watchlist/LinkChip';
import { decimalText, priceNumber, priceText, qtyNumber, qtyText } from '../view/numbers';
import { signedText } from '../view/signals';
import { chartPalette, hms, ymd } from '../view/settings';
import { useFormatVersion, useSettings } from '../state/settings';
import { attachChartTrading } from './chart/chartTrading';
import { attachSignalOverlay, type OverlayStatus } from './chart/signalOverlay';

/** Bars shown when a series is (re)loaded; the trader can zoom and scroll from there. */
const VISIBLE_BARS = 120;

const UP = '#22c07a';
const DOWN = '#f04a5d';

/** This chart's own timeframe: another chart of the same instrument keeps its own. */
function TimeframeSelect({ panel, name }: { panel: string; name: string }) {
  const id = useId();
  const timeframe = useChartTimeframe(panel);
  return (
    <span className="field-inline">
      <label htmlFor={id}>Timeframe</label>
      <select id={id} value={timeframe} title={`Timeframe of the ${name}`} onChange={(e) => chartTimeframes.set(panel, e.target.value as Timeframe)}>
        {timeframes.map((tf) => (
          <option key={tf} value={tf}>
            {tf}
          </option>
        ))}
      </select>
    </span>
  );
}

/** Open/high/low/close/volume of the latest bar, in the instrument's own decimals. */
function Legend({ panel }: { panel: string }) {
  const inst = usePanelInstrumentDef(panel);
  const bar = usePanelMarket(panel, (s) => s.candles[s.candles.length - 1]);
  useFormatVersion(); // written again when the Settings' number format changes
  if (!inst || !bar) return null;
  const cls = bar.close >= bar.open ? 'bid' : 'ask';
  return (
    <span className="ohlc num" title="Latest bar">
      <span>
        O<b className={cls}>{priceText(inst, bar.open)}</b>
      </span>
      <span>
        H<b className={cls}>{priceText(inst, bar.high)}</b>
      </span>
      <span>
        L<b className={cls}>{priceText(inst, bar.low)}</b>
      </span>
      <span>
        C<b className={cls}>{priceText(inst, bar.close)}</b>
      </span>
      <span>
        V<b>{qtyText(inst, bar.volume)}</b>
      </span>
    </span>
  );
}

function toBar(inst: Instrument, c: Candle) {
  return {
    time: c.time as UTCTimestamp,
    open: priceNumber(inst, c.open),
    high: priceNumber(inst, c.high),
    low: priceNumber(inst, c.low),
    close: priceNumber(inst, c.close),
  };
}

function toVolume(inst: Instrument, c: Candle) {
  return {
    time: c.time as UTCTimestamp,
    value: qtyNumber(inst, c.volume),
    color: c.close >= c.open ? 'rgba(34,192,122,0.45)' : 'rgba(240,74,93,0.45)',
  };
}

/**
 * The latest bar's open time and its distance from the one before (the timeframe the chart draws), in UTC
 * seconds, on the chart's element: what an end-to-end test reads of a canvas it cannot look into.
 */
function markBars(host: HTMLElement, candles: readonly Candle[]): void {
  const last = candles[candles.length - 1];
  const before = candles[candles.length - 2];
  const lastBar = last ? String(last.time) : '';
  const step = last && before ? String(last.time - before.time) : '';
  if (host.dataset.lastBar !== lastBar) host.dataset.lastBar = lastBar;
  if (host.dataset.barStep !== step) host.dataset.barStep = step;
}

/**
 * Draws the candles straight from the store, outside React renders: a wholesale change (new focus,
 * timeframe or reconnect, seen as a new epoch) resets the series, anything else updates the last bar.
 */
function attach(chart: IChartApi, candles: ISeriesApi<'Candlestick'>, volume: ISeriesApi<'Histogram'>, panel: string, host: HTMLElement): () => void {
  let epoch = -1;
  let shownInst: Instrument | undefined;
  let shown: Candle[] = [];

  const render = () => {
    const s = marketView(panel);
    const inst = findInstrument(s.instruments, s.focus.venue, s.focus.symbol);
    if (!inst) return;
    if (inst !== shownInst) {
      const minMove = (inst.tickSize / 10 ** inst.priceDecimals) as number;
      candles.applyOptions({ priceFormat: { type: 'price', precision: inst.priceDecimals, minMove } });
    }
    const short = s.timeframe === '1s' || s.timeframe === '5s';
    if (s.candlesEpoch !== epoch || inst !== shownInst) {
      chart.timeScale().applyOptions({ secondsVisible: short });
      candles.setData(s.candles.map((c) => toBar(inst, c)));
      volume.setData(s.candles.map((c) => toVolume(inst, c)));
      // Fill the panel: the last VISIBLE_BARS bars, or all of them when there are fewer.
      const n = s.candles.length;
      if (n > VISIBLE_BARS) chart.timeScale().setVisibleLogicalRange({ from: n - VISIBLE_BARS, to: n + 4 });
      else chart.timeScale().fitContent();
    } else if (s.candles !== shown) {
      const last = s.candles[s.candles.length - 1];
      if (last) {
        candles.update(toBar(inst, last));
        volume.update(toVolume(inst, last));
      }
    }
    epoch = s.candlesEpoch;
    shownInst = inst;
    shown = s.candles;
    markBars(host, s.candles);
  };

  render();
  return subscribeMarketView(panel, render);
}

/**
 * The signal overlay's switch. Off by default: the chart column is narrow at 1366 px and the overlay's left
 * scale takes ~50 px of it, and it adds an engine read every few seconds; the trader turns it on when wanted.
 */
function OverlayToggle(props: { on: boolean; onChange: (on: boolean) => void }) {
  const id = useId();
  return (
    <span className="chart-overlay-toggle" title="The composite signal (left scale, −1 … +1) and headline markers: ▲ positive, ▼ negative">
      <input id={id} type="checkbox" checked={props.on} onChange={(e) => props.onChange(e.target.checked)} />
      <label htmlFor={id}>Signal overlay</label>
    </span>
  );
}

/** Beside the switch while the overlay is on: the latest composite and the marked bars, or why it is not drawn. */
function OverlayState({ status }: { status: OverlayStatus }) {
  return (
    <div className={`chart-overlay-state num${status.error !== undefined ? ' warn' : ''}`} role="status" aria-label="Signal overlay state">
      {status.error !== undefined ? `Signal overlay unavailable: ${status.error}` : `Signal ${signedText(status.last)} · ${status.marked} headline marker${status.marked === 1 ? '' : 's'}`}
    </div>
  );
}

/** One chart: `panel` is its instance (`chart`, `chart-2`...), whose link group says which instrument it shows. */
export function PriceChart({ panel = 'chart', name = 'Chart' }: { panel?: string; name?: string }) {
  useShowsMarket(panel, true);
  const host = useRef<HTMLDivElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const parts = useRef<{ chart: IChartApi; candles: ISeriesApi<'Candlestick'> } | null>(null);
  const [overlay, setOverlay] = useState(false);
  const [overlayStatus, setOverlayStatus] = useState<OverlayStatus | undefined>(undefined);
  const hasCandles = usePanelMarket(panel, (s) => s.candles.length > 0);
  // The symbol in the title when the chart shows another instrument than the top bar's focus.
  const other = usePanelMarket(panel, (s) => {
    const { focus } = useMarket.getState();
    return s.focus.venue !== focus.venue || s.focus.symbol !== focus.symbol ? s.focus.symbol : undefined;
  });

  useEffect(() => {
    const el = host.current;
    if (!el) return;
    const chart = createChart(el, {
      autoSize: true,
      layout: {
        background: { type: ColorType.Solid, color: '#101419' },
        textColor: '#7f8a98',
        fontSize: 11,
        fontFamily: "Inter, 'Segoe UI', Roboto, Arial, 'Liberation Sans', sans-serif",
        attributionLogo: false,
      },
      grid: { vertLines: { color: '#161c24' }, horzLines: { color: '#161c24' } },
      crosshair: { mode: CrosshairMode.Normal },
      rightPriceScale: { borderColor: '#232a34', scaleMargins: { top: 0.06, bottom: 0.24 } },
      timeScale: { borderColor: '#232a34', timeVisible: true, rightOffset: 4, barSpacing: 7 },
    });
    const candles = chart.addSeries(CandlestickSeries, {
      upColor: UP,
      downColor: DOWN,
      borderUpColor: UP,
      borderDownColor: DOWN,
      wickUpColor: UP,
      wickDownColor: DOWN,
    });
    const volume = chart.addSeries(HistogramSeries, { priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false });
    chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    const detach = attach(chart, candles, volume, panel, el);
    const detachTrading = attachChartTrading(chart, candles, el, panel);
    parts.current = { chart, candles };
    return () => {
      parts.current = null;
      detachTrading();
      detach();
      chart.remove();
    };
  }, [panel]);

  useEffect(() => {
    const p = parts.current;
    if (!overlay || !p || !tip.current) return;
    return attachSignalOverlay(p.chart, p.candles, tip.current, setOverlayStatus, panel);
  }, [overlay, panel]);

  // The Settings theme, applied to the live chart (created dark above) whenever it changes.
  const theme = useSettings((x) => x.settings.theme);
  const zone = useSettings((x) => x.settings.timeZone);
  const formatVersion = useFormatVersion();
  const priceDecimals = usePanelInstrumentDef(panel)?.priceDecimals ?? 2;
  useEffect(() => {
    const p = chartPalette(theme);
    // Candle times are UTC seconds; the axis and crosshair read them in the Settings time zone.
    const at = (t: unknown): number => (typeof t === 'number' ? t * 1000 : 0);
    parts.current?.chart.applyOptions({
      layout: { background: { type: ColorType.Solid, color: p.background }, textColor: p.text },
      grid: { vertLines: { color: p.grid }, horzLines: { color: p.grid } },
      rightPriceScale: { borderColor: p.border },
      // The price axis and crosshair label in the Settings' number format, at the instrument's decimals.
      localization: { timeFormatter: (t: unknown) => `${ymd(at(t), zone)} ${hms(at(t), zone)}`, priceFormatter: (price: number) => decimalText(price, priceDecimals) },
      timeScale: {
        borderColor: p.border,
        // 0-2: year, month, day marks (the date); 3-4: time of day.
        tickMarkFormatter: (t: unknown, type: number) => (type <= 2 ? ymd(at(t), zone).slice(type === 0 ? 0 : 5) : hms(at(t), zone).slice(0, type === 3 ? 5 : 8)),
      },
    });
  }, [theme, zone, formatVersion, priceDecimals]);

  return (
    <Panel
      name={name}
      title={other !== undefined ? `${name} · ${other}` : name}
      extra={
        <>
          <LinkChip panel={panel} panelName={name} />
          <Legend panel={panel} />
          <TimeframeSelect panel={panel} name={name} />
        </>
      }
    >
      <div className="chart-host" ref={host} />
      <div className="chart-tip" ref={tip} hidden role="tooltip" />
      {/* Over the chart's top left, not in the header: the header's OHLC legend has no room to spare at 1366 px. */}
      <div className={`chart-overlay-bar${overlay ? ' on' : ''}`}>
        <OverlayToggle on={overlay} onChange={setOverlay} />
        {overlay && overlayStatus !== undefined && <OverlayState status={overlayStatus} />}
      </div>
      {!hasCandles && <Placeholder>Waiting for market data…</Placeholder>}
    </Panel>
  );
}
