import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { Sealed } from './aead';
import { corrupt, VaultError } from './errors';
import { scryptParamsProblem, type ScryptParams } from './kdf';

/**
 * The vault file (`<dataDir>/vault.json`), format versions 1 and 2; README.md in this folder describes them.
 * Version 2 is version 1 plus named secrets: a file is written as version 2 exactly when it holds at least
 * one named secret, so a vault without any stays readable by builds that know only version 1, and one
 * with them is refused there as a newer version rather than as damage.
 * This module turns bytes into a checked VaultBody and back; it never sees a key except to compute or
 * check the manifest's authentication code.
 */
export const VAULT_FILE_NAME = 'vault.json';
const VAULT_FORMAT = 'shrivenquant-vault';
/** Without named secrets. */
const VAULT_VERSION_1 = 1;
/** With at least one named secret. */
const VAULT_VERSION_2 = 2;
/** The most named secrets a file may hold. */
export const MAX_SECRETS = 1_000;
/** A secret's name: lower-case letters, digits and `:_-`, e.g. `signals:cryptopanic:cryptopanic-1`. */
export const SECRET_NAME = /^[a-z0-9:_-]{1,64}$/;

export interface SealedRecord extends Sealed {
  /** The account's id, outside the ciphertext (and in its AAD) so a record is found without decrypting others. */
  id: string;
}

/** A named secret (an API token that is no venue account's), sealed under the data key. */
export interface SealedSecret extends Sealed {
  /** Outside the ciphertext (and in its AAD) so a secret is found without decrypting others. */
  name: string;
}

export interface VaultBody {
  kdf: ScryptParams;
  /** The data key, sealed under the key scrypt derives from the passphrase. */
  passphraseWrap: Sealed;
  /** The data key as the device key store (the OS keychain) encrypted it: "remember on this device". */
  deviceWrap?: Buffer;
  records: SealedRecord[];
  /** Named secrets, in file order; none in a version-1 file. */
  secrets: SealedSecret[];
  /** HMAC-SHA256 of the manifest (everything above but the records' contents) under a key from the data key. */
  manifestMac: Buffer;
}

/**
 * The AADs carry the format version in which their kind of record was introduced: the data key's wrapping
 * and the account records are unchanged since version 1 and keep `/1/` in a version-2 file (re-wrapping the
 * data key would need the passphrase at every write); named secrets arrived with version 2.
 */
const prefix = `${VAULT_FORMAT}/${VAULT_VERSION_1}`;
const secretPrefix = `${VAULT_FORMAT}/${VAULT_VERSION_2}`;
/** The data key's AAD: binds its wrapping to this format version. */
export const DATA_KEY_AAD = Buffer.from(`${prefix}/data-key`, 'utf8');
/** A record's AAD: the format version and the account id, so a record moved to another account (or version) fails. */
export function recordAad(accountId: string): Buffer {
  return Buffer.from(`${prefix}/account/${accountId}`, 'utf8');
}
/**
 * A named secret's AAD: its version and name under `secret/`, so a secret renamed, moved to another name,
 * or swapped with an account record (whose AAD says `account/`) fails to open.
 */
export function secretAad(name: string): Buffer {
  return Buffer.from(`${secretPrefix}/secret/${name}`, 'utf8');
}

/** The version a body is written as: 2 when it holds a named secret, else 1 (what older builds read). */
export function versionOf(body: Pick<VaultBody, 'secrets'>): number {
  return body.secrets.length > 0 ? VAULT_VERSION_2 : VAULT_VERSION_1;
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

const bodyFields = {
  kdf: z.object({ name: z.literal('scrypt'), N: z.number(), r: z.number(), p: z.number(), salt: base64(16, 64) }).strict(),
  passphraseWrap: z.object(sealed(32, 32)).strict(),
  deviceWrap: base64(1, 4096).optional(),
  records: z.array(z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/, 'must be an account id'), ...sealed(1, 65536) }).strict()).max(10_000),
  manifestMac: base64(32, 32),
};
/** Version 1: accounts only (a `secrets` field there is refused as unknown). */
const bodyV1Schema = z.object(bodyFields).strict();
/** Version 2: version 1 and at least one named secret (a file without any is written as version 1). */
const bodyV2Schema = z
  .object({
    ...bodyFields,
    secrets: z.array(z.object({ name: z.string().regex(SECRET_NAME, 'must be a secret name'), ...sealed(1, 16384) }).strict()).min(1).max(MAX_SECRETS),
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
  if (outer.version !== VAULT_VERSION_1 && outer.version !== VAULT_VERSION_2) {
    throw new VaultError('UNSUPPORTED', `the vault file has format version ${outer.version}; this build reads versions ${VAULT_VERSION_1} and ${VAULT_VERSION_2} only`);
  }
  if (!/^[0-9a-f]{64}$/.test(outer.sha256) || outer.sha256 !== sha256Hex(Buffer.from(outer.body, 'utf8'))) {
    throw corrupt('its checksum does not match its contents (damaged, or edited outside the terminal)');
  }
  let body: VaultBody;
  try {
    const json: unknown = JSON.parse(outer.body);
    const parsed = outer.version === VAULT_VERSION_2 ? bodyV2Schema.safeParse(json) : bodyV1Schema.transform((v) => ({ ...v, secrets: [] as SealedSecret[] })).safeParse(json);
    if (!parsed.success) throw corrupt(`its body is malformed: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    const { kdf, passphraseWrap, deviceWrap, records, secrets, manifestMac } = parsed.data;
    body = { kdf: { N: kdf.N, r: kdf.r, p: kdf.p, salt: kdf.salt }, passphraseWrap, records, secrets, manifestMac };
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
  const names = new Set<string>();
  for (const secret of body.secrets) {
    if (names.has(secret.name)) throw corrupt(`it holds two secrets named ${secret.name}`);
    names.add(secret.name);
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
    ...(body.secrets.length > 0 ? { secrets: body.secrets.map((s) => ({ name: s.name, ...sealedJson(s) })) } : {}),
    manifestMac: b64(body.manifestMac),
  });
  const outer = { format: VAULT_FORMAT, version: versionOf(body), sha256: sha256Hex(Buffer.from(inner, 'utf8')), body: inner };
  return Buffer.from(JSON.stringify(outer, null, 2) + '\n', 'utf8');
}

// ---- the manifest: what the per-record AEAD does not cover ----

/**
 * The header, the list of account ids and (version 2) the list of secret names, in order, as one
 * canonical byte string. Authenticating it under the data key catches a removed or added record or
 * secret, an altered device wrapping or key-derivation header, a version-2 file passed off as version 1
 * (its secrets dropped), and (unlocking through the device key) a key that is not this vault's. The
 * records' and secrets' contents are authenticated by their own AEAD, which names the one that fails.
 * A version-1 manifest is byte for byte what builds before version 2 computed.
 */
function manifest(body: Omit<VaultBody, 'manifestMac'>): Buffer {
  const b64 = (bytes: Buffer): string => bytes.toString('base64');
  const { kdf, passphraseWrap: w } = body;
  const version = versionOf(body);
  const fields: unknown[] = [
    VAULT_FORMAT,
    version,
    ['scrypt', kdf.N, kdf.r, kdf.p, b64(kdf.salt)],
    [b64(w.iv), b64(w.ciphertext), b64(w.tag)],
    body.deviceWrap ? b64(body.deviceWrap) : null,
    body.records.map((r) => r.id),
  ];
  if (version === VAULT_VERSION_2) fields.push(body.secrets.map((s) => s.name));
  return Buffer.from(JSON.stringify(fields), 'utf8');
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
