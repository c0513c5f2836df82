import { createSeriesMarkers, type IChartApi, type IPriceLine, type ISeriesApi, LineStyle, type SeriesMarker, type Time } from 'lightweight-charts';
import type { Instrument, Order } from '../../../contract/api';
import { cancelOrders, moveOrders } from '../../hotkeys/quickActions';
import { quickTrading } from '../../hotkeys/quickTrading';
import { useAccount } from '../../state/account';
import { useAlgos } from '../../state/algos';
import { parentOf } from '../../view/algoRows';
import { findInstrument } from '../../state/market';
import { marketView, subscribeMarketView } from '../../state/panelMarket';
import { instrumentKey, isRestingOrder } from '../../state/reducers';
import { entryLine, fillMarks, type OrderLine, orderLines, ticksAtY } from '../../view/chartOrders';
import { priceNumber } from '../../view/numbers';
import '../../styles/chartTrading.css';
import { useSettings } from '../../state/settings';

const BUY = '#22c07a';
const SELL = '#f04a5d';
const ENTRY = '#f0b90b';

interface Tag {
  line: IPriceLine;
  el: HTMLDivElement;
  order: OrderLine;
}

/** A drag in progress: the order, where it started, and the price (ticks) it would go to now. */
interface Drag {
  id: string;
  from: number;
  to: number;
  pointerId: number;
}

/**
 * The trader's own trading on the chart: a price line per working order with a tag on it (drag the
 * tag to move the order, an amend; × cancels it), the position's entry with its unrealised P&L, and
 * fills as markers on their bars. Drawn outside React from the stores, like the candles. A drag snaps
 * to the tick grid, shows where the order would go while the pointer moves, sends one amend when it
 * is let go, and Escape drops it with nothing sent.
 */
