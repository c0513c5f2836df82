import { describe, expect, it } from 'vitest';
import { configWithOptionForm, optionFormFromConfig, optionSlotFromEngineMessage } from './optionLimits';
import type { RiskLimitsConfig } from './risk';

const base: RiskLimitsConfig = {
  defaults: { maxOrderQty: '5' },
  instruments: {},
  options: { defaults: { maxDelta: '10' }, underlyings: { 'kite:NIFTY': { maxVega: '5000' } } },
};

describe('the option limits form', () => {
  it('shows the defaults, every configured underlying and every held one', () => {
    const form = optionFormFromConfig(base, ['SIM:BTC-USDT']);
    expect(form).toEqual({
      defaults: { maxDelta: '10', maxVega: '' },
      underlyings: { 'SIM:BTC-USDT': { maxDelta: '', maxVega: '' }, 'kite:NIFTY': { maxDelta: '', maxVega: '5000' } },
    });
  });

  it('writes the form back, dropping rows with nothing set and keeping every other setting', () => {
    const form = optionFormFromConfig(base, ['SIM:BTC-USDT']);
    form.underlyings['SIM:BTC-USDT']!.maxDelta = ' 2.5 ';
    form.underlyings['kite:NIFTY']!.maxVega = '';
    form.defaults.maxVega = '300';
    const built = configWithOptionForm(base, form);
    expect(built).toEqual({
      ok: true,
      config: { defaults: { maxOrderQty: '5' }, instruments: {}, options: { defaults: { maxDelta: '10', maxVega: '300' }, underlyings: { 'SIM:BTC-USDT': { maxDelta: '2.5' } } } },
    });
    const cleared = configWithOptionForm(base, { defaults: { maxDelta: '', maxVega: '' }, underlyings: { 'kite:NIFTY': { maxDelta: '', maxVega: '' } } });
    expect(cleared).toEqual({ ok: true, config: { defaults: { maxOrderQty: '5' }, instruments: {} } });
  });

  it('refuses what is not a number, pointing at the input; maps the engine refusals to their inputs', () => {
    const form = optionFormFromConfig(base, ['SIM:BTC-USDT']);
    form.underlyings['SIM:BTC-USDT']!.maxVega = '-3';
    expect(configWithOptionForm(base, form)).toEqual({ ok: false, slot: { row: 'SIM:BTC-USDT', field: 'maxVega' }, message: 'SIM:BTC-USDT max vega must be a decimal number like 2.5, got "-3"' });
    expect(optionSlotFromEngineMessage('options.defaults.maxDelta must be a decimal')).toEqual({ row: 'defaults', field: 'maxDelta' });
    expect(optionSlotFromEngineMessage('options.underlyings["SIM:BTC-USDT"].maxVega is too large')).toEqual({ row: 'SIM:BTC-USDT', field: 'maxVega' });
    expect(optionSlotFromEngineMessage('defaults.maxOrderQty bad')).toBeUndefined();
  });
});
