import { createHash } from 'node:crypto';
import { z } from 'zod';

/**
 * Where an account trades: Binance spot, Binance USD-M futures, Zerodha Kite Connect (NSE, BSE, NFO,
 * MCX), or any venue ccxt supports, by its ccxt id.
 */
export type AccountVenue = 'binance-spot' | 'binance-usdm' | 'kite' | `ccxt:${string}`;
export type AccountEnvironment = 'production' | 'testnet';

/**
 * The market types a ccxt account can trade, in ccxt's names and in the order they are shown: spot,
 * perpetual swaps, dated futures, options (Binance's European USDT options, Deribit's coin-settled ones). Defined here rather than taken from the ccxt connector (secrets sits
 * below venues); a test keeps it within the connector's CcxtMarketType.
 */
export const ACCOUNT_MARKET_TYPES = ['spot', 'swap', 'future', 'option'] as const;
export type AccountMarketType = (typeof ACCOUNT_MARKET_TYPES)[number];
/** What a ccxt account without `marketTypes` trades (every account made before the field existed). */
export const DEFAULT_MARKET_TYPES: readonly AccountMarketType[] = ['spot'];

/**
 * A Kite Connect access token and when it stops being valid (ms since the epoch; 06:00 IST the day after
 * the login). Secret like the API secret: it signs every request for the trading day. Only a kite
 * account has one, and only between a login and its expiry (or the venue's TokenException).
 */
export interface VenueSession {
  accessToken: string;
  expiresAt: number;
}

/** What the views may know of a session: whether there is a live one and until when. Never the token. */
export interface SessionView {
  loggedIn: boolean;
  /** When the live session ends; absent when logged out. */
  expiresAt?: number;
}

/** An account as the vault holds it, decrypted. Only the engine's venue connectors ever see apiKey and secret. */
export interface Account {
  /** Stable, random, never reused; the record's AAD binds its ciphertext to it. */
  id: string;
  /** Unique (case-insensitively); the venue id the trader will see for this account. */
  name: string;
  venue: AccountVenue;
  environment: AccountEnvironment;
  apiKey: string;
  secret: string;
  /**
   * The third credential some ccxt venues require with key and secret: the API passphrase of OKX, KuCoin,
   * Bitget, Coinbase Exchange (ccxt's `password`). Secret like the secret.
   */
  password?: string;
  /** Replace the venue's documented base URLs (testnets, regional endpoints, proxies, loopback tests). */
  restUrl?: string;
  streamUrl?: string;
  wsApiUrl?: string;
  /**
   * A ccxt account's market types: only these are loaded and traded. Absent: spot only. A setting, not
   * a secret; refused on a Binance account (binance-spot trades spot, binance-usdm USD-M futures).
   */
  marketTypes?: AccountMarketType[];
  /** A kite account's daily access token, kept from the login until it expires. */
  session?: VenueSession;
  enabled: boolean;
}

/** Everything about an account but its key, secret and session token: what a connector needs to know where to connect. */
export type AccountSettings = Omit<Account, 'apiKey' | 'secret' | 'password' | 'session'>;
export type AccountCredentials = Pick<Account, 'apiKey' | 'secret' | 'password'>;

/**
 * The only form of an account that may leave the engine: the renderer, the bridge, a log line and the
 * command line see this and nothing more. No key, no secret, no URL (a proxy URL can carry credentials).
 */
export interface AccountView {
  id: string;
  name: string;
  venue: AccountVenue;
  environment: AccountEnvironment;
  enabled: boolean;
  /** Which of the venue's base URLs this account replaces (shown as a badge, like testnet). */
  customEndpoints: { rest: boolean; stream: boolean; wsApi: boolean };
  /** `…` and the last 4 hex digits of SHA-256 of the API key: tells two keys apart, reveals nothing usable. */
  keyFingerprint: string;
  /** A ccxt account's market types as it trades them (spot where the account names none); absent for other venues. */
  marketTypes?: AccountMarketType[];
  /** A kite account's login: whether it has a live access token and until when (never the token); absent for other venues. */
  session?: SessionView;
}

/** The session as a view may see it at `now`: a token past its expiry is no login. */
export function sessionView(expiresAt: number | undefined, now: number): SessionView {
  return expiresAt !== undefined && now < expiresAt ? { loggedIn: true, expiresAt } : { loggedIn: false };
}

export function keyFingerprint(apiKey: string): string {
  return '…' + createHash('sha256').update(apiKey, 'utf8').digest('hex').slice(-4);
}

