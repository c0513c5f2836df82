import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * The synthetic market's durable state (fair value, random state, trade counter), kept apart from
 * the terminal's. The user's orders, fills and positions live in the venue's order journal
 * (ledgerJournal.ts), which is written ahead of every event; this file is only the price path, saved
 * every few seconds and at disconnect.
 */
export const SIM_STATE_FILE = 'sim-venue.json';

/** Each simulated venue keeps its own file: `sim-venue.json` for SIM, `sim-venue-<id>.json` for the others. */
export const simStateFile = (venue = 'SIM'): string => (venue === 'SIM' ? SIM_STATE_FILE : `sim-venue-${venue}.json`);

const side = z.enum(['buy', 'sell']);
const count = z.number().int().nonnegative();
const positiveInt = z.number().int().positive();

/** A working order as version 1 of the file kept it (the order journal keeps them since version 2). */
const persistedOrder = z.object({
  clientOrderId: z.string().min(1),
  venueOrderId: z.string().min(1),
  symbol: z.string().min(1),
  side,
  price: positiveInt,
  qty: positiveInt,
  filledQty: count,
  createdAt: z.number(),
});

const persistedMarket = z.object({
  fair: z.object({ value: z.number().positive(), variance: z.number().positive() }),
  rng: z.number().int().nonnegative(),
});

/**
 * The options board: the series listed (so a restart lists the same symbols), each option maker's
 * random state and synthetic open interest, and each underlying's smoothed volatility ratio. Optional:
 * files written before options were listed have none, and load as a venue that lists them afresh.
 */
const persistedOptions = z.object({
  series: z.array(z.object({ underlying: z.string().min(1), expiry: z.number(), strikes: z.array(z.number().positive()) })),
  makers: z.record(z.string(), z.object({ rng: z.number().int().nonnegative(), oi: count })),
  volRatio: z.record(z.string(), z.number().positive()),
});

/** Version 2: the synthetic market only; the user's orders, fills and positions are in the order journal. */
const simVenueState = z.object({
  version: z.literal(2),
  savedAt: z.number(),
  nextTradeNo: count,
  markets: z.record(z.string(), persistedMarket),
  options: persistedOptions.optional(),
});

const simVenueStateV1 = z.object({
  version: z.literal(1),
  savedAt: z.number(),
  nextOrderNo: count,
  nextFillNo: count,
  nextTradeNo: count,
  markets: z.record(z.string(), persistedMarket),
  orders: z.array(persistedOrder),
});

export type PersistedOrder = z.infer<typeof persistedOrder>;
export type SimVenueState = z.infer<typeof simVenueState>;

/** What a version-1 file held beyond the market: carried into the order journal once, on first start. */
export interface LegacyOrders {
  orders: PersistedOrder[];
  nextOrderNo: number;
  nextFillNo: number;
}

export type LoadResult = { ok: true; state: SimVenueState | undefined; legacy?: LegacyOrders } | { ok: false; reason: string };

/** Reads the saved state; a missing file is a fresh venue, a malformed one is reported, never trusted. */
export function loadSimState(dataDir: string, venue?: string): LoadResult {
  const file = path.join(dataDir, simStateFile(venue));
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ok: true, state: undefined };
    return { ok: false, reason: `cannot read ${file}: ${(error as Error).message}` };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, reason: `${file} is not valid JSON` };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version === 1) {
    const v1 = simVenueStateV1.safeParse(json);
    if (!v1.success) return { ok: false, reason: `${file} has an unexpected shape: ${v1.error.issues[0]?.message ?? ''}` };
    const { orders, nextOrderNo, nextFillNo, nextTradeNo, markets, savedAt } = v1.data;
    return { ok: true, state: { version: 2, savedAt, nextTradeNo, markets }, legacy: { orders, nextOrderNo, nextFillNo } };
  }
  const parsed = simVenueState.safeParse(json);
  if (!parsed.success) return { ok: false, reason: `${file} has an unexpected shape: ${parsed.error.issues[0]?.message ?? ''}` };
  return { ok: true, state: parsed.data };
}

/** Writes atomically: a crash mid-write leaves the previous file intact, never half a file. */
export function saveSimState(dataDir: string, state: SimVenueState, venue?: string): void {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, simStateFile(venue));
  const tmp = `${file}.tmp`;
  const fd = fs.openSync(tmp, 'w');
  try {
    fs.writeSync(fd, JSON.stringify(state));
    fs.fsyncSync(fd); // the rename must not land before the data it points to
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}

/** Moves an unreadable state file aside so it is kept for inspection and not overwritten. */
export function quarantineSimState(dataDir: string, suffix: string, venue?: string): string {
  const file = path.join(dataDir, simStateFile(venue));
  const aside = `${file}.unreadable-${suffix}`;
  fs.renameSync(file, aside);
  return aside;
}
