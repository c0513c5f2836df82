import type { Clock, Logger, Symbol } from '../../core';
import type { Account } from '../../secrets';
import { KiteAdapter, KiteMarketFeed, KiteTokenMap, kiteRestRoot, loadDailyDump, loadFreezeLimits, loadMarketCalendar, type KiteAdapterOptions } from '../../venues';

export interface KiteVenueDeps {
  clock: Clock;
  logger: Logger;
  random: () => number;
  /** The terminal's data directory: the day's instruments dump is cached there, the holiday and freeze-limit files read from there. */
  dataDir: string;
  /** Kite ended the session (TokenException): the account layer forgets the token and the screen asks for a login. */
  sessionEnded(account: string, reason: string): void;
}

/**
 * A logged-in kite account as a venue: the KiteAdapter over Kite Connect's REST API with the day's access
 * token, the day's instruments dump (cached per day in the data directory), the KiteTicker feed for books
 * and order updates, and Kite's order rules (the holiday calendar and freeze limits from the data
 * directory where the trader put them, Kite's built-in ones otherwise). The token is the one the account
 * was connected with: a new login changes the account and connects a new adapter.
 */
export function kiteAdapterFor(account: Account, accessToken: string, deps: KiteVenueDeps): KiteAdapter {
  const { name, apiKey, restUrl, streamUrl } = account;
  const { clock, logger, random, dataDir } = deps;
  const root = kiteRestRoot(restUrl);
  const calendar = loadMarketCalendar(dataDir, clock.now());
  const freeze = loadFreezeLimits(dataDir);
  for (const problem of [...calendar.problems.map((p) => JSON.stringify(p)), ...freeze.problems]) logger.warn({ venue: name, problem }, 'Kite rules file');
  const rules: NonNullable<KiteAdapterOptions['rules']> = { calendar: calendar.calendar, freezeLimits: freeze.limits, marketProtection: { kind: 'auto' }, autoSlice: false };
  let tokens = new KiteTokenMap([]);
  const fetchCsv = async (exchange?: string): Promise<string> => {
    const res = await fetch(`${root}/instruments${exchange === undefined ? '' : `/${encodeURIComponent(exchange)}`}`, {
      headers: { 'X-Kite-Version': '3', Authorization: `token ${apiKey}:${accessToken}` },
    });
    if (!res.ok) throw new Error(`Kite's instruments dump could not be read: HTTP ${res.status}`);
    return res.text();
  };
  return new KiteAdapter({
    account: { name, apiKey, restUrl },
    accessToken: () => accessToken,
    instruments: async () => {
      const dump = await loadDailyDump({ venue: name, dataDir, clock, fetch: fetchCsv });
      if (dump.rejected.length > 0) logger.warn({ venue: name, count: dump.rejected.length, first: dump.rejected.slice(0, 5) }, "rows of Kite's instruments dump skipped");
      tokens = new KiteTokenMap(dump.instruments);
      return tokens.instruments();
    },
    marketFeed: () =>
      new KiteMarketFeed({
        venue: name,
        instruments: { tokenOf: (s: Symbol) => tokens.tokenOf(s), symbolOf: (t: number) => tokens.symbolOf(t), priceScale: (s: Symbol) => tokens.instrument(s) },
        credentials: () => ({ apiKey, accessToken }),
        ...(streamUrl !== undefined ? { streamUrl } : {}),
        clock,
        random,
        logger,
      }),
    rules,
    onSessionExpired: (reason) => deps.sessionEnded(name, reason),
    clock,
    logger,
    random,
  });
}
