/**
 * Exact conversion between decimal strings (the venue and UI edges) and scaled integers
 * (everything inside the engine). No floating point is involved in either direction.
 */

const DECIMAL = /^(-)?(\d+)(?:\.(\d+))?$/;

export type ParseResult = { ok: true; value: number } | { ok: false; reason: string };

/** "123.45" with scale 3 -> 123450. Rejects more decimals than `scale` rather than rounding. */
export function parseScaled(text: string, scale: number): ParseResult {
  const m = DECIMAL.exec(text.trim());
  if (!m) return { ok: false, reason: 'not a number' };
  const [, minus, whole, frac = ''] = m;
  const significant = frac.replace(/0+$/, '');
  if (significant.length > scale) return { ok: false, reason: `at most ${scale} decimals` };
  const digits = BigInt(whole + significant.padEnd(scale, '0'));
  const value = minus ? -digits : digits;
  if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < -BigInt(Number.MAX_SAFE_INTEGER)) {
    return { ok: false, reason: 'too large' };
  }
  return { ok: true, value: Number(value) };
}

/**
 * A non-negative decimal rounded up to `scale` decimals, as an integer: "10.0000001" with scale 3 ->
 * 10001 (a minimum must never be understated). Undefined when it is not a plain non-negative decimal
 * or does not fit a safe integer.
 */
export function parseScaledCeil(text: string, scale: number): number | undefined {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  const kept = BigInt((m[1] ?? '0') + frac.slice(0, scale).padEnd(scale, '0'));
  const v = kept + (/[1-9]/.test(frac.slice(scale)) ? 1n : 0n);
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : undefined;
}

/** A positive decimal step as `units` of 10^-`decimals`. */
export interface DecimalStep {
  units: number;
  decimals: number;
}

/**
 * A venue's tick or lot size as integer units of its significant decimals: "0.01000000" ->
 * { units: 1, decimals: 2 }; "0.50" -> { units: 5, decimals: 1 }; "1.00" -> { units: 1, decimals: 0 }.
 * Undefined when it is not a plain positive decimal or its units do not fit a safe integer.
 */
export function decimalStep(text: string | undefined): DecimalStep | undefined {
  const m = text === undefined ? null : /^(\d+)(?:\.(\d+))?$/.exec(text);
  if (!m) return undefined;
  const frac = (m[2] ?? '').replace(/0+$/, '');
  const units = Number(BigInt((m[1] ?? '0') + frac));
  return units > 0 && Number.isSafeInteger(units) ? { units, decimals: frac.length } : undefined;
}

/** 123450 with scale 3 -> "123.450". Works for negative values and bigint. */
export function formatScaled(value: number | bigint, scale: number): string {
  const v = BigInt(value);
  const negative = v < 0n;
  const digits = (negative ? -v : v).toString().padStart(scale + 1, '0');
  const whole = digits.slice(0, digits.length - scale);
  const frac = scale > 0 ? '.' + digits.slice(digits.length - scale) : '';
  return (negative ? '-' : '') + whole + frac;
}

/** Integer division rounding half away from zero; for averages and fees. */
export function divRound(numerator: number, denominator: number): number {
  if (denominator === 0) throw new RangeError('division by zero');
  const q = Math.trunc(numerator / denominator);
  const r = numerator - q * denominator;
  if (2 * Math.abs(r) >= Math.abs(denominator)) return q + Math.sign(numerator) * Math.sign(denominator);
  return q;
}

/** Integer division rounding up (towards +infinity); fees are charged rounded up. */
export function divCeil(numerator: number, denominator: number): number {
  return -Math.floor(-numerator / denominator);
}
