import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../core';
import { InMemoryDeviceKeyStore, PASSPHRASE, TEST_SCRYPT_N } from '../secrets/testSupport';
import type { DeviceKeyStore } from '../secrets';
import { openStore, type Store } from '../storage';
import { type AccountsState, AccountsService } from './accountsService';

/**
 * "Remember on this device": the vault's key kept in the OS keychain so the next start unlocks without
 * the passphrase; refused, with the reason, where the host has no keychain that protects anything.
 */
const cleanup: (() => void)[] = [];
afterEach(() => {
  for (const fn of cleanup.splice(0)) fn();
});

function startService(dataDir: string, deviceKeyStore?: DeviceKeyStore): { service: AccountsService; states: AccountsState[] } {
  const store: Store = openStore(dataDir);
  const states: AccountsState[] = [];
  const service = new AccountsService(
    { dataDir, clock: new SimulatedClock(1_700_000_000_000), logger: recordingLogger(), store, scryptN: TEST_SCRYPT_N, deviceKeyStore },
    (state) => states.push(state),
  );
  cleanup.unshift(() => {
    service.stop();
    store.close();
  });
  return { service, states };
}

function newDataDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sq-remember-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('remember on this device', () => {
  it('the next start unlocks with the key kept in the keychain; forgetting it asks for the passphrase again', async () => {
    const dataDir = newDataDir();
    const keychain = new InMemoryDeviceKeyStore();
    const first = startService(dataDir, keychain);
    await first.service.start();
    await first.service.create(PASSPHRASE);
    expect(first.service.setRememberOnDevice(true).device).toEqual({ available: true, remembered: true });
    first.service.stop();

    const second = startService(dataDir, keychain);
    await second.service.start();
    expect(second.service.state()).toMatchObject({ vault: 'unlocked', device: { remembered: true } });
    expect(second.service.setRememberOnDevice(false).device.remembered).toBe(false);
    second.service.stop();

    const third = startService(dataDir, keychain);
    await third.service.start();
    expect(third.service.state().vault).toBe('locked');
  });

  it("another machine's keychain cannot open it: the vault stays locked and the passphrase still works", async () => {
    const dataDir = newDataDir();
    const first = startService(dataDir, new InMemoryDeviceKeyStore());
    await first.service.start();
    await first.service.create(PASSPHRASE);
    first.service.setRememberOnDevice(true);
    first.service.stop();

    const elsewhere = startService(dataDir, new InMemoryDeviceKeyStore());
    await elsewhere.service.start();
    expect(elsewhere.service.state().vault).toBe('locked');
    expect((await elsewhere.service.unlock(PASSPHRASE)).vault).toBe('unlocked');
  });

  it('a host without a keychain that protects anything refuses, saying why, and changes nothing', async () => {
    const noKeyring = "no OS keyring on this Linux desktop (Electron's safeStorage would use its plaintext basic_text backend): the passphrase is required";
    for (const keychain of [undefined, new InMemoryDeviceKeyStore(noKeyring)]) {
      const { service } = startService(newDataDir(), keychain);
      await service.start();
      await service.create(PASSPHRASE);
      const { device } = service.state();
      expect(device.available).toBe(false);
      expect(device.reason).toBe(keychain ? noKeyring : 'no device key store on this host (headless): use the passphrase');
      expect(() => service.setRememberOnDevice(true)).toThrow(device.reason!);
      expect(service.state().device.remembered).toBe(false);
    }
  });
});
