import type { AlertMetric, AlertTicket, Notice } from '../../contract/api';
import type { ToastTone } from './toasts';
import { typedDecimal } from './fields';

/**
 * The Alerts panel's and the notice toasts' rules, pure: what the form sends, and how a notice reads as a
 * toast. Fills of one instrument that arrive while their toast is still up are told as one ("12 fills
 * BTC-USDT"), so an algo's burst does not bury everything else.
 */

export type AlertKind = 'price' | 'move' | 'analytics';

/** The form as typed: every field a string or a choice; nothing is checked here that the engine checks. */
export interface AlertForm {
  kind: AlertKind;
  venue: string;
  symbol: string;
  condition: 'crosses' | 'above' | 'below';
  source: 'last' | 'mid';
  price: string;
  percent: string;
  windowSec: string;
  direction: 'up' | 'down' | 'either';
  metric: AlertMetric;
  value: string;
  repeat: 'once' | 'every';
  cooldownSec: string;
  sound: boolean;
  note: string;
}

export const ALERT_METRIC_LABELS: Record<AlertMetric, string> = {
  spread: 'Spread (ticks)',
  imbalance: 'Book imbalance',
  ofi: 'Order-flow imbalance',
  vpin: 'VPIN',
  kyleLambda: "Kyle's lambda",
  pin: 'PIN',
  realisedVol: 'Realised volatility',
};

export function emptyAlertForm(venue: string, symbol: string): AlertForm {
  return {
    kind: 'price',
    venue,
    symbol,
    condition: 'crosses',
    source: 'last',
    price: '',
    percent: '',
    windowSec: '300',
    direction: 'either',
    metric: 'spread',
    value: '',
    repeat: 'once',
    cooldownSec: '60',
    sound: false,
    note: '',
  };
}

/** A whole number of seconds as typed, or undefined when it is not one (the caller names the field). */
function wholeSeconds(text: string): number | undefined {
  const t = text.trim();
  return /^\d+$/.test(t) ? Number(t) : undefined;
}

export type TicketResult = { ok: true; ticket: AlertTicket } | { ok: false; problem: string };

/**
 * The ticket for `alerts.add`. Prices and percentages go as the decimal text typed (the engine turns them
 * into ticks and refuses what is not a whole tick); only what cannot even be sent is refused here.
 */
export function alertTicket(form: AlertForm): TicketResult {
  const common: Pick<AlertTicket, 'venue' | 'symbol' | 'repeat' | 'sound'> & { cooldownSec?: number; note?: string } = {
    venue: form.venue,
    symbol: form.symbol,
    repeat: form.repeat,
    sound: form.sound,
  };
  if (form.repeat === 'every') {
    const cooldown = wholeSeconds(form.cooldownSec);
    if (cooldown === undefined) return { ok: false, problem: 'Cool-down must be a whole number of seconds' };
    common.cooldownSec = cooldown;
  }
  const note = form.note.trim();
  if (note !== '') common.note = note;
  if (form.kind === 'price') {
    if (form.price.trim() === '') return { ok: false, problem: 'Enter a price' };
    const typed = typedDecimal(form.price);
    if (!typed.ok) return { ok: false, problem: `Price: ${typed.error}` };
    const price = typed.text;
    return { ok: true, ticket: { ...common, kind: 'price', condition: form.condition, price, source: form.source } };
  }
  if (form.kind === 'move') {
    if (form.percent.trim() === '') return { ok: false, problem: 'Enter a move in %' };
    const typed = typedDecimal(form.percent);
    if (!typed.ok) return { ok: false, problem: `Move: ${typed.error}` };
    const percent = typed.text;
    const windowSec = wholeSeconds(form.windowSec);
    if (windowSec === undefined) return { ok: false, problem: 'Window must be a whole number of seconds' };
    return { ok: true, ticket: { ...common, kind: 'move', percent, windowSec, direction: form.direction, source: form.source } };
  }
  // A decimal comma typed with the decimal comma on is read as the point; grouping marks are refused.
  const typedValue = typedDecimal(form.value);
  if (!typedValue.ok) return { ok: false, problem: `Value: ${typedValue.error}` };
  const valueText = typedValue.text;
  const value = Number(valueText);
  if (valueText === '' || !Number.isFinite(value)) return { ok: false, problem: 'Enter a number for the value' };
  const condition = form.condition === 'below' ? 'below' : 'above';
  return { ok: true, ticket: { ...common, kind: 'analytics', metric: form.metric, condition, value } };
}

/** What a toast for a notice looks like (state/toasts adds the id and time). */
export interface NoticeToast {
  key: string;
  tone: ToastTone;
  title: string;
  body: string;
  urgency: 'status' | 'alert';
  ttlMs: number;
}

/** Fills of one instrument share a toast: the key is the instrument's. */
export const fillGroupKey = (n: Pick<Notice, 'venue' | 'symbol'>): string => `fills:${n.venue}:${n.symbol ?? ''}`;

/**
 * A notice as a toast. `fillsSoFar` is how many fills of the same instrument the toast on screen already
 * tells (0 when none is up): the next one makes it "N fills SYMBOL" with the latest fill as its body.
 */
export function noticeToast(n: Notice, fillsSoFar = 0): NoticeToast {
  switch (n.kind) {
    case 'fill': {
      const count = fillsSoFar + 1;
      return {
        key: fillGroupKey(n),
        tone: 'good',
        title: count === 1 ? n.title : `${count} fills ${n.symbol ?? n.venue}`,
        body: count === 1 ? n.text : `Latest: ${n.title}`,
        urgency: 'status',
        ttlMs: 6000,
      };
    }
    case 'rejected':
      // The venue's words are the body, unchanged: they are what the trader needs to fix the order.
      return { key: `rejected:${n.seq}`, tone: 'bad', title: n.title, body: n.text, urgency: 'alert', ttlMs: 15_000 };
    case 'breaker':
      return { key: `breaker:${n.venue}:${n.symbol ?? ''}`, tone: 'bad', title: n.title, body: n.text, urgency: 'alert', ttlMs: 15_000 };
    case 'alert':
      return { key: `alert:${n.alertId ?? n.seq}`, tone: 'warn', title: n.title, body: n.text, urgency: 'alert', ttlMs: 12_000 };
  }
}

/** A notice seen twice (a reconnect replays nothing, but two listeners might) is shown once. */
export function isNewNotice(lastSeq: number, n: Pick<Notice, 'seq'>): boolean {
  return n.seq > lastSeq;
}
