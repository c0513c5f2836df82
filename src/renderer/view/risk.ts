import type { KillState, RiskState } from '../../contract/api';
import { numberText } from './numbers';
import { typedDecimal } from './fields';

/**
 * The risk panel's pure side: how full a limit is, what colour that is, and the limits form <-> the
 * engine's configuration. The engine checks every value; the view only catches what is plainly not a
 * number before sending.
 */

export type RiskLimitsConfig = RiskState['limits'];
export type LimitSpec = RiskLimitsConfig['defaults'];
export type RiskUtilisation = RiskState['utilisation'];
export type LimitUse = RiskUtilisation['instruments'][number]['long'];
export type RateUse = NonNullable<RiskUtilisation['account']['orderRate']>;
export type BreakerView = RiskState['breakers'][number];
export type BreakerTransition = RiskState['breakerLog'][number];
export type CancelOutcome = NonNullable<KillState['lastCancel']>;

/** green below 70% of a limit, amber below 90%, red from there; 'none' when there is no limit. */
export type UsageLevel = 'ok' | 'warn' | 'high' | 'none';

export function usageLevel(fraction: number | undefined): UsageLevel {
  if (fraction === undefined || !Number.isFinite(fraction)) return 'none';
  if (fraction < 0.7) return 'ok';
  if (fraction < 0.9) return 'warn';
  return 'high';
}

/** Whole percent for a label, floored so 89.9% never reads as "90%" while the bar is still amber. */
export function usagePercent(fraction: number | undefined): number | undefined {
  if (fraction === undefined || !Number.isFinite(fraction)) return undefined;
  return Math.max(0, Math.floor(fraction * 100));
}

/** Bar fill width in percent: over the limit still fills exactly the bar. */
export function barWidth(fraction: number | undefined): number {
  if (fraction === undefined || !Number.isFinite(fraction)) return 0;
  return Math.min(100, Math.max(0, fraction * 100));
}

/** The trailing unit of an engine amount ("0.5 BTC" -> "BTC"), or '' for a bare count. */
function unitOf(text: string): string {
  const m = /\s(\S+)$/.exec(text);
  return m ? m[1]! : '';
}

/** "0.5 / 2 BTC" (the unit once when both share it), or "3 · no limit". */
export function usageText(use: LimitUse): string {
  const n = numberText; // the engine's plain amounts, written in the Settings' format
  if (use.limit === undefined) return `${n(use.used)} · no limit`;
  const unit = unitOf(use.used);
  if (unit && unitOf(use.limit) === unit) return `${n(withoutUnit(use.used))} / ${n(use.limit)}`;
  return `${n(use.used)} / ${n(use.limit)}`;
}

/** As usageText without units, for a narrow cell whose row already names the unit: "0.5 / 2", "0 · no limit". */
export function shortUsageText(use: LimitUse): string {
  if (use.limit === undefined) return `${numberText(withoutUnit(use.used))} · no limit`;
  return `${numberText(withoutUnit(use.used))} / ${numberText(withoutUnit(use.limit))}`;
}

/** "0.5 BTC" -> "0.5"; text that is not a number with a unit is left as it is. */
export const withoutUnit = (text: string): string => {
  const unit = unitOf(text);
  return unit && /^[-+\d.,]+$/.test(text.slice(0, -unit.length - 1)) ? text.slice(0, -unit.length - 1) : text;
};

/** A token bucket as a limit use: orders taken from the burst right now. */
export function rateUse(rate: RateUse | undefined): LimitUse {
  if (!rate) return { used: '0', limit: undefined, fraction: undefined };
  const taken = Math.max(0, rate.burst - rate.available);
  return { used: String(taken), limit: String(rate.burst), fraction: rate.fraction };
}

