import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { VaultError, type AccountView } from './index';
import { binanceAccount, InMemoryDeviceKeyStore, PASSPHRASE, testVault, vaultDir } from './testSupport';

/**
 * Each test damages or alters the vault file as a disk fault or an attacker with write access to the data
 * directory would, then checks that unlocking (and saving) refuses with an error naming what is wrong, and
 * that the file is left byte for byte as it was found.
 */

interface Body {
  kdf: { name: string; N: number; r: number; p: number; salt: string };
  passphraseWrap: { iv: string; ciphertext: string; tag: string };
  deviceWrap?: string;
  records: { id: string; iv: string; ciphertext: string; tag: string }[];
  manifestMac: string;
}

let file: string;
let cleanup: () => void;
let accounts: AccountView[];
const device = new InMemoryDeviceKeyStore();

beforeEach(async () => {
  ({ file, cleanup } = vaultDir());
  const { vault } = testVault(file, { deviceKeyStore: device });
  await vault.create(PASSPHRASE);
  accounts = [vault.add(binanceAccount()), vault.add(binanceAccount({ name: 'second', apiKey: 'Q'.repeat(64) }))];
  vault.rememberOnDevice();
  vault.lock();
});
afterEach(() => cleanup());

/** Rewrites the file's body as an attacker who knows the format would: the unkeyed checksum made to match. */
function alter(change: (body: Body, outer: Record<string, unknown>) => void, fixChecksum = true): Buffer {
  const outer = JSON.parse(readFileSync(file, 'utf8'));
  const body = JSON.parse(outer.body) as Body;
  change(body, outer);
  outer.body = JSON.stringify(body);
  if (fixChecksum) outer.sha256 = createHash('sha256').update(outer.body, 'utf8').digest('hex');
  const bytes = Buffer.from(JSON.stringify(outer, null, 2));
  writeFileSync(file, bytes);
  return bytes;
}

/** Flips one bit of a base64 field's bytes. */
function flip(b64: string, byte = 0): string {
  const bytes = Buffer.from(b64, 'base64');
  bytes[byte] = bytes[byte]! ^ 0x01;
  return bytes.toString('base64');
}

/** Unlocking refuses with `code` and a message containing `says`; the file is untouched. */
async function refusedToUnlock(code: VaultError['code'], says: string, how: 'passphrase' | 'device' = 'passphrase'): Promise<void> {
  const before = readFileSync(file);
  const { vault } = testVault(file, { deviceKeyStore: device });
  let thrown: unknown;
  try {
    if (how === 'device') vault.unlockWithDevice();
    else await vault.unlock(PASSPHRASE);
  } catch (error) {
    thrown = error;
  }
  expect(thrown).toBeInstanceOf(VaultError);
  expect((thrown as VaultError).code).toBe(code);
  expect((thrown as VaultError).message).toContain(says);
  expect(vault.state()).toBe('locked');
  expect(readFileSync(file).equals(before)).toBe(true);
}

describe('a damaged vault file', () => {
  it('truncated anywhere is refused as incomplete', async () => {
    const whole = readFileSync(file);
    for (const length of [0, 1, whole.length >> 1, whole.length - 2]) {
      writeFileSync(file, whole.subarray(0, length));
      await refusedToUnlock('CORRUPT', 'not complete JSON');
    }
  });

  it('with a bit flipped in the body is refused by its checksum, before any passphrase is tried', async () => {
    alter((body) => (body.records[0]!.ciphertext = flip(body.records[0]!.ciphertext)), false);
    await refusedToUnlock('CORRUPT', 'checksum does not match');
  });

  it('of another format or a newer version is refused as such', async () => {
    alter((_body, outer) => (outer.version = 2));
    await refusedToUnlock('UNSUPPORTED', 'format version 2');
    alter((_body, outer) => ((outer.version = 1), (outer.format = 'something-else')));
    await refusedToUnlock('CORRUPT', 'format is not shrivenquant-vault');
  });
});

