/**
 * A Kite account's adapter as the terminal builds it: the day's instruments dump (fetched with the
 * account's session, cached per day in the data directory), the KiteTicker feed on the account's
 * stream URL for the five-level books and the order updates, and Kite's order rules (market calendar,
 * freeze limits, the trader's market protection). The one place that puts the Kite parts together.
 */
import type { Clock, Logger, Symbol } from '../../../core';
import { KiteTokenMap, loadDailyDump } from '../instruments';
import { loadKiteRuleData, type FreezeLimits, type MarketCalendar, type MarketProtection } from '../rules';
import { KiteMarketFeed } from '../ticker';
import { KiteAdapter } from './kiteAdapter';

export interface KiteAccountAdapterInputs {
  /** The vault's account: its name is the venue id; restUrl/streamUrl replace https://api.kite.trade and wss://ws.kite.trade. */
  account: { name: string; apiKey: string; restUrl?: string; streamUrl?: string };
  /** The day's access token (the account's session in the vault), read at each connect and ticker (re)connect. */
  accessToken: () => string | undefined;
  /** The terminal's data directory: the instruments dump is cached in its kite-instruments folder. */
  dataDir: string;
  /** Only these exchanges' instruments (one GET /instruments/:exchange each); default all of Kite's. */
  exchanges?: readonly string[];
  /** Holidays and special sessions; default the data directory's (built-in plus the trader's kite-holidays.json). */
  calendar?: MarketCalendar;
  /** Freeze quantities; default the data directory's (built-in NSE/BSE table plus the trader's file). */
  freezeLimits?: FreezeLimits;
  /** The trader's protection band for MARKET and SL-M orders; default Kite's auto. */
  marketProtection?: MarketProtection;
  /** The trader's setting: the kill switch deletes active GTTs too. */
  deleteGttsOnKill?: boolean;
  /** Told once when Kite ends the session (forget the token, ask for a login). */
  onSessionExpired?: (reason: string) => void;
  clock: Clock;
  logger: Logger;
  random: () => number;
}

export function kiteAccountAdapter(inputs: KiteAccountAdapterInputs): KiteAdapter {
  const { account, clock, logger, random } = inputs;
  let tokens = new KiteTokenMap([]);
  // The trader's holiday and freeze-limit files are read again at each connect (a new day, a new year's holidays).
  const ruleData = (): { calendar: MarketCalendar; freezeLimits: FreezeLimits } => {
    if (inputs.calendar && inputs.freezeLimits) return { calendar: inputs.calendar, freezeLimits: inputs.freezeLimits };
    const loaded = loadKiteRuleData(inputs.dataDir);
    if (loaded.problems.length > 0) logger.warn({ venue: account.name, problems: loaded.problems }, 'Kite holiday or freeze-limit files: problems (built-in values used where they apply)');
    return { calendar: inputs.calendar ?? loaded.calendar, freezeLimits: inputs.freezeLimits ?? loaded.freezeLimits };
  };
  return new KiteAdapter({
    account: { name: account.name, apiKey: account.apiKey, restUrl: account.restUrl },
    accessToken: inputs.accessToken,
    instruments: async (rest) => {
      const dump = await loadDailyDump({
        venue: account.name,
        dataDir: inputs.dataDir,
        clock,
        exchanges: inputs.exchanges,
        fetch: (exchange) => rest.getText(exchange ? `/instruments/${exchange}` : '/instruments'),
      });
      if (dump.rejected.length > 0) logger.warn({ venue: account.name, rejected: dump.rejected.length, first: dump.rejected.slice(0, 5) }, 'Kite instruments rows skipped');
      tokens = new KiteTokenMap(dump.instruments);
      // Each derivative carries its freeze quantity in lots: the ticket offers slicing and the terminal
      // slices by it, with the same table the order rules check.
      const { freezeLimits } = ruleData();
      return tokens.instruments().map((inst) => freezeLimits.withFreezeLots(inst));
    },
    marketFeed: () =>
      new KiteMarketFeed({
        venue: account.name,
        instruments: { tokenOf: (s: Symbol) => tokens.tokenOf(s), symbolOf: (t: number) => tokens.symbolOf(t), priceScale: (s: Symbol) => tokens.instrument(s) },
        credentials: () => {
          const accessToken = inputs.accessToken();
          return accessToken ? { apiKey: account.apiKey, accessToken } : undefined;
        },
        streamUrl: account.streamUrl,
        clock,
        random,
        logger,
      }),
    rules: () => ({
      ...ruleData(),
      marketProtection: inputs.marketProtection ?? { kind: 'auto' },
      // One request is one Kite order in this adapter (Kite's autoslice would make several under one
      // clientOrderId): slicing is the terminal's, each slice its own order (Terminal.submitSliced).
      autoSlice: false,
    }),
    deleteGttsOnKill: inputs.deleteGttsOnKill,
    onSessionExpired: inputs.onSessionExpired,
    clock,
    logger,
    random,
  });
}
