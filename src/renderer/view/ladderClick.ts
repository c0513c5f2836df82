/**
 * What a click on a ladder row may act on. Rows are keyed by place (the fifth bid is always the same
 * element, its text rewritten as the book moves), so the price a row shows at the release can differ from
 * the one it showed at the press: a click acts only when they agree. Otherwise nothing is sent or
 * picked, and the trader is told why. A click with no press before it (Enter or Space on the price
 * button) acts on the price shown then.
 */
export type RowClick = { act: true; price: number } | { act: false; text: string };

/**
 * `pressed`: the price the row showed at the pointer press that led to this click (undefined for a
 * keyboard click); `shown`: the price it shows at the click; `price` writes a price as the trader reads
 * it; `what`: what would have happened ('sent' for one-click, 'picked' for the ticket).
 */
export function rowClick(pressed: number | undefined, shown: number, price: (p: number) => string, what: 'sent' | 'picked'): RowClick {
  if (pressed === undefined || pressed === shown) return { act: true, price: shown };
  return { act: false, text: `Price moved under the click (${price(pressed)} → ${price(shown)}): nothing ${what}` };
}
