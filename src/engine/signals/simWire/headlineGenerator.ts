/**
 * The simulated news wire's headlines: a Poisson stream on the injected Clock's time whose tone
 * follows each underlying's regime (regime.ts), with contrarian and background stories so it is
 * not a perfect oracle. Every draw comes from one seeded Rng: the same seed, market and poll times
 * give the same headlines.
 *
 * The stream is generated lazily at each poll for the interval since the last one (arrival times
 * in the past, each headline's own time), by thinning: candidates arrive at the highest rate and
 * each is kept with probability rate(now) / highest rate, the rate rising with volatility as real
 * news flow does.
 */
import { Rng } from '../../core';
import type { ParsedHeadline } from '../sources';
import { RegimeTracker, type Mood, type Regime, type RegimeReader } from './regime';
import { BACKGROUND_TEMPLATES, DEFAULT_WIRE_ASSETS, INSTITUTIONS, MOOD_TEMPLATES, REGULATORS, VENUES, type WireAsset } from './templates';

/** Every headline starts with this, so nobody mistakes a simulated story for news wherever it shows. */
export const SIM_TITLE_PREFIX = '[Simulated] ';

export interface SimWireOptions {
  seed: number;
  read: RegimeReader;
  assets?: readonly WireAsset[];
  /** Mean headlines per minute across all assets in a normal-volatility market (default 2). */
  headlinesPerMinute?: number;
  /** The window the move is measured over (default 5 minutes). */
  windowMs?: number;
  /** At most this many headlines per poll (default 8). */
  maxPerPoll?: number;
  /** Arrivals older than this at a poll (after a sleep) are skipped, not replayed (default 2 minutes). */
  maxBacklogMs?: number;
  /** Share of headlines that do not follow the regime: half contrarian, half background (default 0.25). */
  noise?: number;
}

/** The rate scales with volatility between these factors; MAX bounds the wire's rate. */
const MIN_RATE_FACTOR = 0.5;
const MAX_RATE_FACTOR = 3;

export class SimWireGenerator {
  private readonly rng: Rng;
  private readonly assets: readonly WireAsset[];
  private readonly trackers: RegimeTracker[];
  private readonly ratePerMs: number;
  private readonly maxPerPoll: number;
  private readonly maxBacklogMs: number;
  private readonly noise: number;
  private readonly windowMs: number;
  /** Next candidate arrival (at the highest rate); NaN before the first poll. */
  private nextCandidate = NaN;
  private seq = 0;

  constructor(private readonly o: SimWireOptions) {
    this.rng = new Rng(o.seed);
    this.assets = o.assets ?? DEFAULT_WIRE_ASSETS;
    this.windowMs = o.windowMs ?? 5 * 60_000;
    this.trackers = this.assets.map((a) => new RegimeTracker(a.symbol, this.windowMs));
    const perMinute = o.headlinesPerMinute ?? 2;
    if (!(perMinute > 0)) throw new Error('the simulated wire needs a positive headline rate');
    this.ratePerMs = perMinute / 60_000;
    this.maxPerPoll = o.maxPerPoll ?? 8;
    this.maxBacklogMs = o.maxBacklogMs ?? 2 * 60_000;
    this.noise = Math.min(1, Math.max(0, o.noise ?? 0.25));
  }

  /** Highest mean headlines per minute this wire can produce (the bound a test checks). */
  get maxHeadlinesPerMinute(): number {
    return this.ratePerMs * 60_000 * MAX_RATE_FACTOR;
  }

  /** Reads the market and returns the headlines that arrived since the last call, oldest first. */
  generate(now: number): ParsedHeadline[] {
    const regimes: Regime[] = [];
    for (let i = 0; i < this.assets.length; i++) {
      const sample = this.o.read(this.assets[i]!.symbol);
      if (sample) regimes.push(this.trackers[i]!.observe(now, sample));
    }
    if (regimes.length === 0) throw new Error('the SIM market is not running (no underlying to report on)');
    const maxRate = this.ratePerMs * MAX_RATE_FACTOR;
    if (Number.isNaN(this.nextCandidate)) this.nextCandidate = now + this.rng.exponential(1 / maxRate);
    const meanVol = regimes.reduce((s, r) => s + r.volRatio, 0) / regimes.length;
    const keep = Math.min(MAX_RATE_FACTOR, Math.max(MIN_RATE_FACTOR, meanVol)) / MAX_RATE_FACTOR;
    const out: ParsedHeadline[] = [];
    for (; this.nextCandidate <= now; this.nextCandidate += this.rng.exponential(1 / maxRate)) {
      const at = Math.floor(this.nextCandidate);
      if (at < now - this.maxBacklogMs || this.rng.next() >= keep || out.length >= this.maxPerPoll) continue;
      out.push(this.headline(at, this.pickRegime(regimes)));
    }
    return out;
  }

  /** Assets that move more make more news. */
  private pickRegime(regimes: readonly Regime[]): Regime {
    const weights = regimes.map((r) => 1 + Math.min(3, Math.abs(r.z)) + Math.max(0, r.volRatio - 1));
    let u = this.rng.next() * weights.reduce((a, b) => a + b, 0);
    for (let i = 0; i < regimes.length; i++) if ((u -= weights[i]!) < 0) return regimes[i]!;
    return regimes[regimes.length - 1]!;
  }

  private headline(at: number, r: Regime): ParsedHeadline {
    const asset = this.assets.find((a) => a.symbol === r.symbol)!;
    const u = this.rng.next();
    let templates: readonly string[];
    if (u < this.noise / 2) templates = BACKGROUND_TEMPLATES;
    else if (u < this.noise) templates = MOOD_TEMPLATES[contrarian(r, this.rng)];
    else templates = MOOD_TEMPLATES[r.mood];
    const title = SIM_TITLE_PREFIX + this.fill(this.pick(templates), asset, r);
    return { guid: `sim-wire-${at}-${this.seq++}`, title, publishedAt: at };
  }

  private fill(template: string, asset: WireAsset, r: Regime): string {
    return template.replace(/\{(\w+)\}/g, (_, slot: string) => {
      switch (slot) {
        case 'name': return this.rng.next() < 0.7 ? asset.name : asset.ticker;
        case 'ticker': return asset.ticker;
        case 'pct': return Math.max(0.01, Math.abs(r.changePct)).toFixed(2);
        case 'price': return formatPrice(r.price);
        case 'mins': return String(Math.max(1, Math.round(r.spanMs / 60_000)));
        case 'venue': return this.pick(VENUES);
        case 'inst': return this.pick(INSTITUTIONS);
        case 'reg': return this.pick(REGULATORS);
        case 'amount': return String(this.rng.int(5, 200) * 100);
        default: throw new Error(`unknown headline slot {${slot}}`);
      }
    });
  }

  private pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.rng.next() * list.length)]!;
  }
}

/** The opposite story: a rally gets a sell-off headline and the other way round; a flat market either. */
function contrarian(r: Regime, rng: Rng): Mood {
  if (r.z >= 0.5) return 'selloff';
  if (r.z <= -0.5) return 'rally';
  return rng.next() < 0.5 ? 'rally' : 'selloff';
}

/** "$95,132" above 1,000; "$180.25" below. */
export function formatPrice(price: number): string {
  if (price >= 1000) return `$${Math.round(price).toString().replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`;
  return `$${price.toFixed(2)}`;
}
