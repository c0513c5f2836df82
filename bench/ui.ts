/**
 * `npm run bench -- ui` (after `npm run build`): tick-to-pixel latency and dropped frames of the real UI.
 *
 * The headless host (out/main/headless.js, as `npm start` runs it) with the SIM pushed by SQ_SIM_ACTIVITY
 * (its synthetic traders 80 times as active: about 1,000 quotes and 200 trades a second on the focused
 * instrument), the built UI in Chromium through playwright-core. Every book picture carries the host's
 * monotonic send time; the page maps it onto its clock through the ping with the shortest round trip
 * and notes the animation frame that paints it (src/renderer/bench/paintProbe.ts). The same is then
 * measured with every panel hidden (?bench=floor: the bridge, the stores and the browser, no panel),
 * the floor under the first figure. The host coalesces the book to 20 pictures a second (BookPublisher),
 * so a level change waits up to 50 ms before it is sent: that is by design and not part of this figure.
 * Also prints the page's main-thread time per second (CDP Performance metrics: script, style, layout),
 * and its CPU time (main thread, renderer process), which the machine's load moves much less than the
 * latency's tail, and the main script's size. At 60 Hz every picture waits up to a frame for the vsync
 * tick whatever the page does, so the p99 of that figure is ~16.5 ms plus the trip even for the floor:
 * each picture is also split (src/renderer/bench/pictureSplit.ts) into transport, React's commit, the
 * vsync wait, queueing and the frame's work, and the page's own work per picture is printed apart.
 * A benchmark, not a test: nothing here asserts on time.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { chromiumExecutable } from '../e2e/chromium';
import type { PaintProbeReport } from '../src/renderer/bench/paintProbe';
import { type PictureSplit, splitPicture } from '../src/renderer/bench/pictureSplit';
import { fmt, percentile } from './stats';

const root = join(import.meta.dirname, '..');
const rendererDir = join(root, 'out', 'renderer');
const headlessEntry = join(root, 'out', 'main', 'headless.js');
/** SQ_SIM_ACTIVITY for the run: ~12 quotes and ~2.5 trades a second normally, times this. */
const SIM_ACTIVITY = 80;
const MEASURE_SECONDS = Number(process.env.SQ_BENCH_UI_SECONDS ?? 20);
/** `ui`, `floor` or both (the default): A/B runs of a change need only the page with panels. */
const PAGES = (process.env.SQ_BENCH_UI_PAGES ?? 'ui,floor').split(',');
/**
 * Measurement starts this long after the order book is on screen: a profile under this load showed the
 * page's start (the lazily loaded panels mounting, the chart's first draws) busy for several seconds.
 */
const WARM_UP_MS = 10_000;

interface Host {
  url: string;
  stop(): Promise<void>;
}

