/**
 * One cell of a CSV file made to be opened in a spreadsheet (the audit and TCA exports): RFC 4180
 * quoting, and a guard against formula injection, since order ids, symbols, venue names and details
 * can come from a venue or a bridge client.
 *
 * A spreadsheet runs a cell starting with = + - @ as a formula (and some strip a leading tab, CR or
 * spaces first), so such a cell gets a leading apostrophe and shows as the text it is. A plain
 * negative number (a rebate, a negative price, a cost saved) is data, not a formula, and stays a number.
 */
const FORMULA_START = /^(?:\s*[=+\-@]|[\t\r])/;
const NEGATIVE_NUMBER = /^-\d+(?:\.\d+)?$/;
/** RFC 4180: a field holding a comma, a quote or a line break is quoted, its quotes doubled. */
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: string): string {
  const safe = FORMULA_START.test(value) && !NEGATIVE_NUMBER.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}
