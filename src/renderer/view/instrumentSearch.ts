import type { Instrument, Watchlists } from '../../contract/api';
import { queryWords, searchKeys, squash, wordRank, type SearchKeys } from '../../contract/format';

/**
 * The instrument picker's search: venues list thousands of instruments, so the picker filters in one
 * pass over a prepared index and shows at most `limit` matches, best first.
 */

/** How an instrument reads in the picker and everywhere an instrument and its account appear together. */
export function optionLabel(inst: Pick<Instrument, 'symbol' | 'venue'>): string {
  return `${inst.symbol} · ${inst.venue}`;
}

export { squash };

export interface SearchEntry {
  inst: Instrument;
  label: string;
  /** Symbol (either spelling), display name and long name, as the engine's search reads them. */
  keys: SearchKeys;
  /** The account (venue id) squashed. */
  account: string;
}

/** Built once per instrument list (not per keystroke). */
export function searchIndex(instruments: readonly Instrument[]): SearchEntry[] {
  return instruments.map((inst) => ({ inst, label: optionLabel(inst), keys: searchKeys(inst), account: squash(inst.venue) }));
}

export interface PickerOption {
  inst: Instrument;
  label: string;
  favourite: boolean;
}

export interface SearchResult {
  options: PickerOption[];
  /** Every match, including those past the limit (the picker says how many more to narrow down). */
  total: number;
  /** Matches per account, for the accounts asked for in `countIn` (present only then). */
  counts?: Map<string, number>;
}

export const PICKER_LIMIT = 100;

const favouriteKey = (venue: string, symbol: string): string => `${venue}\u0000${symbol}`;

function favouriteRanks(watchlists: Watchlists, firstAccount?: string): Map<string, number> {
  const ranks = new Map<string, number>();
  const accounts = Object.keys(watchlists).sort((a, b) => (a === firstAccount ? -1 : b === firstAccount ? 1 : a.localeCompare(b)));
  for (const account of accounts) for (const symbol of watchlists[account] ?? []) ranks.set(favouriteKey(account, symbol), ranks.size);
  return ranks;
}

/**
 * The options for what the trader typed. Words are matched against the symbol (either spelling,
 * separators ignored), the display name and long name word by word ("nifty 24000 ce", "reliance
 * industries"), or the account: "btc main" finds BTCUSDT · main. With nothing typed, the
 * watchlists come first (the account in focus before the others, each in starring order), then every
 * other instrument in list order, spot before derivatives (futures, options). Among equal matches favourites come first.
 */
export function searchInstruments(
  index: readonly SearchEntry[],
  query: string,
  watchlists: Watchlists,
  opts: { limit?: number; focusAccount?: string; countIn?: ReadonlySet<string> } = {},
): SearchResult {
  const counts = opts.countIn && new Map<string, number>();
  const limit = opts.limit ?? PICKER_LIMIT;
  const favourites = favouriteRanks(watchlists, opts.focusAccount);
  const words = queryWords(query);
  // Typing a whole name ("NIFTY 26DEC 24000 CE") is an exact match however it is spaced.
  const whole = words.join('');
  // One bucket per (rank, partial account): favourites in it are few and sorted at the end, the others
  // arrive in list order already and only the first `limit` are kept, so nothing large is ever sorted.
  const buckets = Array.from({ length: 10 }, () => ({ favs: [] as { entry: SearchEntry; fav: number }[], rest: [] as SearchEntry[] }));
  let total = 0;
  for (let at = 0; at < index.length; at++) {
    const entry = index[at]!;
    let rank = 0;
    let matched = true;
    let symbolMatched = words.length === 0;
    // "sim" names SIM exactly and SIM-A only in part: the exact account comes first.
    let partialAccount = 0;
    const wholeName = whole !== '' && entry.keys.whole.includes(whole);
    for (const word of words) {
      const r = wholeName ? 0 : wordRank(entry.keys, word);
      if (r >= 0) {
        rank = Math.max(rank, r);
        symbolMatched = true;
      } else if (entry.account.includes(word)) {
        if (entry.account !== word) partialAccount = 1;
      } else {
        matched = false;
        break;
      }
    }
    // An account name alone lists that account's instruments, ranked after symbol matches.
    if (!matched) continue;
    if (!symbolMatched) rank = 4;
    // With nothing typed, spot and cash instruments of every account come before the derivatives: an
    // options venue lists hundreds of contracts that would push the other accounts' pairs off the list.
    else if (words.length === 0 && entry.inst.contract !== undefined) rank = 1;
    total++;
    if (counts && opts.countIn!.has(entry.inst.venue)) counts.set(entry.inst.venue, (counts.get(entry.inst.venue) ?? 0) + 1);
    const bucket = buckets[rank * 2 + partialAccount]!;
    const fav = favourites.get(favouriteKey(entry.inst.venue, entry.inst.symbol));
    if (fav !== undefined) bucket.favs.push({ entry, fav });
    else if (bucket.rest.length < limit) bucket.rest.push(entry);
  }
  const options: PickerOption[] = [];
  for (const { favs, rest } of buckets) {
    if (options.length >= limit) break;
    favs.sort((a, b) => a.fav - b.fav);
    for (const { entry } of favs) options.push({ inst: entry.inst, label: entry.label, favourite: true });
    for (const entry of rest) options.push({ inst: entry.inst, label: entry.label, favourite: false });
  }
  const result: SearchResult = { total, options: options.slice(0, limit) };
  if (counts) result.counts = counts;
  return result;
}

/** A watchlist with the symbol added at the end, or taken out if it was there. */
export function toggled(list: readonly string[], symbol: string): string[] {
  return list.includes(symbol) ? list.filter((s) => s !== symbol) : [...list, symbol];
}

export function isFavourite(watchlists: Watchlists, venue: string, symbol: string): boolean {
  return watchlists[venue]?.includes(symbol) ?? false;
}

/**
 * Where the focus goes when the trader picks another account: the same symbol there when it trades it
 * (either spelling), else the account's first instrument; undefined when the account lists none.
 */
export function focusOnAccount(instruments: readonly Instrument[], current: { symbol: string }, account: string): Instrument | undefined {
  const onAccount = instruments.filter((i) => i.venue === account);
  const wanted = squash(current.symbol);
  return onAccount.find((i) => i.symbol === current.symbol) ?? onAccount.find((i) => squash(i.symbol) === wanted || squash(i.venueSymbol) === wanted) ?? onAccount[0];
}
