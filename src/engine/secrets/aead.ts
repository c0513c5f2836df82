import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/** AES-256-GCM with a fresh random 96-bit IV per message and a 128-bit tag. */
export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

export const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Encrypts `plaintext` under `key`, authenticating `aad` with it. One data key per vault and random IVs:
 * the 2^32-messages-per-key bound of random-IV GCM is far beyond what a vault of accounts ever writes.
 */
export function seal(key: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/**
 * The plaintext, or undefined when the key, the AAD, the IV, the ciphertext or the tag is not the one
 * sealed (GCM cannot tell which). The caller zeroes the plaintext once it has used it.
 */
export function open(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | undefined {
  if (sealed.iv.length !== IV_BYTES || sealed.tag.length !== TAG_BYTES) return undefined;
  const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv, { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.tag);
  const head = decipher.update(sealed.ciphertext);
  try {
    const tail = decipher.final();
    const plaintext = Buffer.concat([head, tail]);
    head.fill(0);
    return plaintext;
  } catch {
    // Authentication failed: what was decrypted is unauthenticated; wipe it and say nothing more.
    head.fill(0);
    return undefined;
  }
}

export function randomKey(): Buffer {
  return randomBytes(KEY_BYTES);
}
