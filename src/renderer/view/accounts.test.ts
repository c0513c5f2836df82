import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../contract/api';
import {
  accountRequest,
  type AccountForm,
  emptyAccountForm,
  environmentBadges,
  fieldErrorsFromEngine,
  idleLockChoices,
  marketTypesText,
  passphrasePairProblem,
  venueText,
} from './accounts';

const view = (over: Partial<AccountView> = {}): AccountView => ({
  id: '2b1c6c35-8a43-4d1e-9a43-0d7c1b5f4e21',
  name: 'main',
  venue: 'binance-spot',
  environment: 'production',
  enabled: true,
  customEndpoints: { rest: false, stream: false, wsApi: false },
  keyFingerprint: '…7f3a',
  ...over,
});

const form = (over: Partial<AccountForm> = {}): AccountForm => ({ ...emptyAccountForm, name: 'main', apiKey: 'KEY', secret: 'SECRET', ...over });

describe('how an account reads', () => {
  it('names the venues as a trader knows them', () => {
    expect(venueText('binance-spot')).toBe('Binance spot');
    expect(venueText('binance-usdm')).toBe('Binance USD-M futures');
    expect(venueText('ccxt:bybit')).toBe('ccxt: bybit');
  });

  it('flags testnet and every replaced endpoint, and nothing on a plain production account', () => {
    expect(environmentBadges(view())).toEqual([]);
    expect(environmentBadges(view({ environment: 'testnet' })).map((b) => b.text)).toEqual(['TESTNET']);
    expect(environmentBadges(view({ customEndpoints: { rest: true, stream: false, wsApi: true } }))).toEqual([
      { text: 'CUSTOM ENDPOINT', detail: 'REST, WS API URLs replaced' },
    ]);
    expect(environmentBadges(view({ environment: 'testnet', customEndpoints: { rest: false, stream: true, wsApi: false } })).map((b) => [b.text, b.detail])).toEqual([
      ['TESTNET', "the venue's test network: no real money"],
      ['CUSTOM ENDPOINT', 'stream URL replaced'],
    ]);
  });
});

describe('the Add account form', () => {
  it('sends trimmed fields, the venue with its ccxt id, and only the URLs given', () => {
    expect(accountRequest(form({ name: ' main ', testnet: true, restUrl: ' https://testnet.binance.vision ' }))).toEqual({
      ok: true,
      input: { name: 'main', venue: 'binance-spot', apiKey: 'KEY', secret: 'SECRET', testnet: true, restUrl: 'https://testnet.binance.vision' },
    });
    const ccxt = accountRequest(form({ venue: 'ccxt', ccxtId: 'bybit' }));
    expect(ccxt.ok && ccxt.input.venue).toBe('ccxt:bybit');
  });

  it('keeps a secret exactly as typed (a PEM key spans lines, spaces may matter)', () => {
    const pem = '-----BEGIN PRIVATE KEY-----\nMC4CAQAw\n-----END PRIVATE KEY-----\n';
    const sent = accountRequest(form({ secret: pem }));
    expect(sent.ok && sent.input.secret).toBe(pem);
  });

  it('names each blank or unparseable field and sends nothing', () => {
    expect(accountRequest({ ...emptyAccountForm, venue: 'ccxt', streamUrl: 'stream.binance.com' })).toEqual({
      ok: false,
      errors: {
        name: 'enter a name',
        ccxtId: 'enter the ccxt exchange id (e.g. bybit)',
        apiKey: 'enter the API key',
        secret: 'enter the API secret',
        streamUrl: 'not a URL',
      },
    });
  });

  it("puts the vault's reasons next to the fields they name, and keeps anything else whole", () => {
    expect(
      fieldErrorsFromEngine(
        'the account is refused: name: must be 1 to 32 letters, digits, ".", "_" or "-", starting with a letter or digit; restUrl: must be a https:// URL (http:// only for 127.0.0.1 or localhost), without a user name or password',
        'binance-spot',
      ),
    ).toEqual({
      fields: {
        name: 'must be 1 to 32 letters, digits, ".", "_" or "-", starting with a letter or digit',
        restUrl: 'must be a https:// URL (http:// only for 127.0.0.1 or localhost), without a user name or password',
      },
    });
    expect(fieldErrorsFromEngine('the account is refused: venue: must be binance-spot, binance-usdm or ccxt:<exchange id>', 'ccxt').fields).toEqual({
      ccxtId: 'must be binance-spot, binance-usdm or ccxt:<exchange id>',
    });
    expect(fieldErrorsFromEngine('an account named main already exists', 'binance-spot')).toEqual({ fields: { name: 'an account named main already exists' } });
    expect(fieldErrorsFromEngine('apiKey: Too big: expected string to have <=512 characters', 'binance-spot').fields).toEqual({
      apiKey: 'Too big: expected string to have <=512 characters',
    });
    const conflict = 'the vault file changed on disk since it was unlocked (another terminal or sq account?): nothing written; lock and unlock again';
    expect(fieldErrorsFromEngine(conflict, 'binance-spot')).toEqual({ fields: {}, general: conflict });
    expect(fieldErrorsFromEngine('the vault is locked: unlock it first', 'binance-spot')).toEqual({ fields: {}, general: 'the vault is locked: unlock it first' });
  });
});

