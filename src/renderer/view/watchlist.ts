import type { Instrument, QuoteView, Watchlists } from '../../contract/api';
import { numberText, priceText, qtyText } from './numbers';

/** One instrument in the watchlist panel, as text ready to show ('—' where the engine has not seen it yet). */
export interface WatchRow {
  venue: string;
  symbol: string;
  /** "BTC-USDT · SIM": the row's name for a screen reader and the remove button. */
  label: string;
  last: string;
  /** Change since the day's open as the engine saw it: "+1.25%" / "-0.40%"; sign for colour. */
  change: string;
  changeSign: -1 | 0 | 1;
  spread: string;
  volume: string;
  closes: number[];
  stale: boolean;
}

const DASH = '—';

/** Every account's starred instruments, the focused account's first (each in starring order). */
export function watchedInstruments(watchlists: Watchlists, focusVenue: string): { venue: string; symbol: string }[] {
  const venues = Object.keys(watchlists).sort((a, b) => (a === focusVenue ? -1 : b === focusVenue ? 1 : a.localeCompare(b)));
  return venues.flatMap((venue) => (watchlists[venue] ?? []).map((symbol) => ({ venue, symbol })));
}

/** A percent change in basis points of a percent, exact on integers: 1234 ticks vs 1200 -> "+2.83%". */
export function changeText(last: number, open: number): { text: string; sign: -1 | 0 | 1 } {
  if (open <= 0) return { text: DASH, sign: 0 };
  const hundredths = Math.round(((last - open) * 10_000) / open);
  const sign = hundredths > 0 ? 1 : hundredths < 0 ? -1 : 0;
  const abs = Math.abs(hundredths);
  const text = `${sign > 0 ? '+' : sign < 0 ? '-' : ''}${numberText(`${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`)}%`;
  return { text, sign };
}

/** The rows in watchlist order; an instrument the list no longer carries (delisted, account removed) still shows by name. */
export function watchRows(refs: readonly { venue: string; symbol: string }[], quotes: readonly QuoteView[], index: ReadonlyMap<string, Instrument>): WatchRow[] {
  const byKey = new Map(quotes.map((q) => [`${q.venue}:${q.symbol}`, q]));
  return refs.map(({ venue, symbol }) => {
    const inst = index.get(`${venue}:${symbol}`);
    const q = byKey.get(`${venue}:${symbol}`);
    const row: WatchRow = { venue, symbol, label: `${symbol} · ${venue}`, last: DASH, change: DASH, changeSign: 0, spread: DASH, volume: DASH, closes: q?.closes ?? [], stale: q?.stale ?? true };
    if (!inst || !q) return row;
    if (q.last !== undefined) row.last = priceText(inst, q.last);
    if (q.last !== undefined && q.open !== undefined) {
      const c = changeText(q.last, q.open);
      row.change = c.text;
      row.changeSign = c.sign;
    }
    if (q.bid !== undefined && q.ask !== undefined) row.spread = priceText(inst, q.ask - q.bid);
    if (q.volume > 0 || q.last !== undefined) row.volume = qtyText(inst, q.volume);
    return row;
  });
}
