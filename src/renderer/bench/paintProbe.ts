import type { Bridge } from '../../contract/api';

/** What bench/ui.ts reads back from the page (window.__sqPaintProbe). */
export interface PaintProbeReport {
  /** Host send -> the animation frame that paints the picture, ms on the page's clock, one per picture. */
  latenciesMs: number[];
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
 */
export function startPaintProbe(bridge: Bridge, floor: boolean): void {
  let recording = false;
  let offsetMs = 0;
  let offsetRttMs = Number.POSITIVE_INFINITY;
  const latenciesMs: number[] = [];
  const frameGapsMs: number[] = [];
  let trades = 0;
  let unstamped = 0;
  // Send times (page clock) of pictures that arrived and wait for their frame; `committed` once the DOM showed them.
  let arrived: number[] = [];
  let committed: number[] = [];

  bridge.on('book', (book) => {
    if (!recording) return;
    if (book.sentAtMs === undefined) {
      unstamped++;
      return;
    }
    arrived.push(book.sentAtMs - offsetMs);
    if (floor) {
      committed.push(...arrived);
      arrived = [];
    }
  });
  bridge.on('trades', (e) => {
    if (recording) trades += e.trades.length;
  });

  if (!floor) {
    const observer = new MutationObserver(() => {
      if (arrived.length === 0) return;
      committed.push(...arrived);
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

  let lastFrame: number | undefined;
  const frame = () => {
    const now = performance.now();
    if (recording) {
      if (lastFrame !== undefined) frameGapsMs.push(now - lastFrame);
      for (const sent of committed) latenciesMs.push(now - sent);
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
    report: () => ({ latenciesMs, frameGapsMs, offsetMs, offsetRttMs, trades, unstamped }),
  };
}
