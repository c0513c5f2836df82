import { afterEach, describe, expect, it } from 'vitest';
import { type AlgoForm, algoFormProblems, algoTicket } from './algoTicket';
import { setDisplayFormat } from './numbers';

const form: AlgoForm = {
  type: 'iceberg', venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', qty: '0,05', limit: '95000,5', durationS: '60', slices: '5', sizeJitter: '',
  rate: '', display: '0,01', reference: 'primary', offsetTicks: '0', riskAversion: '', volatility: '', impact: '', buckets: '', maxParticipation: '0,2', venues: [],
};

describe('the algo ticket with a decimal comma', () => {
  afterEach(() => setDisplayFormat('utc', { thousands: false, decimalComma: false }));

  it('reads "0,05" as 0.05 when the decimal comma is on and sends the plain form', () => {
    setDisplayFormat('utc', { thousands: true, decimalComma: true });
    expect(algoFormProblems(form)).toEqual({});
    const t = algoTicket(form);
    expect(t.qty).toBe('0.05');
    expect(t.limit).toBe('95000.5');
    expect(t.params).toEqual({ type: 'iceberg', display: '0.01' });
    expect(t.maxParticipation).toBe(0.2);
  });

  it('refuses a comma when the decimal comma is off, and grouping marks always', () => {
    expect(algoFormProblems(form).qty).toBe('a positive quantity');
    setDisplayFormat('utc', { thousands: true, decimalComma: true });
    expect(algoFormProblems({ ...form, limit: '95.000,5' }).limit).toBe('a positive price');
  });
});
