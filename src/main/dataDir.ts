import { mkdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';

export const productName = 'ShrivenQuant Terminal';

/** The OS application-data folder, the same place Electron's app.getPath('userData') points to. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  const appData =
    platform === 'win32'
      ? (env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'))
      : platform === 'darwin'
        ? join(homedir(), 'Library', 'Application Support')
        : (env.XDG_CONFIG_HOME ?? join(homedir(), '.config'));
  return join(appData, productName);
}

/** SQ_DATA_DIR if set, else the OS default; created if missing. */
export function resolveDataDir(fromEnv: string | undefined, fallback: string): string {
  const dir = resolve(fromEnv && fromEnv.trim() !== '' ? fromEnv : fallback);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** The data directory of this process (hosts and `sq` commands alike): SQ_DATA_DIR, else the OS default; created if missing. */
export function dataDirFromEnv(env: NodeJS.ProcessEnv = process.env): string {
  return resolveDataDir(env.SQ_DATA_DIR, defaultDataDir(env));
}
