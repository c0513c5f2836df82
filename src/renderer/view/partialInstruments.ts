import type { Instrument, PartialInstrumentList } from '../../contract/api';

/**
 * Venues too large to list whole (Kite: ~100k contracts) reach the views only by what matters now; the
 * picker asks the engine's search for the rest. These are the pure parts of that: which list to hold,
 * how search answers join it, how many match in all.
 */

/** How long the picker waits after a keystroke before asking the engine: one question per pause, not per key. */
export const ENGINE_SEARCH_DEBOUNCE_MS = 150;

const key = (i: { venue: string; symbol: string }): string => `${i.venue}\u0000${i.symbol}`;

/**
 * The engine's new list, plus the focused instrument when the list lacks it only because its venue is
 * partial: the trader picked it from a search and the engine's list with it is on its way. Without this
 * the focus would jump to another instrument under the trader's hands.
 */
export function keepFocused(
  next: Instrument[],
  previous: readonly Instrument[],
  partial: readonly PartialInstrumentList[],
  focus: { venue: string; symbol: string },
): Instrument[] {
  if (!partial.some((p) => p.venue === focus.venue)) return next;
  if (next.some((i) => i.venue === focus.venue && i.symbol === focus.symbol)) return next;
  const held = previous.find((i) => i.venue === focus.venue && i.symbol === focus.symbol);
  return held ? [...next, held] : next;
}

/** The list the picker searches: what the views hold, then what the engine's search found, each instrument once. */
export function withFound(listed: readonly Instrument[], found: readonly Instrument[]): Instrument[] {
  if (found.length === 0) return listed as Instrument[];
  const seen = new Set(listed.map(key));
  const out = [...listed];
  for (const inst of found) {
    if (seen.has(key(inst))) continue;
    seen.add(key(inst));
    out.push(inst);
  }
  return out;
}

/**
 * How many instruments match in all: the picker's own count, with each partial venue's count replaced by
 * the engine's (which counts its whole list) once the engine has answered for this very query.
 */
export function matchTotal(localTotal: number, localByVenue: ReadonlyMap<string, number>, engineTotals: ReadonlyMap<string, number> | undefined): number {
  if (!engineTotals) return localTotal;
  let total = localTotal;
  for (const [venue, engine] of engineTotals) {
    const local = localByVenue.get(venue) ?? 0;
    // The picker also matches by account name, which the engine does not: never count fewer than shown.
    total += Math.max(local, engine) - local;
  }
  return total;
}

export interface EngineMatches {
  /** The query (trimmed) these answer. */
  query: string;
  found: Instrument[];
  /** Matches per searched venue in the engine's whole list. */
  totals: Map<string, number>;
  /** Venues whose search failed, with why. */
  failed: string[];
}

export type SearchCall = (venue: string, query: string) => Promise<{ ok: true; value: { instruments: Instrument[]; total: number } } | { ok: false; error: { message: string } }>;
/** Runs `fn` after `ms`; returns what cancels it. */
export type Schedule = (fn: () => void, ms: number) => () => void;

const afterDelay: Schedule = (fn, ms) => {
  const id = setTimeout(fn, ms);
  return () => clearTimeout(id);
};

/**
 * The picker's questions to the engine as the trader types: asked after a pause (ENGINE_SEARCH_DEBOUNCE_MS),
 * one per partial venue, and only the latest question's answer is used; an answer to an older question
 * arriving late is dropped. The previous answer stays until the next one (its instruments are filtered
 * by the picker's own search anyway), so the list does not flicker while typing.
 */
export class EngineSearch {
  private asked = 0;
  private cancel: (() => void) | undefined;

  constructor(
    private readonly call: SearchCall,
    private readonly answer: (matches: EngineMatches | null) => void,
    private readonly schedule: Schedule = afterDelay,
    private readonly delayMs = ENGINE_SEARCH_DEBOUNCE_MS,
  ) {}

  /** What the trader typed now and which venues only the engine can search. */
  update(query: string, venues: readonly string[]): void {
    const question = ++this.asked;
    this.cancel?.();
    this.cancel = undefined;
    const q = query.trim();
    if (q === '' || venues.length === 0) {
      this.answer(null);
      return;
    }
    this.cancel = this.schedule(() => {
      this.cancel = undefined;
      void this.ask(question, q, [...venues]);
    }, this.delayMs);
  }

  /** The picker closed or went away: nothing pending is asked or answered. */
  stop(): void {
    this.asked++;
    this.cancel?.();
    this.cancel = undefined;
  }

  private async ask(question: number, query: string, venues: string[]): Promise<void> {
    const replies = await Promise.all(
      venues.map((venue) => this.call(venue, query).catch((error: unknown) => ({ ok: false as const, error: { message: String(error) } }))),
    );
    if (question !== this.asked) return;
    const matches: EngineMatches = { query, found: [], totals: new Map(), failed: [] };
    replies.forEach((reply, at) => {
      const venue = venues[at]!;
      if (reply.ok) {
        matches.found.push(...reply.value.instruments);
        matches.totals.set(venue, reply.value.total);
      } else matches.failed.push(`${venue}: ${reply.error.message}`);
    });
    this.answer(matches);
  }
}
