import type { AccountView, CallInput } from '../../contract/api';

/** The Accounts screen's words and checks, kept free of React so they are tested on their own. */

export type VenueKind = 'binance-spot' | 'binance-usdm' | 'kite' | 'ccxt';

export const venueChoices: { value: VenueKind; label: string }[] = [
  { value: 'binance-spot', label: 'Binance spot' },
  { value: 'binance-usdm', label: 'Binance USD-M futures' },
  { value: 'kite', label: 'Zerodha Kite' },
  { value: 'ccxt', label: 'ccxt:' },
];

/** How a venue reads in the table: Binance's two by name, a ccxt venue as `ccxt: <id>`. */
export function venueText(venue: string): string {
  if (venue === 'binance-spot') return 'Binance spot';
  if (venue === 'binance-usdm') return 'Binance USD-M futures';
  if (venue === 'kite') return 'Zerodha Kite';
  return venue.startsWith('ccxt:') ? `ccxt: ${venue.slice(5)}` : venue;
}

/** A ccxt account's market types (the engine's names), as the vault keeps them. */
export type MarketType = NonNullable<AccountView['marketTypes']>[number];

/** The form's checkboxes, in the order the engine keeps the types. */
export const marketTypeChoices: { value: MarketType; label: string }[] = [
  { value: 'spot', label: 'Spot' },
  { value: 'swap', label: 'Swaps' },
  { value: 'future', label: 'Futures' },
  { value: 'option', label: 'Options' },
];

/** What a ccxt account trades, e.g. "spot + swap"; undefined for Binance's accounts, whose venue says it. */
export function marketTypesText(account: AccountView): string | undefined {
  return account.marketTypes && account.marketTypes.length > 0 ? account.marketTypes.join(' + ') : undefined;
}

/** IST is UTC+05:30 all year. */
const IST_OFFSET_MS = 330 * 60_000;

/**
 * A kite account's login as the table says it: "Logged in until 06:00 IST" (the date in the tooltip) or
 * "Session expired" (also before the first login: either way the account is down until a login).
 * Undefined for other venues, which have no daily login.
 */