/** The worst level anywhere in the state, for the tab's warning dot; an OPEN breaker or engaged switch is 'high'. */
export function riskAttention(state: RiskState | null, killEngaged = false): UsageLevel {
  if (killEngaged) return 'high';
  if (!state) return 'none';
  if (state.breakers.some((b) => b.state !== 'CLOSED')) return 'high';
  const u = state.utilisation;
  const uses: (LimitUse | undefined)[] = [
    u.account.openOrders,
    ...u.venues.map((v) => v.openOrders),
    ...u.instruments.flatMap((i) => [i.long, i.short, i.openOrders]),
    ...u.currencies.flatMap((c) => [c.grossExposure, c.dailyLoss]),
    ...(u.options ?? []).flatMap((o) => [o.delta, o.vega]),
  ];
  const fractions = uses.map((x) => x?.fraction);
  const rates = [u.account.orderRate, ...u.venues.map((v) => v.orderRate)].map((r) => r?.fraction);
  const rank: Record<UsageLevel, number> = { none: 0, ok: 1, warn: 2, high: 3 };
  let worst: UsageLevel = 'none';
  for (const f of [...fractions, ...rates]) {
    const level = usageLevel(f);
    if (rank[level] > rank[worst]) worst = level;
  }
  return worst;
}

/** Seconds until an OPEN breaker lets a probe through, rounded up; 0 once due. */
export function secondsUntil(at: number | undefined, now: number): number | undefined {
  if (at === undefined) return undefined;
  return Math.max(0, Math.ceil((at - now) / 1000));
}

/** "SIM" for a venue breaker, "SIM:BTC-USDT" for an instrument's. */
export const scopeText = (b: { venue: string; symbol?: string }): string => (b.symbol ? `${b.venue}:${b.symbol}` : b.venue);

/** Breakers needing attention first (OPEN, then HALF_OPEN), then venues before instruments, then by name. */
export function sortBreakers(list: readonly BreakerView[]): BreakerView[] {
  const rank = { OPEN: 0, HALF_OPEN: 1, CLOSED: 2 } as const;
  return [...list].sort(
    (a, b) =>
      rank[a.state] - rank[b.state] ||
      (a.scope === b.scope ? 0 : a.scope === 'venue' ? -1 : 1) ||
      scopeText(a).localeCompare(scopeText(b)),
  );
}

// --- the limits form -------------------------------------------------------------------------------

/** The per-instrument limits the form edits, in display order; the engine's other settings pass through untouched. */
export const instrumentFields = [
  'maxOrderQty',
  'maxOrderNotional',
  'maxLongPosition',
  'maxShortPosition',
  'priceCollarPct',
  'maxOpenOrders',
  'duplicateWindowMs',
] as const;
export type InstrumentField = (typeof instrumentFields)[number];

/** Counts and durations are whole numbers; the rest are decimal amounts in the instrument's units. */
const countFields = new Set<InstrumentField>(['maxOpenOrders', 'duplicateWindowMs']);

export const fieldLabels: Record<InstrumentField, string> = {
  maxOrderQty: 'Max order qty',
  maxOrderNotional: 'Max order value',
  maxLongPosition: 'Max long',
  maxShortPosition: 'Max short',
  priceCollarPct: 'Price collar %',
  maxOpenOrders: 'Max open orders',
  duplicateWindowMs: 'Duplicate window ms',
};

/** Which unit a field is written in, for the instrument the form is showing. */
export function fieldUnit(field: InstrumentField, base: string, quote: string): string {
  switch (field) {
    case 'maxOrderQty':
    case 'maxLongPosition':
    case 'maxShortPosition':
      return base;
    case 'maxOrderNotional':
      return quote;
    case 'priceCollarPct':
      return '%';
    case 'maxOpenOrders':
      return 'orders';
    case 'duplicateWindowMs':
      return 'ms';
  }
}

type FieldTexts = Record<InstrumentField, string>;

/** Everything the form shows as text: '' means no limit (in the override column: use the default). */
export interface LimitsForm {
  defaults: FieldTexts;
  override: FieldTexts;
  dailyLoss: string;
  grossExposure: string;
}

/** Where a form value lives, to point at the input an error is about. */
export type FormSlot = { column: 'defaults' | 'override'; field: InstrumentField } | { column: 'account'; field: 'dailyLoss' | 'grossExposure' };

export const slotKey = (slot: FormSlot): string => `${slot.column}.${slot.field}`;

function textsOf(spec: LimitSpec | undefined): FieldTexts {
  const out = {} as FieldTexts;
  for (const f of instrumentFields) {
    const v = spec?.[f];
    out[f] = v === undefined ? '' : String(v);
  }
  return out;
}

