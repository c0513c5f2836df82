/**
 * What a failed ccxt call means for an order, and the venue's own words for the trader.
 *
 * ccxt maps each venue's error codes to its error classes. Those under ExchangeError (InvalidOrder,
 * InsufficientFunds, AuthenticationError, BadSymbol, ...) are the venue refusing the request: the order
 * does not exist there. So are RateLimitExceeded / DDoSProtection (429/418) and InvalidNonce (a
 * timestamp outside the venue's window), which the venue refuses before acting. Every other failure
 * (a timeout, a dropped connection, a 5xx, an answer that could not be read, an unknown throw) leaves
 * the outcome unknown: the request may have been acted on.
 */
import ccxt from 'ccxt';

export type VenueFailure =
  /** The venue said no: the request had no effect. */
  | { kind: 'refused'; reason: string; notFound: boolean }
  /** No usable answer: the request may or may not have taken effect. */
  | { kind: 'unknown'; reason: string };

/**
 * The venue's words from a ccxt error message. ccxt writes "<exchangeId> <body>", the body being the
 * venue's text or its JSON error; the JSON's message field is taken when there is one
 * ('binance {"code":-2010,"msg":"Account has insufficient balance for requested action."}' ->
 * "Account has insufficient balance for requested action.").
 */
export function venueWords(exchangeId: string, error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  const body = raw.startsWith(exchangeId + ' ') ? raw.slice(exchangeId.length + 1) : raw;
  const json = /\{.*\}/s.exec(body)?.[0];
  if (json) {
    try {
      const parsed = JSON.parse(json) as Record<string, unknown>;
      for (const field of ['msg', 'message', 'retMsg', 'error_message', 'errorMessage', 'error', 'err_msg']) {
        const v = parsed[field];
        if (typeof v === 'string' && v.trim() !== '') return v;
        if (v && typeof v === 'object' && typeof (v as { message?: unknown }).message === 'string') return (v as { message: string }).message;
      }
    } catch {
      // Not JSON after all: the text as written is the venue's words.
    }
  }
  return body.trim() === '' ? raw : body.trim();
}

export function classifyFailure(exchangeId: string, error: unknown): VenueFailure {
  const reason = venueWords(exchangeId, error);
  if (error instanceof ccxt.ExchangeError) return { kind: 'refused', reason, notFound: error instanceof ccxt.OrderNotFound };
  if (error instanceof ccxt.RateLimitExceeded || error instanceof ccxt.DDoSProtection || error instanceof ccxt.InvalidNonce) {
    return { kind: 'refused', reason, notFound: false };
  }
  return { kind: 'unknown', reason };
}
