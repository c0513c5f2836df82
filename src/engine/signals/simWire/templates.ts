/**
 * The simulated wire's headline templates, by the market mood they report. Slots in braces are
 * filled from the actual regime ({pct} the move, {price} the fair value, {mins} the window) and from
 * short lists of venues, institutions and regulators. The wording is chosen so that the lexicon
 * scorer (VADER + finance vocabulary) reads rallies as positive, sell-offs as negative and calm
 * markets as near neutral; background stories carry either tone and follow no regime.
 */
import type { Mood } from './regime';

export interface WireAsset {
  /** Our canonical symbol of the underlying (what the tagger should tag). */
  symbol: string;
  /** How headlines name it: the common name and the ticker (the tagger knows both). */
  name: string;
  ticker: string;
}

export const DEFAULT_WIRE_ASSETS: readonly WireAsset[] = [
  { symbol: 'BTC-USDT', name: 'Bitcoin', ticker: 'BTC' },
  { symbol: 'ETH-USDT', name: 'Ether', ticker: 'ETH' },
  { symbol: 'SOL-USDT', name: 'Solana', ticker: 'SOL' },
];

// Names that no tagger rule matches (no crypto base or Kite symbol among them).
export const VENUES = ['Coinbase', 'Kraken', 'OKX', 'Bybit', 'Bitstamp', 'Deribit'];
export const INSTITUTIONS = ['BlackRock', 'Fidelity', 'Goldman Sachs', 'ARK Invest', 'Citadel Securities', 'Standard Chartered'];
export const REGULATORS = ['The SEC', 'The CFTC', 'ESMA', "Japan's FSA", 'The FCA', 'MAS'];

export const MOOD_TEMPLATES: Record<Mood, readonly string[]> = {
  rally: [
    '{name} rallies {pct}% to {price} as buyers return',
    '{name} surges {pct}% in {mins} minutes, traders turn bullish',
    'Bullish momentum: {name} climbs {pct}% on strong {venue} inflows',
    '{name} breakout lifts price to {price}, analysts upbeat',
    '{inst} sees strong demand as {name} gains {pct}%',
    '{name} soars {pct}% as optimism returns to crypto markets',
  ],
  selloff: [
    '{name} slumps {pct}% to {price} as sellers dump coins',
    '{name} plunges {pct}% in {mins} minutes, traders turn bearish',
    'Bearish pressure: {name} drops {pct}% amid {venue} outflows',
    '{name} tumbles {pct}% as fear grips crypto markets',
    '{name} selloff deepens, down {pct}% at {price}',
    'Losses mount for {name} holders as price falls {pct}% to {price}',
  ],
  volatile: [
    '{name} whipsaws around {price} as liquidations mount on {venue}',
    'Volatile session for {name}: {pct}% swing, traders liquidated',
    'Panic and liquidations as {name} swings {pct}% in {mins} minutes',
    '{name} volatility spikes, {venue} reports heavy liquidations',
  ],
  calm: [
    '{name} steady near {price} as volumes thin',
    '{name} trades flat around {price} on {venue}',
    '{name} holds {price} in a quiet session',
    '{name} range-bound near {price} ahead of {inst} report',
    '{ticker} little changed at {price} as traders wait',
  ],
};

/** Stories that follow no regime (the wire is not an oracle): either tone, any asset. */
export const BACKGROUND_TEMPLATES: readonly string[] = [
  '{inst} files for a new spot {name} ETF',
  '{venue} announces new {ticker} listing for margin pairs',
  '{name} network upgrade goes live without issues',
  '{reg} signals clearer rules for {ticker} trading, industry welcomes move',
  '{reg} opens probe into {venue} over suspected {ticker} market manipulation',
  '{venue} reports outage in {ticker} withdrawals',
  'Whale moves {amount} {ticker} to {venue}, traders fear a dump',
  '{inst} publishes {name} research note at {price}',
];
