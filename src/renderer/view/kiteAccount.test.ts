import { describe, expect, it } from 'vitest';
import type { AccountView } from '../../contract/api';
import { accountRequest, emptyAccountForm, kiteSessionText, venueText } from './accounts';

const kite = (session: AccountView['session']): AccountView => ({
  id: '2b1c6c35-8a43-4d1e-9a43-0d7c1b5f4e21',
  name: 'zerodha',
  venue: 'kite',
  environment: 'production',
  enabled: true,
  customEndpoints: { rest: false, stream: false, wsApi: false },
  keyFingerprint: '…7f3a',
  ...(session ? { session } : {}),
});

describe('a kite account on the Accounts screen', () => {
  it('says whether it is logged in, until 06:00 IST (the day in the tooltip), or that the session expired', () => {
    expect(venueText('kite')).toBe('Zerodha Kite');
    // 06:00 IST on Tuesday 8 December 2026 is 00:30 UTC.
    expect(kiteSessionText(kite({ loggedIn: true, expiresAt: Date.UTC(2026, 11, 8, 0, 30) }))).toEqual({
      text: 'Logged in until 06:00 IST',
      detail: "Kite's access token lasts until 06:00 IST on Tue 8 Dec",
      loggedIn: true,
    });
    expect(kiteSessionText(kite({ loggedIn: false }))).toMatchObject({ text: 'Session expired', loggedIn: false });
    expect(kiteSessionText(kite(undefined))).toMatchObject({ text: 'Session expired', loggedIn: false });
    expect(kiteSessionText({ ...kite(undefined), venue: 'binance-spot' })).toBeUndefined();
  });

  it('adds a kite account with its URLs, never as testnet and without a WS API URL', () => {
    const request = accountRequest({
      ...emptyAccountForm,
      name: 'zerodha',
      venue: 'kite',
      apiKey: 'kitekey',
      secret: 'kitesecret',
      testnet: true,
      restUrl: 'http://127.0.0.1:9001',
      wsApiUrl: 'ws://127.0.0.1:9002',
    });
    expect(request).toEqual({ ok: true, input: { name: 'zerodha', venue: 'kite', apiKey: 'kitekey', secret: 'kitesecret', testnet: false, restUrl: 'http://127.0.0.1:9001' } });
  });
});
