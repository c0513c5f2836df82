import { afterEach, describe, expect, it } from 'vitest';
import type { Notice } from '../../contract/api';
import { alertTicket, emptyAlertForm, noticeToast } from './alerts';
import { setDisplayFormat } from './numbers';

const fill = (seq: number, title: string): Notice => ({ seq, kind: 'fill', ts: 1_000, venue: 'SIM', symbol: 'BTC-USDT', title, text: 'SIM' });

describe('alert form to ticket', () => {
  it('sends a price alert with the price as typed, for the engine to check in ticks', () => {
    const form = { ...emptyAlertForm('SIM', 'BTC-USDT'), condition: 'above' as const, price: ' 50000.10 ', source: 'mid' as const, sound: true, note: ' take profit ' };
    expect(alertTicket(form)).toEqual({
      ok: true,
      ticket: { venue: 'SIM', symbol: 'BTC-USDT', kind: 'price', condition: 'above', price: '50000.10', source: 'mid', repeat: 'once', sound: true, note: 'take profit' },
    });
  });

  it('sends the cool-down only for a rule that repeats, and refuses one that is not whole seconds', () => {
    const base = { ...emptyAlertForm('SIM', 'BTC-USDT'), price: '1' };
    const once = alertTicket({ ...base, cooldownSec: 'x' });
    expect(once.ok && once.ticket.cooldownSec).toBeUndefined();
    const every = alertTicket({ ...base, repeat: 'every', cooldownSec: '30' });
    expect(every.ok && every.ticket.cooldownSec).toBe(30);
    expect(alertTicket({ ...base, repeat: 'every', cooldownSec: '1.5' })).toEqual({ ok: false, problem: 'Cool-down must be a whole number of seconds' });
  });

  it('builds a % move and an analytics rule, naming what is missing', () => {
    const base = emptyAlertForm('SIM', 'ETH-USDT');
    expect(alertTicket({ ...base, kind: 'move' })).toEqual({ ok: false, problem: 'Enter a move in %' });
    const move = alertTicket({ ...base, kind: 'move', percent: '2', windowSec: '300', direction: 'down' });
    expect(move.ok && move.ticket).toMatchObject({ kind: 'move', percent: '2', windowSec: 300, direction: 'down', source: 'last' });
    expect(alertTicket({ ...base, kind: 'analytics', value: 'abc' })).toEqual({ ok: false, problem: 'Enter a number for the value' });
    // 'crosses' has no meaning for a metric: it is read as 'above'.
    const metric = alertTicket({ ...base, kind: 'analytics', metric: 'vpin', value: '0.7' });
    expect(metric.ok && metric.ticket).toMatchObject({ kind: 'analytics', metric: 'vpin', condition: 'above', value: 0.7 });
    expect(alertTicket({ ...base, price: '' })).toEqual({ ok: false, problem: 'Enter a price' });
  });
});

describe('notices as toasts', () => {
  it('tells a burst of fills on one instrument as one toast with the count', () => {
    const first = noticeToast(fill(1, 'Bought 0.1 BTC-USDT at 50000'));
    expect(first).toMatchObject({ title: 'Bought 0.1 BTC-USDT at 50000', tone: 'good' });
    const twelfth = noticeToast(fill(12, 'Bought 0.2 BTC-USDT at 50001'), 11);
    expect(twelfth).toMatchObject({ key: first.key, title: '12 fills BTC-USDT', body: 'Latest: Bought 0.2 BTC-USDT at 50001' });
    const other = noticeToast({ ...fill(13, 'Sold 1 ETH-USDT at 3000'), symbol: 'ETH-USDT' });
    expect(other.key).not.toBe(first.key);
  });

  it('shows a rejection in the venue words, interrupting, each one on its own', () => {
    const n: Notice = { seq: 5, kind: 'rejected', ts: 1, venue: 'BINANCE', symbol: 'BTC-USDT', title: 'Order rejected: buy 1 BTC-USDT', text: 'Filter failure: LOT_SIZE' };
    const t = noticeToast(n);
    expect(t).toMatchObject({ tone: 'bad', urgency: 'alert', body: 'Filter failure: LOT_SIZE', title: 'Order rejected: buy 1 BTC-USDT' });
    expect(noticeToast({ ...n, seq: 6 }).key).not.toBe(t.key);
  });

  it('gives breaker trips and alerts an interrupting toast; an alert firing again replaces its toast', () => {
    const breaker = noticeToast({ seq: 1, kind: 'breaker', ts: 1, venue: 'SIM', title: 'Breaker open: SIM', text: '5 rejects in 60 s' });
    expect(breaker).toMatchObject({ tone: 'bad', urgency: 'alert', body: '5 rejects in 60 s' });
    const a = noticeToast({ seq: 2, kind: 'alert', ts: 1, venue: 'SIM', symbol: 'BTC-USDT', title: 'Alert SIM BTC-USDT', text: 'last 50000.10 crossed 50000.00', alertId: 'a1' });
    const again = noticeToast({ seq: 9, kind: 'alert', ts: 2, venue: 'SIM', symbol: 'BTC-USDT', title: 'Alert SIM BTC-USDT', text: 'x', alertId: 'a1' });
    expect(a).toMatchObject({ tone: 'warn', urgency: 'alert', body: 'last 50000.10 crossed 50000.00' });
    expect(again.key).toBe(a.key);
  });
});

describe('alert numbers typed with a decimal comma', () => {
  afterEach(() => setDisplayFormat('utc', { thousands: false, decimalComma: false }));
  it('sends "95000,5" as 95000.5 when the decimal comma is on, and refuses grouping marks', () => {
    setDisplayFormat('utc', { thousands: true, decimalComma: true });
    const form = { ...emptyAlertForm('SIM', 'BTC-USDT'), price: '95000,5' };
    const r = alertTicket(form);
    expect(r.ok && r.ticket.kind === 'price' && r.ticket.price).toBe('95000.5');
    expect(alertTicket({ ...form, price: '95.000,5' })).toEqual({ ok: false, problem: 'Price: one decimal mark only, no thousands separators' });
  });
});
