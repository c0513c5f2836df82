import type { Bridge } from '../../contract/api';

/** The one bridge of this window, set at startup; components reach the engine only through actions. */
let current: Bridge | null = null;

export function setBridge(bridge: Bridge): void {
  current = bridge;
}

export function bridge(): Bridge {
  if (!current) throw new Error('bridge used before startup');
  return current;
}
