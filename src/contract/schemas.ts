import { z } from 'zod';
import { HOTKEY_ACTIONS, hasLimitPrice, isStopType, PRODUCTS, type Product, QUANTITY_PRESET_COUNT } from '../engine/core';

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

const orderTypes = ['limit', 'market', 'stop_market', 'stop_limit'] as const;
const tifs = ['GTC', 'IOC', 'FOK', 'GTD', 'DAY'] as const;
const epochMs = z.number().int().min(0).max(8.64e15);
const clientOrderId = z.string().regex(/^[A-Za-z0-9_-]{1,36}$/);
const ticketSource = z.enum(['ticket', 'ladder', 'hotkey']);

/** Kite's products (CNC delivery, MIS intraday, NRML carry-forward), as the engine names them. */
const product = z.enum(PRODUCTS as [Product, ...Product[]]);

export const submitOrderInput = z
  .object({
    clientOrderId: clientOrderId.optional(),
    venue,
    symbol,
    side: z.enum(['buy', 'sell']),
    type: z.enum(orderTypes),
    tif: z.enum(tifs).optional(),
    postOnly: z.boolean().optional(),
    reduceOnly: z.boolean().optional(),
    price: decimal.optional(),
    stopPrice: decimal.optional(),
    /** GTD only: when the venue expires the order (ms since epoch). */
    expireAt: epochMs.optional(),
    /** Kite only: the product (CNC delivery, MIS intraday, NRML carry-forward). */
    product: product.optional(),
    /** Kite only: place as an after-market order, queued for the next session. */
    afterMarket: z.boolean().optional(),
    qty: decimal,
    source: ticketSource.optional(),
  })
  .strict()
  .refine((o) => !hasLimitPrice(o.type) || o.price !== undefined, { message: 'a limit or stop-limit order needs a price', path: ['price'] })
  .refine((o) => hasLimitPrice(o.type) || o.price === undefined, { message: 'a market or stop-market order takes no price', path: ['price'] })
  .refine((o) => !isStopType(o.type) || o.stopPrice !== undefined, { message: 'a stop order needs a stop price', path: ['stopPrice'] })
  .refine((o) => isStopType(o.type) || o.stopPrice === undefined, { message: 'only a stop order takes a stop price', path: ['stopPrice'] })
  .refine((o) => (o.tif === 'GTD') === (o.expireAt !== undefined), { message: 'GTD needs an expiry time, and only GTD takes one', path: ['expireAt'] })
  .refine((o) => !o.postOnly || o.type === 'limit', { message: 'only a limit order can be post-only', path: ['postOnly'] });

/**
 * Entry (limit or market) with a take-profit limit and a stop-loss stop (stop-limit when stopLossLimitPrice
 * is given), both on the other side for the same quantity, armed when the entry fills; OCO between them.
 */
export const submitBracketInput = z
  .object({
    venue,
    symbol,
    side: z.enum(['buy', 'sell']),
    qty: decimal,
    entryType: z.enum(['limit', 'market']),
    entryPrice: decimal.optional(),
    tif: z.enum(['GTC', 'DAY']).optional(),
    takeProfitPrice: decimal,
    stopLossPrice: decimal,
    stopLossLimitPrice: decimal.optional(),
    source: ticketSource.optional(),
  })
  .strict()
  .refine((o) => (o.entryType === 'limit') === (o.entryPrice !== undefined), { message: 'a limit entry needs a price, a market entry takes none', path: ['entryPrice'] });

/** A limit leg and a stop leg (stop-market, or stop-limit with stopLimitPrice), same side and size; a fill on either cancels the other. */
export const submitOcoInput = z
  .object({
    venue,
    symbol,
    side: z.enum(['buy', 'sell']),
    qty: decimal,
    limitPrice: decimal,
    stopPrice: decimal,
    stopLimitPrice: decimal.optional(),
    tif: z.enum(['GTC', 'DAY']).optional(),
    source: ticketSource.optional(),
  })
  .strict();

