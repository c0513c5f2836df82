import { z } from 'zod';
import type { Lots, Ticks } from '../../core';
import type { VenueFill } from '../types';
import type { SimOrder } from './simOrder';

/**
 * What the simulated exchange journals: one record per change to a user order, applied to the
 * ledger the same way live and on replay. The payload is JSON (this is the simulator, not the hot
 * path), checked against a schema on the way back in: a record that does not parse is never trusted.
 */
export type LedgerRecord =
  /** Accepted: untriggered (a stop) or open. */
  | { k: 'accepted'; order: SimOrder }
  | { k: 'triggered'; id: string; ts: number }
  | { k: 'fill'; no: number; fill: VenueFill }
  /** New terms; `requeued` when the change cost the order its place in the queue. */
  | { k: 'amended'; id: string; ts: number; price?: Ticks; stopPrice?: Ticks; qty: Lots; requeued: boolean }
  | { k: 'ended'; id: string; ts: number; status: 'canceled' | 'expired'; reason?: string }
  /** Working orders carried over from a version-1 sim-venue.json, which kept them itself. */
  | { k: 'imported'; orders: SimOrder[]; nextOrderNo: number; nextFillNo: number };

export type LedgerRecordKind = LedgerRecord['k'];

/** Journal record type bytes (1..255); never renumber one, journals on disk hold them. */
export const LEDGER_RECORD_TYPE: Record<LedgerRecordKind, number> = {
  accepted: 1,
  triggered: 2,
  fill: 3,
  amended: 4,
  ended: 5,
  imported: 6,
};

const count = z.number().int().nonnegative();
const positive = z.number().int().positive();
const side = z.enum(['buy', 'sell']);

export const simOrderSchema = z.object({
  clientOrderId: z.string().min(1),
  venueOrderId: z.string(),
  orderNo: count,
  symbol: z.string().min(1),
  side,
  type: z.enum(['limit', 'market', 'stop_market', 'stop_limit']),
  tif: z.enum(['GTC', 'IOC', 'FOK', 'GTD', 'DAY']),
  postOnly: z.boolean(),
  reduceOnly: z.boolean(),
  price: positive.optional(),
  stopPrice: positive.optional(),
  expireAt: z.number().int().optional(),
  qty: positive,
  filledQty: count,
  status: z.enum(['open', 'untriggered', 'filled', 'canceled', 'expired', 'rejected']),
  triggered: z.boolean(),
  reason: z.string().optional(),
  createdAt: z.number(),
  updatedAt: z.number(),
  queueNo: count,
});

export const venueFillSchema = z.object({
  fillId: z.string().min(1),
  clientOrderId: z.string().min(1),
  symbol: z.string().min(1),
  side,
  // 0 only for the cash settlement of an option that expired worthless.
  price: count,
  qty: positive,
  liquidity: z.enum(['maker', 'taker']),
  fee: z.number().int(),
  ts: z.number(),
});

const recordSchema = z.discriminatedUnion('k', [
  z.object({ k: z.literal('accepted'), order: simOrderSchema }),
  z.object({ k: z.literal('triggered'), id: z.string(), ts: z.number() }),
  z.object({ k: z.literal('fill'), no: count, fill: venueFillSchema }),
  z.object({
    k: z.literal('amended'),
    id: z.string(),
    ts: z.number(),
    price: positive.optional(),
    stopPrice: positive.optional(),
    qty: positive,
    requeued: z.boolean(),
  }),
  z.object({ k: z.literal('ended'), id: z.string(), ts: z.number(), status: z.enum(['canceled', 'expired']), reason: z.string().optional() }),
  z.object({ k: z.literal('imported'), orders: z.array(simOrderSchema), nextOrderNo: count, nextFillNo: count }),
]);

export function encodeLedgerRecord(record: LedgerRecord): { type: number; payload: Buffer } {
  return { type: LEDGER_RECORD_TYPE[record.k], payload: Buffer.from(JSON.stringify(record), 'utf8') };
}

export class LedgerDecodeError extends Error {}

/** Decodes one journal record; throws LedgerDecodeError when it is not a record this build wrote. */
export function decodeLedgerRecord(type: number, payload: Uint8Array): LedgerRecord {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength).toString('utf8'));
  } catch {
    throw new LedgerDecodeError(`record of type ${type} is not valid JSON`);
  }
  const parsed = recordSchema.safeParse(json);
  if (!parsed.success) throw new LedgerDecodeError(`record of type ${type} has an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}`);
  const record = parsed.data as LedgerRecord;
  if (LEDGER_RECORD_TYPE[record.k] !== type) throw new LedgerDecodeError(`record of type ${type} holds a '${record.k}' payload`);
  return record;
}
