#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then launches the Electron app when its binary is
// present (building better-sqlite3 for it once, into out/native), otherwise (or with SQ_HEADLESS=1)
// the headless host, which prints the URL to open. See scripts/launch.ts.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const stamp = join(root, 'out', '.build-stamp');

function newestMtime(path) {
  const s = statSync(path);
  if (!s.isDirectory()) return s.mtimeMs;
  return Math.max(s.mtimeMs, ...readdirSync(path).map((name) => newestMtime(join(path, name))));
}

function buildIfStale() {
  const inputs = ['src', 'electron.vite.config.ts', 'package.json'].map((p) => join(root, p));
  if (existsSync(stamp) && statSync(stamp).mtimeMs >= Math.max(...inputs.map(newestMtime))) return;
  console.error('Building ShrivenQuant (electron-vite build)…');
  const result = spawnSync(process.execPath, [join(dirname(require.resolve('electron-vite/package.json')), 'bin', 'electron-vite.js'), 'build'], {
    cwd: root,
    stdio: ['ignore', 2, 2], // stdout is kept for the one line with the URL
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
}

/**
 * The launch logic is TypeScript (scripts/launch.ts, tested with the rest), loaded with tsx's tsImport
 * (scoped to that import). SQ_HEADLESS=1 needs none of it, so the headless host then starts exactly as
 * `node out/main/headless.js` would.
 */
async function decideLaunch() {
  if (process.env.SQ_HEADLESS === '1') return { host: 'headless', reason: 'SQ_HEADLESS=1' };
  const { tsImport } = await import('tsx/esm/api');
  const { chooseLaunch, electronEnv, launchSteps } = await tsImport('./launch.ts', import.meta.url);
  const launch = await chooseLaunch(launchSteps(root, process.env, (line) => console.error(line)));
  return launch.host === 'electron' ? { ...launch, env: electronEnv(process.env) } : launch;
}

buildIfStale();
const launch = await decideLaunch();
if (launch.host === 'electron') {
  const app = spawn(launch.binary, [root], { stdio: 'inherit', env: launch.env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('exit', (code) => process.exit(code ?? 0));
} else {
  if (process.env.SQ_HEADLESS !== '1') console.error(`Starting the headless host: ${launch.reason}.`);
  await import(pathToFileURL(join(root, 'out', 'main', 'headless.js')).href);
}
