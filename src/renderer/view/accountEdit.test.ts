import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../contract/api';
import { type EditForm, editFormFor, editRequest, urlPlaceholder, venueKind } from './accountEdit';
import { fieldErrorsFromEngine } from './accounts';

const ID = '2b1c6c35-8a43-4d1e-9a43-0d7c1b5f4e21';
const view = (over: Partial<AccountView> = {}): AccountView => ({
  id: ID,
  name: 'main',
  venue: 'binance-spot',
  environment: 'production',
  enabled: true,
  customEndpoints: { rest: true, stream: false, wsApi: false },
  keyFingerprint: '…7f3a',
  ...over,
});
const form = (account: AccountView, over: Partial<EditForm> = {}): EditForm => ({ ...editFormFor(account), ...over });

describe('the Edit account form', () => {
  it('starts as the account is: its name and environment, no key, no URL (the view never has them)', () => {
    expect(editFormFor(view({ environment: 'testnet' }))).toEqual({
      name: 'main',
      testnet: true,
      apiKey: '',
      secret: '',
      password: '',
      restUrl: '',
      streamUrl: '',
      wsApiUrl: '',
      defaults: { restUrl: false, streamUrl: false, wsApiUrl: false },
    });
    expect(urlPlaceholder(view(), 'rest')).toBe('custom URL set');
    expect(urlPlaceholder(view(), 'stream')).toBe("venue's default");
  });

  it('sends nothing when nothing changed, and says so', () => {
    expect(editRequest(view(), form(view()))).toEqual({ ok: false, errors: {}, unchanged: true });
    expect(editRequest(view(), form(view(), { name: '  main ' }))).toEqual({ ok: false, errors: {}, unchanged: true });
    // "Use venue's default" on a URL that is already the default changes nothing either.
    expect(editRequest(view(), form(view(), { defaults: { restUrl: false, streamUrl: true, wsApiUrl: false } }))).toMatchObject({ unchanged: true });
  });

  it('sends only what changed: a new name, the environment', () => {
    expect(editRequest(view(), form(view(), { name: ' spot-main ', testnet: true }))).toEqual({ ok: true, input: { id: ID, name: 'spot-main', testnet: true } });
    expect(editRequest(view({ environment: 'testnet' }), form(view(), { testnet: false }))).toEqual({ ok: true, input: { id: ID, testnet: false } });
  });

  it('replaces the key only with its secret, both together', () => {
    expect(editRequest(view(), form(view(), { apiKey: ' NEWKEY ', secret: 'NEWSECRET' }))).toEqual({ ok: true, input: { id: ID, apiKey: 'NEWKEY', secret: 'NEWSECRET' } });
    expect(editRequest(view(), form(view(), { apiKey: 'NEWKEY' }))).toEqual({ ok: false, errors: { secret: 'enter the new API secret' } });
    expect(editRequest(view(), form(view(), { secret: 'NEWSECRET' }))).toEqual({ ok: false, errors: { apiKey: 'enter the new API key' } });
  });

  it("on a ccxt venue sends the new key's passphrase with it, or removes the old key's", () => {
    const okx = view({ venue: 'ccxt:okx', customEndpoints: { rest: false, stream: false, wsApi: false } });
    expect(editRequest(okx, form(okx, { apiKey: 'K', secret: 'S', password: 'P' }))).toEqual({ ok: true, input: { id: ID, apiKey: 'K', secret: 'S', password: 'P' } });
    expect(editRequest(okx, form(okx, { apiKey: 'K', secret: 'S' }))).toEqual({ ok: true, input: { id: ID, apiKey: 'K', secret: 'S', password: null } });
    // A passphrase alone is half of a key change.
    expect(editRequest(okx, form(okx, { password: 'P' }))).toEqual({ ok: false, errors: { apiKey: 'enter the new API key', secret: 'enter the new API secret' } });
    // Binance has no passphrase: a stale one in the form is never sent.
    expect(editRequest(view(), form(view(), { apiKey: 'K', secret: 'S', password: 'P' }))).toEqual({ ok: true, input: { id: ID, apiKey: 'K', secret: 'S' } });
  });

  it("replaces a URL with the one typed, clears one with \"Use venue's default\", and refuses what does not parse", () => {
    expect(editRequest(view(), form(view(), { streamUrl: ' wss://proxy.example/ws ' }))).toEqual({ ok: true, input: { id: ID, streamUrl: 'wss://proxy.example/ws' } });
    // The checkbox wins over a URL typed before it was ticked.
    expect(editRequest(view(), form(view(), { restUrl: 'https://x.example', defaults: { restUrl: true, streamUrl: false, wsApiUrl: false } }))).toEqual({
      ok: true,
      input: { id: ID, restUrl: null },
    });
    expect(editRequest(view(), form(view(), { name: '', wsApiUrl: 'not a url' }))).toEqual({ ok: false, errors: { name: 'enter a name', wsApiUrl: 'not a URL' } });
  });

  it("puts the vault's refusal of a change next to the fields it names", () => {
    expect(
      fieldErrorsFromEngine('the change is refused: name: must be 1 to 32 letters; restUrl: must be a https:// URL', venueKind('binance-usdm')),
    ).toEqual({ fields: { name: 'must be 1 to 32 letters', restUrl: 'must be a https:// URL' } });
    expect(fieldErrorsFromEngine('the change is refused: secret: a new API key and its secret are given together', 'binance-spot')).toEqual({
      fields: { secret: 'a new API key and its secret are given together' },
    });
    expect(fieldErrorsFromEngine('an account named other already exists', 'binance-spot')).toEqual({ fields: { name: 'an account named other already exists' } });
    expect(fieldErrorsFromEngine('the vault is locked: unlock it first', 'binance-spot')).toEqual({ fields: {}, general: 'the vault is locked: unlock it first' });
    expect([venueKind('ccxt:okx'), venueKind('binance-usdm'), venueKind('binance-spot')]).toEqual(['ccxt', 'binance-usdm', 'binance-spot']);
  });
});
