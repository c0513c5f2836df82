#!/usr/bin/env node
// `npm start`: builds what is missing or stale, then launches the Electron app when its binary is
// present, otherwise (or with SQ_HEADLESS=1) the headless host, which prints the URL to open.
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

/** The Electron binary's path, fetching it once if the package is installed without it. */
function electronBinary() {
  const find = () => {
    try {
      const path = require('electron'); // the package's index resolves its binary from path.txt
      return typeof path === 'string' && existsSync(path) ? path : undefined;
    } catch {
      return undefined;
    }
  };
  const found = find();
  if (found) return found;
  let installer;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    return undefined; // electron is not installed at all
  }
  console.error('Electron binary missing: fetching it once (node_modules/electron/install.js)…');
  const fetched = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  if (fetched.status !== 0) console.error('Electron binary could not be fetched here; starting the headless host instead.');
  return find();
}

buildIfStale();
const binary = process.env.SQ_HEADLESS === '1' ? undefined : electronBinary();
if (binary) {
  const app = spawn(binary, [root], { stdio: 'inherit', env: process.env });
  for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
  app.on('exit', (code) => process.exit(code ?? 0));
} else {
  await import(pathToFileURL(join(root, 'out', 'main', 'headless.js')).href);
}
