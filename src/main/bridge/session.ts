import type { EventName, EventPayloads, Timeframe } from '../../contract';

export interface Focus {
  venue: string;
  symbol: string;
  timeframe: Timeframe;
  depth: number;
}

/** One connected view (an Electron window or a browser tab) and what it is looking at. */
export class Session {
  focus: Focus | undefined;

  constructor(
    readonly id: string,
    private readonly sendEvent: (name: EventName, payload: unknown) => void,
    /** True while the transport is backed up: droppable events (book snapshots) are skipped. */
    readonly isCongested: () => boolean = () => false,
  ) {}

  send<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    this.sendEvent(name, payload);
  }

  isFocusedOn(venue: string, symbol: string): boolean {
    return this.focus?.venue === venue && this.focus.symbol === symbol;
  }
}
