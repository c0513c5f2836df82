import type { Account } from '../../secrets';

export interface BinanceEndpoints {
  restUrl: string;
  streamUrl: string;
  /** Spot only: the WebSocket API that carries the account stream. */
  wsApiUrl?: string;
}

/**
 * Binance's documented base URLs per market and environment. A testnet key is refused by production
 * (and the other way round), so a testnet account without URLs of its own goes to the testnet.
 */
const DEFAULTS = {
  'binance-spot': {
    production: { restUrl: 'https://api.binance.com', streamUrl: 'wss://stream.binance.com:9443', wsApiUrl: 'wss://ws-api.binance.com:443/ws-api/v3' },
    testnet: { restUrl: 'https://testnet.binance.vision', streamUrl: 'wss://stream.testnet.binance.vision', wsApiUrl: 'wss://ws-api.testnet.binance.vision/ws-api/v3' },
  },
  'binance-usdm': {
    production: { restUrl: 'https://fapi.binance.com', streamUrl: 'wss://fstream.binance.com' },
    testnet: { restUrl: 'https://testnet.binancefuture.com', streamUrl: 'wss://fstream.binancefuture.com' },
  },
} as const;

/** The account's own URLs where it has them (a regional endpoint, a proxy, the loopback venue), else Binance's. */
export function binanceEndpoints(account: Pick<Account, 'venue' | 'environment' | 'restUrl' | 'streamUrl' | 'wsApiUrl'>, market: 'binance-spot' | 'binance-usdm'): BinanceEndpoints {
  const defaults: BinanceEndpoints = DEFAULTS[market][account.environment];
  return {
    restUrl: account.restUrl ?? defaults.restUrl,
    streamUrl: account.streamUrl ?? defaults.streamUrl,
    ...(defaults.wsApiUrl !== undefined ? { wsApiUrl: account.wsApiUrl ?? defaults.wsApiUrl } : {}),
  };
}