export function formFromConfig(config: RiskLimitsConfig, instrumentKey: string, currency: string): LimitsForm {
  return {
    defaults: textsOf(config.defaults),
    override: textsOf(config.instruments[instrumentKey]),
    dailyLoss: config.account?.maxDailyLoss?.[currency] ?? '',
    grossExposure: config.account?.maxGrossExposure?.[currency] ?? '',
  };
}

export const sameForm = (a: LimitsForm, b: LimitsForm): boolean => JSON.stringify(a) === JSON.stringify(b);

const DECIMAL = /^\d+(\.\d+)?$/;
const WHOLE = /^\d+$/;

export type FormResult = { ok: true; config: RiskLimitsConfig } | { ok: false; slot: FormSlot; message: string };

/**
 * The whole configuration to send: `base` (the engine's current one) with the form's fields replaced.
 * A blank field removes that limit (or, in the override column, falls back to the default); an
 * instrument left with no override at all is dropped. Settings the form does not show are kept.
 */
export function configFromForm(
  base: RiskLimitsConfig,
  form: LimitsForm,
  instrumentKey: string,
  currency: string,
  names: { instrument: string } = { instrument: instrumentKey },
): FormResult {
  type Applied = { ok: true; spec: LimitSpec } | { ok: false; slot: FormSlot; message: string };
  const apply = (spec: LimitSpec | undefined, texts: FieldTexts, column: 'defaults' | 'override', who: string): Applied => {
    const out: Record<string, unknown> = { ...spec };
    for (const field of instrumentFields) {
      const text = texts[field].trim();
      const what = `${who} ${fieldLabels[field].toLowerCase()}`;
      if (text === '') delete out[field];
      else if (countFields.has(field)) {
        if (!WHOLE.test(text)) return { ok: false, slot: { column, field }, message: `${what} must be a whole number, got "${text}"` };
        out[field] = Number(text);
      } else {
        // A decimal comma typed with it on goes to the engine as the plain decimal it reads.
        const typed = typedDecimal(text);
        if (!typed.ok || !DECIMAL.test(typed.text)) return { ok: false, slot: { column, field }, message: `${what} must be a decimal number like 2.5, got "${text}"` };
        out[field] = typed.text;
      }
    }
    return { ok: true, spec: out as LimitSpec };
  };

  const defaults = apply(base.defaults, form.defaults, 'defaults', 'Default');
  if (!defaults.ok) return defaults;
  const override = apply(base.instruments[instrumentKey], form.override, 'override', names.instrument);
  if (!override.ok) return override;

  const instruments = { ...base.instruments };
  if (Object.keys(override.spec).length > 0) instruments[instrumentKey] = override.spec;
  else delete instruments[instrumentKey];

  const account = { ...base.account };
  for (const [field, key, label] of [
    ['dailyLoss', 'maxDailyLoss', 'Max daily loss'],
    ['grossExposure', 'maxGrossExposure', 'Max gross exposure'],
  ] as const) {
    const text = form[field].trim();
    const map: Record<string, string> = { ...account[key] };
    if (text === '') delete map[currency];
    else if (!DECIMAL.test(text)) {
      return { ok: false, slot: { column: 'account', field }, message: `${label} must be a decimal number like 2.5, got "${text}"` };
    } else map[currency] = text;
    if (Object.keys(map).length > 0) account[key] = map;
    else delete account[key];
  }

  const config: RiskLimitsConfig = { ...base, defaults: defaults.spec, instruments };
  if (Object.keys(account).length > 0) config.account = account;
  else delete config.account;
  return { ok: true, config };
}

/**
 * The input an engine refusal is about, from the field path its message starts with
 * ("defaults.maxOrderQty must be ...", 'instruments["SIM:BTC-USDT"].maxLongPosition ...',
 * "account.maxDailyLoss for USDT ..."), when that input is on the form.
 */
