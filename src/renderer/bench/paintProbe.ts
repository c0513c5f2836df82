import type { Bridge } from '../../contract/api';
import type { PictureMoments } from './pictureSplit';

/** What bench/ui.ts reads back from the page (window.__sqPaintProbe). */
export interface PaintProbeReport {
  /** Host send -> the animation frame that paints the picture, ms on the page's clock, one per picture. */
  latenciesMs: number[];
  /** Each picture's moments, from send to its frame's work done (the bench splits them: pictureSplit.ts). */
  pictures: PictureMoments[];
  /** Gaps between consecutive animation frames, ms. */
  frameGapsMs: number[];
  /** Host monotonic clock minus the page's, from the ping with the shortest round trip. */
  offsetMs: number;
  /** That ping's round trip: the offset is right to within half of it. */
  offsetRttMs: number;
  /** Trades received for the focused instrument (to check the load the SIM was asked for). */
  trades: number;
  /** Book pictures that carried no send time (an older host): not measured. */
  unstamped: number;
}

declare global {
  interface Window {
    __sqPaintProbe?: { start(): Promise<void>; report(): PaintProbeReport };
  }
}

const PINGS = 15;

/**
 * Tick-to-pixel measurement for `npm run bench -- ui`. Each book picture carries the host's monotonic
 * send time (sentAtMs); the page maps it onto its own clock with the ping offset and notes the
 * animation frame that paints the picture: with panels, the first frame after the order book's DOM
 * changed following the picture's arrival (a MutationObserver sees the commit); without panels
 * (`floor`), the first frame after its arrival. Frame gaps give the dropped frames. Nothing is kept
 * until start() and the page never sends what it measured anywhere: the bench reads it.
 *
 * When the frame's main-thread work is done: a task posted from the frame's first animation callback
 * runs after the whole rendering step of that frame (the other callbacks, style, layout, paint, the
 * compositor commit), because that step is one task of the event loop. It is posted with
 * `scheduler.postTask` at 'user-blocking' priority, so that it runs ahead of the socket's messages queued
 * meanwhile (a MessageChannel message where that API is missing: timers may be aligned or clamped). Why
 * this and not the alternatives: Long Animation Frame entries exist only for frames over 50 ms, Event
 * Timing only for input, and a CDP trace is exact but costs the page more than what it measures. What it
 * misses: raster and GPU work on the compositor's threads (the main thread is free by then); and it is an
 * upper bound: a task already running or queued at a higher priority still goes first.
 */
export function startPaintProbe(bridge: Bridge, floor: boolean): void {
  let recording = false;
  let offsetMs = 0;
  let offsetRttMs = Number.POSITIVE_INFINITY;
  const latenciesMs: number[] = [];
  const pictures: PictureMoments[] = [];
  const frameGapsMs: number[] = [];
  let trades = 0;
  let unstamped = 0;
  type Arrived = { sent: number; arrived: number };
  type Committed = Arrived & { committed: number };
  // Pictures that arrived and wait for their commit; `committed` once the DOM showed them, waiting for a frame.
  let arrived: Arrived[] = [];
  let committed: Committed[] = [];
  // Frames whose work is not known to be over yet, oldest first, each with the pictures it paints.
  const painting: { pictures: Omit<PictureMoments, 'painted'>[] }[] = [];

  bridge.on('book', (book) => {
    if (!recording) return;
    if (book.sentAtMs === undefined) {
      unstamped++;
      return;
    }
    const now = performance.now();
    if (floor) committed.push({ sent: book.sentAtMs - offsetMs, arrived: now, committed: now });
    else arrived.push({ sent: book.sentAtMs - offsetMs, arrived: now });
  });
  bridge.on('trades', (e) => {
    if (recording) trades += e.trades.length;
  });

  if (!floor) {
    const observer = new MutationObserver(() => {
      if (arrived.length === 0) return;
      const now = performance.now();
      for (const a of arrived) committed.push({ ...a, committed: now });
      arrived = [];
    });
    // The order book panel appears once the app has rendered; watch the whole page until then.
    const attach = () => {
      const book = document.querySelector('section[aria-label="Order book"]');
      if (book) observer.observe(book, { subtree: true, childList: true, characterData: true, attributes: true });
      else requestAnimationFrame(attach);
    };
    attach();
  }

  const frameDone = () => {
    const painted = performance.now();
    const done = painting.shift();
    if (!done || !recording) return;
    for (const p of done.pictures) pictures.push({ ...p, painted });
  };

  const channel = new MessageChannel();
  channel.port1.onmessage = frameDone;
  const scheduler = (globalThis as { scheduler?: { postTask?(task: () => void, options: { priority: 'user-blocking' }): Promise<unknown> } }).scheduler;
  const postAfterFrame = scheduler?.postTask
    ? () => void scheduler.postTask!(frameDone, { priority: 'user-blocking' })
    : () => channel.port2.postMessage(null);

  let lastFrame: number | undefined;
  const frame = (frameTime: number) => {
    const now = performance.now();
    if (recording) {
      if (lastFrame !== undefined) frameGapsMs.push(now - lastFrame);
      for (const c of committed) latenciesMs.push(now - c.sent);
      painting.push({ pictures: committed.map((c) => ({ ...c, frameTime, frameStart: now })) });
      postAfterFrame();
      committed = [];
    }
    lastFrame = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);

  async function syncClocks(): Promise<void> {
    for (let i = 0; i < PINGS; i++) {
      const t0 = performance.now();
      const reply = await bridge.call('system.ping', {});
      const rtt = performance.now() - t0;
      if (reply.ok && reply.value.monotonicMs !== undefined && rtt < offsetRttMs) {
        offsetRttMs = rtt;
        offsetMs = reply.value.monotonicMs - (t0 + rtt / 2);
      }
    }
  }

  window.__sqPaintProbe = {
    // Resolves once the clocks are mapped and recording has begun.
    start: async () => {
      await syncClocks();
      if (!Number.isFinite(offsetRttMs)) throw new Error('the host sent no monotonic time in system.ping: it cannot be measured');
      recording = true;
      lastFrame = undefined;
    },
    report: () => ({ latenciesMs, pictures, frameGapsMs, offsetMs, offsetRttMs, trades, unstamped }),
  };
}
