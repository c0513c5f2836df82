/**
 * What can go wrong with the vault, as a stable code and a message for a person. No message ever carries
 * a passphrase, an API key, a secret or any part of one: they are built from field names and account ids.
 */
export type VaultErrorCode =
  /** The passphrase does not open the vault's data key. Nothing was changed. */
  | 'WRONG_PASSPHRASE'
  /** The file is damaged or was altered: refused, and never overwritten. */
  | 'CORRUPT'
  /** The file is a vault of a format version this build does not read (written by a newer build). */
  | 'UNSUPPORTED'
  /** The operation needs the vault unlocked. */
  | 'LOCKED'
  /** No vault file yet (create one first). */
  | 'NO_VAULT'
  /** A vault file is already there (create refuses to replace it). */
  | 'EXISTS'
  /** The vault file changed on disk since it was read (another terminal or `sq account`): not overwritten. */
  | 'CONFLICT'
  /** Bad input (an account field, a passphrase too short, an unknown account): nothing changed. */
  | 'INVALID_INPUT'
  | 'UNKNOWN_ACCOUNT'
  /** The device key store cannot be used here (e.g. Linux without a keyring), or holds no key for this vault. */
  | 'DEVICE_UNAVAILABLE'
  /** Reading or writing the file failed (permissions, disk full): nothing changed. */
  | 'IO';

export class VaultError extends Error {
  constructor(
    readonly code: VaultErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'VaultError';
  }
}

export const wrongPassphrase = (): VaultError => new VaultError('WRONG_PASSPHRASE', 'wrong passphrase');
export const corrupt = (what: string): VaultError => new VaultError('CORRUPT', `the vault file is refused: ${what}; it was left as it is`);
