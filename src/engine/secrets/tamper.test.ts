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
  secrets?: { name: string; iv: string; ciphertext: string; tag: string }[];
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
    alter((_body, outer) => (outer.version = 3));
    await refusedToUnlock('UNSUPPORTED', 'format version 3');
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
    await refusedToUnlock('CORRUPT', 'its header or its list of accounts or secrets was altered');
  });

  it('a record duplicated: refused', async () => {
    alter((body) => body.records.push(body.records[0]!));
    await refusedToUnlock('CORRUPT', `two records for account ${accounts[0]!.id}`);
  });

  it('the device wrapping removed or replaced: refused by the manifest', async () => {
    const original = readFileSync(file);
    alter((body) => delete body.deviceWrap);
    await refusedToUnlock('CORRUPT', 'its header or its list of accounts or secrets was altered');
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

describe('a vault file with named secrets, altered (checksum made to match)', () => {
  const TOKEN_A = 'cp-token-aaaaaaaaaaaaaaaaaaaaaaaa';
  const TOKEN_B = 'cp-token-bbbbbbbbbbbbbbbbbbbbbbbb';
  beforeEach(async () => {
    const { vault } = testVault(file, { deviceKeyStore: device });
    await vault.unlock(PASSPHRASE);
    vault.setSecret('signals:cryptopanic:a', TOKEN_A);
    vault.setSecret('signals:cryptopanic:b', TOKEN_B);
    vault.lock();
  });
  const secretsOf = (body: Body) => body.secrets as [NonNullable<Body['secrets']>[0], NonNullable<Body['secrets']>[0]];

  it('holds the secrets sealed (no value in the file) and opens them as written', async () => {
    const bytes = readFileSync(file);
    for (const needle of [TOKEN_A, TOKEN_B, Buffer.from(TOKEN_A).toString('base64').slice(0, 16)]) expect(bytes.includes(needle)).toBe(false);
    expect(JSON.parse(bytes.toString('utf8')).version).toBe(2);
    const { vault } = testVault(file);
    await vault.unlock(PASSPHRASE);
    expect(vault.secretNames()).toEqual(['signals:cryptopanic:a', 'signals:cryptopanic:b']);
    expect([vault.secret('signals:cryptopanic:a'), vault.secret('signals:cryptopanic:b')]).toEqual([TOKEN_A, TOKEN_B]);
  });

  it('two secrets swapped (each under the other name): refused, naming the secret', async () => {
    alter((body) => {
      const [a, b] = secretsOf(body);
      body.secrets = [{ ...b, name: a.name }, { ...a, name: b.name }];
    });
    await refusedToUnlock('CORRUPT', 'the secret signals:cryptopanic:a does not authenticate');
  });

  it('a secret renamed: refused (its AAD names it, and so does the manifest)', async () => {
    alter((body) => (secretsOf(body)[1].name = 'signals:cryptopanic:c'));
    await refusedToUnlock('CORRUPT', 'its header or its list of accounts or secrets was altered');
  });

  it('a secret removed, or all of them with the file passed off as version 1: refused by the manifest', async () => {
    const original = readFileSync(file);
    alter((body) => body.secrets!.pop());
    await refusedToUnlock('CORRUPT', 'its header or its list of accounts or secrets was altered');
    writeFileSync(file, original);
    alter((body, outer) => {
      delete body.secrets;
      outer.version = 1;
    });
    await refusedToUnlock('CORRUPT', 'its header or its list of accounts or secrets was altered');
  });

  it('a secret duplicated: refused', async () => {
    alter((body) => body.secrets!.push(secretsOf(body)[0]));
    await refusedToUnlock('CORRUPT', 'two secrets named signals:cryptopanic:a');
  });

  it('a ciphertext or tag changed: refused, naming the secret', async () => {
    const original = readFileSync(file);
    alter((body) => (secretsOf(body)[1].ciphertext = flip(secretsOf(body)[1].ciphertext)));
    await refusedToUnlock('CORRUPT', 'the secret signals:cryptopanic:b does not authenticate');
    writeFileSync(file, original);
    alter((body) => (secretsOf(body)[0].tag = flip(secretsOf(body)[0].tag, 3)));
    await refusedToUnlock('CORRUPT', 'the secret signals:cryptopanic:a does not authenticate');
  });

  it('an account record moved into the secrets, or a secret into the accounts: refused (the AADs differ by kind)', async () => {
    // The manifest is keyed, so an attacker cannot fix it; the AAD check is what names the record here,
    // and it holds on its own: each sealed record below is opened under the other kind's AAD and fails.
    const original = readFileSync(file);
    alter((body) => {
      const r = body.records[0]!;
      secretsOf(body)[0] = { name: r.id, iv: r.iv, ciphertext: r.ciphertext, tag: r.tag };
    });
    await refusedToUnlock('CORRUPT', 'its header or its list of accounts or secrets was altered');
    writeFileSync(file, original);
    alter((body) => {
      const x = secretsOf(body)[0];
      body.records[0] = { id: body.records[0]!.id, iv: x.iv, ciphertext: x.ciphertext, tag: x.tag };
    });
    await refusedToUnlock('CORRUPT', `the record of account ${accounts[0]!.id} does not authenticate`);
  });

  it('a secrets field in a version-1 file: refused as malformed', async () => {
    const { vault } = testVault(file);
    await vault.unlock(PASSPHRASE);
    vault.removeSecret('signals:cryptopanic:a');
    const last = readFileSync(file, 'utf8');
    vault.removeSecret('signals:cryptopanic:b');
    vault.lock();
    expect(JSON.parse(readFileSync(file, 'utf8')).version).toBe(1);
    const kept = JSON.parse(JSON.parse(last).body).secrets;
    alter((body) => (body.secrets = kept));
    await refusedToUnlock('CORRUPT', 'its body is malformed: : Unrecognized key: "secrets"');
  });
});