export const amendOrderInput = z
  .object({
    clientOrderId: z.string().min(1).max(64),
    price: decimal.optional(),
    stopPrice: decimal.optional(),
    /** The new total quantity, filled part included. */
    qty: decimal.optional(),
    source: z.enum(['grid', 'ticket', 'hotkey', 'ladder']).optional(),
  })
  .strict()
  .refine((o) => o.price !== undefined || o.stopPrice !== undefined || o.qty !== undefined, { message: 'an amend changes price, stop price or quantity' });

const sources = ['ticket', 'ladder', 'hotkey', 'bridge', 'cli', 'kill_switch', 'risk', 'recovery', 'system', 'grid', 'algo', 'venue', 'contingent', 'settlement'] as const;
export const auditQueryInput = z
  .object({
    clientOrderId: z.string().min(1).max(64).optional(),
    source: z.enum(sources).optional(),
    from: epochMs.optional(),
    to: epochMs.optional(),
    limit: z.number().int().min(1).max(100_000).optional(),
  })
  .strict();

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
const breakerSpec = z
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
  .strict();
const greekLimitSpec = z.object({ maxDelta: amount, maxVega: amount }).partial().strict();
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
    // Scoped like the limits: defaults, per venue, per instrument ("venue:symbol"), field by field.
    breakers: z
      .object({
        defaults: breakerSpec,
        venues: z.record(venue, breakerSpec),
        instruments: z.record(z.string().max(80), breakerSpec),
      })
      .partial()
      .strict()
      .optional(),
    // Option Greeks per underlying (keyed by the underlying's name): defaults, then per underlying.
    options: z
      .object({
        defaults: greekLimitSpec,
        underlyings: z.record(z.string().max(80), greekLimitSpec),
      })
      .partial()
      .strict()
      .optional(),
  })
  .strict();

// The vault of venue accounts. Only the shape is checked here: the vault checks every value (passphrase
// length, name, venue, key, URLs) and refuses with a message in its own words, which the screen shows.
const passphrase = z.string().min(1, 'enter the passphrase').max(1024);
const accountId = z.string().min(1).max(64);
const url = z.string().min(1).max(2048).optional();
export const createVaultInput = z
  .object({ passphrase, confirm: z.string().max(1024) })
  .strict()
  .refine((o) => o.passphrase === o.confirm, { message: 'the two passphrases differ', path: ['confirm'] });
export const addAccountInput = z
  .object({
    name: z.string().max(64),
    venue: z.string().max(64),
    apiKey: z.string().max(512),
    secret: z.string().max(8192),
    password: z.string().max(512).optional(),
    testnet: z.boolean(),
    restUrl: url,
    streamUrl: url,
    wsApiUrl: url,
    // Checked by the vault (1 to 3 distinct, ccxt accounts only), with its own messages.
    marketTypes: z.array(z.string().max(16)).max(8).optional(),
  })
  .strict();
/** A change to an account: only what is given changes; null clears the API passphrase or a URL. */
const clearableUrl = z.string().min(1).max(2048).nullable().optional();
export const editAccountInput = z
  .object({
    id: accountId,
    name: z.string().max(64).optional(),
    testnet: z.boolean().optional(),
    apiKey: z.string().max(512).optional(),
    secret: z.string().max(8192).optional(),
    password: z.string().max(512).nullable().optional(),
    restUrl: clearableUrl,
    streamUrl: clearableUrl,
    wsApiUrl: clearableUrl,
  })
  .strict();

/**
 * A kite account's login: the URL Kite redirected to (or just its request_token), pasted or taken by the
 * login window. The engine reads the token out of it and says what is wrong in words.
 */
export const kiteLoginInput = z
  .object({ id: accountId, redirect: z.string().min(1, 'paste the URL Kite redirected to, or its request_token').max(4096, 'the redirect URL is at most 4096 characters') })
  .strict();

