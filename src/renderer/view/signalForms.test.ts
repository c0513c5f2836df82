import { describe, expect, it } from 'vitest';
import { alertFromForm, EMPTY_SOURCE_FORM, parseNumber, parseWeightsForm, sourceTicketFromForm } from './signalForms';

describe('parseNumber', () => {
  it('reads decimals as typed and nothing else', () => {
    expect(parseNumber('0.5')).toBe(0.5);
    expect(parseNumber(' -1 ')).toBe(-1);
    expect(parseNumber('.25')).toBe(0.25);
    expect(parseNumber('+2')).toBe(2);
    for (const bad of ['', 'abc', '1e3', '0x10', '1,5', 'Infinity', '1.2.3', '-']) expect(parseNumber(bad)).toBeUndefined();
  });
});

describe('weights form', () => {
  it('sends every weight, an empty field as 0, and leaves range rules (negative, all zero) to the engine', () => {
    expect(parseWeightsForm({ rsi: '1', macd: '', fundingRate: '-2' })).toEqual({ ok: true, value: { rsi: 1, macd: 0, fundingRate: -2 } });
  });

  it('names each field that is not a number', () => {
    expect(parseWeightsForm({ rsi: 'x', macd: '0.5', bollinger: '1..' })).toEqual({ ok: false, errors: { rsi: 'not a number', bollinger: 'not a number' } });
  });
});

describe('Add source form', () => {
  it('makes an RSS ticket with its label and interval', () => {
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, kind: 'rss', url: ' https://example.com/feed.xml ', label: 'Example', intervalSec: '300' })).toEqual({
      ok: true,
      value: { kind: 'rss', url: 'https://example.com/feed.xml', label: 'Example', intervalSec: 300 },
    });
  });

  it('refuses an RSS address that is not a URL at all, and an empty one, saying which; the scheme is the engine’s rule', () => {
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, url: 'not a url' })).toEqual({ ok: false, errors: { url: 'not a URL: not a url' } });
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, url: '' })).toEqual({ ok: false, errors: { url: 'the feed URL is required' } });
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, url: 'ftp://example.com/feed' })).toEqual({ ok: true, value: { kind: 'rss', url: 'ftp://example.com/feed' } });
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, url: 'https://x.org/rss', intervalSec: '1.5' })).toEqual({ ok: false, errors: { intervalSec: 'whole seconds' } });
  });

  it('takes a subreddit with or without its r/, and a CryptoPanic token with its currencies upper-cased', () => {
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, kind: 'reddit', subreddit: 'r/Bitcoin' })).toEqual({ ok: true, value: { kind: 'reddit', subreddit: 'Bitcoin' } });
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, kind: 'cryptopanic', token: 'abcdef123456', currencies: 'btc, eth sol' })).toEqual({
      ok: true,
      value: { kind: 'cryptopanic', token: 'abcdef123456', currencies: ['BTC', 'ETH', 'SOL'] },
    });
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, kind: 'cryptopanic' })).toEqual({ ok: false, errors: { token: 'the API token is required' } });
    expect(sourceTicketFromForm({ ...EMPTY_SOURCE_FORM, kind: 'fearGreed' })).toEqual({ ok: true, value: { kind: 'fearGreed' } });
  });
});

describe('alert rule form', () => {
  it('makes a rule; hysteresis only when typed', () => {
    expect(alertFromForm({ instrument: 'BTC-USDT', signal: 'composite', direction: 'above', threshold: '0.5', hysteresis: '' })).toEqual({
      ok: true,
      value: { instrument: 'BTC-USDT', signal: 'composite', direction: 'above', threshold: 0.5 },
    });
    expect(alertFromForm({ instrument: 'BTC-USDT', signal: 'rsi', direction: 'below', threshold: '-0.4', hysteresis: '0.1' })).toEqual({
      ok: true,
      value: { instrument: 'BTC-USDT', signal: 'rsi', direction: 'below', threshold: -0.4, hysteresis: 0.1 },
    });
  });

  it('says what is missing or not a number', () => {
    expect(alertFromForm({ instrument: ' ', signal: 'composite', direction: 'above', threshold: '', hysteresis: 'x' })).toEqual({
      ok: false,
      errors: { instrument: 'the instrument is required', threshold: 'the threshold is required', hysteresis: 'not a number' },
    });
  });
});
