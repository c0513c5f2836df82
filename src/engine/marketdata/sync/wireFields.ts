import type { DecimalLevel } from './types';

/**
 * Field readers for venue messages that arrive as parsed JSON (`unknown`). Each returns the value or
 * a string saying what is wrong; the normalisers turn that string into an INVALID_INPUT error value.
 * Quantities and prices stay decimal strings here: conversion to ticks/lots needs the book's scale.
 */
export type Field<T> = { ok: true; value: T } | { ok: false; reason: string };

const UNSIGNED_DECIMAL = /^\d+(?:\.\d+)?$/;
const ZERO = /^0+(?:\.0+)?$/;

export const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** An update id: a JSON integer within 2^53 (a larger one has already lost digits in JSON.parse). */
export function idField(msg: Record<string, unknown>, name: string, min = 0): Field<number> {
  const v = msg[name];
  if (v === undefined) return { ok: false, reason: `missing field "${name}"` };
  if (typeof v !== 'number' || !Number.isInteger(v)) return { ok: false, reason: `field "${name}" must be an integer, got ${JSON.stringify(v)}` };
  if (!Number.isSafeInteger(v)) return { ok: false, reason: `field "${name}" (${v}) is beyond 2^53 and cannot be compared exactly` };
  if (v < min) return { ok: false, reason: `field "${name}" must be >= ${min}, got ${v}` };
  return { ok: true, value: v };
}

/** The same for an id written as text (CSV columns). */
export function idText(text: string, name: string, min = 0): Field<number> {
  if (!/^-?\d+$/.test(text)) return { ok: false, reason: `${name} "${text}" is not an integer` };
  const v = Number(text);
  if (!Number.isSafeInteger(v)) return { ok: false, reason: `${name} ${text} is beyond 2^53 and cannot be compared exactly` };
  if (v < min) return { ok: false, reason: `${name} must be >= ${min}, got ${text}` };
  return { ok: true, value: v };
}

export function stringField(msg: Record<string, unknown>, name: string): Field<string> {
  const v = msg[name];
  if (v === undefined) return { ok: false, reason: `missing field "${name}"` };
  if (typeof v !== 'string') return { ok: false, reason: `field "${name}" must be a string, got ${JSON.stringify(v)}` };
  return { ok: true, value: v };
}

/** Checks one price/quantity pair as text: both unsigned decimals, the price above zero. */
export function checkLevel(price: string, qty: string): string | undefined {
  if (!UNSIGNED_DECIMAL.test(price)) {
    return price.startsWith('-') ? `price "${price}" is negative` : `price "${price}" is not a decimal number`;
  }
  if (ZERO.test(price)) return `price "${price}" must be greater than zero`;
  if (!UNSIGNED_DECIMAL.test(qty)) {
    return qty.startsWith('-') ? `quantity "${qty}" is negative` : `quantity "${qty}" is not a decimal number`;
  }
  return undefined;
}

/** A JSON array of [price, qty] string pairs (extra elements, as in old Binance payloads, are ignored). */
export function levelsField(msg: Record<string, unknown>, name: string): Field<DecimalLevel[]> {
  const v = msg[name];
  if (v === undefined) return { ok: false, reason: `missing field "${name}"` };
  if (!Array.isArray(v)) return { ok: false, reason: `field "${name}" must be an array of [price, qty] pairs` };
  const levels: DecimalLevel[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) {
    const pair: unknown = v[i];
    if (!Array.isArray(pair) || pair.length < 2 || typeof pair[0] !== 'string' || typeof pair[1] !== 'string') {
      return { ok: false, reason: `${name}[${i}] must be a [price, qty] pair of decimal strings, got ${JSON.stringify(pair)}` };
    }
    const bad = checkLevel(pair[0], pair[1]);
    if (bad) return { ok: false, reason: `${name}[${i}]: ${bad}` };
    levels[i] = [pair[0], pair[1]];
  }
  return { ok: true, value: levels };
}
