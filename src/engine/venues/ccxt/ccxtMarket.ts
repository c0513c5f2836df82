/** The part of a ccxt market this reads (ccxt's Market type, loosened: venues leave fields out). */
export interface CcxtMarketLike {
  id: string;
  symbol: string;
  base: string;
  quote: string;
  settle?: string | undefined;
  type?: string | undefined;
  active?: boolean | undefined;
  expiry?: number | undefined;
  contractSize?: number | undefined;
  /** Options: the strike in the quote currency, and the right. */
  strike?: number | undefined;
  optionType?: string | undefined;
  linear?: boolean | undefined;
  inverse?: boolean | undefined;
  precision: { price?: number | undefined; amount?: number | undefined };
  limits?: { cost?: { min?: number | undefined } | undefined } | undefined;
}