export function attachChartTrading(chart: IChartApi, series: ISeriesApi<'Candlestick'>, host: HTMLElement, panel = 'chart'): () => void {
  const layer = document.createElement('div');
  layer.className = 'chart-orders';
  host.appendChild(layer);
  const markers = createSeriesMarkers(series, []);
  const tags = new Map<string, Tag>();
  let entry: IPriceLine | undefined;
  let drag: Drag | null = null;
  let inst: Instrument | undefined;
  let marksKey = '';
  let frame = 0;

  const y = (ticks: number): number | null => (inst ? series.priceToCoordinate(priceNumber(inst, ticks)) : null);

  /** Keeps each tag on its line as the chart scrolls, zooms or rescales (only while there are tags). */
  const place = () => {
    frame = 0;
    // Just left of the right price scale: clear of the signal overlay's switch and left scale.
    const right = `${Math.round(chart.priceScale('right').width()) + 6}px`;
    if (layer.style.getPropertyValue('--tags-right') !== right) layer.style.setProperty('--tags-right', right);
    for (const [id, t] of tags) {
      const at = y(drag?.id === id ? drag.to : t.order.price);
      t.el.style.display = at === null ? 'none' : '';
      if (at !== null) t.el.style.top = `${Math.round(at)}px`;
    }
    if (tags.size > 0) frame = requestAnimationFrame(place);
  };

  const workingOrders = (): Order[] => {
    // The chart's own instrument (its link group's): a second chart draws and moves only its orders.
    const { focus } = marketView(panel);
    return Object.values(useAccount.getState().orders).filter((o) => isRestingOrder(o) && o.venue === focus.venue && o.symbol === focus.symbol);
  };

  const makeTag = (o: OrderLine): Tag => {
    const color = o.side === 'buy' ? BUY : SELL;
    const line = series.createPriceLine({ price: inst ? priceNumber(inst, o.price) : 0, color, lineWidth: 1, lineStyle: LineStyle.Solid, axisLabelVisible: true, title: o.title });
    const el = document.createElement('div');
    el.className = `order-tag ${o.side}`;
    const grip = document.createElement('button');
    grip.type = 'button';
    grip.className = 'grip';
    const cancel = document.createElement('button');
    cancel.type = 'button';
    cancel.className = 'cancel';
    cancel.textContent = '×';
    el.append(grip, cancel);
    layer.appendChild(el);
    const tag: Tag = { line, el, order: o };
    grip.addEventListener('pointerdown', (e) => {
      if (e.button !== 0 || tag.order.pending) return;
      e.preventDefault();
      grip.setPointerCapture(e.pointerId);
      drag = { id: tag.order.clientOrderId, from: tag.order.price, to: tag.order.price, pointerId: e.pointerId };
      el.classList.add('dragging');
    });
    grip.addEventListener('pointermove', (e) => {
      if (!drag || drag.id !== tag.order.clientOrderId || !inst) return;
      const to = ticksAtY(inst, e.clientY - host.getBoundingClientRect().top, (py) => series.coordinateToPrice(py));
      if (to === undefined || to === drag.to) return;
      drag.to = to;
      tag.line.applyOptions({ price: priceNumber(inst, to), lineStyle: LineStyle.Dashed });
    });
    grip.addEventListener('pointerup', () => {
      const d = drag;
      if (!d || d.id !== tag.order.clientOrderId) return;
      endDrag();
      // Back where the order is now: it moves when the engine says so (dashed while the venue answers), or
      // stays if the move is refused; a line left at the drop price would show an order that is not there.
      if (inst) tag.line.applyOptions({ price: priceNumber(inst, tag.order.price), lineStyle: tag.order.pending ? LineStyle.Dashed : LineStyle.Solid });
      const order = useAccount.getState().orders[d.id];
      if (d.to !== d.from && order) void moveOrders([order], d.to, inst);
    });
    grip.addEventListener('lostpointercapture', () => {
      if (drag?.id === tag.order.clientOrderId) cancelDrag();
    });
    cancel.addEventListener('click', () => {
      const order = useAccount.getState().orders[tag.order.clientOrderId];
      if (order) void cancelOrders([order]);
    });
    return tag;
  };

  const label = (t: Tag) => {
    const [grip, cancel] = t.el.children as unknown as [HTMLButtonElement, HTMLButtonElement];
    grip.textContent = t.order.title;
    grip.setAttribute('aria-label', `Move ${t.order.name}`);
    grip.title = t.order.pending ? 'Waiting for the venue to answer' : 'Drag to move this order (one-click trading on); Escape cancels the drag';
    cancel.setAttribute('aria-label', `Cancel ${t.order.name}`);
    t.el.classList.toggle('pending', t.order.pending);
  };

  /** Drops the drag state, leaving the line where the stores put it. */
  const endDrag = () => {
    const d = drag;
    drag = null;
    const t = d && tags.get(d.id);
    if (!t) return;
    t.el.classList.remove('dragging');
    if (t.el.firstElementChild instanceof HTMLElement && t.el.firstElementChild.hasPointerCapture(d.pointerId)) t.el.firstElementChild.releasePointerCapture(d.pointerId);
  };

  const cancelDrag = () => {
    const d = drag;
    endDrag();
    const t = d && tags.get(d.id);
    if (t && inst) t.line.applyOptions({ price: priceNumber(inst, t.order.price), lineStyle: LineStyle.Solid });
    if (d) quickTrading.tell({ kind: 'good', text: 'Move cancelled' });
  };

  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape' && drag) {
      e.preventDefault();
      cancelDrag();
    }
  };
  window.addEventListener('keydown', onKey);

  const sync = () => {
    const m = marketView(panel);
    const a = useAccount.getState();
    const now = findInstrument(m.instruments, m.focus.venue, m.focus.symbol);
    if (now !== inst) {
      for (const t of tags.values()) remove(t);
      tags.clear();
      drag = null;
      inst = now;
    }
    if (!inst) return;
    const lines = orderLines(inst, workingOrders());
    const seen = new Set<string>();
    for (const o of lines) {
      seen.add(o.clientOrderId);
      let t = tags.get(o.clientOrderId);
      const fresh = !t;
      if (!t) tags.set(o.clientOrderId, (t = makeTag(o)));
      const was = t.order;
      t.order = o;
      // Redraw a line only when its order changed: the chart repaints on every applyOptions.
      if (fresh || was.price !== o.price || was.title !== o.title || was.pending !== o.pending) {
        if (drag?.id !== o.clientOrderId) t.line.applyOptions({ price: priceNumber(inst, o.price), title: o.title, lineStyle: o.pending ? LineStyle.Dashed : LineStyle.Solid });
        label(t);
      }
    }
    for (const [id, t] of tags) {
      if (seen.has(id)) continue;
      if (drag?.id === id) drag = null;
      remove(t);
      tags.delete(id);
    }
    const e = entryLine(inst, a.positions[instrumentKey(inst.venue, inst.symbol)]);
    if (e && !entry) entry = series.createPriceLine({ price: priceNumber(inst, e.price), color: ENTRY, lineWidth: 1, lineStyle: LineStyle.Dotted, axisLabelVisible: true, title: e.title });
    else if (e && entry && (entry.options().title !== e.title || entry.options().price !== priceNumber(inst, e.price))) entry.applyOptions({ price: priceNumber(inst, e.price), title: e.title });
    else if (!e && entry) {
      series.removePriceLine(entry);
      entry = undefined;
    }
    // Markers only when the fills, the bars' count or the series changed (not on every book update).
    const parents = useAlgos.getState().algos;
    const key = `${m.candlesEpoch}:${m.candles.length}:${a.fills.length}:${a.fills[0]?.fillId ?? ''}:${parents.length}`;
    if (key !== marksKey) {
      marksKey = key;
      const parentIds = new Set(parents.map((p) => p.id));
      markers.setMarkers(
        fillMarks(inst, a.fills, m.candles, (id) => parentOf(id, parentIds)).map(
          (f): SeriesMarker<Time> => ({ time: f.time as Time, position: f.side === 'buy' ? 'belowBar' : 'aboveBar', shape: f.side === 'buy' ? 'arrowUp' : 'arrowDown', color: f.side === 'buy' ? BUY : SELL, text: f.text, id: f.id }),
        ),
      );
    }
    if (tags.size > 0 && frame === 0) frame = requestAnimationFrame(place);
  };

  const remove = (t: Tag) => {
    series.removePriceLine(t.line);
    t.el.remove();
  };

  sync();
  const offAccount = useAccount.subscribe(sync);
  const offFormat = useSettings.subscribe(sync); // order lines and fill markers follow the Settings' number format
  // The book and the tape change many times a second and draw nothing here: only the focus, the list and the bars matter.
  const offMarket = subscribeMarketView(panel, (m, prev) => {
    if (m.focus !== prev.focus || m.instruments !== prev.instruments || m.candlesEpoch !== prev.candlesEpoch || m.candles.length !== prev.candles.length) sync();
  });
  return () => {
    offAccount();
    offFormat();
    offMarket();
    window.removeEventListener('keydown', onKey);
    if (frame) cancelAnimationFrame(frame);
    markers.detach();
    layer.remove();
  };
}