// The trader's watchlists (per account) and the production-confirm option; the engine keeps them.
export const watchlistSetInput = z
  .object({ account: venue, symbols: z.array(symbol).max(500, 'a watchlist holds at most 500 instruments') })
  .strict();
export const preferencesSetInput = z.object({ confirmProductionOrders: z.boolean() }).strict();
/** The Settings screen: any of its fields, the rest kept as they are. */
export const settingsSetInput = z
  .object({ theme: z.enum(['dark', 'light']), timeZone: z.enum(['utc', 'local']), thousands: z.boolean(), decimalComma: z.boolean(), sounds: z.boolean() })
  .partial()
  .strict();

/**
 * "Convert" in the Positions panel (Kite): lots of one product's day or carried position to another.
 * Kite converts MIS <-> NRML and MIS <-> CNC only; the engine checks the rest against the venue's report.
 */
export const convertPositionInput = z
  .object({
    venue,
    symbol,
    from: product,
    to: product,
    qty: z.number().int('the quantity is a whole number of lots').min(1, 'the quantity must be at least one lot').max(1e9),
    positionType: z.enum(['day', 'overnight']),
  })
  .strict()
  .refine((c) => c.from !== c.to, { message: 'the position is already of that product', path: ['to'] })
  .refine((c) => c.from === 'MIS' || c.to === 'MIS', { message: 'Kite converts between MIS and NRML or MIS and CNC', path: ['to'] });

// A Kite account's GTT triggers. Amounts are decimal strings like an order's, parsed against the
// instrument by the engine; the leg count is checked here (single: one, OCO: stop-loss then target).
const gttLeg = z
  .object({ trigger: decimal, side: z.enum(['buy', 'sell']), qty: decimal, price: decimal, product })
  .strict();
const gttId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER);
const gttTerms = {
  venue,
  symbol,
  kind: z.enum(['single', 'oco']),
  /** The price now, which Kite checks the triggers against; absent: the engine's mid of the book. */
  lastPrice: decimal.optional(),
  legs: z.array(gttLeg).min(1).max(2),
};
const legCount = (o: { kind: 'single' | 'oco'; legs: unknown[] }) => o.legs.length === (o.kind === 'single' ? 1 : 2);
const legCountMessage = { message: 'a single GTT has one leg, an OCO GTT two (stop-loss, then target)', path: ['legs'] };
export const gttPlaceInput = z.object(gttTerms).strict().refine(legCount, legCountMessage);
export const gttModifyInput = z
  .object({ id: gttId, ...gttTerms })
  .strict()
  .refine(legCount, legCountMessage);

/** Options: one expiry's chain of an underlying on a venue (the nearest expiry when none is named). */
export const optionSurfaceInput = z
  .object({
    venue,
    underlying: z.string().min(1).max(64),
    /** As for the chain: continuous annual rate; absent: the venue's setting. */
    rate: z.number().min(-0.2).max(1).optional(),
  })
  .strict();

export const optionChainInput = z
  .object({
    venue,
    underlying: z.string().min(1).max(64),
    expiry: z.number().int().positive().optional(),
    /** Continuous annual risk-free rate (0.065 = 6.5%); absent: the venue's setting (0 unless set). */
    rate: z.number().min(-0.2).max(1).optional(),
  })
  .strict();

