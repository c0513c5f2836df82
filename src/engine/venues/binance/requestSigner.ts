/**
 * Signs Binance requests as its documentation describes ("SIGNED endpoint security"): the signature
 * covers the exact query string sent. An HMAC-SHA256 key signs with its secret (hex digest); an
 * Ed25519 key signs with its private key (base64, URL-encoded because it travels in the query string).
 * Which one is read off the key material: a PEM private key is Ed25519, anything else an HMAC secret.
 *
 * The secret stays inside a closure: the signer object has no property that holds it, so neither
 * JSON.stringify, a log line nor an error message can carry it.
 */
import { createHmac, createPrivateKey, sign, type KeyObject } from 'node:crypto';

export type SignatureKind = 'hmac-sha256' | 'ed25519';

export interface RequestSigner {
  readonly kind: SignatureKind;
  /** The value of the `signature` parameter for `payload`, ready to append to the query string. */
  sign(payload: string): string;
}

export type SignerResult = { ok: true; signer: RequestSigner } | { ok: false; reason: string };

const PEM_PRIVATE_KEY = /-----BEGIN (?:[A-Z0-9 ]+ )?PRIVATE KEY-----/;

export function signerFor(secret: string): SignerResult {
  if (secret.trim() === '') return { ok: false, reason: 'the API secret is empty' };
  if (!PEM_PRIVATE_KEY.test(secret)) {
    const key = Buffer.from(secret, 'utf8');
    return { ok: true, signer: { kind: 'hmac-sha256', sign: (payload) => createHmac('sha256', key).update(payload).digest('hex') } };
  }
  let key: KeyObject;
  try {
    key = createPrivateKey(secret);
  } catch {
    // The parser's message could quote the key material: say only what is wrong.
    return { ok: false, reason: 'the API secret looks like a PEM private key but cannot be read as one' };
  }
  if (key.asymmetricKeyType !== 'ed25519') {
    return { ok: false, reason: `the PEM private key is ${key.asymmetricKeyType ?? 'of an unknown type'}; Binance API keys sign with Ed25519 (or HMAC-SHA256 with a plain secret)` };
  }
  return { ok: true, signer: { kind: 'ed25519', sign: (payload) => encodeURIComponent(sign(null, Buffer.from(payload), key).toString('base64')) } };
}
