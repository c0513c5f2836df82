/**
 * Binance's request security, checked as its documentation describes it ("Endpoint security type",
 * "SIGNED endpoint security"): an API key in X-MBX-APIKEY; for SIGNED endpoints a `timestamp`, an
 * optional `recvWindow` (default 5000, at most 60000) and a `signature` over totalParams (the query
 * string and the request body, concatenated as sent, without the signature parameter itself):
 * - HMAC-SHA256 keys: the hex digest of totalParams keyed with the secret;
 * - Ed25519 keys: the base64 signature of totalParams, verified with the registered public key.
 * The request is accepted only if timestamp < serverTime + 1000 and serverTime - timestamp <= recvWindow.
 */
import { createHmac, createPublicKey, timingSafeEqual, verify, type KeyObject } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { errors, isVenueError, type VenueError } from './binanceErrors';
import { API_KEY_FORMAT, type LoopbackAccountConfig } from './config';
import type { Params } from './orderParams';

/** NONE: public. USER_STREAM / MARKET_DATA: API key only. SIGNED: API key and signature (TRADE, USER_DATA). */
export type Security = 'NONE' | 'API_KEY' | 'SIGNED';

interface RegisteredKey {
  readonly account: string;
  readonly canTrade: boolean;
  readonly ed25519: boolean;
  verify(payload: Buffer, signature: string): boolean;
}

export interface Caller {
  readonly account: string;
  readonly canTrade: boolean;
}

export interface RawRequest {
  readonly headers: IncomingHttpHeaders;
  /** The query string exactly as sent, without the leading '?'. */
  readonly rawQuery: string;
  /** The form body exactly as sent ('' for none). */
  readonly rawBody: string;
  readonly params: Params;
}

const MAX_RECV_WINDOW = 60_000;
const DEFAULT_RECV_WINDOW = 5_000;

function hmacVerifier(secret: string): RegisteredKey['verify'] {
  const key = Buffer.from(secret, 'utf8');
  return (payload, signature) => {
    const expected = createHmac('sha256', key).update(payload).digest();
    if (!/^[0-9a-fA-F]{64}$/.test(signature)) return false;
    return timingSafeEqual(expected, Buffer.from(signature, 'hex'));
  };
}

function ed25519Verifier(publicKeyPem: string): RegisteredKey['verify'] {
  const key: KeyObject = createPublicKey(publicKeyPem);
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('the registered public key is not an Ed25519 key');
  return (payload, signature) => {
    const sig = Buffer.from(signature, 'base64');
    return sig.length === 64 && verify(null, payload, key, sig);
  };
}

/** The API keys registered at the venue, each bound to its account. */
export class KeyRegistry {
  private readonly keys = new Map<string, RegisteredKey>();

  constructor(accounts: readonly LoopbackAccountConfig[]) {
    for (const a of accounts) {
      for (const k of a.keys) {
        if (!API_KEY_FORMAT.test(k.apiKey)) throw new Error(`account ${a.name}: an API key must be 64 letters and digits, as Binance's are`);
        if (this.keys.has(k.apiKey)) throw new Error(`API key registered twice: …${k.apiKey.slice(-4)}`);
        const verifier = 'hmacSecret' in k ? hmacVerifier(k.hmacSecret) : ed25519Verifier(k.ed25519PublicKey);
        this.keys.set(k.apiKey, { account: a.name, canTrade: a.canTrade ?? true, ed25519: !('hmacSecret' in k), verify: verifier });
      }
    }
  }

  get(apiKey: string): RegisteredKey | undefined {
    return this.keys.get(apiKey);
  }

  isEd25519(apiKey: string): boolean {
    return this.keys.get(apiKey)?.ed25519 === true;
  }
}

/** A raw parameter list without its `signature` parameter, otherwise byte for byte as sent. */
function withoutSignature(raw: string): string {
  if (!raw.includes('signature=')) return raw;
  return raw
    .split('&')
    .filter((part) => !part.startsWith('signature='))
    .join('&');
}

/** Whether `text` is a whole number of milliseconds (Binance rejects anything else). */
const integer = (text: string | undefined): number | undefined => (text !== undefined && /^[0-9]{1,16}$/.test(text) ? Number(text) : undefined);

/** The registered key named by `apiKey`, or Binance's answer to a missing, malformed or unknown one. */
function keyOf(keys: KeyRegistry, apiKey: string | undefined): RegisteredKey | VenueError {
  if (apiKey === undefined || !API_KEY_FORMAT.test(apiKey)) return errors.badApiKeyFormat();
  return keys.get(apiKey) ?? errors.rejectedApiKey();
}

/** The parts of a SIGNED request, however it was carried (HTTP parameters, or a WebSocket API request's params). */
export interface SignedParts {
  apiKey: string | undefined;
  /** What was signed: totalParams on HTTP, the sorted params on the WebSocket API. */
  payload: string;
  signature: string | undefined;
  timestamp: string | undefined;
  recvWindow: string | undefined;
}

/** Checks a SIGNED request: key, signature, then timestamp against recvWindow. */
export function verifySigned(parts: SignedParts, keys: KeyRegistry, serverTime: number): Caller | VenueError {
  const key = keyOf(keys, parts.apiKey);
  if (isVenueError(key)) return key;
  if (parts.signature === undefined) return errors.mandatory('signature');
  const timestamp = integer(parts.timestamp);
  if (timestamp === undefined) return errors.mandatory('timestamp');
  const recvWindow = parts.recvWindow === undefined ? DEFAULT_RECV_WINDOW : integer(parts.recvWindow);
  if (recvWindow === undefined) return errors.illegalValue('recvWindow', '^[0-9]{1,16}$');
  if (recvWindow > MAX_RECV_WINDOW) return errors.badRecvWindow();
  if (!key.verify(Buffer.from(parts.payload, 'utf8'), parts.signature)) return errors.invalidSignature();
  if (timestamp >= serverTime + 1000) return errors.timestampAhead();
  if (serverTime - timestamp > recvWindow) return errors.timestampOutsideRecvWindow();
  return { account: key.account, canTrade: key.canTrade };
}

/**
 * Who sent the request, or why it is refused. `serverTime` is the venue's clock (faults can shift it).
 */
export function authenticate(req: RawRequest, security: Security, keys: KeyRegistry, serverTime: number): Caller | VenueError | undefined {
  if (security === 'NONE') return undefined;
  const header = req.headers['x-mbx-apikey'];
  const apiKey = Array.isArray(header) ? header[0] : header;
  if (security === 'API_KEY') {
    const key = keyOf(keys, apiKey);
    return isVenueError(key) ? key : { account: key.account, canTrade: key.canTrade };
  }
  const p = req.params;
  return verifySigned(
    {
      apiKey,
      payload: withoutSignature(req.rawQuery) + withoutSignature(req.rawBody),
      signature: p.get('signature'),
      timestamp: p.get('timestamp'),
      recvWindow: p.get('recvWindow'),
    },
    keys,
    serverTime,
  );
}
