import { describe, expect, it } from 'vitest';
import type { Instrument } from '../../contract/api';
import { hotkeyTarget, hotkeyTargetText, nextInstrumentOf } from './hotkeyTarget';

const BTC = { venue: 'SIM', symbol: 'BTC-USDT' };
const ETH = { venue: 'SIM', symbol: 'ETH-USDT' };
const SOL = { venue: 'SIM', symbol: 'SOL-USDT' };
// Order book 2 and Chart 2 in the green group on ETH; everything else red (the focus, BTC); a ladder in no group on SOL.
const links = { groupOf: { 'book-2': 'green' as const, 'chart-2': 'green' as const, 'book-3': null }, groups: { green: ETH }, own: { 'book-3': SOL } };
const shows = (p: string) => ['book', 'chart', 'book-2', 'chart-2', 'book-3'].includes(p);

describe('which instrument the hotkeys act on', () => {
  it('the active green ladder: its group instrument (ETH), not the focus', () => {
    const t = hotkeyTarget({ panel: 'book-2', title: 'Order book 2' }, shows, links, BTC);
    expect(t).toEqual({ instrument: ETH, panel: 'book-2', panelTitle: 'Order book 2' });
    expect(hotkeyTargetText(t)).toBe('SIM ETH-USDT (Order book 2)');
  });

  it('a panel in no group: its own instrument', () => {
    expect(hotkeyTarget({ panel: 'book-3', title: 'Order book 3' }, shows, links, BTC).instrument).toEqual(SOL);
  });

  it('a red panel follows the focus', () => {
    expect(hotkeyTarget({ panel: 'book', title: 'Order book' }, shows, links, BTC).instrument).toEqual(BTC);
  });

  it('falls back to the focus when no panel was clicked or the active one shows no instrument (Fills)', () => {
    const none = hotkeyTarget({ panel: null, title: null }, shows, links, BTC);
    expect(none).toEqual({ instrument: BTC, panel: null, panelTitle: null });
    expect(hotkeyTargetText(none)).toBe('SIM BTC-USDT (the focus)');
    expect(hotkeyTarget({ panel: 'fills', title: 'Fills' }, shows, links, BTC)).toEqual(none);
    // A linked panel that is no longer on screen (closed, popped out) is not traded by key.
    expect(hotkeyTarget({ panel: 'chart-2', title: 'Chart 2' }, () => false, links, BTC)).toEqual(none);
  });
});

describe('next instrument', () => {
  const inst = (venue: string, symbol: string) => ({ venue, symbol }) as Instrument;
  const list = [inst('SIM', 'BTC-USDT'), inst('SIM', 'ETH-USDT'), inst('KITE', 'INFY'), inst('SIM', 'SOL-USDT')];

  it('moves to the next of the same account, wrapping round', () => {
    expect(nextInstrumentOf(list, BTC)).toEqual(ETH);
    expect(nextInstrumentOf(list, ETH)).toEqual(SOL);
    expect(nextInstrumentOf(list, SOL)).toEqual(BTC);
  });

  it('stays put when the account lists no other', () => {
    expect(nextInstrumentOf(list, { venue: 'KITE', symbol: 'INFY' })).toBeUndefined();
  });
});
