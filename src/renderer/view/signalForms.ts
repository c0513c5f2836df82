/**
 * The signals settings forms, read into what the engine takes. Only what cannot be sent at all is refused here
 * (an empty field, text that is not a number or not a URL); every range rule is the engine's, and its refusal is
 * shown as it words it.
 */
import type { SignalSourceTicket } from '../../contract/api';
import { typedDecimal } from './fields';

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

/** A decimal as typed ("0.5", "-1", ".25"; "0,5" with the decimal comma on); undefined when it is not one. */
export function parseNumber(text: string): number | undefined {
  const typed = typedDecimal(text);
  if (!typed.ok) return undefined;
  const t = typed.text;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

/** The weights typed per component; an empty field weighs 0 (the component is left out). */
export function parseWeightsForm(texts: Readonly<Record<string, string>>): Parsed<Record<string, number>> {
  const value: Record<string, number> = {};
  const errors: Record<string, string> = {};
  for (const [name, text] of Object.entries(texts)) {
    if (text.trim() === '') {
      value[name] = 0;
      continue;
    }
    const n = parseNumber(text);
    if (n === undefined) errors[name] = 'not a number';
    else value[name] = n;
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value };
}

export type SourceKindChoice = SignalSourceTicket['kind'];

export interface SourceForm {
  kind: SourceKindChoice;
  url: string;
  subreddit: string;
  token: string;
  currencies: string;
  label: string;
  intervalSec: string;
}

export const EMPTY_SOURCE_FORM: SourceForm = { kind: 'rss', url: '', subreddit: '', token: '', currencies: '', label: '', intervalSec: '' };

/** The Add source form as a ticket, or what is wrong with it, field by field. */
export function sourceTicketFromForm(f: SourceForm): Parsed<SignalSourceTicket> {
  const errors: Record<string, string> = {};
  let intervalSec: number | undefined;
  if (f.intervalSec.trim() !== '') {
    const n = parseNumber(f.intervalSec);
    if (n === undefined || !Number.isInteger(n)) errors.intervalSec = 'whole seconds';
    else intervalSec = n;
  }
  const label = f.label.trim() === '' ? undefined : f.label.trim();
  const extra = { ...(intervalSec !== undefined ? { intervalSec } : {}) };
  switch (f.kind) {
    case 'rss': {
      const url = f.url.trim();
      if (url === '') errors.url = 'the feed URL is required';
      else if (!isUrl(url)) errors.url = `not a URL: ${url}`;
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, value: { kind: 'rss', url, ...(label ? { label } : {}), ...extra } };
    }
    case 'reddit': {
      const subreddit = f.subreddit.trim().replace(/^\/?r\//i, '');
      if (subreddit === '') errors.subreddit = 'the subreddit is required';
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, value: { kind: 'reddit', subreddit, ...(label ? { label } : {}), ...extra } };
    }
    case 'cryptopanic': {
      const token = f.token.trim();
      if (token === '') errors.token = 'the API token is required';
      const currencies = f.currencies
        .split(/[\s,]+/)
        .map((c) => c.trim().toUpperCase())
        .filter((c) => c !== '');
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, value: { kind: 'cryptopanic', token, ...(currencies.length > 0 ? { currencies } : {}), ...extra } };
    }
    case 'fearGreed':
      if (Object.keys(errors).length > 0) return { ok: false, errors };
      return { ok: true, value: { kind: 'fearGreed', ...extra } };
  }
}

/** Parses as an absolute URL; which schemes and hosts a source may use is the engine's rule (it says why it refuses). */
function isUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

export interface AlertForm {
  instrument: string;
  signal: string;
  direction: 'above' | 'below';
  threshold: string;
  hysteresis: string;
}

export interface AlertInput {
  instrument: string;
  signal: string;
  direction: 'above' | 'below';
  threshold: number;
  hysteresis?: number;
}

export function alertFromForm(f: AlertForm): Parsed<AlertInput> {
  const errors: Record<string, string> = {};
  const instrument = f.instrument.trim();
  if (instrument === '') errors.instrument = 'the instrument is required';
  const threshold = parseNumber(f.threshold);
  if (threshold === undefined) errors.threshold = f.threshold.trim() === '' ? 'the threshold is required' : 'not a number';
  let hysteresis: number | undefined;
  if (f.hysteresis.trim() !== '') {
    hysteresis = parseNumber(f.hysteresis);
    if (hysteresis === undefined) errors.hysteresis = 'not a number';
  }
  if (Object.keys(errors).length > 0 || threshold === undefined) return { ok: false, errors };
  return { ok: true, value: { instrument, signal: f.signal, direction: f.direction, threshold, ...(hysteresis !== undefined ? { hysteresis } : {}) } };
}
