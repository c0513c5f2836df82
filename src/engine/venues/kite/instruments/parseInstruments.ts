import { decimalStep, parseScaled, type VenueId } from '../../../core';
import type { Contract, Instrument } from '../../../instruments';
import { istInstant, isDateKey } from '../rules/ist';
import { regularSession } from '../rules/sessions';
import { csvRows } from './csvRows';
import { contractName, type ContractType } from './contractNames';

/** One row of Kite's dump as an Instrument, with the numbers the ticker and the REST API use for it. */
export interface KiteInstrument {
  instrument: Instrument;
  /** `instrument_token`: what the ticker subscribes to and tags every packet with (a uint32). */
  token: number;
  /** `exchange_token`: the exchange's own number for the contract. */
  exchangeToken: number;
  /** EQ, FUT, CE or PE. */
  instrumentType: string;
}

export interface RejectedRow {
  line: number;
  reason: string;
}

export interface ParsedDump {
  instruments: KiteInstrument[];
  rejected: RejectedRow[];
}

const COLUMNS = [
  'instrument_token',
  'exchange_token',
  'tradingsymbol',
  'name',
  'last_price',
  'expiry',
  'strike',
  'tick_size',
  'lot_size',
  'instrument_type',
  'segment',
  'exchange',
] as const;
type Column = (typeof COLUMNS)[number];

/** Kite's ticker carries instrument tokens as uint32. */
const MAX_TOKEN = 0xffff_ffff;
/**
 * Prices keep at least paise (2 decimals): a rupee-tick contract (MCX, tick 1) still reads "62000.00", and
 * the ticker's paise convert to our price units by one power of ten for every NSE/BSE/MCX instrument.
 */
const MIN_PRICE_DECIMALS = 2;
/** Indices are listed for market data only; old and new dumps give them tick 0 or none. One paisa then. */
const INDEX_TICK = '0.01';

/**
 * Parses the CSV of Kite's `GET /instruments` (or `/instruments/:exchange`). Every row is checked on its
 * own: a bad row is listed in `rejected` with its line and the reason, and the rest go on. A header
 * without Kite's columns rejects the file (line 1), since no row could then be read safely.
 */
