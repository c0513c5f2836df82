/** Parse and format helpers the view uses at the UI edge: the same exact code the engine uses. */
export { formatScaled, parseScaled } from '../engine/core';
/** How numbers and times read (the Settings screen's format and zone): the same rule the engine's notices use. */
export { clockParts, hms, localiseNumber, type NumberFormat, PLAIN_NUMBERS, type TimeZone, ymd, zoneLabel } from '../engine/core';
export {
  formatPrice,
  formatQty,
  formatQuote,
  notional,
  parsePrice,
  parseQty,
  quoteDecimals,
} from '../engine/instruments';
/** The instrument search's matching, shared with the engine's `instruments.search` so both rank alike. */
export { queryWords, searchKeys, squash, wordRank, type SearchKeys } from '../engine/instruments';
