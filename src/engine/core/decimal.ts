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
