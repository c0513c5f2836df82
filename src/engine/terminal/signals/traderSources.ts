/**
 * The sources a trader adds, from their ticket to the source definition that polls them, and what the
 * Sources list shows as each one's target (the feed URL, "r/<sub>", the API host: never a token).
 */
import { cryptoPanicSource, fearGreedSource, redditSource, rssSource, type SourceDefinition } from '../../signals';
import type { StoredTicket } from './signalSettings';

/** Where the providers are (production defaults inside the definitions); a test points them at a loopback server. */
export interface SourceEndpoints {
  reddit?: string;
  cryptopanic?: string;
  fearGreed?: string;
}

const seconds = (s: number | undefined) => (s === undefined ? {} : { intervalMs: s * 1000 });

/** The definition for a stored ticket; a CryptoPanic ticket needs its token (from the secret keeper). */
export function definitionOf(id: string, ticket: StoredTicket, endpoints: SourceEndpoints, token?: string): SourceDefinition {
  switch (ticket.kind) {
    case 'rss':
      return rssSource({ id, url: ticket.url, ...(ticket.label ? { label: ticket.label } : {}), ...seconds(ticket.intervalSec) });
    case 'reddit':
      return redditSource({ id, subreddit: ticket.subreddit, ...(ticket.label ? { label: ticket.label } : {}), ...(endpoints.reddit ? { baseUrl: endpoints.reddit } : {}), ...seconds(ticket.intervalSec) });
    case 'cryptopanic':
      if (!token) throw new Error('CryptoPanic needs an API token');
      return cryptoPanicSource({ id, authToken: token, ...(ticket.currencies ? { currencies: ticket.currencies } : {}), ...(endpoints.cryptopanic ? { baseUrl: endpoints.cryptopanic } : {}), ...seconds(ticket.intervalSec) });
    case 'fearGreed':
      return fearGreedSource({ id, ...(endpoints.fearGreed ? { baseUrl: endpoints.fearGreed } : {}), ...seconds(ticket.intervalSec) });
  }
}

/** The label a source shows before its first poll, and where it reads from. */
export function targetOf(ticket: StoredTicket, endpoints: SourceEndpoints): string {
  switch (ticket.kind) {
    case 'rss':
      return ticket.url;
    case 'reddit':
      return `r/${ticket.subreddit}`;
    case 'cryptopanic':
      return new URL(endpoints.cryptopanic ?? 'https://cryptopanic.com').host;
    case 'fearGreed':
      return new URL(endpoints.fearGreed ?? 'https://api.alternative.me').host;
  }
}

export function labelOf(ticket: StoredTicket): string {
  switch (ticket.kind) {
    case 'rss':
      return ticket.label ?? new URL(ticket.url).host;
    case 'reddit':
      return ticket.label ?? `r/${ticket.subreddit}`;
    case 'cryptopanic':
      return 'CryptoPanic';
    case 'fearGreed':
      return 'Crypto Fear & Greed';
  }
}

/** Drops the token from a ticket: what is stored and shown. */
export function withoutSecret(ticket: StoredTicket | { kind: 'cryptopanic'; token: string; currencies?: string[]; intervalSec?: number }): StoredTicket {
  if (ticket.kind !== 'cryptopanic') return ticket;
  const { kind, currencies, intervalSec } = ticket;
  return { kind, ...(currencies ? { currencies } : {}), ...(intervalSec !== undefined ? { intervalSec } : {}) };
}
