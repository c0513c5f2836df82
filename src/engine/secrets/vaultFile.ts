import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Sealed } from './aead';
import { corrupt, VaultError } from './errors';
import { scryptParamsProblem, type ScryptParams } from './kdf';

/**
 * The vault file (`<dataDir>/vault.json`), format version 1; README.md in this folder describes it.
 * This module turns bytes into a checked VaultBody and back; it never sees a key except to compute or
 * check the manifest's authentication code.
 */
export const VAULT_FILE_NAME = 'vault.json';
const VAULT_FORMAT = 'shrivenquant-vault';
const VAULT_VERSION = 1;

export interface SealedRecord extends Sealed {
  /** The account's id, outside the ciphertext (and in its AAD) so a record is found without decrypting others. */
  id: string;
}

export interface VaultBody {
  kdf: ScryptParams;
  /** The data key, sealed under the key scrypt derives from the passphrase. */
  passphraseWrap: Sealed;
  /** The data key as the device key store (the OS keychain) encrypted it: "remember on this device". */
  deviceWrap?: Buffer;
  records: SealedRecord[];
  /** HMAC-SHA256 of the manifest (everything above but the records' contents) under a key from the data key. */
  manifestMac: Buffer;
}

const prefix = `${VAULT_FORMAT}/${VAULT_VERSION}`;
/** The data key's AAD: binds its wrapping to this format version. */
export const DATA_KEY_AAD = Buffer.from(`${prefix}/data-key`, 'utf8');
/** A record's AAD: the format version and the account id, so a record moved to another account (or version) fails. */
export function recordAad(accountId: string): Buffer {
  return Buffer.from(`${prefix}/account/${accountId}`, 'utf8');
}

// ---- reading ----

const base64 = (min: number, max: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64')
    .transform((text) => Buffer.from(text, 'base64'))
    .refine((bytes) => bytes.length >= min && bytes.length <= max, `must decode to ${min === max ? min : `${min} to ${max}`} bytes`);

const sealed = (ciphertextMin: number, ciphertextMax: number) => ({
  iv: base64(12, 12),
  ciphertext: base64(ciphertextMin, ciphertextMax),
  tag: base64(16, 16),
});

const outerSchema = z.object({ format: z.string(), version: z.number(), sha256: z.string(), body: z.string() }).strict();

const bodySchema = z
  .object({
    kdf: z.object({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: base64(16, 64) }).strict(),
    passphraseWrap: z.object(sealed(32, 32)).strict(),
    deviceWrap: base64(1, 4096).optional(),
    records: z.array(z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, 'must be an account id'), ...sealed(1, 65536) }).strict()).max(10_000),
    manifestMac: base64(32, 32),
  })
  .strict();

/**
 * The vault in `bytes`, checked as far as can be without a key: complete JSON, this format and version,
 * the checksum (catches damage and truncation before anyone is told "wrong passphrase"), the body's shape,
 * scrypt parameters within bounds (`minN` and up), unique record ids. Throws a VaultError naming what is wrong.
 */
export function decodeVault(bytes: Buffer, minN: number): VaultBody {
  let outer: z.infer<typeof outerSchema>;
  try {
    const parsed = outerSchema.safeParse(JSON.parse(bytes.toString('utf8')));
    if (!parsed.success) throw corrupt('its outer fields are not those of a vault file (format, version, sha256, body)');
    outer = parsed.data;
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw corrupt(`it is not complete JSON (${bytes.length} bytes: truncated or damaged)`);
  }
  if (outer.format !== VAULT_FORMAT) throw corrupt(`its format is not ${VAULT_FORMAT}`);
  if (outer.version !== VAULT_VERSION) {
    throw new VaultError('UNSUPPORTED', `the vault file has format version ${outer.version}; this build reads version ${VAULT_VERSION} only`);
  }
  if (!/^[0-9a-f]{64}$/.test(outer.sha256) || outer.sha256 !== sha256Hex(Buffer.from(outer.body, 'utf8'))) {
    throw corrupt('its checksum does not match its contents (damaged, or edited outside the terminal)');
  }
  let body: VaultBody;
  try {
    const parsed = bodySchema.safeParse(JSON.parse(outer.body));
    if (!parsed.success) throw corrupt(`its body is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { kdf, passphraseWrap, deviceWrap, records, manifestMac } = parsed.data;
    body = { kdf: { N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt }, passphraseWrap, records, manifestMac };
    if (deviceWrap !== undefined) body.deviceWrap = deviceWrap;
  } catch (error) {
    if (error instanceof VaultError) throw error;
    throw corrupt('its body is not JSON');
  }
  const problem = scryptParamsProblem(body.kdf, minN);
  if (problem) throw corrupt(`its key derivation parameters are refused: ${problem}`);
  const ids = new Set<string>();
  for (const record of body.records) {
    if (ids.has(record.id)) throw corrupt(`it holds two records for account ${record.id}`);
    ids.add(record.id);
  }
  return body;
}

// ---- writing ----

export function encodeVault(body: VaultBody): Buffer {
  const b64 = (bytes: Buffer): string => bytes.toString('base64');
  const sealedJson = (s: Sealed) => ({ iv: b64(s.iv), ciphertext: b64(s.ciphertext), tag: b64(s.tag) });
  const inner = JSON.stringify({
    kdf: { name: 'scrypt', N: body.kdf.N, r: body.kdf.r, p: body.kdf.p, salt: b64(body.kdf.salt) },
    passphraseWrap: sealedJson(body.passphraseWrap),
    ...(body.deviceWrap ? { deviceWrap: b64(body.deviceWrap) } : {}),
    records: body.records.map((r) => ({ id: r.id, ...sealedJson(r) })),
    manifestMac: b64(body.manifestMac),
  });
  const outer = { format: VAULT_FORMAT, version: VAULT_VERSION, sha256: sha256Hex(Buffer.from(inner, 'utf8')), body: inner };
  return Buffer.from(JSON.stringify(outer, null, 2) + '\n', 'utf8');
}

// ---- the manifest: what the per-record AEAD does not cover ----

/**
 * The header and the list of account ids, in order, as one canonical byte string. Authenticating it
 * under the data key catches a removed or added record, an altered device wrapping or key-derivation
 * header, and (unlocking through the device key) a key that is not this vault's. The records' contents
 * are authenticated by their own AEAD, which names the account that fails.
 */
function manifest(body: Omit<VaultBody, 'manifestMac'>): Buffer {
  const b64 = (bytes: Buffer): string => bytes.toString('base64');
  const { kdf, passphraseWrap: w } = body;
  return Buffer.from(
    JSON.stringify([
      VAULT_FORMAT,
      VAULT_VERSION,
      ['scrypt', kdf.N, kdf.r, kdf.p, b64(kdf.salt)],
      [b64(w.iv), b64(w.ciphertext), b64(w.tag)],
      body.deviceWrap ? b64(body.deviceWrap) : null,
      body.records.map((r) => r.id),
    ]),
    'utf8',
  );
}

export function manifestMac(dataKey: Buffer, body: Omit<VaultBody, 'manifestMac'>): Buffer {
  const macKey = Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), `${prefix}/manifest`, 32));
  try {
    return createHmac('sha256', macKey).update(manifest(body)).digest();
  } finally {
    macKey.fill(0);
  }
}

export function manifestAuthentic(dataKey: Buffer, body: VaultBody): boolean {
  return timingSafeEqual(manifestMac(dataKey, body), body.manifestMac);
}

export function sha256Hex(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}
