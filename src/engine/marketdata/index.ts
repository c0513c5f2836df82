export * from './candleArchive';
export * from './candles';
export * from './tape';
export * from './timeframes';
export * from './sync';
export * from './binanceFeed';
export * from './ccxtFeed';
export * from './bybitFeed';
