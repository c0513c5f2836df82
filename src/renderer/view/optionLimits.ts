import type { RiskLimitsConfig } from './risk';

/**
 * The option limits form (risk's `options` section): max |delta| and max |vega| per underlying, a
 * default row for every underlying and one row per underlying ("SIM:BTC-USDT"). '' = no limit (in an
 * underlying's row: the default). The engine checks every value; this only catches what is not a number.
 */
export const greekFields = ['maxDelta', 'maxVega'] as const;
export type GreekField = (typeof greekFields)[number];
export type GreekTexts = Record<GreekField, string>;

export interface OptionLimitsForm {
  defaults: GreekTexts;
  /** By underlying key, in display order. */
  underlyings: Record<string, GreekTexts>;
}

/** Where a value lives: the defaults row or an underlying's. */
export type OptionSlot = { row: 'defaults' | string; field: GreekField };
export const optionSlotKey = (slot: OptionSlot): string => `${slot.row}.${slot.field}`;

export const greekLabels: Record<GreekField, string> = { maxDelta: 'Max delta', maxVega: 'Max vega' };

const texts = (spec: { maxDelta?: string; maxVega?: string } | undefined): GreekTexts => ({ maxDelta: spec?.maxDelta ?? '', maxVega: spec?.maxVega ?? '' });

/** The form for the configuration, with a row for each underlying configured or `shown` (held, in utilisation). */
export function optionFormFromConfig(config: RiskLimitsConfig, shown: readonly string[]): OptionLimitsForm {
  const configured = config.options?.underlyings ?? {};
  const keys = [...new Set([...Object.keys(configured), ...shown])].sort();
  return { defaults: texts(config.options?.defaults), underlyings: Object.fromEntries(keys.map((k) => [k, texts(configured[k])])) };
}

export const sameOptionForm = (a: OptionLimitsForm, b: OptionLimitsForm): boolean => JSON.stringify(a) === JSON.stringify(b);

const DECIMAL = /^\d+(\.\d+)?$/;

export type OptionFormResult = { ok: true; config: RiskLimitsConfig } | { ok: false; slot: OptionSlot; message: string };

/** `base` with its option limits replaced by the form's; an underlying with no value set is dropped, as is an empty section. */
export function configWithOptionForm(base: RiskLimitsConfig, form: OptionLimitsForm): OptionFormResult {
  type Spec = Partial<Record<GreekField, string>>;
  const specOf = (t: GreekTexts, row: string, who: string): { ok: true; spec: Spec } | { ok: false; slot: OptionSlot; message: string } => {
    const spec: Spec = {};
    for (const field of greekFields) {
      const text = t[field].trim();
      if (text === '') continue;
      if (!DECIMAL.test(text)) return { ok: false, slot: { row, field }, message: `${who} ${greekLabels[field].toLowerCase()} must be a decimal number like 2.5, got "${text}"` };
      spec[field] = text;
    }
    return { ok: true, spec };
  };
  const defaults = specOf(form.defaults, 'defaults', 'Default');
  if (!defaults.ok) return defaults;
  const underlyings: Record<string, Spec> = { ...base.options?.underlyings };
  for (const [key, t] of Object.entries(form.underlyings)) {
    const s = specOf(t, key, key);
    if (!s.ok) return s;
    if (Object.keys(s.spec).length > 0) underlyings[key] = s.spec;
    else delete underlyings[key];
  }
  const options: NonNullable<RiskLimitsConfig['options']> = {};
  if (Object.keys(defaults.spec).length > 0) options.defaults = defaults.spec;
  if (Object.keys(underlyings).length > 0) options.underlyings = underlyings;
  const config: RiskLimitsConfig = { ...base, options };
  if (Object.keys(options).length === 0) delete config.options;
  return { ok: true, config };
}

/** The input an engine refusal names ('options.defaults.maxDelta ...', 'options.underlyings["SIM:BTC-USDT"].maxVega ...'). */
export function optionSlotFromEngineMessage(message: string): OptionSlot | undefined {
  const isField = (f: string): f is GreekField => (greekFields as readonly string[]).includes(f);
  const d = /^options\.defaults\.(\w+)/.exec(message);
  if (d && isField(d[1]!)) return { row: 'defaults', field: d[1] };
  const u = /^options\.underlyings\[("(?:[^"\\]|\\.)*")\]\.(\w+)/.exec(message);
  if (u && isField(u[2]!)) return { row: JSON.parse(u[1]!) as string, field: u[2] };
  return undefined;
}
