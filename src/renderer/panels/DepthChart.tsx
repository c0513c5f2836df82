import { useEffect, useRef } from 'react';
import type { Instrument } from '../../contract/api';
import { decimalText, priceText, qtyText } from '../view/numbers';
import { Panel, Placeholder } from '../components/Panel';
import { findInstrument } from '../state/market';
import { marketView, subscribeMarketView, usePanelInstrumentDef, usePanelMarket, useShowsMarket } from '../state/panelMarket';
import { LinkChip } from './watchlist/LinkChip';
import { fractionalPriceText } from '../view/analytics';
import { depthPalette } from '../view/settings';
import { useFormatVersion, useSettings } from '../state/settings';
import { axisMarks, buildDepth, type Depth, depthAt, depthStairs } from '../view/depth';

/** Levels per side drawn: all the engine sends for the focused instrument. */
const LEVELS = 50;

/** The canvas colours: the theme's (view/settings.ts), swapped in place when the Settings theme changes. */
const C = { ...depthPalette('dark') };
const FONT = "10px 'JetBrains Mono', 'SF Mono', Menlo, Consolas, 'Liberation Mono', 'DejaVu Sans Mono', monospace";
const AXIS_W = 52; // size labels, right
const AXIS_H = 16; // price labels, bottom
const TOP = 16; // room for the mid label
/** Headroom above the deepest cumulative size, so the curve never touches the top. */
const HEADROOM = 1.08;

interface Hover {
  x: number;
  y: number;
}

/**
 * Draws the focused book's cumulative depth on a canvas, outside React renders: store changes, resizes
 * and pointer moves only mark the picture dirty, and it is redrawn at most once per animation frame
 * however fast book updates arrive.
 */
