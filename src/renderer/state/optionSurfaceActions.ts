import type { OptionSurfaceView, Reply } from '../../contract/api';
import { bridge } from './bridgeRef';

export function readSurface(venue: string, underlying: string): Promise<Reply<OptionSurfaceView>> {
  return bridge().call('options.surface', { venue, underlying });
}

/** The Smile view left the screen: the engine stops streaming its surface's expiries for this window. */
export function closeSurface(): void {
  void bridge().call('options.closeSurface', {});
}
