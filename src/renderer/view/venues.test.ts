import { describe, expect, it } from 'vitest';
import type { Status } from '../../contract/api';
import { accountBadges, accountChoices, accountOptionText, isProduction, latencyText } from './venues';
import { btc } from './testing';

const status: Status = {
  engineTime: 0,
  mode: 'headless',
  venues: [
    { venue: 'SIM', state: 'connected' },
    { venue: 'main', state: 'connected', latencyMs: 12.4, account: { venue: 'binance-spot', environment: 'production', customEndpoints: false } },
    { venue: 'test', state: 'connecting', account: { venue: 'binance-usdm', environment: 'testnet', customEndpoints: true } },
  ],
};

describe('accounts as the status bar and the ticket show them', () => {
  it('badges testnet and custom endpoints, never SIM or a plain production account', () => {
    expect(status.venues.map(accountBadges)).toEqual([[], [], ['TESTNET', 'CUSTOM']]);
    expect(accountBadges(undefined)).toEqual([]);
  });

  it('treats only a production account as real money: SIM and testnet are not', () => {
    expect(['SIM', 'main', 'test', 'gone'].map((v) => isProduction(status, v))).toEqual([false, true, false, false]);
    expect(isProduction(null, 'main')).toBe(false);
  });

  it('offers every venue the engine reports, with how many instruments each lists, then any listed venue without a status', () => {
    const instruments = [btc, { ...btc, symbol: 'ETH-USDT' }, { ...btc, venue: 'main', symbol: 'BTCUSDT' }, { ...btc, venue: 'late', symbol: 'X' }];
    const choices = accountChoices(status, instruments);
    expect(choices.map((c) => [c.venue, c.instruments])).toEqual([
      ['SIM', 2],
      ['main', 1],
      ['test', 0],
      ['late', 1],
    ]);
    expect(choices.map(accountOptionText)).toEqual(['SIM', 'main', 'test · TESTNET · CUSTOM · no instruments yet', 'late']);
  });

  it('writes a round trip in tenths under 10 ms, whole ms above, a dash when unknown', () => {
    expect([latencyText(3.14159), latencyText(12.6), latencyText(undefined), latencyText(null)]).toEqual(['3.1 ms', '13 ms', '—', '—']);
  });
});
