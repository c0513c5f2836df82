/**
 * Which instruments a headline is about, by symbol and name: "BTC", "$BTC", "Bitcoin" tag every
 * instrument whose base is BTC; a Kite equity by its trading symbol ("RELIANCE") or its company
 * name. Whole words only, so "ETHICS" is not ETH. Derivatives are not tagged one by one (an option
 * chain has thousands); their underlying's instruments carry the news.
 */
import type { Instrument } from '../../instruments';

/** Common names of crypto bases (matched case-insensitively, unlike the tickers). */
const CRYPTO_NAMES: Record<string, string[]> = {
  BTC: ['Bitcoin', 'Bitcoins'], ETH: ['Ether', 'Ethereum'], SOL: ['Solana'], XRP: ['Ripple'], BNB: ['Binance Coin'],
  ADA: ['Cardano'], DOGE: ['Dogecoin'], DOT: ['Polkadot'], AVAX: ['Avalanche'], LTC: ['Litecoin'], LINK: ['Chainlink'],
  TRX: ['Tron'], MATIC: ['Polygon'], TON: ['Toncoin'], USDT: ['Tether'], USDC: ['USD Coin'],
};

/** Tickers that are also common English words: matched only as "$TICKER" or in capitals, never by case-folding. */
interface Rule {
  instruments: string[];
  /** Case-sensitive patterns (tickers) and case-insensitive ones (names). */
  exact: RegExp;
  loose?: RegExp;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
// Word boundaries that understand letters beyond ASCII and treat digits as part of a word.
const word = (alts: string[]) => `(?<![\\p{L}\\p{N}_])\\$?(?:${alts.map(escape).join('|')})(?![\\p{L}\\p{N}_])`;

export type TaggableInstrument = Pick<Instrument, 'symbol' | 'base' | 'venueSymbol'> & Partial<Pick<Instrument, 'name' | 'contract' | 'exchange'>>;

export class InstrumentTagger {
  private readonly rules: Rule[] = [];

  constructor(instruments: readonly TaggableInstrument[]) {
    const byKey = new Map<string, { instruments: Set<string>; tickers: Set<string>; names: Set<string> }>();
    for (const i of instruments) {
      if (i.contract) continue;
      // Kite equities: the trading symbol is the ticker; crypto: the base asset.
      const ticker = (i.exchange ? i.venueSymbol : i.base).toUpperCase();
      if (ticker.length < 2) continue;
      const entry = byKey.get(ticker) ?? { instruments: new Set(), tickers: new Set([ticker]), names: new Set() };
      entry.instruments.add(i.symbol);
      for (const n of CRYPTO_NAMES[ticker] ?? []) entry.names.add(n);
      if (i.exchange && i.name && i.name.trim().length >= 4 && i.name.toUpperCase() !== ticker) entry.names.add(i.name.trim());
      byKey.set(ticker, entry);
    }
    for (const e of byKey.values()) {
      this.rules.push({
        instruments: [...e.instruments].sort(),
        exact: new RegExp(word([...e.tickers]), 'u'),
        ...(e.names.size ? { loose: new RegExp(word([...e.names]), 'iu') } : {}),
      });
    }
  }

  /** The instruments `title` names, sorted; `currencies` are base codes the source itself attached. */
  tag(title: string, currencies: readonly string[] = []): string[] {
    const out = new Set<string>();
    const named = new Set(currencies.map((c) => c.toUpperCase()));
    for (const r of this.rules) {
      const hit = r.exact.test(title) || (r.loose?.test(title) ?? false) || [...named].some((c) => r.exact.test(c));
      if (hit) for (const s of r.instruments) out.add(s);
    }
    return [...out].sort();
  }
}
