import { SqError, type Clock, type Logger } from '../../core';
import type { Account } from '../../secrets';
import { BINANCE_SPOT_REST_URL, SignedRestClient } from '../../venues';
import { noConnector } from './venueFactory';

export interface TestedBalance {
  asset: string;
  free: string;
  locked: string;
}

interface WireAccount {
  canTrade?: boolean;
  balances?: { asset?: unknown; free?: unknown; locked?: unknown }[];
}

/**
 * Connects with the account's key and returns its balances, or throws an SqError carrying the venue's
 * exact refusal ("Invalid API-key, IP, or permissions for action.", "Signature for this request is not
 * valid.") or why trading is not possible. The secret goes to the signer only; no message names it.
 */
export async function testAccount(account: Account, deps: { clock: Clock; logger: Logger }): Promise<TestedBalance[]> {
  if (account.venue !== 'binance-spot') throw new SqError('VENUE_UNAVAILABLE', noConnector(account.venue));
  const rest = new SignedRestClient({ restUrl: account.restUrl ?? BINANCE_SPOT_REST_URL, apiKey: account.apiKey, secret: account.secret, clock: deps.clock, logger: deps.logger });
  const r = await rest.signed<WireAccount>('GET', '/api/v3/account', { omitZeroBalances: true });
  if (!r.ok) {
    const code = r.error.kind === 'venue' ? ` (Binance code ${r.error.code})` : '';
    throw new SqError(r.error.kind === 'venue' ? 'UNAUTHORIZED' : 'VENUE_UNAVAILABLE', `${account.name}: ${r.error.reason}${code}`);
  }
  if (r.body.canTrade === false) {
    throw new SqError('UNAUTHORIZED', `${account.name}: this API key may not trade (enable "Spot & Margin Trading" for it at Binance)`);
  }
  const balances: TestedBalance[] = [];
  for (const b of r.body.balances ?? []) {
    if (typeof b.asset !== 'string' || typeof b.free !== 'string' || typeof b.locked !== 'string') continue;
    balances.push({ asset: b.asset, free: b.free, locked: b.locked });
  }
  return balances.sort((a, b) => a.asset.localeCompare(b.asset));
}
