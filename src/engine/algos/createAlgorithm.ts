import type { Clock, Symbol, VenueId } from '../core';
import type { Algorithm, RouteMarket } from './algorithm';
import { Iceberg } from './strategies/iceberg';
import { Peg } from './strategies/peg';
import { Pov } from './strategies/pov';
import { Shortfall } from './strategies/shortfall';
import { Smart } from './strategies/smart';
import { Sniper } from './strategies/sniper';
import { Twap } from './strategies/twap';
import { Vwap } from './strategies/vwap';
import type { AlgoParams, ParentSpec } from './types';

/** What a routing algorithm needs beyond its parameters: the venues' market, the clock, the parent's instrument. */
export interface RouteContext {
  market: RouteMarket | undefined;
  clock: Clock;
  venue: VenueId;
  symbol: Symbol;
}

/** The algorithm a parent runs, built from its journaled spec (so a restart builds the same one). */
export function createAlgorithm(params: AlgoParams, startAt: number, endAt: number, seed: number, ctx?: RouteContext): Algorithm {
  switch (params.type) {
    case 'twap':
      return new Twap(params, startAt, endAt, seed);
    case 'vwap':
      // The engine resolves `buckets` into a profile (from recorded volume) before the parent is journaled.
      if (!params.profile) throw new Error('a VWAP runs on a profile');
      return new Vwap(params.profile, startAt, endAt);
    case 'pov':
      return new Pov(params);
    case 'iceberg':
      return new Iceberg(params, seed);
    case 'peg':
      return new Peg(params);
    case 'shortfall':
      return new Shortfall(params, startAt, endAt);
    case 'sniper':
      return new Sniper();
    case 'smart':
      // The engine refuses a smart parent without a market before it is journaled.
      if (!ctx?.market) throw new Error('smart routing needs the venues\' market');
      return new Smart(ctx.market, ctx.clock, ctx.venue, params.venues, ctx.symbol);
  }
}

const isInt = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n);
const fraction = (n: unknown, lo: number, hi: number): boolean => typeof n === 'number' && Number.isFinite(n) && n >= lo && n <= hi;
const positive = (n: unknown): boolean => typeof n === 'number' && Number.isFinite(n) && n > 0;

/** Why a parent cannot be started as asked (the first problem found), or undefined. */
export function specProblem(spec: ParentSpec, now: number): string | undefined {
  if (spec.side !== 'buy' && spec.side !== 'sell') return 'side must be buy or sell';
  if (!isInt(spec.qty) || spec.qty <= 0) return 'quantity must be a positive whole number of lots';
  if (spec.limit !== undefined && (!isInt(spec.limit) || spec.limit <= 0)) return 'limit must be a positive price in ticks';
  const startAt = spec.startAt ?? now;
  if (!isInt(startAt) || !isInt(spec.endAt)) return 'start and end must be times on the engine clock (ms)';
  if (spec.endAt <= startAt) return 'the window must end after it starts';
  if (spec.endAt <= now) return 'the window has already ended';
  if (spec.maxParticipation !== undefined && !(fraction(spec.maxParticipation, 0, 1) && spec.maxParticipation > 0)) return 'max participation must be in (0, 1]';
  if (spec.wouldPrice !== undefined && (!isInt(spec.wouldPrice) || spec.wouldPrice <= 0)) return '"would" price must be a positive price in ticks';
  if (spec.wouldPrice !== undefined && spec.limit !== undefined && (spec.side === 'buy' ? spec.wouldPrice > spec.limit : spec.wouldPrice < spec.limit)) {
    return '"would" price must be at or inside the limit';
  }
  if (spec.maxSpread !== undefined && (!isInt(spec.maxSpread) || spec.maxSpread <= 0)) return 'max spread must be a positive number of ticks';
  if (spec.onRestart !== undefined && spec.onRestart !== 'resume' && spec.onRestart !== 'stop') return 'on restart must be resume or stop';
  if (spec.seed !== undefined && !isInt(spec.seed)) return 'seed must be an integer';
  return paramsProblem(spec);
}