export function slotFromEngineMessage(message: string, instrumentKey: string): FormSlot | undefined {
  const isField = (f: string): f is InstrumentField => (instrumentFields as readonly string[]).includes(f);
  const d = /^defaults\.(\w+)/.exec(message);
  if (d && isField(d[1]!)) return { column: 'defaults', field: d[1] };
  const i = /^instruments\[("(?:[^"\\]|\\.)*")\]\.(\w+)/.exec(message);
  if (i && JSON.parse(i[1]!) === instrumentKey && isField(i[2]!)) return { column: 'override', field: i[2] };
  if (/^account\.maxDailyLoss\b/.test(message)) return { column: 'account', field: 'dailyLoss' };
  if (/^account\.maxGrossExposure\b/.test(message)) return { column: 'account', field: 'grossExposure' };
  return undefined;
}

// --- the breaker settings form ---------------------------------------------------------------------

export type BreakerLimits = NonNullable<RiskLimitsConfig['breakers']>;
export type BreakerSpec = NonNullable<BreakerLimits['defaults']>;

/** Every circuit breaker setting, in display order: the triggers, then recovery timing. */
export const breakerFields = [
  'maxRejectPct',
  'rejectMinSamples',
  'rejectWindowMs',
  'maxErrors',
  'errorWindowMs',
  'maxAckLatencyMs',
  'slowAcksToTrip',
  'staleBook',
  'initialBackoffMs',
  'maxBackoffMs',
  'probeTimeoutMs',
] as const;
export type BreakerField = (typeof breakerFields)[number];

export const breakerFieldLabels: Record<BreakerField, string> = {
  maxRejectPct: 'Trip above reject rate',
  rejectMinSamples: '…once answers reach',
  rejectWindowMs: '…within',
  maxErrors: 'Trip above venue errors',
  errorWindowMs: '…within',
  maxAckLatencyMs: 'Slow ack above',
  slowAcksToTrip: 'Trip after slow acks',
  staleBook: 'Trip on stale data',
  initialBackoffMs: 'First backoff',
  maxBackoffMs: 'Longest backoff',
  probeTimeoutMs: 'Probe answer within',
};

export const breakerFieldUnit: Record<BreakerField, string> = {
  maxRejectPct: '%',
  rejectMinSamples: 'answers',
  rejectWindowMs: 'ms',
  maxErrors: 'errors',
  errorWindowMs: 'ms',
  maxAckLatencyMs: 'ms',
  slowAcksToTrip: 'in a row',
  staleBook: '',
  initialBackoffMs: 'ms',
  maxBackoffMs: 'ms',
  probeTimeoutMs: 'ms',
};

/** What applies where no scope sets a field (the engine's defaults): a trigger nobody sets is off. */
export const breakerBuiltIn: Record<BreakerField, string> = {
  maxRejectPct: 'off',
  rejectMinSamples: '10',
  rejectWindowMs: '60000',
  maxErrors: 'off',
  errorWindowMs: '10000',
  maxAckLatencyMs: 'off',
  slowAcksToTrip: '3',
  staleBook: 'off',
  initialBackoffMs: '1000',
  maxBackoffMs: '60000',
  probeTimeoutMs: '5000',
};

/** The three scopes the form edits: everything, the focused instrument's venue, the focused instrument. */
export type BreakerColumn = 'defaults' | 'venue' | 'instrument';
export const breakerColumns: readonly BreakerColumn[] = ['defaults', 'venue', 'instrument'];

/** Every setting as text: '' = not set in that scope (the broader one applies); staleBook 'on' / 'off'. */
export type BreakerTexts = Record<BreakerField, string>;
export type BreakerForm = Record<BreakerColumn, BreakerTexts>;
export type BreakerSlot = { column: BreakerColumn; field: BreakerField };

function breakerTexts(spec: BreakerSpec | undefined): BreakerTexts {
  const out = {} as BreakerTexts;
  for (const f of breakerFields) {
    const v = spec?.[f];
    out[f] = v === undefined ? '' : typeof v === 'boolean' ? (v ? 'on' : 'off') : String(v);
  }
  return out;
}

export function breakerFormFromConfig(config: RiskLimitsConfig, venue: string, instrumentKey: string): BreakerForm {
  const b = config.breakers;
  return {
    defaults: breakerTexts(b?.defaults),
    venue: breakerTexts(b?.venues?.[venue]),
    instrument: breakerTexts(b?.instruments?.[instrumentKey]),
  };
}

