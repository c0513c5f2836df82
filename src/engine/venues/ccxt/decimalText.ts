/**
 * ccxt hands amounts over as JavaScript numbers, parsed from the venue's decimal text. The shortest
 * text that reads back as the same double is that decimal text again (for the up-to-15 significant
 * digits venues write), so it is recovered here exactly (float residue from ccxt's own arithmetic cut at
 * 15 significant digits), exponent forms ("1e-8") included, and from
 * then on only integers and decimal strings are used, never float arithmetic.
 */
import { decimalStep, parseScaledCeil, type DecimalStep } from '../../core';

/** 1e-8 -> "0.00000001", 20000 -> "20000", 0.1 -> "0.1"; undefined for NaN, infinities and negatives. */
export function decimalText(n: number): string | undefined {
  if (!Number.isFinite(n) || n < 0) return undefined;
  // 15 significant digits: every decimal a venue writes (at most 15 of them) survives, while the
  // residue of float arithmetic ccxt may have done (0.1 + 0.2 = 0.30000000000000004) does not.
  const text = String(Number(n.toPrecision(15)));
  const m = /^(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(text);
  if (!m) return undefined;
  const digits = (m[1] ?? '') + (m[2] ?? '');
  // The decimal point sits after `point` digits of `digits`.
  const point = (m[1] ?? '').length + Number(m[3] ?? '0');
  let out: string;
  if (point <= 0) out = '0.' + '0'.repeat(-point) + digits;
  else if (point >= digits.length) out = digits + '0'.repeat(point - digits.length);
  else out = digits.slice(0, point) + '.' + digits.slice(point);
  out = out.replace(/^0+(?=\d)/, '');
  return out.includes('.') ? out.replace(/\.?0+$/, '') : out;
}

/** Signed variant for values that may be negative (positions, PnL). */
export function signedDecimalText(n: number): string | undefined {
  if (n < 0) {
    const t = decimalText(-n);
    return t === undefined ? undefined : t === '0' ? '0' : '-' + t;
  }
  return decimalText(n);
}

/** A positive decimal step as an integer count of 10^-decimals: 0.01 -> { units: 1, decimals: 2 }. */
export function stepOf(n: number | undefined): DecimalStep | undefined {
  return n === undefined ? undefined : decimalStep(decimalText(n));
}

/** A decimal amount as an integer count of 10^-decimals, or undefined if it has more decimals. */
export function scaledExact(n: number, decimals: number): number | undefined {
  const text = decimalText(n);
  if (text === undefined) return undefined;
  const [whole = '0', frac = ''] = text.split('.');
  if (frac.length > decimals) return undefined;
  const v = Number(BigInt(whole + frac.padEnd(decimals, '0')));
  return Number.isSafeInteger(v) ? v : undefined;
}

/** As scaledExact, rounded up when it has more decimals (a minimum must never be understated). */
export function scaledUp(n: number, decimals: number): number | undefined {
  const text = decimalText(n);
  return text === undefined ? undefined : parseScaledCeil(text, decimals);
}

/** As scaledExact, rounded half up (fees reported with more decimals than our quote units hold). */
export function scaledRound(n: number, decimals: number): number | undefined {
  const text = decimalText(n);
  if (text === undefined) return undefined;
  const [whole = '0', frac = ''] = text.split('.');
  const kept = BigInt(whole + frac.slice(0, decimals).padEnd(decimals, '0'));
  const v = Number(kept + ((frac[decimals] ?? '0') >= '5' ? 1n : 0n));
  return Number.isSafeInteger(v) ? v : undefined;
}
