import { z } from 'zod';
import { parseScaled, SqError } from '../../core';
import { formatPrice, type Instrument, parsePrice } from '../../instruments';
import {
  ALERT_METRICS,
  type AlertSpec,
  type AlertTicket,
  DEFAULT_COOLDOWN_SEC,
  MAX_COOLDOWN_SEC,
  MAX_MOVE_WINDOW_SEC,
  MAX_NOTE_LENGTH,
  MIN_MOVE_WINDOW_SEC,
} from './alertRules';

const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'must be a positive decimal number');
const common = {
  venue: z.string().min(1).max(32),
  symbol: z.string().min(1).max(32),
  repeat: z.enum(['once', 'every']).optional(),
  cooldownSec: z.number().int('must be whole seconds').min(1).max(MAX_COOLDOWN_SEC).optional(),
  sound: z.boolean().optional(),
  note: z.string().max(MAX_NOTE_LENGTH).optional(),
};
const source = z.enum(['last', 'mid']).optional();

/**
 * An alert ticket as the engine accepts it, from any caller (the bridge's schema has the same shape):
 * checked whole, so that every problem is named at once.
 */
export const alertTicketSchema = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('price'), condition: z.enum(['crosses', 'above', 'below']), price: decimal, source }).strict(),
  z
    .object({
      ...common,
      kind: z.literal('move'),
      percent: decimal,
      windowSec: z.number().int('must be whole seconds').min(MIN_MOVE_WINDOW_SEC).max(MAX_MOVE_WINDOW_SEC),
      direction: z.enum(['up', 'down', 'either']).optional(),
      source,
    })
    .strict(),
  z.object({ ...common, kind: z.literal('analytics'), metric: z.enum(ALERT_METRICS), condition: z.enum(['above', 'below']), value: z.number().finite() }).strict(),
]);

export interface ParsedTicket {
  venue: string;
  symbol: string;
  spec: AlertSpec;
  repeat: 'once' | 'every';
  cooldownMs: number;
  sound: boolean;
  note?: string;
}

/**
 * The ticket checked (shape, then prices against the instrument) and turned into a rule's terms. Throws
 * INVALID_INPUT naming every problem, or UNKNOWN_INSTRUMENT when the instrument is not listed.
 */
export function parseAlertTicket(input: unknown, instrument: (venue: string, symbol: string) => Instrument | undefined): ParsedTicket {
  const checked = alertTicketSchema.safeParse(input);
  if (!checked.success) {
    throw new SqError('INVALID_INPUT', `alert not added: ${checked.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ')}`);
  }
  const ticket: AlertTicket = checked.data;
  const inst = instrument(ticket.venue, ticket.symbol);
  if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `alert not added: unknown instrument ${ticket.venue}:${ticket.symbol}`);
  const problems: string[] = [];
  const spec = specOf(ticket, inst, problems);
  if (ticket.repeat !== 'every' && ticket.cooldownSec !== undefined) problems.push('cooldownSec: only an "every" alert has a cool-down');
  if (!spec || problems.length > 0) throw new SqError('INVALID_INPUT', `alert not added: ${problems.join('; ')}`);
  return {
    venue: ticket.venue,
    symbol: ticket.symbol,
    spec,
    repeat: ticket.repeat ?? 'once',
    cooldownMs: (ticket.repeat === 'every' ? (ticket.cooldownSec ?? DEFAULT_COOLDOWN_SEC) : 0) * 1000,
    sound: ticket.sound ?? false,
    ...(ticket.note !== undefined && ticket.note.trim() !== '' ? { note: ticket.note.trim() } : {}),
  };
}

function specOf(ticket: AlertTicket, inst: Instrument, problems: string[]): AlertSpec | undefined {
  if (ticket.kind === 'price') {
    const level = parsePrice(inst, ticket.price);
    if (!level.ok) {
      problems.push(`price: ${level.reason}`);
      return undefined;
    }
    return { kind: 'price', condition: ticket.condition, source: ticket.source ?? 'last', level: level.value, levelText: formatPrice(inst, level.value) };
  }
  if (ticket.kind === 'move') {
    // Hundredths of a percent: 2.5 % = 250 bp, compared with the prices in exact integer arithmetic.
    const bp = parseScaled(ticket.percent, 2);
    if (!bp.ok) problems.push(`percent: ${bp.reason}`);
    else if (bp.value <= 0) problems.push('percent: must be greater than zero');
    else if (bp.value >= 100 * 100) problems.push('percent: must be under 100');
    if (!bp.ok || bp.value <= 0 || bp.value >= 10_000) return undefined;
    return {
      kind: 'move',
      source: ticket.source ?? 'last',
      direction: ticket.direction ?? 'either',
      basisPoints: bp.value,
      percentText: ticket.percent,
      windowMs: ticket.windowSec * 1000,
    };
  }
  return { kind: 'analytics', metric: ticket.metric, condition: ticket.condition, value: ticket.value };
}