/** Options: a strategy's legs, named or built by a preset, priced on the live chain. */
const strategyLots = z.number().int().min(1).max(1_000_000);
const strikeSteps = z.number().int().min(1).max(50);
const optionRight = z.enum(['call', 'put']);
const strategyPreset = z.discriminatedUnion('name', [
  z.object({ name: z.literal('straddle') }).strict(),
  z.object({ name: z.literal('strangle'), width: strikeSteps }).strict(),
  z.object({ name: z.literal('vertical'), right: optionRight, width: strikeSteps }).strict(),
  z.object({ name: z.literal('butterfly'), right: optionRight, width: strikeSteps }).strict(),
  z.object({ name: z.literal('ironCondor'), inner: strikeSteps, wing: strikeSteps }).strict(),
  z.object({ name: z.literal('calendar'), right: optionRight, farExpiry: z.number().int().positive(), strike: z.number().positive().optional() }).strict(),
]);
export const optionStrategyInput = z
  .object({
    venue,
    underlying: z.string().min(1).max(64),
    rate: z.number().min(-0.2).max(1).optional(),
    legs: z
      .array(z.object({ symbol, side: z.enum(['buy', 'sell']), lots: strategyLots }).strict())
      .min(1)
      .max(8)
      .optional(),
    preset: strategyPreset
      .and(z.object({ expiry: z.number().int().positive().optional(), direction: z.enum(['long', 'short']), lots: strategyLots }))
      .optional(),
  })
  .strict()
  .refine((s) => (s.legs === undefined) !== (s.preset === undefined), 'a strategy is either legs or a preset');

/** The legs as the trader confirmed them, each sent as a limit IOC at its price. */
export const sendOptionStrategyInput = z
  .object({
    venue,
    legs: z
      .array(z.object({ symbol, side: z.enum(['buy', 'sell']), lots: strategyLots, price: decimal }).strict())
      .min(1)
      .max(8),
  })
  .strict();

/** Signal sources the trader adds (issue 16). Intervals in seconds, bounded so no provider is hammered. */
const signalSourceId = z.string().regex(/^[a-z0-9:_-]{1,64}$/i);
const pollSeconds = z.number().int().min(15).max(86_400).optional();
const signalSourceTicket = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('rss'), url: z.string().url().max(2048), label: z.string().min(1).max(64).optional(), intervalSec: pollSeconds }).strict(),
  z.object({ kind: z.literal('reddit'), subreddit: z.string().regex(/^[A-Za-z0-9_]{2,21}$/, 'a subreddit name is 2-21 letters, digits or _'), label: z.string().min(1).max(64).optional(), intervalSec: pollSeconds }).strict(),
  z.object({ kind: z.literal('cryptopanic'), token: z.string().min(8).max(128), currencies: z.array(z.string().regex(/^[A-Z0-9]{2,10}$/)).max(50).optional(), intervalSec: pollSeconds }).strict(),
  z.object({ kind: z.literal('fearGreed'), intervalSec: pollSeconds }).strict(),
]);
/** A threshold alert on the composite or one component; the engine validates the signal name and ranges again. */
const signalAlertInput = z
  .object({
    id: z.string().min(1).max(64).optional(),
    instrument: symbol,
    signal: z.string().min(1).max(32),
    direction: z.enum(['above', 'below']),
    threshold: z.number().min(-1).max(1),
    hysteresis: z.number().min(0).max(2).optional(),
  })
  .strict();
/**
 * Alerts (the engine checks the same again, with the instrument: a price must be a whole number of ticks).
 * Kept beside the engine's alertTicketSchema (terminal/alerts/alertTicket.ts): the contract may not load it.
 */
const alertCommon = {
  venue,
  symbol,
  repeat: z.enum(['once', 'every']).optional(),
  cooldownSec: z.number().int().min(1).max(86_400).optional(),
  sound: z.boolean().optional(),
  note: z.string().max(200).optional(),
};
const alertSource = z.enum(['last', 'mid']).optional();
export const alertMetrics = ['spread', 'imbalance', 'ofi', 'vpin', 'kyleLambda', 'pin', 'realisedVol'] as const;
export const addAlertInput = z.discriminatedUnion('kind', [
  z.object({ ...alertCommon, kind: z.literal('price'), condition: z.enum(['crosses', 'above', 'below']), price: decimal, source: alertSource }).strict(),
  z
    .object({ ...alertCommon, kind: z.literal('move'), percent: decimal, windowSec: z.number().int().min(1).max(86_400), direction: z.enum(['up', 'down', 'either']).optional(), source: alertSource })
    .strict(),
  z.object({ ...alertCommon, kind: z.literal('analytics'), metric: z.enum(alertMetrics), condition: z.enum(['above', 'below']), value: z.number().finite() }).strict(),
]);
const alertId = z.string().min(1).max(64);