export function parseInstrumentsCsv(text: string, venue: VenueId): ParsedDump {
  const instruments: KiteInstrument[] = [];
  const rejected: RejectedRow[] = [];
  const rows = csvRows(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  const header = rows.next();
  if (header.done) return { instruments, rejected: [{ line: 1, reason: 'empty file' }] };
  const index = new Map(header.value.fields.map((name, i) => [name.trim(), i]));
  const missing = COLUMNS.filter((c) => !index.has(c));
  if (missing.length > 0) {
    return { instruments, rejected: [{ line: header.value.line, reason: `not Kite's instruments CSV: no column ${missing.join(', ')}` }] };
  }
  const seenSymbols = new Set<string>();
  const seenTokens = new Set<number>();
  for (const row of rows) {
    if (row.error) {
      rejected.push({ line: row.line, reason: row.error });
      continue;
    }
    if (row.fields.length !== index.size) {
      rejected.push({ line: row.line, reason: `${row.fields.length} fields, the header has ${index.size}` });
      continue;
    }
    const field = (c: Column): string => (row.fields[index.get(c) as number] ?? '').trim();
    const parsed = parseRow(field, venue);
    if ('reason' in parsed) {
      rejected.push({ line: row.line, reason: parsed.reason });
    } else if (seenSymbols.has(parsed.instrument.symbol)) {
      rejected.push({ line: row.line, reason: `duplicate symbol ${parsed.instrument.symbol}` });
    } else if (seenTokens.has(parsed.token)) {
      rejected.push({ line: row.line, reason: `duplicate instrument_token ${parsed.token}` });
    } else {
      seenSymbols.add(parsed.instrument.symbol);
      seenTokens.add(parsed.token);
      instruments.push(parsed);
    }
  }
  return { instruments, rejected };
}

function parseRow(field: (c: Column) => string, venue: VenueId): KiteInstrument | { reason: string } {
  const token = wholeNumber(field('instrument_token'));
  if (token === undefined || token === 0 || token > MAX_TOKEN) return { reason: `instrument_token "${field('instrument_token')}" is not a uint32` };
  const exchangeToken = wholeNumber(field('exchange_token'));
  if (exchangeToken === undefined) return { reason: `exchange_token "${field('exchange_token')}" is not a whole number` };
  const tradingsymbol = field('tradingsymbol');
  if (tradingsymbol === '') return { reason: 'no tradingsymbol' };
  const exchange = field('exchange');
  if (!/^[A-Z][A-Z0-9]*$/.test(exchange)) return { reason: `exchange "${exchange}" is not an exchange code` };
  const segment = field('segment');
  const isIndex = segment === 'INDICES';
  const type = field('instrument_type');
  if (type !== 'EQ' && type !== 'FUT' && type !== 'CE' && type !== 'PE') return { reason: `unknown instrument_type "${type}"` };

  const rawTick = field('tick_size');
  const step = decimalStep(isIndex && !decimalStep(rawTick) ? INDEX_TICK : rawTick);
  if (!step) return { reason: `tick_size "${rawTick}" is not a positive decimal` };
  const priceDecimals = Math.max(MIN_PRICE_DECIMALS, step.decimals);
  const tickSize = step.units * 10 ** (priceDecimals - step.decimals);
  if (!Number.isSafeInteger(tickSize)) return { reason: `tick_size "${rawTick}" is too fine` };

  const rawLot = field('lot_size');
  let lotSize = wholeNumber(rawLot);
  if (isIndex && (lotSize === undefined || lotSize === 0)) lotSize = 1;
  if (lotSize === undefined || lotSize === 0) return { reason: `lot_size "${rawLot}" is not a positive whole number` };

  const name = field('name');
  const symbol = `${exchange}:${tradingsymbol}`;
  const base: Instrument = {
    venue,
    symbol,
    venueSymbol: tradingsymbol,
    base: tradingsymbol,
    quote: 'INR',
    priceDecimals,
    qtyDecimals: 0,
    tickSize,
    lotSize,
    minNotional: 0,
    exchange,
    segment,
    name: name === '' ? tradingsymbol : name,
    displayName: tradingsymbol,
  };
  if (type === 'EQ') return { instrument: base, token, exchangeToken, instrumentType: type };

  const expiry = field('expiry');
  if (!isDateKey(expiry)) return { reason: `${type} without a valid expiry date (got "${expiry}")` };
  let strike: number | undefined;
  let strikeText = '';
  if (type !== 'FUT') {
    const parsedStrike = parseScaled(field('strike'), priceDecimals);
    if (!parsedStrike.ok || parsedStrike.value <= 0) return { reason: `option strike "${field('strike')}" is not a positive price` };
    strike = parsedStrike.value;
    strikeText = plainDecimal(field('strike'));
  }
  const names = contractName(tradingsymbol, name, type as ContractType, expiry, strikeText);
  const contract: Contract = {
    kind: type === 'FUT' ? 'future' : type === 'CE' ? 'call' : 'put',
    expiry: expiryInstant(exchange, expiry),
    ...(strike !== undefined ? { strike } : {}),
  };
  return {
    instrument: { ...base, base: names.underlying, name: name === '' ? names.underlying : name, displayName: names.displayName, contract },
    token,
    exchangeToken,
    instrumentType: type,
  };
}

/** Trading ends at the exchange's close on the expiry day; an exchange we do not know: the day's end. */
function expiryInstant(exchange: string, date: string): number {
  const session = regularSession(exchange, date);
  return istInstant(date, session ? session.close : 24 * 60) - (session ? 0 : 1);
}

function wholeNumber(text: string): number | undefined {
  if (!/^\d+(\.0*)?$/.test(text)) return undefined;
  const n = Number.parseInt(text, 10);
  return Number.isSafeInteger(n) ? n : undefined;
}

/** "23500.0" -> "23500", "82.2500" -> "82.25": the strike as Kite writes it in symbols. */
function plainDecimal(text: string): string {
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}
