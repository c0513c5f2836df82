export type { FetchLike, ParsedBatch, ParsedHeadline, ParsedReading, ScoreText, SignalItem, SignalReading, SourceKind, SourceState, SourceStatus } from './types';
export { SourceError } from './http';
export { DEFAULT_SOURCE_LIMITS, rssSource, redditSource, cryptoPanicSource, fearGreedSource, binancePositioningSource, type SourceDefinition, type SourceLimits } from './definitions';
export { InstrumentTagger, type TaggableInstrument } from './tagger';
export { openSignalStore, SIGNALS_FILE, type SignalStore, type NewItem } from './signalStore';
export { SignalSources, type SignalSourcesOptions } from './signalSources';
export { plainText, titleKey } from './text';