function attach(host: HTMLDivElement, canvas: HTMLCanvasElement, tip: HTMLDivElement, panel: string): () => void {
  let frame = 0;
  let hover: Hover | null = null;
  const ctx = canvas.getContext('2d');
  if (!ctx) return () => {};

  // The host's size, read when the ResizeObserver reports (layout is fresh then, so the read is free), not
  // in draw(): there it forced a synchronous layout on every frame in which the ladder had just changed
  // the page (the single largest cost in a profile under a busy book, `npm run bench -- ui`).
  let w = host.clientWidth;
  let h = host.clientHeight;
  const draw = (): void => {
    frame = 0;
    const dpr = window.devicePixelRatio || 1;
    if (canvas.width !== Math.round(w * dpr) || canvas.height !== Math.round(h * dpr)) {
      canvas.width = Math.round(w * dpr);
      canvas.height = Math.round(h * dpr);
      canvas.style.width = `${w}px`;
      canvas.style.height = `${h}px`;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    const s = marketView(panel);
    const inst = findInstrument(s.instruments, s.focus.venue, s.focus.symbol);
    const depth = buildDepth(s.book, LEVELS);
    if (!inst || !depth || w < 60 || h < 60) {
      tip.hidden = true;
      return;
    }
    paint(ctx, w, h, inst, depth, s.book?.stale ?? false, hover, tip);
  };
  const schedule = () => {
    if (frame === 0) frame = requestAnimationFrame(draw);
  };

  const onMove = (e: PointerEvent) => {
    const r = canvas.getBoundingClientRect();
    hover = { x: e.clientX - r.left, y: e.clientY - r.top };
    schedule();
  };
  const onLeave = () => {
    hover = null;
    schedule();
  };
  canvas.addEventListener('pointermove', onMove);
  canvas.addEventListener('pointerleave', onLeave);
  const ro = new ResizeObserver(() => {
    w = host.clientWidth;
    h = host.clientHeight;
    schedule();
  });
  ro.observe(host);
  const unsubscribe = subscribeMarketView(panel, (s, prev) => {
    if (s.book !== prev.book || s.instruments !== prev.instruments || s.focus !== prev.focus) schedule();
  });
  schedule();
  return () => {
    unsubscribe();
    ro.disconnect();
    canvas.removeEventListener('pointermove', onMove);
    canvas.removeEventListener('pointerleave', onLeave);
    if (frame !== 0) cancelAnimationFrame(frame);
  };
}

function paint(
  ctx: CanvasRenderingContext2D,
  w: number,
  h: number,
  inst: Instrument,
  depth: Depth,
  stale: boolean,
  hover: Hover | null,
  tip: HTMLDivElement,
): void {
  const x0 = 0;
  const x1 = w - AXIS_W;
  const y0 = TOP;
  const y1 = h - AXIS_H;
  const top = Math.max(1, depth.maxCum * HEADROOM);
  const xOf = (ticks: number) => x0 + ((ticks - depth.lo) / (depth.hi - depth.lo)) * (x1 - x0);
  const yOf = (lots: number) => y1 - (lots / top) * (y1 - y0);
  // Crisp 1px lines: draw on half pixels.
  const px = (v: number) => Math.round(v) + 0.5;

  ctx.font = FONT;
  ctx.lineWidth = 1;

  // Size grid and labels (right).
  ctx.textAlign = 'left';
  ctx.textBaseline = 'middle';
  for (const lots of axisMarks(0, top, Math.max(2, Math.floor((y1 - y0) / 36)))) {
    const y = px(yOf(lots));
    ctx.strokeStyle = C.grid;
    ctx.beginPath();
    ctx.moveTo(x0, y);
    ctx.lineTo(x1, y);
    ctx.stroke();
    if (lots > 0) {
      ctx.fillStyle = C.axis;
      ctx.fillText(qtyText(inst, lots), x1 + 5, y);
    }
  }
  // Price grid and labels (bottom), skipping a label that would run off the plot.
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  // As many price labels as fit with a gap of about two labels' width between them.
  const labelW = ctx.measureText(priceText(inst, Math.round(depth.hi))).width;
  for (const ticks of axisMarks(Math.ceil(depth.lo), Math.floor(depth.hi), Math.max(2, Math.floor((x1 - x0) / (labelW * 2.2))))) {
    const x = px(xOf(ticks));
    ctx.strokeStyle = C.grid;
    ctx.beginPath();
    ctx.moveTo(x, y0);
    ctx.lineTo(x, y1);
    ctx.stroke();
    const label = priceText(inst, ticks);
    const half = ctx.measureText(label).width / 2;
    if (x - half < x0 + 2 || x + half > x1 - 2) continue;
    ctx.fillStyle = C.axis;
    ctx.fillText(label, x, y1 + 3);
  }
  ctx.strokeStyle = C.border;
  ctx.beginPath();
  ctx.moveTo(x0, px(y1));
  ctx.lineTo(x1, px(y1));
  ctx.moveTo(px(x1), y0 - TOP);
  ctx.lineTo(px(x1), y1);
  ctx.stroke();

  // The two staircases, filled down to zero.
  const sides = [
    { stairs: depthStairs(depth.bids, depth.lo), line: stale ? C.stale : C.bid, fill: stale ? C.staleFill : C.bidFill },
    { stairs: depthStairs(depth.asks, depth.hi), line: stale ? C.stale : C.ask, fill: stale ? C.staleFill : C.askFill },
  ];
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, 0, x1 - x0, y1);
  ctx.clip();
  for (const side of sides) {
    const first = side.stairs[0];
    const last = side.stairs[side.stairs.length - 1];
    if (!first || !last) continue;
    ctx.beginPath();
    side.stairs.forEach(([p, q], i) => (i === 0 ? ctx.moveTo(xOf(p), yOf(q)) : ctx.lineTo(xOf(p), yOf(q))));
    ctx.lineTo(xOf(last[0]), y1);
    ctx.lineTo(xOf(first[0]), y1);
    ctx.closePath();
    ctx.fillStyle = side.fill;
    ctx.fill();
    ctx.beginPath();
    side.stairs.forEach(([p, q], i) => (i === 0 ? ctx.moveTo(xOf(p), yOf(q)) : ctx.lineTo(xOf(p), yOf(q))));
    ctx.strokeStyle = side.line;
    ctx.lineWidth = 1.5;
    ctx.stroke();
    ctx.lineWidth = 1;
  }
  ctx.restore();

  // Mid line with its price on top.
  if (depth.mid !== undefined) {
    const x = px(xOf(depth.mid));
    ctx.strokeStyle = C.mid;
    ctx.setLineDash([3, 3]);
    ctx.beginPath();
    ctx.moveTo(x, y0);
    ctx.lineTo(x, y1);
    ctx.stroke();
    ctx.setLineDash([]);
    const label = `mid ${fractionalPriceText(inst, depth.mid)}`;
    const lw = ctx.measureText(label).width + 8;
    const lx = Math.min(Math.max(x - lw / 2, x0), x1 - lw);
    ctx.fillStyle = C.label;
    ctx.fillRect(lx, 1, lw, TOP - 2);
    ctx.fillStyle = C.mid;
    ctx.textAlign = 'left';
    ctx.textBaseline = 'middle';
    ctx.fillText(label, lx + 4, TOP / 2);
  }

  if (stale) {
    ctx.save();
    ctx.font = "700 22px Inter, 'Segoe UI', Roboto, Arial, 'Liberation Sans', sans-serif";
    ctx.fillStyle = 'rgba(232,163,61,0.5)';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('STALE', (x0 + x1) / 2, (y0 + y1) / 2 - 10);
    ctx.font = FONT;
    ctx.fillText('book may be out of date', (x0 + x1) / 2, (y0 + y1) / 2 + 10);
    ctx.restore();
  }

  paintHover(ctx, inst, depth, hover, { x0, x1, y0, y1, xOf, yOf, px }, tip);
}

interface Frame {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
  xOf: (ticks: number) => number;
  yOf: (lots: number) => number;
  px: (v: number) => number;
}

