// Sources (news, social, Fear & Greed, Binance positioning) and their storage: src/engine/signals/sources.
export * from './sources';