function paramsProblem(spec: ParentSpec): string | undefined {
  const p = spec.params;
  switch (p?.type) {
    case 'twap':
      if (!isInt(p.slices) || p.slices < 1 || p.slices > 10_000) return 'TWAP slices must be 1 to 10,000';
      if (p.sizeJitter !== undefined && !fraction(p.sizeJitter, 0, 0.9)) return 'TWAP size variation must be 0 to 0.9';
      if (p.timeJitter !== undefined && !fraction(p.timeJitter, 0, 1)) return 'TWAP time variation must be 0 to 1';
      return undefined;
    case 'vwap':
      if (p.profile === undefined) {
        if (!isInt(p.buckets) || p.buckets < 1 || p.buckets > 10_000) return 'VWAP needs a profile, or 1 to 10,000 buckets to build one from recorded volume';
        return undefined;
      }
      if (!Array.isArray(p.profile) || p.profile.length < 1 || p.profile.length > 10_000) return 'VWAP needs a profile of 1 to 10,000 weights';
      if (!p.profile.every((w) => typeof w === 'number' && Number.isFinite(w) && w >= 0) || !p.profile.some((w) => w > 0)) return 'VWAP profile weights must be non-negative, one at least positive';
      return undefined;
    case 'pov': {
      if (!(fraction(p.rate, 0, 1) && p.rate > 0 && p.rate < 1)) return 'POV rate must be between 0 and 1';
      const min = p.minRate ?? p.rate / 2;
      const max = p.maxRate ?? Math.min(1, p.rate * 1.5);
      if (!fraction(min, 0, 1) || !fraction(max, 0, 1) || min > p.rate || max < p.rate) return 'POV needs min rate <= rate <= max rate, all within 0 to 1';
      return undefined;
    }
    case 'iceberg':
      if (spec.limit === undefined) return 'an iceberg rests at its limit: give one';
      if (!isInt(p.display) || p.display <= 0) return 'iceberg display must be a positive number of lots';
      if (p.displayJitter !== undefined && !fraction(p.displayJitter, 0, 0.9)) return 'iceberg display variation must be 0 to 0.9';
      return undefined;
    case 'peg':
      if (p.reference !== 'primary' && p.reference !== 'market' && p.reference !== 'mid') return 'peg reference must be primary, market or mid';
      if (!isInt(p.offset)) return 'peg offset must be a whole number of ticks';
      return undefined;
    case 'shortfall':
      if (!isInt(p.slices) || p.slices < 1 || p.slices > 10_000) return 'shortfall slices must be 1 to 10,000';
      if (!(typeof p.riskAversion === 'number' && Number.isFinite(p.riskAversion) && p.riskAversion >= 0)) return 'risk aversion must be zero or more';
      if (!positive(p.volatility)) return 'volatility must be positive';
      if (!positive(p.impact)) return 'impact must be positive';
      return undefined;
    case 'sniper':
      if (spec.limit === undefined) return 'a sniper takes liquidity at or better than its limit: give one';
      return undefined;
    case 'smart':
      if (spec.limit === undefined) return 'smart routing sweeps up to its limit: give one';
      if (!Array.isArray(p.venues) || p.venues.length < 1 || p.venues.length > 16) return 'smart routing needs 1 to 16 venues';
      if (!p.venues.every((v) => typeof v === 'string' && v.length > 0) || new Set(p.venues).size !== p.venues.length) return 'smart routing venues must be distinct venue ids';
      if (!p.venues.includes(spec.venue)) return `smart routing: the parent's venue ${spec.venue} must be one of its venues`;
      return undefined;
    default:
      return `unknown algo type ${String((p as { type?: unknown } | undefined)?.type)}`;
  }
}
