import type { Instrument, Status, VenueStatus } from '../../contract/api';
import { countText, decimalText } from './numbers';

/**
 * Venues as the trader sees them: SIM venues and connected accounts (a venue's id is the account's
 * name), each with its badges, its connection and its round trip.
 */

export type Badge = 'TESTNET' | 'CUSTOM';

/** TESTNET and CUSTOM (endpoints replaced) where they apply; none for SIM or an ordinary production account. */
export function accountBadges(v: Pick<VenueStatus, 'account'> | undefined): Badge[] {
  const badges: Badge[] = [];
  if (v?.account?.environment === 'testnet') badges.push('TESTNET');
  if (v?.account?.customEndpoints) badges.push('CUSTOM');
  return badges;
}

export function venueStatus(status: Status | null, venue: string): VenueStatus | undefined {
  return status?.venues.find((v) => v.venue === venue);
}

/** Real money: an account in the production environment. SIM venues never are. */
export function isProduction(status: Status | null, venue: string): boolean {
  return venueStatus(status, venue)?.account?.environment === 'production';
}

export interface AccountChoice {
  venue: string;
  badges: Badge[];
  /** How many instruments it lists now; 0 until a connecting account has reported them. */
  instruments: number;
  state?: VenueStatus['state'];
}

/**
 * The accounts the ticket can send to: every venue the engine reports, in its order, then any venue
 * that lists instruments without a status yet (so nothing tradable is ever missing from the list).
 */
export function accountChoices(status: Status | null, instruments: readonly Instrument[], partial: readonly { venue: string; total: number }[] = []): AccountChoice[] {
  const counts = new Map<string, number>();
  for (const i of instruments) counts.set(i.venue, (counts.get(i.venue) ?? 0) + 1);
  // A venue too large to list whole counts what it lists in all, not the few the views hold.
  for (const p of partial) counts.set(p.venue, p.total);
  const choices: AccountChoice[] = (status?.venues ?? []).map((v) => ({ venue: v.venue, badges: accountBadges(v), instruments: counts.get(v.venue) ?? 0, state: v.state }));
  const seen = new Set(choices.map((c) => c.venue));
  for (const [venue, n] of counts) if (!seen.has(venue)) choices.push({ venue, badges: [], instruments: n });
  return choices;
}

/** How an account reads in a native select, where no badge can be styled: "main · TESTNET · CUSTOM". */
export function accountOptionText(choice: Pick<AccountChoice, 'venue' | 'badges' | 'instruments'>): string {
  return [choice.venue, ...choice.badges, ...(choice.instruments === 0 ? ['no instruments yet'] : [])].join(' · ');
}

/** A round trip as the status bar shows it: tenths under 10 ms, whole ms above. */
export function latencyText(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  return `${ms < 10 ? decimalText(ms, 1) : countText(ms)} ms`;
}
