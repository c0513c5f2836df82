/**
 * The loopback venue's numbers: decimal strings on the wire, bigint units of 1e-8 inside. Binance
 * itself keeps every asset, price and quantity at 8 decimals, so 1e-8 holds every value it accepts
 * exactly; bigint because a quote notional (price x quantity) at that scale passes 2^53 easily.
 */

const DECIMALS = 8;
export const ONE = 10n ** BigInt(DECIMALS);

/** Binance's own rule for a decimal parameter (its -1100 message quotes this pattern). */
const LEGAL_DECIMAL = /^([0-9]{1,20})(\.[0-9]{1,20})?$/;

export type ParsedAmount = { ok: true; value: bigint } | { ok: false; reason: 'illegal' | 'precision' };

/** "0.00100000" -> 100000n. More than 8 significant decimals is a precision error, never rounded. */
export function parseAmount(text: string): ParsedAmount {
  const m = LEGAL_DECIMAL.exec(text);
  if (!m) return { ok: false, reason: 'illegal' };
  const whole = m[1]!;
  const frac = (m[2] ?? '').slice(1).replace(/0+$/, '');
  if (frac.length > DECIMALS) return { ok: false, reason: 'precision' };
  return { ok: true, value: BigInt(whole) * ONE + BigInt(frac.padEnd(DECIMALS, '0') || '0') };
}

/** A number written in a configuration or a recording; throws, because a bad one is a test bug. */
export function amount(text: string): bigint {
  const r = parseAmount(text);
  if (!r.ok) throw new Error(`not a Binance decimal with at most 8 decimals: "${text}"`);
  return r.value;
}

/** 100000n -> "0.00100000" (decimals 8) or "0.001" (decimals 3). Digits beyond `decimals` are cut. */
export function formatAmount(value: bigint, decimals = DECIMALS): string {
  const negative = value < 0n;
  const abs = negative ? -value : value;
  const scaled = abs / 10n ** BigInt(DECIMALS - decimals);
  const digits = scaled.toString().padStart(decimals + 1, '0');
  const whole = digits.slice(0, digits.length - decimals);
  const frac = decimals > 0 ? '.' + digits.slice(digits.length - decimals) : '';
  return (negative && scaled !== 0n ? '-' : '') + whole + frac;
}

/** price x quantity (or amount x rate), cut to 1e-8. */
export const mul = (a: bigint, b: bigint): bigint => (a * b) / ONE;

/** price x quantity rounded up to 1e-8: what is reserved or charged, so it never falls short. */
export function mulCeil(a: bigint, b: bigint): bigint {
  const p = a * b;
  const q = p / ONE;
  return p % ONE === 0n ? q : p > 0n ? q + 1n : q;
}

/** The number of decimals a step like 0.01000000 allows (2); a step of 1 or more allows 0. */
export function decimalsOfStep(step: bigint): number {
  let d = DECIMALS;
  let s = step;
  while (d > 0 && s % 10n === 0n) {
    s /= 10n;
    d--;
  }
  return d;
}

export const absBig = (a: bigint): bigint => (a < 0n ? -a : a);

/** 100000000n -> "1", 150000000n -> "1.5": a number written without trailing zeros. */
export function formatPlain(value: bigint): string {
  return formatAmount(value).replace(/\.?0+$/, '');
}

/** At least `decimals` decimals, more only where the value needs them ("20000.05" at 1 decimal). */
export function formatAtLeast(value: bigint, decimals: number): string {
  const full = formatAmount(value);
  const dot = full.indexOf('.');
  let end = full.length;
  while (end > dot + 1 + decimals && full[end - 1] === '0') end--;
  return decimals === 0 && end === dot + 1 ? full.slice(0, dot) : full.slice(0, end);
}
