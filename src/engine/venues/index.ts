export * from './types';
export * from './sim';
export * from './binance';
export * from './ccxt';
export * from './kite';
