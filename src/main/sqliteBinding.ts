import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * better-sqlite3 is a native addon, built for one ABI. node_modules holds Node's build, which the
 * headless host, the CLI and the tests load. Electron has its own ABI, so an unpackaged Electron run
 * (`npm start`) loads a second build kept under out/native/, made by scripts/electronNative.ts without
 * touching node_modules. A packaged app has only Electron's build: electron-builder rebuilt its copy of
 * node_modules for Electron (npmRebuild), so there the default binding is the right one.
 *
 * This file is the one definition of where that second build lives; the start script builds into it.
 */

/** What a native build is for. */
export interface ElectronTarget {
  /** Electron's version (process.versions.electron); the ABI follows from it. */
  electron: string;
  platform: string;
  arch: string;
}

/** Recorded beside the binding: a new Electron, better-sqlite3, platform or arch needs a new build. */
export interface BindingStamp extends ElectronTarget {
  betterSqlite3: string;
}

export const BINDING_FILE = 'better_sqlite3.node';
const STAMP_FILE = 'stamp.json';

export function electronBindingDir(appRoot: string, target: ElectronTarget): string {
  return join(appRoot, 'out', 'native', `electron-${target.electron}-${target.platform}-${target.arch}`);
}

export function electronBindingFile(appRoot: string, target: ElectronTarget): string {
  return join(electronBindingDir(appRoot, target), BINDING_FILE);
}

export function electronBindingStampFile(appRoot: string, target: ElectronTarget): string {
  return join(electronBindingDir(appRoot, target), STAMP_FILE);
}

export function bindingStamp(target: ElectronTarget, betterSqlite3: string): BindingStamp {
  return { electron: target.electron, platform: target.platform, arch: target.arch, betterSqlite3 };
}

export type BindingState = 'current' | 'missing' | 'stale';

/**
 * `current` only when the binding exists and its stamp says it was built for exactly this Electron,
 * platform, arch and better-sqlite3 version (the JS half comes from node_modules and must match the
 * native half). An unreadable stamp counts as stale: it is rebuilt, never trusted.
 */
export function electronBindingState(appRoot: string, target: ElectronTarget, betterSqlite3: string): BindingState {
  if (!existsSync(electronBindingFile(appRoot, target))) return 'missing';
  let recorded: unknown;
  try {
    recorded = JSON.parse(readFileSync(electronBindingStampFile(appRoot, target), 'utf8'));
  } catch {
    return 'stale';
  }
  const expected = bindingStamp(target, betterSqlite3);
  const same =
    typeof recorded === 'object' &&
    recorded !== null &&
    (Object.keys(expected) as (keyof BindingStamp)[]).every((key) => (recorded as Record<string, unknown>)[key] === expected[key]);
  return same ? 'current' : 'stale';
}

export interface SqliteBindingQuery {
  /** Electron's app.isPackaged. */
  isPackaged: boolean;
  /** Electron's app.getAppPath(): the project root when run unpackaged. */
  appRoot: string;
  target: ElectronTarget;
  /** The installed better-sqlite3's version (its JS half); only asked when unpackaged. */
  betterSqlite3: () => string;
}

/**
 * The `nativeBinding` the Electron main process opens SQLite with: none (the default) in a packaged
 * app, the out/native build otherwise. Throws, with what to do, when that build is missing or was
 * made for something else: loading Node's build into Electron fails anyway, only less clearly.
 */
export function sqliteBindingForElectron(query: SqliteBindingQuery): string | undefined {
  if (query.isPackaged) return undefined;
  const version = query.betterSqlite3();
  const state = electronBindingState(query.appRoot, query.target, version);
  if (state === 'current') return electronBindingFile(query.appRoot, query.target);
  throw new Error(
    `better-sqlite3 ${version} has ${state === 'missing' ? 'no build' : 'an out-of-date build'} for Electron ` +
      `${query.target.electron} (${query.target.platform}-${query.target.arch}) in ${electronBindingDir(query.appRoot, query.target)}. ` +
      'Start the app with `npm start`, which builds it.',
  );
}
