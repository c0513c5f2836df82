/**
 * Where one book picture's tick-to-pixel time went, from the moments the paint probe noted (all ms on the
 * page's clock, the host's send time already mapped onto it):
 *
 *   sent ──transport──▶ arrived ──commit──▶ committed ──vsync wait──▶ ┊ ──queued──▶ frameStart ──frame work──▶ painted
 *                                                                 frameTime
 *
 * - `arrived`: the page's message handler saw the picture (after JSON parsing and the store's listener).
 * - `committed`: React's commit changed the order book's DOM (the MutationObserver's callback); the floor,
 *   with no panel, has no commit: `committed` = `arrived`.
 * - `frameTime`: the animation frame's own time, the `requestAnimationFrame` callback's argument: Chromium
 *   passes the BeginFrame's time, i.e. the vsync tick the frame belongs to. Before it, the picture could not
 *   be painted by any page: that wait is the display's, not ours, but never more than one frame period (a
 *   later tick means the frames before it were skipped because the page or the compositor was still busy:
 *   that part counts as `queued`).
 * - `frameStart`: when that frame's callbacks actually ran (performance.now() in the first one). Past the tick,
 *   the main thread was busy with something else (another message, a GC, the machine's other processes):
 *   `queued`, counted with the page's cost, not with the vsync.
 * - `painted`: the first task after that frame (see paintProbe.ts): the frame's main-thread work, the other
 *   panels' animation callbacks, style, layout, paint and the hand-off to the compositor, is done.
 */
export interface PictureMoments {
  sent: number;
  arrived: number;
  committed: number;
  frameTime: number;
  frameStart: number;
  painted: number;
}

export interface PictureSplit {
  transport: number;
  commit: number;
  vsyncWait: number;
  queued: number;
  frameWork: number;
  /** The page's own work for the picture: its React commit and the frame that painted it. */
  uiWork: number;
  /** Host send to painted, as the 60 Hz display makes it. */
  toPainted: number;
  /** The same without the wait for the vsync tick: what a display that showed a frame at once would see. */
  toPaintedLessVsync: number;
}

/** `periodMs`: the display's frame period (16.7 ms at 60 Hz), the longest a picture can wait for a tick. */
export function splitPicture(m: PictureMoments, periodMs: number): PictureSplit {
  const transport = m.arrived - m.sent;
  const commit = m.committed - m.arrived;
  // A commit that landed after the tick (the frame's task was already waiting behind it) waited for no vsync.
  const vsyncWait = Math.min(periodMs, Math.max(0, Math.min(m.frameTime, m.frameStart) - m.committed));
  const queued = m.frameStart - m.committed - vsyncWait;
  const frameWork = m.painted - m.frameStart;
  const toPainted = m.painted - m.sent;
  return { transport, commit, vsyncWait, queued, frameWork, uiWork: commit + frameWork, toPainted, toPaintedLessVsync: toPainted - vsyncWait };
}
