// Measures what one view costs on the bridge: `node scripts/bridgeRate.mjs src/main/headless.ts <SQ_SIM_OPTIONS 0|1> [seconds] [symbol]`.
// Not a test (it times things): it reports the host start-up time and the frames a focused session receives.
// Bridge frames per second seen by one renderer session focused on SIM BTC-USDT, for SECONDS seconds,
// against a headless host started with SQ_SIM_OPTIONS as given. Prints frames/s per event and bytes/s.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
const [entry, opt, secs = '20', symbol = 'BTC-USDT'] = process.argv.slice(2);
const dataDir = mkdtempSync(join(tmpdir(), 'sq-fps-'));
const t0 = performance.now();
const child = spawn(process.execPath, ['--import', 'tsx', entry], {
  env: { ...process.env, SQ_DATA_DIR: dataDir, SQ_PORT: '0', SQ_SEED: '42', SQ_JOURNAL_FSYNC: 'none', SQ_SIM_OPTIONS: opt },
  stdio: ['ignore', 'pipe', 'inherit'],
});
let out = '';
const url = await new Promise((resolve) => child.stdout.on('data', (c) => { out += c; const m = /ShrivenQuant running at (\S+)/.exec(out); if (m) resolve(new URL(m[1])); }));
const startMs = Math.round(performance.now() - t0);
const ws = new WebSocket(`ws://${url.host}/bridge?token=${url.searchParams.get('token')}`);
await new Promise((r) => ws.once('open', r));
const counts = {}; const sizes = {}; let bytes = 0; let frames = 0; let counting = false;
ws.on('message', (d) => { if (!counting) return; frames++; bytes += d.length; const m = JSON.parse(d.toString()); const k = m.t === 'event' ? m.name : m.t; counts[k] = (counts[k] ?? 0) + 1; sizes[k] = (sizes[k] ?? 0) + d.length; });
ws.send(JSON.stringify({ t: 'call', id: 1, name: 'market.focus', input: { venue: 'SIM', symbol, timeframe: '1m', depth: 20 } }));
await new Promise((r) => setTimeout(r, 2000));
counting = true;
const s = Number(secs);
await new Promise((r) => setTimeout(r, s * 1000));
counting = false;
const per = Object.fromEntries(Object.entries(counts).map(([k, v]) => [k, { perSec: +(v / s).toFixed(1), avgBytes: Math.round(sizes[k] / v) }]));
console.log(JSON.stringify({ options: opt, symbol, startMs, framesPerSec: +(frames / s).toFixed(1), kBPerSec: +(bytes / s / 1024).toFixed(1), perEvent: per }));
ws.close();
child.once('exit', () => { rmSync(dataDir, { recursive: true, force: true }); process.exit(0); });
child.kill('SIGTERM');
