import { copyFileSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { VaultError } from './index';
import { PASSPHRASE, testVault, vaultDir } from './testSupport';

/**
 * A ccxt account says which market types it trades (spot, swap, future); the connector loads only
 * those. A setting, not a secret: it is in the account's settings and its view; absent means spot,
 * which is what every account written before the field existed trades.
 */
let cleanups: (() => void)[] = [];
afterEach(() => {
  for (const c of cleanups.splice(0)) c();
});
function dir() {
  const d = vaultDir();
  cleanups.push(d.cleanup);
  return d;
}
async function refusal(run: () => unknown): Promise<VaultError> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(VaultError);
    return error as VaultError;
  }
  throw new Error('expected a VaultError, nothing was thrown');
}
const ccxt = (over: Record<string, unknown> = {}) => ({ name: 'bnc', venue: 'ccxt:binance' as const, apiKey: 'K'.repeat(64), secret: 'S'.repeat(64), ...over });

describe("a ccxt account's market types", () => {
  it('round-trip through the file, in the order spot, swap, future, shown in the view; absent is spot', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    const both = vault.add(ccxt({ marketTypes: ['swap', 'spot'] }));
    const plain = vault.add(ccxt({ name: 'plain' }));
    const spot = vault.add({ name: 'main', venue: 'binance-spot', apiKey: 'A'.repeat(64), secret: 'B'.repeat(64) });
    expect(both.marketTypes).toEqual(['spot', 'swap']);
    expect(plain.marketTypes).toEqual(['spot']);
    expect(spot).not.toHaveProperty('marketTypes');
    vault.lock();

    const reopened = testVault(file).vault;
    await reopened.unlock(PASSPHRASE);
    expect(reopened.list().map((a) => [a.name, a.marketTypes])).toEqual([
      ['bnc', ['spot', 'swap']],
      ['plain', ['spot']],
      ['main', undefined],
    ]);
    expect(reopened.settings('bnc').marketTypes).toEqual(['spot', 'swap']);
    // Not written for an account that did not name any: the record stays as an older terminal wrote it.
    expect(reopened.settings('plain')).not.toHaveProperty('marketTypes');
    expect(reopened.credentials('bnc')).toEqual({ apiKey: 'K'.repeat(64), secret: 'S'.repeat(64) });

    // Changed, and set back to the default with null.
    expect(reopened.edit('plain', { marketTypes: ['future', 'swap'] }).marketTypes).toEqual(['swap', 'future']);
    expect(reopened.edit('bnc', { marketTypes: null }).marketTypes).toEqual(['spot']);
    expect(reopened.settings('bnc')).not.toHaveProperty('marketTypes');
    expect(reopened.settings('plain').marketTypes).toEqual(['swap', 'future']);
  });

  it('are refused on a Binance account, empty, repeated or unknown, with the rule named and nothing written', async () => {
    const { file } = dir();
    const { vault } = testVault(file);
    await vault.create(PASSPHRASE);
    vault.add({ name: 'main', venue: 'binance-usdm', apiKey: 'A'.repeat(64), secret: 'B'.repeat(64) });
    vault.add(ccxt());
    const before = readFileSync(file);

    const onBinance = await refusal(() => vault.add({ name: 'spot', venue: 'binance-spot', apiKey: 'A'.repeat(64), secret: 'B'.repeat(64), marketTypes: ['spot'] }));
    expect(onBinance.code).toBe('INVALID_INPUT');
    expect(onBinance.message).toBe('the account is refused: marketTypes: only a ccxt:<exchange id> account chooses its market types (binance-spot trades spot)');
    const editOnBinance = await refusal(() => vault.edit('main', { marketTypes: ['swap'] }));
    expect(editOnBinance.message).toBe('the change is refused: marketTypes: only a ccxt:<exchange id> account chooses its market types (binance-usdm trades USD-M futures)');

    expect((await refusal(() => vault.add(ccxt({ name: 'x', marketTypes: [] })))).message).toBe('the account is refused: marketTypes: must name at least one market type');
    expect((await refusal(() => vault.add(ccxt({ name: 'x', marketTypes: ['spot', 'spot'] })))).message).toBe('the account is refused: marketTypes: must not name a market type twice');
    expect((await refusal(() => vault.add(ccxt({ name: 'x', marketTypes: ['option'] })))).message).toContain('marketTypes.0: each must be one of spot, swap, future');
    expect((await refusal(() => vault.edit('bnc', { marketTypes: ['margin'] as never }))).message).toContain('marketTypes.0: each must be one of spot, swap, future');
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(vault.list().map((a) => a.name)).toEqual(['main', 'bnc']);
  });

  it('a vault written before the field existed opens unchanged: its ccxt account trades spot', async () => {
    // Written by the terminal as it was before market types (commit 495a26d), passphrase PASSPHRASE, scrypt 2^10.
    const { file } = dir();
    copyFileSync(fileURLToPath(new URL('./fixtures/vault-before-market-types.json', import.meta.url)), file);
    const { vault } = testVault(file);
    await vault.unlock(PASSPHRASE);
    expect(vault.list().map((a) => ({ name: a.name, venue: a.venue, marketTypes: a.marketTypes }))).toEqual([
      { name: 'bybit', venue: 'ccxt:bybit', marketTypes: ['spot'] },
      { name: 'main', venue: 'binance-spot', marketTypes: undefined },
    ]);
    expect(vault.settings('bybit')).not.toHaveProperty('marketTypes');
    expect(vault.credentials('bybit')).toEqual({ apiKey: 'K'.repeat(36), secret: 'S'.repeat(32) });
    expect(vault.settings('main').restUrl).toBe('https://api1.binance.com');
    // And the new field is written into it like any change.
    vault.edit('bybit', { marketTypes: ['spot', 'swap'] });
    vault.lock();
    const reopened = testVault(file).vault;
    await reopened.unlock(PASSPHRASE);
    expect(reopened.settings('bybit').marketTypes).toEqual(['spot', 'swap']);
  });
});