// ---- execution algos (issue 17) ----
const fraction = (lo: number, hi: number) => z.number().finite().min(lo).max(hi);
const algoParams = z.discriminatedUnion('type', [
  z.object({ type: z.literal('twap'), slices: z.number().int().min(1).max(10_000), sizeJitter: fraction(0, 0.9).optional(), timeJitter: fraction(0, 1).optional() }).strict(),
  z
    .object({ type: z.literal('vwap'), profile: z.array(z.number().finite().min(0)).min(1).max(10_000).optional(), buckets: z.number().int().min(1).max(10_000).optional() })
    .strict()
    .refine((p) => (p.profile === undefined) !== (p.buckets === undefined), { message: 'a VWAP takes a profile or a number of buckets (one of them)' }),
  z.object({ type: z.literal('pov'), rate: fraction(0, 1), minRate: fraction(0, 1).optional(), maxRate: fraction(0, 1).optional() }).strict(),
  z.object({ type: z.literal('iceberg'), display: decimal, displayJitter: fraction(0, 0.9).optional() }).strict(),
  z.object({ type: z.literal('peg'), reference: z.enum(['primary', 'market', 'mid']), offsetTicks: z.number().int().min(-1_000_000).max(1_000_000) }).strict(),
  z.object({ type: z.literal('shortfall'), slices: z.number().int().min(1).max(10_000), riskAversion: z.number().finite().min(0), volatility: z.number().finite().positive(), impact: z.number().finite().positive() }).strict(),
  z.object({ type: z.literal('sniper') }).strict(),
  z.object({ type: z.literal('smart'), venues: z.array(venue).min(1).max(16) }).strict(),
]);
const algoTicketFields = {
    venue,
    symbol,
    side: z.enum(['buy', 'sell']),
    qty: decimal,
    limit: decimal.optional(),
    startInMs: z.number().int().min(0).max(7 * 86_400_000).optional(),
    durationMs: z.number().int().min(1_000).max(7 * 86_400_000).optional(),
    endAt: epochMs.optional(),
    maxParticipation: fraction(0, 1).optional(),
    wouldPrice: decimal.optional(),
    maxSpread: decimal.optional(),
    onRestart: z.enum(['resume', 'stop']).optional(),
    seed: z.number().int().optional(),
    params: algoParams,
};
const oneWindow = { message: 'give the window as a duration or an end time (one of them)', path: ['durationMs'] };
const hasOneWindow = (t: { durationMs?: number | undefined; endAt?: number | undefined }) => (t.durationMs === undefined) !== (t.endAt === undefined);
/** A parent order: quantities and prices as decimal strings (parsed against the instrument), the window as a duration or an end. */
export const algoTicketInput = z.object(algoTicketFields).strict().refine(hasOneWindow, oneWindow);
const algoId = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);

// ---- workspaces (issue 18) ----
/** A workspace name as the trader typed it: short, printable. */
const workspaceName = z.string().trim().min(1, 'a workspace needs a name').max(40, 'a workspace name is at most 40 characters').regex(/^[^\u0000-\u001f]+$/, 'a workspace name has no control characters');
/** The view's serialised screen (dock layout, grid columns, zoom): opaque to the engine, bounded in size. */
const workspaceLayout = z
  .record(z.string().max(64), z.unknown())
  .refine((layout) => JSON.stringify(layout).length <= 256 * 1024, 'a workspace layout is at most 256 KB');
export const workspaceSaveInput = z.object({ name: workspaceName.optional(), layout: workspaceLayout }).strict();

