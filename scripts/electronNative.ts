import { copyFileSync, cpSync, existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, relative, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  BINDING_FILE,
  bindingStamp,
  electronBindingDir,
  electronBindingFile,
  electronBindingStampFile,
  type ElectronTarget,
} from '../src/main/sqliteBinding';

/**
 * Builds better-sqlite3 for Electron into out/native/ (see src/main/sqliteBinding.ts) without touching
 * node_modules: Node's build there is what the headless host and the tests load, and rebuilding it in
 * place for Electron (what `electron-builder install-app-deps` does) would break them until the next
 * `npm rebuild`. The package is copied into a staging project, rebuilt there by @electron/rebuild
 * (a prebuilt binary if one can be downloaded, else node-gyp against Electron's headers), and only the
 * resulting .node file is kept.
 */

/** The part of @electron/rebuild's `rebuild` options this uses. */
export interface RebuildOptions {
  buildPath: string;
  /** Where the module search stops; the staging project itself, so nothing above it is rebuilt. */
  projectRootPath: string;
  electronVersion: string;
  platform: NodeJS.Platform;
  arch: string;
  onlyModules: string[];
  force: boolean;
  mode: 'sequential';
}
export type Rebuild = (options: RebuildOptions) => Promise<void>;

export const BETTER_SQLITE3 = 'better-sqlite3';

export interface BuildRequest {
  /** The project root (its node_modules holds Node's build of better-sqlite3). */
  root: string;
  target: ElectronTarget;
  /** The installed better-sqlite3's version, recorded in the stamp. */
  betterSqlite3: string;
  rebuild: Rebuild;
}

function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
}

/** Builds Electron's better_sqlite3.node and returns its path; the stamp is written last, only on success. */
export async function buildElectronBinding(request: BuildRequest): Promise<string> {
  const { root, target } = request;
  const dir = electronBindingDir(root, target);
  const stage = join(dir, 'stage');
  const source = join(root, 'node_modules', BETTER_SQLITE3);
  const staged = join(stage, 'node_modules', BETTER_SQLITE3);
  const file = electronBindingFile(root, target);
  const stamp = electronBindingStampFile(root, target);

  // No stamp while building: an interrupted build is never taken for a current one.
  rmSync(stamp, { force: true });
  rmSync(stage, { recursive: true, force: true });
  mkdirSync(join(stage, 'node_modules'), { recursive: true });
  try {
    writeFileSync(
      join(stage, 'package.json'),
      JSON.stringify({ name: 'sq-electron-native', private: true, dependencies: { [BETTER_SQLITE3]: request.betterSqlite3 } }),
    );
    // Sources only: Node's compiled build/ stays behind, so nothing can mistake it for Electron's.
    const nodeBuild = join(source, 'build');
    cpSync(source, staged, { recursive: true, filter: (path) => !isInside(path, nodeBuild) });

    await request.rebuild({
      buildPath: stage,
      projectRootPath: stage,
      electronVersion: target.electron,
      platform: target.platform as NodeJS.Platform,
      arch: target.arch,
      onlyModules: [BETTER_SQLITE3],
      force: true,
      mode: 'sequential',
    });

    const built = join(staged, 'build', 'Release', BINDING_FILE);
    if (!existsSync(built)) throw new Error(`@electron/rebuild finished but ${built} does not exist`);
    // Replaced whole (copy, then rename) so a running app never sees half a file.
    copyFileSync(built, `${file}.partial`);
    renameSync(`${file}.partial`, file);
    writeFileSync(`${stamp}.partial`, JSON.stringify(bindingStamp(target, request.betterSqlite3)));
    renameSync(`${stamp}.partial`, stamp);
    return file;
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
}

/**
 * @electron/rebuild as electron-builder itself uses it (it is electron-builder's dependency, resolved
 * through it rather than added to package.json). Undefined when it cannot be found.
 */
export async function loadElectronRebuild(root: string): Promise<Rebuild | undefined> {
  try {
    const fromProject = createRequire(join(root, 'package.json'));
    const fromBuilder = createRequire(fromProject.resolve('electron-builder/package.json'));
    const fromLib = createRequire(fromBuilder.resolve('app-builder-lib/package.json'));
    const entry = fromLib.resolve('@electron/rebuild');
    const module = (await import(pathToFileURL(entry).href)) as { rebuild: (options: RebuildOptions) => Promise<void> };
    return (options) => module.rebuild(options);
  } catch {
    return undefined;
  }
}