describe("a ccxt account's market types", () => {
  it('are sent for a ccxt venue only, spot by default, in the engine\'s order, and at least one is asked for', () => {
    const plain = accountRequest(form({ venue: 'ccxt', ccxtId: 'binance' }));
    expect(plain.ok && plain.input.marketTypes).toEqual(['spot']);
    const both = accountRequest(form({ venue: 'ccxt', ccxtId: 'binance', marketTypes: ['swap', 'spot'] }));
    expect(both).toEqual({ ok: true, input: { name: 'main', venue: 'ccxt:binance', apiKey: 'KEY', secret: 'SECRET', testnet: false, marketTypes: ['spot', 'swap'] } });
    // A Binance account's venue says what it trades: the checkboxes (hidden there) are not sent.
    const binance = accountRequest(form({ venue: 'binance-usdm', marketTypes: ['swap'] }));
    expect(binance.ok && binance.input).not.toHaveProperty('marketTypes');
    expect(accountRequest(form({ venue: 'ccxt', ccxtId: 'okx', marketTypes: [] }))).toEqual({ ok: false, errors: { marketTypes: 'choose at least one market type' } });
    expect(accountRequest(form({ venue: 'binance-spot', marketTypes: [] })).ok).toBe(true);
  });

  it('read as "spot + swap" in the list for a ccxt account, and are not shown for a Binance one', () => {
    expect(marketTypesText(view({ venue: 'ccxt:binance', marketTypes: ['spot', 'swap'] }))).toBe('spot + swap');
    expect(marketTypesText(view({ venue: 'ccxt:bybit', marketTypes: ['spot'] }))).toBe('spot');
    expect(marketTypesText(view())).toBeUndefined();
  });

  it("puts the vault's refusal of them next to the checkboxes", () => {
    const refusal = 'the account is refused: marketTypes: must not name a market type twice';
    expect(fieldErrorsFromEngine(refusal, 'ccxt').fields).toEqual({ marketTypes: 'must not name a market type twice' });
  });
});

describe('the vault settings', () => {
  it('offers the usual idle times, never last, and always the one set', () => {
    expect(idleLockChoices(15).map((c) => c.label)).toEqual(['1 min', '5 min', '15 min', '30 min', '1 h', '4 h', '8 h', 'never']);
    expect(idleLockChoices(2).map((c) => c.minutes)).toEqual([1, 2, 5, 15, 30, 60, 240, 480, 0]);
    expect(idleLockChoices(120).find((c) => c.minutes === 120)?.label).toBe('2 h');
  });

  it('refuses a blank or mistyped new passphrase before sending it', () => {
    expect(passphrasePairProblem('', '')).toBe('enter a passphrase');
    expect(passphrasePairProblem('correct horse', 'correct hose')).toBe('the two passphrases differ');
    expect(passphrasePairProblem('correct horse', 'correct horse')).toBeUndefined();
  });
});