export const callInputs = {
  'system.ping': empty,
  'status.get': empty,
  'instruments.list': empty,
  'instruments.partial': empty,
  'instruments.search': z
    .object({ query: z.string().max(100), venue: venue.optional(), limit: z.number().int().min(1).max(500).optional() })
    .strict(),
  'balances.list': empty,
  'orders.submit': submitOrderInput,
  /** The same ticket above the freeze quantity, sent as several orders of at most the freeze quantity (the trader's "Auto-slice"). */
  'orders.submitSliced': submitOrderInput,
  'orders.cancel': cancelOrderInput,
  'orders.cancelAll': cancelAllInput,
  'orders.submitBracket': submitBracketInput,
  'orders.submitOco': submitOcoInput,
  'orders.amend': amendOrderInput,
  'orders.history': z.object({ clientOrderId: z.string().min(1).max(64) }).strict(),
  'audit.query': auditQueryInput,
  'audit.csv': auditQueryInput,
  'orders.list': listInput,
  'fills.list': listInput,
  'positions.list': empty,
  'positions.convert': convertPositionInput,
  // No timeframe: the view draws no candles of the focus (its charts watch their own): no history, no candle stream.
  'market.focus': focusInput.extend({ timeframe: z.enum(timeframes).optional() }),
  'kill.state': empty,
  'kill.engage': killEngageInput,
  'kill.reset': killResetInput,
  'kill.setFlatten': z.object({ on: z.boolean() }).strict(),
  'kill.setDeleteGtts': z.object({ on: z.boolean() }).strict(),
  'risk.state': empty,
  'risk.setLimits': z.object({ limits: riskLimits }).strict(),
  'risk.resetBreaker': z.object({ venue, symbol: symbol.optional() }).strict(),
  'accounts.state': empty,
  'accounts.create': createVaultInput,
  'accounts.unlock': z.object({ passphrase }).strict(),
  'accounts.lock': empty,
  'accounts.add': addAccountInput,
  'accounts.edit': editAccountInput,
  'accounts.setEnabled': z.object({ id: accountId, enabled: z.boolean() }).strict(),
  'accounts.remove': z.object({ id: accountId }).strict(),
  'accounts.changePassphrase': z.object({ current: passphrase, next: z.string().max(1024) }).strict(),
  'accounts.setRemember': z.object({ remember: z.boolean() }).strict(),
  'accounts.setIdleLock': z.object({ minutes: z.number().int().min(0).max(24 * 60) }).strict(),
  'accounts.test': z.object({ id: accountId }).strict(),
  'accounts.kiteLoginUrl': z.object({ id: accountId }).strict(),
  'accounts.kiteLogin': kiteLoginInput,
  'accounts.kiteLogout': z.object({ id: accountId }).strict(),
  'watchlist.get': empty,
  'watchlist.set': watchlistSetInput,
  'preferences.get': empty,
  'preferences.set': preferencesSetInput,
  'settings.get': empty,
  'settings.set': settingsSetInput,
  'gtt.list': z.object({ venue }).strict(),
  'gtt.place': gttPlaceInput,
  'gtt.modify': gttModifyInput,
  'gtt.delete': z.object({ venue, id: gttId }).strict(),
  'options.underlyings': z.object({ venue: venue.optional() }).strict(),
  'options.chain': optionChainInput,
  'options.closeChain': empty,
  'options.greeks': z.object({ venue, symbol }).strict(),
  'options.strategy': optionStrategyInput,
  'options.sendStrategy': sendOptionStrategyInput,
  'options.surface': optionSurfaceInput,
  'options.closeSurface': empty,
  'portfolio.greeks': empty,
  'signals.sources': empty,
  'signals.addSource': signalSourceTicket,
  'signals.removeSource': z.object({ id: signalSourceId }).strict(),
  'signals.setSourceEnabled': z.object({ id: signalSourceId, enabled: z.boolean() }).strict(),
  'signals.pollSource': z.object({ id: signalSourceId }).strict(),
  'signals.sentiment': z.object({ instrument: symbol }).strict(),
  'signals.list': z.object({ instruments: z.array(symbol).max(500) }).strict(),
  'signals.overlay': z.object({ instrument: symbol, since: epochMs.optional() }).strict(),
  'signals.settings': empty,
  'signals.setWeights': z.object({ weights: z.record(z.string().max(32), z.number()) }).strict(),
  'signals.addAlert': signalAlertInput,
  'signals.removeAlert': z.object({ id: z.string().min(1).max(64) }).strict(),
  'signals.trainOrderFlow': z.object({ instrument: symbol }).strict(),
  // ---- alerts (issue 18) ----
  'alerts.list': empty,
  'alerts.add': addAlertInput,
  'alerts.remove': z.object({ id: alertId }).strict(),
  'alerts.rearm': z.object({ id: alertId }).strict(),
  'alerts.log': z.object({ limit: z.number().int().min(1).max(500).optional() }).strict(),
  // ---- workspaces (issue 18) ----
  'workspace.list': empty,
  'workspace.save': workspaceSaveInput,
  'workspace.load': z.object({ name: workspaceName.optional() }).strict(),
  'workspace.delete': z.object({ name: workspaceName }).strict(),
  // ---- hotkeys (issue 18): the engine also refuses conflicts and reserved chords, naming them ----
  'hotkeys.get': empty,
  'hotkeys.set': z
    .object({
      bindings: z.partialRecord(z.enum(HOTKEY_ACTIONS), z.string().max(40)),
      quantityPresets: z.array(z.string().max(32)).length(QUANTITY_PRESET_COUNT),
    })
    .strict(),
  // ---- execution algos (issue 17) ----
  'algos.start': z.object({ ...algoTicketFields, source: ticketSource.optional() }).strict().refine(hasOneWindow, oneWindow),
  'algos.preview': algoTicketInput,
  'algos.pause': z.object({ id: algoId }).strict(),
  'algos.resume': z.object({ id: algoId }).strict(),
  'algos.amend': z.object({ id: algoId, qty: decimal.optional(), limit: decimal.optional() }).strict(),
  'algos.cancel': z.object({ id: algoId }).strict(),
  'algos.list': empty,
  'algos.tca': z.object({ id: algoId }).strict(),
  'algos.tcaCsv': z.object({ kind: z.enum(['parents', 'children']), id: algoId.optional() }).strict(),
  'algos.consolidatedBook': z.object({ venues: z.array(venue).min(1).max(16), symbol, depth: z.number().int().min(1).max(50).optional() }).strict(),
  // ---- watchlist quotes (issue 18) ----
  'market.quotes': z.object({ instruments: z.array(z.object({ venue, symbol }).strict()).max(100) }).strict(),
  // ---- several instruments at once (issue 18, linking) ----
  'market.watch': focusInput,
  // A named timeframe stops only that chart's candles (the others of the instrument stream on); none: the whole watch.
  'market.unwatch': z.object({ venue, symbol, timeframe: z.enum(timeframes).optional() }).strict(),
  // ---- link groups shared by every window (issue 18, pop-outs): opaque to the engine, bounded ----
  'workspace.links': empty,
  'workspace.shareLinks': z
    .object({
      links: z.record(z.string().max(64), z.unknown()).refine((l) => JSON.stringify(l).length <= 64 * 1024, 'shared link groups are at most 64 KB'),
      from: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'a window id is 1-64 letters, digits, _ or -'),
    })
    .strict(),
  // ---- pop-outs: the panel each pop-out window shows, so that the main window never numbers a new one onto it ----
  'workspace.popout': z.object({ panel: z.string().regex(/^[a-z][a-z0-9-]{0,39}$/, 'a panel id is 1-40 lower-case letters, digits or -') }).strict(),
  'workspace.popouts': empty,
} as const;
