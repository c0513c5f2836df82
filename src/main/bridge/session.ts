import type { EventName, EventPayloads, Timeframe } from '../../contract';

export interface Focus {
  venue: string;
  symbol: string;
  timeframe: Timeframe;
  depth: number;
}

/**
 * Instruments one view may watch besides its focus (a second chart, a green-group ladder...). Each costs
 * the engine a subscribed book and a stream to this view, so a runaway view cannot make it watch everything.
 */
export const MAX_WATCHED = 16;

const keyOf = (venue: string, symbol: string) => `${venue}:${symbol}`;

/** One connected view (an Electron window or a browser tab) and what it is looking at. */
export class Session {
  /** The market focus: the instrument of the view's focus link group. */
  focus: Focus | undefined;
  /** Other instruments on screen (linked panels of other groups), by "venue:symbol". */
  readonly watches = new Map<string, Focus>();

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

  /** Focused on it or watching it: its book and trades go to this view. */
  isWatching(venue: string, symbol: string): boolean {
    return this.isFocusedOn(venue, symbol) || this.watches.has(keyOf(venue, symbol));
  }

  /** Whether this view draws that instrument's candles of that timeframe (focus or a watch). */
  wantsCandles(venue: string, symbol: string, timeframe: string): boolean {
    if (this.isFocusedOn(venue, symbol) && this.focus?.timeframe === timeframe) return true;
    return this.watches.get(keyOf(venue, symbol))?.timeframe === timeframe;
  }

  /** Starts (or changes the timeframe or depth of) a watch; false when the view watches MAX_WATCHED others already. */
  watch(w: Focus): boolean {
    const key = keyOf(w.venue, w.symbol);
    if (!this.watches.has(key) && this.watches.size >= MAX_WATCHED) return false;
    this.watches.set(key, { ...w });
    return true;
  }

  /** Stops a watch; true when there was one. */
  unwatch(venue: string, symbol: string): boolean {
    return this.watches.delete(keyOf(venue, symbol));
  }

  /** Everything this view looks at: the focus first, then the watches. */
  looksAt(): Focus[] {
    return [...(this.focus ? [this.focus] : []), ...this.watches.values()];
  }
}
