import { cpSync, existsSync, renameSync, rmSync } from 'node:fs';

/**
 * Runs `work` (electron-builder) and then puts a native module's build/ back exactly as it was.
 *
 * electron-builder rebuilds native dependencies for Electron *in place* in the project's node_modules
 * (npmRebuild), which is what the packaged app needs but leaves better-sqlite3 unloadable for Node: the
 * headless host and every test would fail until the next `npm rebuild` (and node_modules is shared by
 * every working copy on this machine). So Node's build is copied aside first and restored afterwards,
 * whether the work succeeded or not.
 *
 * The copy is made under a temporary name and renamed when complete, so a backup that exists is a
 * whole one: finding it at the start means an earlier run was interrupted before restoring, and it is
 * restored before anything else.
 */
export async function withNodeBuildPreserved<T>(buildDir: string, backupDir: string, work: () => Promise<T>): Promise<T> {
  const partial = `${backupDir}.partial`;
  const restore = () => {
    rmSync(buildDir, { recursive: true, force: true });
    cpSync(backupDir, buildDir, { recursive: true });
    rmSync(backupDir, { recursive: true, force: true }); // last: until here a rerun restores again
  };

  if (existsSync(backupDir)) restore();
  rmSync(partial, { recursive: true, force: true });
  if (!existsSync(buildDir)) throw new Error(`${buildDir} does not exist: there is no Node build to keep`);
  cpSync(buildDir, partial, { recursive: true });
  renameSync(partial, backupDir);
  try {
    return await work();
  } finally {
    restore();
  }
}