export const sameBreakerForm = (a: BreakerForm, b: BreakerForm): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What a column's empty input stands for: the value of the next broader scope, or the engine's default. */
export function inheritedBreakerText(form: BreakerForm, column: BreakerColumn, field: BreakerField): string {
  const chain: BreakerColumn[] = column === 'instrument' ? ['venue', 'defaults'] : column === 'venue' ? ['defaults'] : [];
  for (const c of chain) if (form[c][field] !== '') return form[c][field];
  return breakerBuiltIn[field];
}

export type BreakerFormResult = { ok: true; config: RiskLimitsConfig } | { ok: false; slot: BreakerSlot; message: string };

const columnName = (column: BreakerColumn, names: { venue: string; instrument: string }): string =>
  column === 'defaults' ? 'Default' : column === 'venue' ? names.venue : names.instrument;

/**
 * The whole configuration to send: `base` with the breaker settings of the three scopes replaced by
 * the form's (other venues' and instruments' settings, and every limit, kept as they are). A scope
 * left with nothing set is dropped, as is an empty breakers section. Only what is plainly not a
 * whole number is caught here; the engine checks the rest (ranges, backoffs that do not fit).
 */
export function configWithBreakerForm(
  base: RiskLimitsConfig,
  form: BreakerForm,
  venue: string,
  instrumentKey: string,
  names: { venue: string; instrument: string } = { venue, instrument: instrumentKey },
): BreakerFormResult {
  const specs = {} as Record<BreakerColumn, BreakerSpec>;
  for (const column of breakerColumns) {
    const spec: Record<string, unknown> = {};
    for (const field of breakerFields) {
      const text = form[column][field].trim();
      if (text === '') continue;
      const what = `${columnName(column, names)} ${breakerFieldLabels[field].replace(/^…/, '').toLowerCase()}`;
      if (field === 'staleBook') {
        if (text !== 'on' && text !== 'off') return { ok: false, slot: { column, field }, message: `${what} must be on or off, got "${text}"` };
        spec[field] = text === 'on';
      } else if (!WHOLE.test(text)) {
        return { ok: false, slot: { column, field }, message: `${what} must be a whole number, got "${text}"` };
      } else spec[field] = Number(text);
    }
    specs[column] = spec as BreakerSpec;
  }
  const withScope = (map: Record<string, BreakerSpec> | undefined, key: string, spec: BreakerSpec): Record<string, BreakerSpec> => {
    const next = { ...map };
    if (Object.keys(spec).length > 0) next[key] = spec;
    else delete next[key];
    return next;
  };
  const breakers: BreakerLimits = {};
  if (Object.keys(specs.defaults).length > 0) breakers.defaults = specs.defaults;
  const venues = withScope(base.breakers?.venues, venue, specs.venue);
  if (Object.keys(venues).length > 0) breakers.venues = venues;
  const instruments = withScope(base.breakers?.instruments, instrumentKey, specs.instrument);
  if (Object.keys(instruments).length > 0) breakers.instruments = instruments;
  const config: RiskLimitsConfig = { ...base, breakers };
  if (Object.keys(breakers).length === 0) delete config.breakers;
  return { ok: true, config };
}

/**
 * The input an engine refusal of breaker settings is about ('breakers.defaults.maxErrors must be ...',
 * 'breakers.venues["SIM"].initialBackoffMs 5000 is above ...'), when that input is on the form.
 */
export function breakerSlotFromEngineMessage(message: string, venue: string, instrumentKey: string): BreakerSlot | undefined {
  const isField = (f: string): f is BreakerField => (breakerFields as readonly string[]).includes(f);
  const d = /^breakers\.defaults\.(\w+)/.exec(message);
  if (d && isField(d[1]!)) return { column: 'defaults', field: d[1] };
  const scoped = /^breakers\.(venues|instruments)\[("(?:[^"\\]|\\.)*")\]\.(\w+)/.exec(message);
  if (!scoped || !isField(scoped[3]!)) return undefined;
  const key = JSON.parse(scoped[2]!) as string;
  if (scoped[1] === 'venues' && key === venue) return { column: 'venue', field: scoped[3] };
  if (scoped[1] === 'instruments' && key === instrumentKey) return { column: 'instrument', field: scoped[3] };
  return undefined;
}
