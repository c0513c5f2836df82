import type { EventName, EventPayloads, Timeframe } from '../../contract';

export interface Focus {
  venue: string;
  symbol: string;
  timeframe: Timeframe;
  depth: number;
}

/** The market focus: a timeframe only when the view draws the focus's candles from it (older clients: CLI, e2e, bench). */
export type MarketFocus = Omit<Focus, 'timeframe'> & { timeframe?: Timeframe };

/**
 * One instrument a view watches besides its focus (or beside it, on the focused instrument itself): the
 * timeframes of its charts on screen (a 1m and a 1h chart of one instrument side by side) and the deepest book asked.
 * Its book and trades go to the view once, however many timeframes it draws.
 */
export interface Watch {
  venue: string;
  symbol: string;
  /** Never empty: a watch whose last timeframe is let go ends. At most every timeframe the contract knows (6). */
  timeframes: ReadonlySet<Timeframe>;
  depth: number;
}

/**
 * Instruments one view may watch besides its focus (a second chart, a green-group ladder...). Each costs
 * the engine a subscribed book and a stream to this view, so a runaway view cannot make it watch everything.
 * A watch's timeframes are bounded by the contract's list (a timeframe is one of six, checked by its schema).
 */
export const MAX_WATCHED = 16;

const keyOf = (venue: string, symbol: string) => `${venue}:${symbol}`;

/** One connected view (an Electron window or a browser tab) and what it is looking at. */
export class Session {
  /** The market focus: the instrument of the view's focus link group. */
  focus: MarketFocus | undefined;
  /** Other instruments on screen (linked panels of other groups, charts of other timeframes), by "venue:symbol". */
  readonly watches = new Map<string, Watch>();

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

  /** Focused on it or watching it: its book and trades go to this view (once, whatever the timeframes). */
  isWatching(venue: string, symbol: string): boolean {
    return this.isFocusedOn(venue, symbol) || this.watches.has(keyOf(venue, symbol));
  }

  /** Whether this view draws that instrument's candles of that timeframe (the focus's, or one of a watch's). */
  wantsCandles(venue: string, symbol: string, timeframe: string): boolean {
    if (this.isFocusedOn(venue, symbol) && this.focus?.timeframe !== undefined && this.focus.timeframe === timeframe) return true;
    return this.watches.get(keyOf(venue, symbol))?.timeframes.has(timeframe as Timeframe) ?? false;
  }

  /**
   * Adds a timeframe to an instrument's watch (starting it if new) at the deepest depth asked so far; false
   * when it is a new instrument and the view watches MAX_WATCHED others already. A timeframe already watched is no change.
   */
  watch(w: Focus): boolean {
    const key = keyOf(w.venue, w.symbol);
    const cur = this.watches.get(key);
    if (!cur && !this.hasRoomFor(w.venue, w.symbol)) return false;
    this.watches.set(key, {
      venue: w.venue,
      symbol: w.symbol,
      timeframes: new Set([...(cur?.timeframes ?? []), w.timeframe]),
      depth: Math.max(cur?.depth ?? 0, w.depth),
    });
    return true;
  }

  /**
   * MAX_WATCHED instruments besides the focus; the focused instrument's own watch (its charts' other timeframes)
   * is on top, and never more than MAX_WATCHED + 1 in all, however often the focus moves.
   */
  private hasRoomFor(venue: string, symbol: string): boolean {
    if (this.watches.size >= MAX_WATCHED + 1) return false;
    if (this.isFocusedOn(venue, symbol)) return true;
    const focusKey = this.focus ? keyOf(this.focus.venue, this.focus.symbol) : undefined;
    const others = this.watches.size - (focusKey !== undefined && this.watches.has(focusKey) ? 1 : 0);
    return others < MAX_WATCHED;
  }

  /**
   * Stops one timeframe of a watch (the watch ends with its last one), or the whole watch when no timeframe
   * is named; true when there was that to stop.
   */
  unwatch(venue: string, symbol: string, timeframe?: Timeframe): boolean {
    const key = keyOf(venue, symbol);
    const cur = this.watches.get(key);
    if (!cur) return false;
    if (timeframe === undefined) return this.watches.delete(key);
    if (!cur.timeframes.has(timeframe)) return false;
    const rest = new Set([...cur.timeframes].filter((tf) => tf !== timeframe));
    if (rest.size === 0) this.watches.delete(key);
    else this.watches.set(key, { ...cur, timeframes: rest });
    return true;
  }

  /** Every instrument this view looks at, with the book depth it needs: the focus first, then the watches. */
  looksAt(): { venue: string; symbol: string; depth: number }[] {
    return [...(this.focus ? [this.focus] : []), ...this.watches.values()];
  }
}