/** `session`: a kite account's token expiry (absent: logged out) and the time to judge it at. */
export function accountView(account: AccountSettings, fingerprint: string, session?: { expiresAt: number | undefined; now: number }): AccountView {
  return {
    id: account.id,
    name: account.name,
    venue: account.venue,
    environment: account.environment,
    enabled: account.enabled,
    customEndpoints: { rest: account.restUrl !== undefined, stream: account.streamUrl !== undefined, wsApi: account.wsApiUrl !== undefined },
    keyFingerprint: fingerprint,
    ...(isCcxtVenue(account.venue) ? { marketTypes: [...(account.marketTypes ?? DEFAULT_MARKET_TYPES)] } : {}),
    ...(account.venue === 'kite' ? { session: sessionView(session?.expiresAt, session?.now ?? 0) } : {}),
  };
}

export function isCcxtVenue(venue: AccountVenue): venue is `ccxt:${string}` {
  return venue.startsWith('ccxt:');
}

// ---- validation at the boundary: every message names the field and the rule, never the value ----

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** https/wss anywhere; plain http/ws only to this machine's loopback (the loopback test venues). */
function endpointUrl(secure: 'https:' | 'wss:', plain: 'http:' | 'ws:') {
  const rule = `must be a ${secure}// URL (${plain}// only for 127.0.0.1 or localhost), without a user name or password`;
  return z
    .string()
    .max(2048, 'must be at most 2048 characters')
    .refine((text) => {
      let url: URL;
      try {
        url = new URL(text);
      } catch {
        return false;
      }
      if (url.username !== '' || url.password !== '' || url.hostname === '') return false;
      return url.protocol === secure || (url.protocol === plain && LOOPBACK_HOSTS.has(url.hostname));
    }, rule);
}

export const accountName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, 'must be 1 to 32 letters, digits, ".", "_" or "-", starting with a letter or digit');

const CCXT_VENUE = /^ccxt:[a-z][a-z0-9]{1,31}$/;
function isAccountVenue(value: unknown): value is AccountVenue {
  return value === 'binance-spot' || value === 'binance-usdm' || value === 'kite' || (typeof value === 'string' && CCXT_VENUE.test(value));
}
const venue = z.custom<AccountVenue>(isAccountVenue, 'must be binance-spot, binance-usdm, kite or ccxt:<exchange id> (lower case, e.g. ccxt:bybit)');
const environment = z.enum(['production', 'testnet']);
const apiKey = z.string().regex(/^[\x21-\x7e]{1,512}$/, 'must be 1 to 512 printable characters without spaces');
const secret = z
  .string()
  .regex(/^[\x20-\x7e\r\n]{1,8192}$/, 'must be 1 to 8192 printable characters (a PEM key may span lines)')
  .refine((s) => s.trim() !== '', 'must not be blank');
const password = z.string().regex(/^[\x20-\x7e]{1,512}$/, 'must be 1 to 512 printable characters');
const restUrl = endpointUrl('https:', 'http:');
/** 1 to 4 distinct types, kept in ACCOUNT_MARKET_TYPES's order (the first is ccxt's default type: spot where it is traded). */
const marketTypes = z
  .array(z.enum(ACCOUNT_MARKET_TYPES, { message: `each must be one of ${ACCOUNT_MARKET_TYPES.join(', ')}` }))
  .min(1, 'must name at least one market type')
  .refine((types) => new Set(types).size === types.length, 'must not name a market type twice')
  .transform((types) => ACCOUNT_MARKET_TYPES.filter((t) => types.includes(t)));

/** Why an account of `venue` cannot have `types`, or undefined: only a ccxt account chooses its market types. */
export function marketTypesProblem(venue: AccountVenue, types: readonly AccountMarketType[] | undefined): string | undefined {
  if (types === undefined || isCcxtVenue(venue)) return undefined;
  const trades = venue === 'binance-usdm' ? 'USD-M futures' : venue === 'kite' ? "the instruments of Kite's exchanges" : 'spot';
  return `only a ccxt:<exchange id> account chooses its market types (${venue} trades ${trades})`;
}

type VenueRuled = Pick<Account, 'venue' | 'environment' | 'password' | 'wsApiUrl' | 'marketTypes' | 'session'>;

/**
 * What an account of its venue may not have, field by field (empty: nothing). Kite has no testnet (a
 * loopback or sandbox is a --rest-url), no API passphrase and no WebSocket API (orders go over REST);
 * only a kite account holds a session token.
 */
