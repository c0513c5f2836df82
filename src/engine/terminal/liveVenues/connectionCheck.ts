import { SqError, type Clock, type Logger, type VenueBalance } from '../../core';
import type { Account } from '../../secrets';
import { SignedRestClient } from '../../venues';
import { binanceEndpoints } from './binanceEndpoints';
import { adapterForAccount } from './venueFactory';

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
 * Binance spot: one signed GET /api/v3/account, so the error carries Binance's code. Connects with the account's key and returns its balances, or throws an SqError carrying the venue's
 * exact refusal ("Invalid API-key, IP, or permissions for action.", "Signature for this request is not
 * valid.") or why trading is not possible. The secret goes to the signer only; no message names it.
 */
export async function testAccount(account: Account, deps: { clock: Clock; logger: Logger; dataDir?: string }): Promise<TestedBalance[]> {
  if (account.venue !== 'binance-spot') return connectAndRead(account, deps);
  const { restUrl } = binanceEndpoints(account, 'binance-spot');
  const rest = new SignedRestClient({ restUrl, apiKey: account.apiKey, secret: account.secret, clock: deps.clock, logger: deps.logger });
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
  return sortedByAsset(balances);
}

/**
 * Any other venue: its connector connects (markets, key, account stream) as the terminal would, and the
 * balances it reports on connecting are the answer; its refusal, in the venue's words, is the error.
 */
async function connectAndRead(account: Account, deps: { clock: Clock; logger: Logger; dataDir?: string }): Promise<TestedBalance[]> {
  const made = adapterForAccount(account, { ...deps, random: Math.random });
  if (!made.ok) throw new SqError('VENUE_UNAVAILABLE', `${account.name}: ${made.reason}`);
  const adapter = made.adapter;
  let balances: VenueBalance[] | undefined;
  let refused: string | undefined;
  const off = adapter.onEvent((e) => {
    if (e.type === 'balances' && e.complete) balances ??= e.balances;
    if (e.type === 'connection' && e.state === 'disconnected' && e.reason !== undefined) refused ??= e.reason;
  });
  try {
    await adapter.connect();
  } finally {
    off();
    await adapter.disconnect();
  }
  if (refused !== undefined) throw new SqError('UNAUTHORIZED', `${account.name}: ${refused}`);
  if (!balances) throw new SqError('VENUE_UNAVAILABLE', `${account.name}: connected, but the venue reported no balances`);
  return sortedByAsset(balances);
}

function sortedByAsset(balances: TestedBalance[]): TestedBalance[] {
  return balances.map(({ asset, free, locked }) => ({ asset, free, locked })).sort((a, b) => a.asset.localeCompare(b.asset));
}
