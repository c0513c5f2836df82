/**
 * A loopback Kite venue for tests and the end-to-end host: Kite Connect v3 REST (login, session,
 * instruments, quotes, orders, portfolio, margins, GTT) and KiteTicker on 127.0.0.1, with Kite's
 * checks, errors, matching and faults. Test infrastructure: production code never imports it
 * (tests elsewhere reach it through ../testSupport.ts).
 */
export { startKiteLoopback, type KiteLoopback } from './server';
export type { KiteLoopbackControl } from './control';
export type { KiteLoopbackConfig, KiteAppConfig, KiteUserConfig, MarketSeed, HoldingSeed, KiteRateLimits } from './config';
export { DEFAULT_EXTRA_INSTRUMENTS, DEFAULT_MARKETS, DEFAULT_LIMITS, NIFTY_OPTION_INSTRUMENTS, NIFTY_OPTION_MARKETS, NIFTY_WEEKLY_OPTION_INSTRUMENTS, NIFTY_WEEKLY_OPTION_MARKETS, niftyOptionOiLots } from './config';
export type { KiteFaults, AckTarget } from './faults';
export { checksumOf } from './sessions';
export { encodeFrame, encodePacket, wireTickFromJson, HEARTBEAT, type WireTick, type TickMode } from './tickEncoder';
export { KITE_DATA, recordedJson, recordedText } from './recordings';