export function kiteSessionText(account: AccountView): { text: string; detail: string; loggedIn: boolean } | undefined {
  if (account.venue !== 'kite') return undefined;
  const session = account.session;
  if (!session?.loggedIn || session.expiresAt === undefined) {
    return { text: 'Session expired', detail: "Kite's access token is gone (06:00 IST, a logout, or never logged in): log in to trade", loggedIn: false };
  }
  const ist = new Date(session.expiresAt + IST_OFFSET_MS).toISOString();
  const day = new Date(session.expiresAt + IST_OFFSET_MS).toLocaleDateString('en-GB', { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' });
  return { text: `Logged in until ${ist.slice(11, 16)} IST`, detail: `Kite's access token lasts until ${ist.slice(11, 16)} IST on ${day}`, loggedIn: true };
}

export interface EnvironmentBadge {
  text: 'TESTNET' | 'CUSTOM ENDPOINT';
  /** What exactly it means, for the tooltip and the accessible description. */
  detail: string;
}

/** Testnet and custom endpoints are always flagged: an order there is not what it would be on the venue's production. */
export function environmentBadges(account: AccountView): EnvironmentBadge[] {
  const badges: EnvironmentBadge[] = [];
  if (account.environment === 'testnet') badges.push({ text: 'TESTNET', detail: "the venue's test network: no real money" });
  const custom = [account.customEndpoints.rest && 'REST', account.customEndpoints.stream && 'stream', account.customEndpoints.wsApi && 'WS API'].filter(Boolean);
  if (custom.length > 0) badges.push({ text: 'CUSTOM ENDPOINT', detail: `${custom.join(', ')} URL${custom.length > 1 ? 's' : ''} replaced` });
  return badges;
}

// ---- the Add account form ----

export interface AccountForm {
  name: string;
  venue: VenueKind;
  ccxtId: string;
  apiKey: string;
  secret: string;
  /** A ccxt venue's API passphrase (OKX, KuCoin, Bitget, Coinbase Exchange); optional. */
  password: string;
  testnet: boolean;
  restUrl: string;
  streamUrl: string;
  wsApiUrl: string;
  /** A ccxt venue's market types to load and trade; at least one. */
  marketTypes: MarketType[];
}

export type AccountField = 'name' | 'venue' | 'ccxtId' | 'apiKey' | 'secret' | 'password' | 'restUrl' | 'streamUrl' | 'wsApiUrl' | 'marketTypes';
export type FieldErrors = Partial<Record<AccountField, string>>;

export const emptyAccountForm: AccountForm = {
  name: '',
  venue: 'binance-spot',
  ccxtId: '',
  apiKey: '',
  secret: '',
  password: '',
  testnet: false,
  restUrl: '',
  streamUrl: '',
  wsApiUrl: '',
  marketTypes: ['spot'],
};

const urlFields = ['restUrl', 'streamUrl', 'wsApiUrl'] as const;

/**
 * The call to send, or what is missing. Only what the screen can tell for sure is checked here (blank
 * fields, a URL that does not parse); the vault checks every rule and its reasons land on the fields too.
 */
export function accountRequest(form: AccountForm): { ok: true; input: CallInput<'accounts.add'> } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  if (form.name.trim() === '') errors.name = 'enter a name';
  if (form.venue === 'ccxt' && form.ccxtId.trim() === '') errors.ccxtId = 'enter the ccxt exchange id (e.g. bybit)';
  if (form.apiKey.trim() === '') errors.apiKey = 'enter the API key';
  if (form.secret === '') errors.secret = 'enter the API secret';
  if (form.venue === 'ccxt' && form.marketTypes.length === 0) errors.marketTypes = 'choose at least one market type';
  // Kite has no testnet and no WebSocket API: the fields are hidden, and whatever they held is not sent.
  const kite = form.venue === 'kite';
  for (const field of urlFields) {
    const text = form[field].trim();
    if (text !== '' && !URL.canParse(text)) errors[field] = 'not a URL';
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const input: CallInput<'accounts.add'> = {
    name: form.name.trim(),
    venue: form.venue === 'ccxt' ? `ccxt:${form.ccxtId.trim()}` : form.venue,
    apiKey: form.apiKey.trim(),
    secret: form.secret,
    testnet: kite ? false : form.testnet,
  };
  if (form.venue === 'ccxt' && form.password !== '') input.password = form.password;
  if (form.venue === 'ccxt') input.marketTypes = marketTypeChoices.map((c) => c.value).filter((t) => form.marketTypes.includes(t));
  for (const field of urlFields) if (form[field].trim() !== '' && !(kite && field === 'wsApiUrl')) input[field] = form[field].trim();
  return { ok: true, input };
}

/**
 * Puts an engine refusal next to the fields it names: the vault's "the account is refused: name: …;
 * restUrl: …", the bridge's "apiKey: …", "an account named X already exists". What names no field is
 * returned as `general`, to be shown whole.
 */
export function fieldErrorsFromEngine(message: string, venue: VenueKind): { fields: FieldErrors; general?: string } {
  if (/^an account named .* already exists$/.test(message)) return { fields: { name: message } };
  const body = message.replace(/^the (account|change) is refused: /, '');
  const parts = body.split(/; (?=[A-Za-z]+: )/);
  const fields: FieldErrors = {};
  for (const part of parts) {
    const match = /^([A-Za-z]+): (.*)$/s.exec(part);
    const field = match && fieldOf(match[1]!, venue);
    if (!field) return { fields: {}, general: message };
    fields[field] = match[2]!;
  }
  return { fields };
}

function fieldOf(engineField: string, venue: VenueKind): AccountField | undefined {
  if (engineField === 'venue') return venue === 'ccxt' ? 'ccxtId' : 'venue';
  const known: AccountField[] = ['name', 'apiKey', 'secret', 'password', 'restUrl', 'streamUrl', 'wsApiUrl', 'marketTypes'];
  return known.find((f) => f === engineField);
}

// ---- the vault ----

/** The idle times offered; the one set is always among them, even if set some other way. */
export function idleLockChoices(current: number): { minutes: number; label: string }[] {
  const minutes = [1, 5, 15, 30, 60, 240, 480, 0];
  if (!minutes.includes(current)) minutes.splice(minutes.length - 1, 0, current);
  return minutes
    .sort((a, b) => (a === 0 ? 1 : b === 0 ? -1 : a - b))
    .map((m) => ({ minutes: m, label: m === 0 ? 'never' : m % 60 === 0 ? `${m / 60} h` : `${m} min` }));
}

/** A new passphrase the screen can already refuse: the vault says the rest (its length rule) in its own words. */
export function passphrasePairProblem(passphrase: string, confirm: string): string | undefined {
  if (passphrase === '') return 'enter a passphrase';
  if (passphrase !== confirm) return 'the two passphrases differ';
  return undefined;
}
