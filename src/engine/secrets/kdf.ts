import { randomBytes, scrypt } from 'node:crypto';
import { KEY_BYTES } from './aead';

/** scrypt's cost parameters as stored in the vault file (with the salt), so a later build can raise them. */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
}

/** The production cost: 2^17 (128 MiB with r = 8, about 0.7 s on a 2-core VM). Never lowered by default. */
export const DEFAULT_SCRYPT_N = 2 ** 17;
/** The largest N a vault file may ask for, so a damaged or hostile file cannot make us allocate gigabytes. */
export const MAX_SCRYPT_N = 2 ** 20;
const MAX_SCRYPT_MEMORY = 2 ** 30;
const SALT_BYTES = 32;

export function newScryptParams(N: number): ScryptParams {
  return { N, r: 8, p: 1, salt: randomBytes(SALT_BYTES) };
}

/**
 * Why these parameters are refused, or undefined if they are acceptable. `minN` is the least cost this
 * vault accepts (DEFAULT_SCRYPT_N unless a test asked for less explicitly).
 */
export function scryptParamsProblem(params: Omit<ScryptParams, 'salt'>, minN: number): string | undefined {
  const { N, r, p } = params;
  if (!Number.isInteger(N) || N < 2 || (N & (N - 1)) !== 0) return `scrypt N ${N} is not a power of two`;
  if (N < minN) return `scrypt N ${N} is below the minimum ${minN}`;
  if (N > MAX_SCRYPT_N) return `scrypt N ${N} is above the maximum ${MAX_SCRYPT_N}`;
  if (!Number.isInteger(r) || r < 1 || r > 32) return `scrypt r ${r} is outside 1..32`;
  if (!Number.isInteger(p) || p < 1 || p > 16) return `scrypt p ${p} is outside 1..16`;
  if (scryptMemory(params) > MAX_SCRYPT_MEMORY) return `scrypt N*r*p asks for more than ${MAX_SCRYPT_MEMORY} bytes`;
  return undefined;
}

/** What OpenSSL's scrypt allocates: 128*r*(N+2) for V plus 128*r*p for B (Node refuses above maxmem). */
function scryptMemory({ N, r, p }: Omit<ScryptParams, 'salt'>): number {
  return 128 * r * (N + p + 2);
}

/**
 * The key-encryption key for `passphrase`. Runs on libuv's thread pool, so the engine keeps working while
 * it derives. Node's default maxmem (32 MiB) is below what N = 2^17 needs, hence the explicit maxmem.
 * The passphrase's bytes are zeroed here; the JS string it came from cannot be (see README).
 */
export function deriveKey(passphrase: string, params: ScryptParams): Promise<Buffer> {
  const secret = Buffer.from(passphrase.normalize('NFC'), 'utf8');
  const { N, r, p, salt } = params;
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, KEY_BYTES, { N, r, p, maxmem: scryptMemory(params) + 1024 * 1024 }, (error, key) => {
      secret.fill(0);
      if (error) reject(error);
      else resolve(key);
    });
  });
}
