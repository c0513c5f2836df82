export { parseInstrumentsCsv, type KiteInstrument, type ParsedDump, type RejectedRow } from './parseInstruments';
export { KiteTokenMap } from './tokenMap';
export { DUMP_CACHE_DIR, dumpDay, loadDailyDump, type DailyDump, type DailyDumpOptions, type FetchInstrumentsCsv } from './dailyDump';
export { contractName, expiryCodes } from './contractNames';
