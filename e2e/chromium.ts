import { existsSync } from 'node:fs';

/** CHROMIUM_PATH, then Debian's /usr/bin/chromium, else undefined (Playwright's own build, if installed). */
export function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
}
