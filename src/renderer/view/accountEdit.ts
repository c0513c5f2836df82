import type { AccountView, CallInput } from '../../contract/api';
import type { FieldErrors, VenueKind } from './accounts';

/**
 * The Edit account form's state and the call it sends, kept free of React so they are tested on their own.
 * The view never carries an account's URLs (a proxy URL can hold credentials), only whether each is custom:
 * so a URL field starts empty, a typed URL replaces the one set, and "Use venue's default" clears it.
 */

export type UrlField = 'restUrl' | 'streamUrl' | 'wsApiUrl';
export const urlFields: { field: UrlField; label: string; flag: keyof AccountView['customEndpoints'] }[] = [
  { field: 'restUrl', label: 'REST URL', flag: 'rest' },
  { field: 'streamUrl', label: 'Stream URL', flag: 'stream' },
  { field: 'wsApiUrl', label: 'WS API URL', flag: 'wsApi' },
];

export interface EditForm {
  name: string;
  testnet: boolean;
  /** The "Replace key" section: all empty leaves the key as it is. */
  apiKey: string;
  secret: string;
  /** A ccxt venue's API passphrase, for the new key. */
  password: string;
  restUrl: string;
  streamUrl: string;
  wsApiUrl: string;
  /** "Use venue's default": clears the custom URL. */
  defaults: Record<UrlField, boolean>;
}

/** How the venue's kind reads to the field-error placement of the Add account form. */
export function venueKind(venue: string): VenueKind {
  return venue.startsWith('ccxt:') ? 'ccxt' : venue === 'binance-usdm' ? 'binance-usdm' : venue === 'kite' ? 'kite' : 'binance-spot';
}

export function editFormFor(account: AccountView): EditForm {
  return {
    name: account.name,
    testnet: account.environment === 'testnet',
    apiKey: '',
    secret: '',
    password: '',
    restUrl: '',
    streamUrl: '',
    wsApiUrl: '',
    defaults: { restUrl: false, streamUrl: false, wsApiUrl: false },
  };
}

/** What a URL field shows while empty: whether the account has a custom one now. */
export function urlPlaceholder(account: AccountView, flag: keyof AccountView['customEndpoints']): string {
  return account.customEndpoints[flag] ? 'custom URL set' : "venue's default";
}

export type EditRequest =
  | { ok: true; input: CallInput<'accounts.edit'> }
  | { ok: false; errors: FieldErrors; /** Nothing to send: the form says what the account already is. */ unchanged?: true };

/**
 * The call to send: only what differs from the account. Checked here is only what the screen can tell
 * for sure (a blank name, half a key, a URL that does not parse); the vault checks every rule and its
 * reasons land on the fields too.
 */
export function editRequest(account: AccountView, form: EditForm): EditRequest {
  const errors: FieldErrors = {};
  const input: CallInput<'accounts.edit'> = { id: account.id };
  const name = form.name.trim();
  if (name === '') errors.name = 'enter a name';
  else if (name !== account.name) input.name = name;
  if (form.testnet !== (account.environment === 'testnet')) input.testnet = form.testnet;

  const ccxt = venueKind(account.venue) === 'ccxt';
  const apiKey = form.apiKey.trim();
  const password = ccxt ? form.password : '';
  if (apiKey !== '' || form.secret !== '' || password !== '') {
    if (apiKey === '') errors.apiKey = 'enter the new API key';
    if (form.secret === '') errors.secret = 'enter the new API secret';
    input.apiKey = apiKey;
    input.secret = form.secret;
    // The passphrase belongs to the key: a new key without one must not keep the old key's.
    if (ccxt) input.password = password === '' ? null : password;
  }

  for (const { field, flag } of urlFields) {
    if (form.defaults[field]) {
      if (account.customEndpoints[flag]) input[field] = null;
      continue;
    }
    const text = form[field].trim();
    if (text === '') continue;
    if (!URL.canParse(text)) errors[field] = 'not a URL';
    else input[field] = text;
  }

  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (Object.keys(input).length === 1) return { ok: false, errors: {}, unchanged: true };
  return { ok: true, input };
}