describe('an altered vault file (checksum made to match)', () => {
  it('a record ciphertext changed: refused, naming the account', async () => {
    alter((body) => (body.records[1]!.ciphertext = flip(body.records[1]!.ciphertext, 5)));
    await refusedToUnlock('CORRUPT', `the record of account ${accounts[1]!.id} does not authenticate`);
  });

  it('a record tag changed: refused, naming the account', async () => {
    alter((body) => (body.records[0]!.tag = flip(body.records[0]!.tag, 15)));
    await refusedToUnlock('CORRUPT', `the record of account ${accounts[0]!.id} does not authenticate`);
  });

  it('a record moved to another account (its AAD no longer matches): refused', async () => {
    alter((body) => {
      const [a, b] = body.records as [Body['records'][0], Body['records'][0]];
      body.records[1] = { ...a, id: b.id }; // account 1's sealed secrets filed under account 2's id
      body.records[0] = { ...b, id: a.id };
    });
    await refusedToUnlock('CORRUPT', `the record of account ${accounts[0]!.id} does not authenticate (altered, or moved from another account)`);
  });

  it('a record removed: refused by the manifest', async () => {
    alter((body) => body.records.pop());
    await refusedToUnlock('CORRUPT', 'its header or its list of accounts was altered');
  });

  it('a record duplicated: refused', async () => {
    alter((body) => body.records.push(body.records[0]!));
    await refusedToUnlock('CORRUPT', `two records for account ${accounts[0]!.id}`);
  });

  it('the device wrapping removed or replaced: refused by the manifest', async () => {
    const original = readFileSync(file);
    alter((body) => delete body.deviceWrap);
    await refusedToUnlock('CORRUPT', 'its header or its list of accounts was altered');
    writeFileSync(file, original);
    alter((body) => (body.deviceWrap = device.encrypt(Buffer.alloc(32, 7)).toString('base64')));
    await refusedToUnlock('DEVICE_UNAVAILABLE', 'does not open this vault', 'device');
  });

  it('key derivation parameters out of bounds: refused before deriving', async () => {
    alter((body) => (body.kdf.N = 2 ** 30));
    await refusedToUnlock('CORRUPT', 'scrypt N 1073741824 is above the maximum');
    alter((body) => (body.kdf.N = 3000));
    await refusedToUnlock('CORRUPT', 'not a power of two');
  });

  it('a field of the wrong shape: refused naming it', async () => {
    alter((body) => (body.records[0]!.iv = 'AAAA'));
    await refusedToUnlock('CORRUPT', 'records.0.iv: must decode to 12 bytes');
  });

  // The key-encryption key comes from the passphrase *and* these fields, so altering them is
  // indistinguishable from a wrong passphrase (documented in README.md). Still refused, still untouched.
  it('the salt or the wrapped data key changed: refused as a wrong passphrase', async () => {
    const original = readFileSync(file);
    alter((body) => (body.kdf.salt = flip(body.kdf.salt)));
    await refusedToUnlock('WRONG_PASSPHRASE', 'wrong passphrase');
    writeFileSync(file, original);
    alter((body) => (body.passphraseWrap.tag = flip(body.passphraseWrap.tag)));
    await refusedToUnlock('WRONG_PASSPHRASE', 'wrong passphrase');
  });
});

describe('a vault file changed while unlocked', () => {
  it('is never overwritten: saving and changing the passphrase refuse', async () => {
    const { vault } = testVault(file);
    await vault.unlock(PASSPHRASE);
    const altered = alter((body) => (body.records[0]!.tag = flip(body.records[0]!.tag)));
    for (const save of [() => vault.add(binanceAccount({ name: 'third' })), () => vault.remove('main'), () => vault.setEnabled('main', false)]) {
      expect(save).toThrow(expect.objectContaining({ code: 'CONFLICT' }));
      expect(readFileSync(file).equals(altered)).toBe(true);
    }
    await expect(vault.changePassphrase(PASSPHRASE, 'a new passphrase')).rejects.toMatchObject({ code: 'CORRUPT' });
    expect(readFileSync(file).equals(altered)).toBe(true);
    expect(vault.list().map((a) => a.name)).toEqual(['main', 'second']);
  });
});
