import { z } from 'zod';

/**
 * Input schemas for every bridge call. Everything the renderer (or any WebSocket client) sends is parsed
 * with these before it reaches the engine; prices and quantities travel as decimal strings and are parsed
 * to integer ticks and lots against the instrument on the engine side.
 */
const venue = z.string().min(1).max(32);
const symbol = z.string().min(1).max(32);
const decimal = z.string().regex(/^\d+(\.\d+)?$/, 'must be a positive decimal number');

export const timeframes = ['1s', '5s', '1m', '5m', '15m', '1h'] as const;
export type Timeframe = (typeof timeframes)[number];
export const timeframeSeconds: Record<Timeframe, number> = { '1s': 1, '5s': 5, '1m': 60, '5m': 300, '15m': 900, '1h': 3600 };

export const empty = z.object({}).strict();

export const submitOrderInput = z
  .object({
    clientOrderId: z.string().regex(/^[A-Za-z0-9_-]{1,36}$/).optional(),
    venue,
    symbol,
    side: z.enum(['buy', 'sell']),
    type: z.enum(['limit', 'market']),
    tif: z.enum(['GTC', 'IOC']).optional(),
    postOnly: z.boolean().optional(),
    price: decimal.optional(),
    qty: decimal,
    source: z.enum(['ticket', 'ladder', 'hotkey']).optional(),
  })
  .strict()
  .refine((o) => o.type === 'market' || o.price !== undefined, { message: 'a limit order needs a price', path: ['price'] })
  .refine((o) => o.type === 'limit' || o.price === undefined, { message: 'a market order takes no price', path: ['price'] });

export const cancelOrderInput = z.object({ clientOrderId: z.string().min(1).max(64) }).strict();
export const cancelAllInput = z.object({ venue: venue.optional(), symbol: symbol.optional() }).strict();
export const listInput = z.object({ limit: z.number().int().min(1).max(5000).optional() }).strict();
export const focusInput = z
  .object({ venue, symbol, timeframe: z.enum(timeframes), depth: z.number().int().min(1).max(50).optional() })
  .strict();
export const killEngageInput = z.object({ reason: z.string().max(200).optional(), source: z.enum(['bridge', 'hotkey']).optional() }).strict();
export const killResetInput = z.object({ confirm: z.literal(true), source: z.enum(['bridge', 'hotkey']).optional() }).strict();

// Limits travel as a trader writes them (decimal strings, counts, ms); the risk manager checks every value
// and refuses the whole change with a reason if one is wrong. Here only the shape is checked.
const amount = z.string().max(32);
const count = z.number().int().min(0).max(1_000_000_000);
const limitSpec = z
  .object({
    maxOrderQty: amount,
    maxOrderNotional: amount,
    maxLongPosition: amount,
    maxShortPosition: amount,
    priceCollarPct: amount,
    priceCollarReference: z.enum(['mid', 'last']),
    maxOpenOrders: count,
    selfTradePrevention: z.boolean(),
    duplicateWindowMs: count,
  })
  .partial()
  .strict();
const venueLimitSpec = z.object({ maxOpenOrders: count, ordersPerSecond: z.number().min(0).max(1e6), orderBurst: count }).partial().strict();
const perCurrency = z.record(z.string().min(1).max(16), amount);
const riskLimits = z
  .object({
    defaults: limitSpec,
    instruments: z.record(z.string().max(80), limitSpec),
    venueDefaults: venueLimitSpec.optional(),
    venues: z.record(venue, venueLimitSpec).optional(),
    account: venueLimitSpec
      .extend({
        maxGrossExposure: perCurrency,
        maxDailyLoss: perCurrency,
        dailyResetUtc: z.string().max(5),
        exposureMarkMaxAgeMs: count,
      })
      .partial()
      .strict()
      .optional(),
    breakers: z
      .object({
        maxRejectPct: z.number().min(0).max(100),
        rejectMinSamples: count,
        rejectWindowMs: count,
        maxErrors: count,
        errorWindowMs: count,
        maxAckLatencyMs: count,
        slowAcksToTrip: count,
        staleBook: z.boolean(),
        initialBackoffMs: count,
        maxBackoffMs: count,
        probeTimeoutMs: count,
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

export const callInputs = {
  'system.ping': empty,
  'status.get': empty,
  'instruments.list': empty,
  'orders.submit': submitOrderInput,
  'orders.cancel': cancelOrderInput,
  'orders.cancelAll': cancelAllInput,
  'orders.list': listInput,
  'fills.list': listInput,
  'positions.list': empty,
  'market.focus': focusInput,
  'kill.state': empty,
  'kill.engage': killEngageInput,
  'kill.reset': killResetInput,
  'kill.setFlatten': z.object({ on: z.boolean() }).strict(),
  'risk.state': empty,
  'risk.setLimits': z.object({ limits: riskLimits }).strict(),
  'risk.resetBreaker': z.object({ venue, symbol: symbol.optional() }).strict(),
} as const;
