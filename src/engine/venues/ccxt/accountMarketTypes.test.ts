import { describe, expect, it } from 'vitest';
import { ACCOUNT_MARKET_TYPES } from '../../secrets';
import { createCcxtExchange, type CcxtMarketType } from './ccxtExchange';

/**
 * The vault's list of market types an account may name (secrets sits below venues and cannot import
 * CcxtMarketType) stays within what this connector loads: every one is a CcxtMarketType (checked by the
 * compiler below) and restricts ccxt's market loading to a family ccxt knows.
 */
describe("the vault's account market types and the ccxt connector", () => {
  it('are each a ccxt market type that loads at least one of the REST families of a venue that has them all (Binance)', () => {
    const asConnector: readonly CcxtMarketType[] = ACCOUNT_MARKET_TYPES;
    expect(asConnector).toEqual(['spot', 'swap', 'future', 'option']);
    for (const type of ACCOUNT_MARKET_TYPES) {
      const ex = createCcxtExchange({ exchangeId: 'binance', environment: 'production', marketTypes: [type], contractKinds: ['linear'] });
      const families = (ex.options as { fetchMarkets?: { types?: string[] } }).fetchMarkets?.types;
      expect(families, type).toEqual(type === 'spot' ? ['spot'] : type === 'option' ? ['option'] : ['linear']);
      expect((ex.options as { defaultType?: string }).defaultType).toBe(type);
    }
  });
});