/** The crosshair and the tooltip: how much a market order sweeping out to the cursor price would take. */
function paintHover(ctx: CanvasRenderingContext2D, inst: Instrument, depth: Depth, hover: Hover | null, f: Frame, tip: HTMLDivElement): void {
  const inside = hover && hover.x >= f.x0 && hover.x <= f.x1 && hover.y >= f.y0 - 4 && hover.y <= f.y1;
  if (!hover || !inside) {
    tip.hidden = true;
    return;
  }
  const price = depth.lo + ((hover.x - f.x0) / (f.x1 - f.x0)) * (depth.hi - depth.lo);
  const hit = depthAt(depth, price);
  ctx.strokeStyle = C.cross;
  ctx.setLineDash([2, 3]);
  ctx.beginPath();
  ctx.moveTo(f.px(hover.x), f.y0);
  ctx.lineTo(f.px(hover.x), f.y1);
  if (hit) {
    const y = f.px(f.yOf(hit.cum));
    ctx.moveTo(f.x0, y);
    ctx.lineTo(f.x1, y);
  }
  ctx.stroke();
  ctx.setLineDash([]);
  if (!hit) {
    tip.hidden = true;
    return;
  }
  ctx.fillStyle = hit.side === 'bid' ? C.bid : C.ask;
  ctx.beginPath();
  ctx.arc(hover.x, f.yOf(hit.cum), 3, 0, Math.PI * 2);
  ctx.fill();

  const line = (cls: string, text: string) => {
    const el = document.createElement('div');
    el.className = cls;
    el.textContent = text;
    return el;
  };
  const away = depth.mid !== undefined ? ((hit.price - depth.mid) / depth.mid) * 10_000 : undefined;
  tip.replaceChildren(
    line(hit.side, `${hit.side === 'bid' ? 'Bids ≥' : 'Asks ≤'} ${priceText(inst, hit.price)}`),
    line('strong', `Σ ${qtyText(inst, hit.cum)} ${inst.base}`),
    line('muted', `${hit.levels} ${hit.levels === 1 ? 'level' : 'levels'}${away !== undefined ? ` · ${away > 0 ? '+' : ''}${decimalText(away, 1)} bp from mid` : ''}`),
  );
  tip.hidden = false;
  // Beside the cursor, flipped to the other side near the right edge so it stays in the panel.
  const tw = tip.offsetWidth;
  const left = hover.x + 12 + tw > f.x1 ? hover.x - 12 - tw : hover.x + 12;
  tip.style.left = `${Math.max(0, left)}px`;
  tip.style.top = `${Math.max(f.y0, Math.min(hover.y - 20, f.y1 - tip.offsetHeight))}px`;
}

const sizeOf = (levels: [number, number][] | undefined): number => (levels ?? []).reduce((sum, [, q]) => sum + q, 0);

/** Bid and ask size within the levels drawn (the engine sends at most the depth asked), in the header. */
function Totals({ panel }: { panel: string }) {
  const inst = usePanelInstrumentDef(panel);
  const bids = usePanelMarket(panel, (s) => sizeOf(s.book?.bids));
  const asks = usePanelMarket(panel, (s) => sizeOf(s.book?.asks));
  const levels = usePanelMarket(panel, (s) => Math.max(s.book?.bids.length ?? 0, s.book?.asks.length ?? 0));
  useFormatVersion(); // written again when the Settings' number format changes
  if (!inst || levels === 0) return null;
  return (
    <span className="depth-totals num" title={`Total size in the ${levels} levels per side drawn`}>
      <span>
        Bids <b className="bid">{qtyText(inst, bids)}</b>
      </span>
      <span>
        Asks <b className="ask">{qtyText(inst, asks)}</b>
      </span>
    </span>
  );
}

/** Cumulative depth of the focused book: bids stepping down to the left of the mid, asks to the right. */
export function DepthChart({ panel = 'depth' }: { panel?: string }) {
  useShowsMarket(panel);
  const host = useRef<HTMLDivElement>(null);
  const canvas = useRef<HTMLCanvasElement>(null);
  const tip = useRef<HTMLDivElement>(null);
  const inst = usePanelInstrumentDef(panel);
  const hasDepth = usePanelMarket(panel, (s) => s.book !== null && s.book.bids.length + s.book.asks.length > 0);
  const stale = usePanelMarket(panel, (s) => s.book?.stale ?? false);

  const theme = useSettings((x) => x.settings.theme);
  const formatVersion = useFormatVersion();
  useEffect(() => {
    if (!host.current || !canvas.current || !tip.current) return;
    // Re-attached on a theme or number-format change: the next frame is drawn in the new colours and format.
    Object.assign(C, depthPalette(theme));
    return attach(host.current, canvas.current, tip.current, panel);
  }, [theme, panel, formatVersion]);

  return (
    <Panel
      name="Depth"
      extra={
        <>
          <LinkChip panel={panel} panelName="Depth" />
          <Totals panel={panel} />
          {stale && (
            <span className="badge badge-stale" title="The book may be out of date: the venue feed is resynchronising">
              STALE
            </span>
          )}
        </>
      }
    >
      <div className={`depth-host${stale ? ' stale' : ''}`} ref={host}>
        <canvas ref={canvas} role="img" aria-label={inst ? `Cumulative depth of ${inst.symbol}` : 'Cumulative depth'} />
        <div className="depth-tip num" ref={tip} hidden />
      </div>
      {(!inst || !hasDepth) && <Placeholder>Waiting for market data…</Placeholder>}
    </Panel>
  );
}
