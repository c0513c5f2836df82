import * as fs from 'node:fs';
import * as path from 'node:path';
import { FREEZE_LIMITS_FILE_NAME, FreezeLimits, parseFreezeLimits } from './freezeLimits';

/**
 * The freeze limits in force: the built-in table with `<dataDir>/kite-freeze-limits.json` on top. A
 * missing file is normal (the built-in table applies); a broken one is reported and ignored as a whole
 * or entry by entry, never fatal.
 */
export function loadFreezeLimits(dataDir: string): { limits: FreezeLimits; problems: string[] } {
  const file = path.join(dataDir, FREEZE_LIMITS_FILE_NAME);
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { limits: new FreezeLimits(), problems: [] };
    return { limits: new FreezeLimits(), problems: [`${file}: ${String(error)}`] };
  }
  try {
    const { limits, problems } = parseFreezeLimits(JSON.parse(text));
    return { limits, problems: problems.map((p) => `${file}: ${p}`) };
  } catch (error) {
    return { limits: new FreezeLimits(), problems: [`${file}: not JSON (${(error as Error).message}); the built-in table applies`] };
  }
}