export function venueRuleProblems(account: VenueRuled): { field: keyof VenueRuled; message: string }[] {
  const problems: { field: keyof VenueRuled; message: string }[] = [];
  const types = marketTypesProblem(account.venue, account.marketTypes);
  if (types !== undefined) problems.push({ field: 'marketTypes', message: types });
  if (account.venue === 'kite') {
    if (account.environment === 'testnet') problems.push({ field: 'environment', message: 'Kite has no testnet: point --rest-url and --stream-url at a sandbox instead' });
    if (account.password !== undefined) problems.push({ field: 'password', message: 'Kite has no API passphrase: its api key and api secret are all it takes' });
    if (account.wsApiUrl !== undefined) problems.push({ field: 'wsApiUrl', message: 'Kite has no WebSocket API: orders go over REST (--rest-url) and ticks over --stream-url' });
  } else if (account.session !== undefined) {
    problems.push({ field: 'session', message: 'only a kite account keeps a login session' });
  }
  return problems;
}

const venueRules = (account: VenueRuled, ctx: z.RefinementCtx) => {
  for (const { field, message } of venueRuleProblems(account)) ctx.addIssue({ code: 'custom', path: [field], message });
};
const streamUrl = endpointUrl('wss:', 'ws:');

/** A Kite access token: 1 to 512 printable characters (Kite's are 32 alphanumerics); the expiry a whole ms timestamp. */
export const session = z
  .object({
    accessToken: z.string().regex(/^[\x21-\x7e]{1,512}$/, 'must be 1 to 512 printable characters without spaces'),
    expiresAt: z.number().int('must be a whole number of milliseconds').positive('must be after 1970'),
  })
  .strict();

/** What `add` takes. */
export const newAccountInput = z
  .object({
    name: accountName,
    venue,
    environment: environment.default('production'),
    apiKey,
    secret,
    password: password.optional(),
    restUrl: restUrl.optional(),
    streamUrl: streamUrl.optional(),
    wsApiUrl: streamUrl.optional(),
    marketTypes: marketTypes.optional(),
    enabled: z.boolean().default(true),
  })
  .strict()
  .superRefine(venueRules);
export type NewAccountInput = z.input<typeof newAccountInput>;

/**
 * What `edit` takes: any subset; null removes a custom URL (and sets marketTypes back to spot); a key and
 * its secret change together. marketTypes on a non-ccxt account is refused by the vault after patching.
 */
export const accountPatchInput = z
  .object({
    name: accountName.optional(),
    environment: environment.optional(),
    apiKey: apiKey.optional(),
    secret: secret.optional(),
    password: password.nullable().optional(),
    restUrl: restUrl.nullable().optional(),
    streamUrl: streamUrl.nullable().optional(),
    wsApiUrl: streamUrl.nullable().optional(),
    marketTypes: marketTypes.nullable().optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((p) => (p.apiKey === undefined) === (p.secret === undefined), { message: 'a new API key and its secret are given together', path: ['secret'] });
export type AccountPatch = z.input<typeof accountPatchInput>;

/** A decrypted record, checked again: a record the vault cannot read as an account is refused, never guessed at. */
export const storedAccount = z
  .object({
    id: z.string().regex(/^[0-9a-f-]{36}$/),
    name: accountName,
    venue,
    environment,
    apiKey,
    secret,
    password: password.optional(),
    restUrl: restUrl.optional(),
    streamUrl: streamUrl.optional(),
    wsApiUrl: streamUrl.optional(),
    // Absent in every record written before the field existed: those accounts trade spot, as they did.
    marketTypes: marketTypes.optional(),
    // Absent in every record written before Kite, and in a kite account between logins.
    session: session.optional(),
    enabled: z.boolean(),
  })
  .strict()
  .superRefine(venueRules);

/** One line naming each field that broke which rule. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ` : '') + issue.message).join('; ');
}

/** Applies a validated patch; null clears a URL or the market types. The caller checks the result (venueRuleProblems). */
export function patched(account: Account, patch: z.output<typeof accountPatchInput>): Account {
  const next: Account = { ...account };
  if (patch.name !== undefined) next.name = patch.name;
  if (patch.environment !== undefined) next.environment = patch.environment;
  // A session belongs to the key it was made with: a new key logs the account out.
  if (patch.apiKey !== undefined && patch.apiKey !== account.apiKey) delete next.session;
  if (patch.apiKey !== undefined) next.apiKey = patch.apiKey;
  if (patch.secret !== undefined) next.secret = patch.secret;
  if (patch.enabled !== undefined) next.enabled = patch.enabled;
  for (const key of ['password', 'restUrl', 'streamUrl', 'wsApiUrl'] as const) {
    const value = patch[key];
    if (value === null) delete next[key];
    else if (value !== undefined) next[key] = value;
  }
  if (patch.marketTypes === null) delete next.marketTypes;
  else if (patch.marketTypes !== undefined) next.marketTypes = patch.marketTypes;
  return next;
}
