import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { electronBindingState, type BindingState, type ElectronTarget } from '../src/main/sqliteBinding';
import { BETTER_SQLITE3, buildElectronBinding, loadElectronRebuild } from './electronNative';

/** What `npm start` runs: the Electron app, or the headless host and why. */
export type Launch = { host: 'electron'; binary: string } | { host: 'headless'; reason: string };

/** The facts the choice depends on, each looked up only when the previous ones call for it. */
export interface LaunchSteps {
  headlessRequested: boolean;
  findElectronBinary(): string | undefined;
  bindingState(): BindingState;
  buildBinding(): Promise<void>;
  log(line: string): void;
}

/**
 * Electron only with a binary and a better-sqlite3 built for it; building that once when it is missing
 * or stale. Anything short of that runs the headless host, which loads Node's build from node_modules,
 * and says why on stderr (stdout is kept for the headless host's one line with the URL).
 */
export async function chooseLaunch(steps: LaunchSteps): Promise<Launch> {
  if (steps.headlessRequested) return { host: 'headless', reason: 'SQ_HEADLESS=1' };
  const binary = steps.findElectronBinary();
  if (binary === undefined) return { host: 'headless', reason: 'no Electron binary is installed here' };
  const state = steps.bindingState();
  if (state !== 'current') {
    steps.log(
      `better-sqlite3 has ${state === 'missing' ? 'no' : 'an out-of-date'} build for this Electron: building it into out/native ` +
        '(node_modules keeps Node’s build for the headless host and the tests)…',
    );
    try {
      await steps.buildBinding();
    } catch (error) {
      return { host: 'headless', reason: `better-sqlite3 could not be built for Electron: ${(error as Error).message ?? String(error)}` };
    }
    const after = steps.bindingState();
    if (after !== 'current') return { host: 'headless', reason: `better-sqlite3's Electron build is still ${after} after building it` };
  }
  return { host: 'electron', binary };
}

/**
 * The environment Electron is started with. ELECTRON_RUN_AS_NODE (set by some editors and tools for
 * their own children) would make the binary run the project directory as a Node script instead of
 * starting the app.
 */
export function electronEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const copy = { ...env };
  delete copy.ELECTRON_RUN_AS_NODE;
  return copy;
}

/** The installed Electron binary's version (dist/version, written with the binary), else the package's. */
function installedElectronVersion(root: string): string {
  const electronDir = join(root, 'node_modules', 'electron');
  const distVersion = join(electronDir, 'dist', 'version');
  if (existsSync(distVersion)) return readFileSync(distVersion, 'utf8').trim().replace(/^v/, '');
  return (JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')) as { version: string }).version;
}

function installedBetterSqlite3Version(root: string): string {
  return (JSON.parse(readFileSync(join(root, 'node_modules', BETTER_SQLITE3, 'package.json'), 'utf8')) as { version: string }).version;
}

/** The Electron binary's path, fetching it once (the package's own install.js) if it is installed without it. */
function findElectronBinary(root: string, log: (line: string) => void): string | undefined {
  const require = createRequire(join(root, 'package.json'));
  const find = () => {
    try {
      const path: unknown = require('electron'); // the package's index resolves its binary from path.txt
      return typeof path === 'string' && existsSync(path) ? path : undefined;
    } catch {
      return undefined;
    }
  };
  const found = find();
  if (found) return found;
  let installer: string;
  try {
    installer = require.resolve('electron/install.js');
  } catch {
    return undefined; // electron is not installed at all
  }
  log('Electron binary missing: fetching it once (node_modules/electron/install.js)…');
  const fetched = spawnSync(process.execPath, [installer], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  if (fetched.status !== 0) log('Electron binary could not be fetched here.');
  return find();
}

/** The real steps for the project at `root`. */
export function launchSteps(root: string, env: NodeJS.ProcessEnv, log: (line: string) => void): LaunchSteps {
  const target = (): ElectronTarget => ({ electron: installedElectronVersion(root), platform: process.platform, arch: process.arch });
  return {
    headlessRequested: env.SQ_HEADLESS === '1',
    findElectronBinary: () => findElectronBinary(root, log),
    bindingState: () => electronBindingState(root, target(), installedBetterSqlite3Version(root)),
    buildBinding: async () => {
      const rebuild = await loadElectronRebuild(root);
      if (!rebuild) throw new Error('@electron/rebuild (a dependency of electron-builder) is not installed');
      await buildElectronBinding({ root, target: target(), betterSqlite3: installedBetterSqlite3Version(root), rebuild });
    },
    log,
  };
}
