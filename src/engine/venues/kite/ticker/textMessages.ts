import { z } from 'zod';

/**
 * An order update as KiteTicker pushes it (`{"type":"order","data":{...}}`): the same payload as Kite's
 * HTTP postback. The fields the adapter acts on are checked; the rest pass through untouched (Kite
 * adds fields over time, and an update must not be dropped for one we do not read).
 */
export const kiteOrderUpdateSchema = z.looseObject({
  order_id: z.string().min(1),
  exchange_order_id: z.string().nullish(),
  parent_order_id: z.string().nullish(),
  status: z.string().min(1),
  status_message: z.string().nullish(),
  status_message_raw: z.string().nullish(),
  order_timestamp: z.string().nullish(),
  exchange_timestamp: z.string().nullish(),
  exchange_update_timestamp: z.string().nullish(),
  variety: z.string(),
  exchange: z.string(),
  tradingsymbol: z.string(),
  instrument_token: z.number().int().nonnegative().optional(),
  order_type: z.string(),
  transaction_type: z.enum(['BUY', 'SELL']),
  validity: z.string().optional(),
  product: z.string(),
  quantity: z.number().nonnegative(),
  disclosed_quantity: z.number().nonnegative().optional(),
  price: z.number(),
  trigger_price: z.number(),
  average_price: z.number(),
  filled_quantity: z.number().nonnegative(),
  pending_quantity: z.number().nonnegative(),
  cancelled_quantity: z.number().nonnegative().optional(),
  unfilled_quantity: z.number().nonnegative().optional(),
  tag: z.string().nullish(),
  guid: z.string().optional(),
  checksum: z.string().optional(),
});
export type KiteOrderUpdate = z.infer<typeof kiteOrderUpdateSchema>;

const textMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('order'), data: kiteOrderUpdateSchema }),
  z.object({ type: z.literal('error'), data: z.string() }),
  z.object({ type: z.literal('message'), data: z.string() }),
]);

/** A KiteTicker text frame, read: an order update, an error or a notice from Kite, or why it was not understood. */
export type KiteTextMessage =
  | { kind: 'order'; update: KiteOrderUpdate }
  | { kind: 'error'; message: string }
  | { kind: 'message'; message: string }
  | { kind: 'malformed'; reason: string };

export function readTextMessage(text: string): KiteTextMessage {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'malformed', reason: 'not JSON' };
  }
  const parsed = textMessageSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { kind: 'malformed', reason: issue ? `${issue.path.join('.') || 'message'}: ${issue.message}` : 'not a Kite message' };
  }
  const msg = parsed.data;
  if (msg.type === 'order') return { kind: 'order', update: msg.data };
  return { kind: msg.type, message: msg.data };
}