/** The headless host on a free port in a fresh data directory; resolves with its URL (token included). */
async function startHost(dataDir: string): Promise<Host> {
  const child: ChildProcess = spawn(process.execPath, [headlessEntry], {
    env: { ...process.env, SQ_DATA_DIR: dataDir, SQ_PORT: '0', SQ_SEED: '42', SQ_SIM_ACTIVITY: String(SIM_ACTIVITY), SQ_JOURNAL_FSYNC: 'none' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGTERM'); // never left running behind a failed bench
      reject(new Error(`the host did not start within 120 s:\n${output}`));
    }, 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /ShrivenQuant running at (\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(match[1]!);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the host exited with ${code}:\n${output}`));
    });
  });
  return {
    url,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

interface PageFigures {
  report: PaintProbeReport;
  consoleErrors: string[];
  /** The renderer's main-thread time over the measurement (CDP Performance metrics), ms per second. */
  busy: Record<keyof Awaited<ReturnType<typeof mainThreadTimes>>, number>;
}

/** CDP's cumulative main-thread durations (seconds) by name. */
async function mainThreadTimes(cdp: { send(method: 'Performance.getMetrics'): Promise<{ metrics: { name: string; value: number }[] }> }) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    task: get('TaskDuration'),
    script: get('ScriptDuration'),
    style: get('RecalcStyleDuration'),
    layout: get('LayoutDuration'),
    // CPU time, not wall time: what the page costs the machine, much less moved by the other processes' load.
    threadCpu: get('ThreadTime'),
    processCpu: get('ProcessTime'),
    // Counts, divided as the durations' seconds are multiplied below, to come out per second.
    layouts: get('LayoutCount') / 1000,
    styles: get('RecalcStyleCount') / 1000,
  };
}

/** One page, `?bench=<mode>`: warm up, start the probe, measure, read the probe back. */
async function measure(mode: 'ui' | 'floor', dataDir: string): Promise<PageFigures> {
  const host = await startHost(dataDir);
  const browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: ['--no-sandbox', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
    const consoleErrors: string[] = [];
    page.on('console', (m) => m.type() === 'error' && consoleErrors.push(m.text()));
    page.on('pageerror', (e) => consoleErrors.push(String(e)));
    const url = new URL(host.url);
    url.searchParams.set('bench', mode);
    await page.goto(url.toString());
    await page.waitForFunction(() => window.__sqPaintProbe !== undefined, undefined, { timeout: 30_000 });
    if (mode === 'ui') await page.getByRole('region', { name: 'Order book' }).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(WARM_UP_MS);
    // The page's own CPU time (less at the mercy of the machine's load than the latency's tail).
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.evaluate(() => window.__sqPaintProbe!.start());
    const before = await mainThreadTimes(cdp);
    await page.waitForTimeout(MEASURE_SECONDS * 1000);
    const after = await mainThreadTimes(cdp);
    const report = await page.evaluate(() => window.__sqPaintProbe!.report());
    const perSecond = (k: keyof typeof before) => ((after[k] - before[k]) * 1000) / MEASURE_SECONDS;
    const busy = Object.fromEntries(Object.keys(before).map((k) => [k, perSecond(k as keyof typeof before)])) as PageFigures['busy'];
    return { report, consoleErrors, busy };
  } finally {
    await browser.close();
    await host.stop();
  }
}

/** p50/p99 of tick-to-pixel, and frames missed: a gap of more than 1.5 frame periods missed round(gap/period) - 1. */
function summarise(r: PaintProbeReport) {
  const latencies = [...r.latenciesMs].sort((a, b) => a - b);
  const gaps = [...r.frameGapsMs].sort((a, b) => a - b);
  // The display's frame period, as the page saw it (60 Hz: 16.7 ms).
  const period = percentile(gaps, 50);
  let dropped = 0;
  for (const gap of r.frameGapsMs) if (gap > 1.5 * period) dropped += Math.round(gap / period) - 1;
  return { p50: percentile(latencies, 50), p99: percentile(latencies, 99), samples: latencies.length, dropped, frames: gaps.length + 1, period };
}

/** The script index.html starts, and the scripts it preloads with it (the JS a first paint needs). */
function scriptSizes(): { main: number; initial: number; all: number; chunks: number } {
  const html = readFileSync(join(rendererDir, 'index.html'), 'utf8');
  const entry = /<script type="module"[^>]*src="\.\/([^"]+)"/.exec(html)?.[1];
  if (!entry) throw new Error('out/renderer/index.html names no module script');
  const preloads = [...html.matchAll(/<link rel="modulepreload"[^>]*href="\.\/([^"]+)"/g)].map((m) => m[1]!);
  const size = (file: string) => statSync(join(rendererDir, file)).size;
  const js = readdirSync(join(rendererDir, 'assets')).filter((f) => f.endsWith('.js'));
  return {
    main: size(entry),
    initial: size(entry) + preloads.reduce((n, f) => n + size(f), 0),
    all: js.reduce((n, f) => n + size(join('assets', f)), 0),
    chunks: js.length,
  };
}

/** p50 / p99 of one part of the pictures' split (pictureSplit.ts). */
function splitLine(splits: PictureSplit[], part: keyof PictureSplit): string {
  const sorted = splits.map((x) => x[part]).sort((a, b) => a - b);
  return `${fmt(percentile(sorted, 50), 1)} / ${fmt(percentile(sorted, 99), 1)}`;
}

/** The machine's 1-minute load average: the other engineers' builds and tests move these figures. */
const load = () => fmt(loadavg()[0]!, 1);

const mb = (bytes: number) => `${fmt(bytes / 1e6, 2)} MB`;

export async function runUiBench(): Promise<void> {
  if (!existsSync(join(rendererDir, 'index.html')) || !existsSync(headlessEntry)) {
    console.error('ui: no build in out/: run npm run build first');
    process.exitCode = 1;
    return;
  }
  const sizes = scriptSizes();
  console.log(`ui: main script ${mb(sizes.main)}; with the chunks it preloads ${mb(sizes.initial)}; all ${sizes.chunks} scripts ${mb(sizes.all)}`);
  console.log(`ui: SIM activity x${SIM_ACTIVITY}, ${MEASURE_SECONDS} s per page, Chromium ${chromiumExecutable() ?? "(Playwright's own)"}`);
  // One data directory for both pages: the first start generates the SIM's history for the charts (at the
  // normal pace, SimVenue.warmUp), the second starts from it.
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-bench-ui-'));
  try {
    await measureBoth(dataDir);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function measureBoth(dataDir: string): Promise<void> {
  for (const [mode, label] of [
    ['ui', 'all panels'],
    ['floor', 'no panels (floor)'],
  ] as const) {
    if (!PAGES.includes(mode)) continue;
    const loadBefore = load();
    const { report, consoleErrors, busy } = await measure(mode, dataDir);
    const s = summarise(report);
    const sp = report.pictures.map((m) => splitPicture(m, s.period));
    console.log(
      `ui: tick-to-pixel p50 ${fmt(s.p50, 1)} ms p99 ${fmt(s.p99, 1)} ms, dropped frames ${s.dropped} of ${s.frames} ` +
        `[${label}; ${s.samples} book pictures, ${fmt(report.trades / MEASURE_SECONDS)} trades/s, frame ${fmt(s.period, 1)} ms, clock offset within ±${fmt(report.offsetRttMs / 2, 2)} ms, load ${loadBefore} -> ${load()}]`,
    );
    console.log(
      `ui:   UI work per picture p50/p99 ${splitLine(sp, 'uiWork')} ms; tick-to-pixel less the vsync wait ${splitLine(sp, 'toPaintedLessVsync')} ms ` +
        `(to painted ${splitLine(sp, 'toPainted')}) [${label}; ${sp.length} pictures]`,
    );
    console.log(
      `ui:   split p50/p99 ms: transport ${splitLine(sp, 'transport')}, commit ${splitLine(sp, 'commit')}, vsync wait ${splitLine(sp, 'vsyncWait')}, ` +
        `queued ${splitLine(sp, 'queued')}, frame work ${splitLine(sp, 'frameWork')} [${label}]`,
    );
    console.log(
      `ui:   main thread busy ${fmt(busy.task, 0)} ms/s (script ${fmt(busy.script, 0)}, style ${fmt(busy.style, 0)}, layout ${fmt(busy.layout, 0)}); ` +
        `CPU: main thread ${fmt(busy.threadCpu, 0)} ms/s, renderer process ${fmt(busy.processCpu, 0)} ms/s; ${fmt(busy.layouts, 1)} layouts/s, ${fmt(busy.styles, 1)} style recalcs/s [${label}]`,
    );
    if (report.unstamped > 0) console.log(`ui: ${report.unstamped} book pictures carried no send time (not measured)`);
    if (consoleErrors.length > 0) console.log(`ui: ${consoleErrors.length} console errors on the page, first: ${consoleErrors[0]}`);
  }
}
