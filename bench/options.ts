/**
 * `npm run bench -- options`: a 2,000-option chain (10 expiries × 100 strikes × call/put, an index near
 * 24,000 with 50-point strikes and a skewed smile, like an NSE index chain) priced, with Greeks and
 * implied volatility, by ours and by the npm packages `black-scholes` (price), `greeks` (delta, gamma,
 * vega, theta, rho) and `implied-volatility` (IV), on the same inputs, in one process.
 *
 * The peers have no dividend yield, so q = 0 here. The "market" price of each option is its exact model
 * price at the smile's sigma (the true sigma), so each solver's IV error is measured against a known
 * answer: the max absolute error in vol over the options, and over those worth at least one tick (0.05).
 * `implied-volatility` bisects until the price matches to the cent and stops after 100 iterations; it is
 * called with its default starting estimate.
 *
 * Timing: whole chains after two warm-up rounds, ROUNDS times for ours and PEER_ROUNDS for the peers (which
 * take over a second per chain), median and best per chain; ratios are of medians.
 */
import { createRequire } from 'node:module';
import { emptyGreeks, greeksInto, impliedVol, impliedVolSolverCounts, optionPrice, type OptionInputs, type OptionRight } from '../src/engine/options';
import { fmt, nowNs, percentile, sortedCopy } from './stats';

type Peer7 = (s: number, k: number, t: number, v: number, r: number, callPut: string) => number;
const require = createRequire(import.meta.url);
const bs = require('black-scholes') as { blackScholes: Peer7 };
const greeksPeer = require('greeks') as { getDelta: Peer7; getGamma: (s: number, k: number, t: number, v: number, r: number) => number; getVega: (s: number, k: number, t: number, v: number, r: number) => number; getTheta: Peer7; getRho: Peer7 };
const ivPeer = require('implied-volatility') as { getImpliedVolatility: (price: number, s: number, k: number, t: number, r: number, callPut: string) => number };

const SPOT = 24_000;
const RATE = 0.065;
const EXPIRY_DAYS = [2, 9, 16, 23, 30, 58, 86, 177, 268, 359];
const STRIKES = 100;
const STEP = 50;
const ROUNDS = 31;
/** The peers take a second or more per chain (a 100-term series per Φ, up to 100 bisections per IV). */
const PEER_ROUNDS = 5;
const TICK = 0.05;

interface Chain {
  inputs: OptionInputs[];
  prices: Float64Array;
  trueSigma: Float64Array;
}

function buildChain(): Chain {
  const inputs: OptionInputs[] = [];
  for (const days of EXPIRY_DAYS) {
    const years = days / 365;
    const forward = SPOT * Math.exp(RATE * years);
    for (let i = 0; i < STRIKES; i++) {
      const strike = SPOT - (STRIKES / 2) * STEP + i * STEP;
      const k = Math.log(strike / forward) / Math.sqrt(years); // moneyness per √year: short expiries smile steeper
      const sigma = Math.max(0.06, 0.13 - 0.12 * k + 0.25 * k * k);
      for (const right of ['call', 'put'] as OptionRight[]) {
        inputs.push({ model: 'bsm', right, spot: SPOT, strike, years, rate: RATE, dividend: 0, sigma });
      }
    }
  }
  const prices = Float64Array.from(inputs, (o) => optionPrice(o));
  const trueSigma = Float64Array.from(inputs, (o) => o.sigma);
  return { inputs, prices, trueSigma };
}

/** Median and best ns per chain of `run` over `rounds` rounds after 2 warm-up rounds. */
function time(run: () => number, rounds = ROUNDS): { median: number; best: number; sink: number } {
  let sink = 0;
  for (let i = 0; i < 2; i++) sink += run();
  const samples = new Float64Array(rounds);
  for (let i = 0; i < rounds; i++) {
    const start = nowNs();
    sink += run();
    samples[i] = Number(nowNs() - start);
  }
  const sorted = sortedCopy(samples);
  return { median: percentile(sorted, 50), best: sorted[0]!, sink };
}

const ms = (ns: number): string => `${fmt(ns / 1e6, 3)} ms`;

export async function runOptionsBench(): Promise<void> {
  const { inputs, prices, trueSigma } = buildChain();
  const n = inputs.length;
  const out = emptyGreeks();
  const ivOurs = new Float64Array(n);
  const ivPeerOut = new Float64Array(n);

  const oursPrice = (): number => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += optionPrice(inputs[i]!);
    return acc;
  };
  const oursGreeks = (): number => {
    let acc = 0;
    for (let i = 0; i < n; i++) acc += greeksInto(inputs[i]!, out).theta;
    return acc;
  };
  const oursIv = (): number => {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const r = impliedVol(prices[i]!, inputs[i]!);
      ivOurs[i] = r.ok ? r.iv : Number.NaN;
      acc += ivOurs[i]!;
    }
    return acc;
  };
  const oursChain = (): number => {
    // What a chain refresh does: IV from the quote, then price and Greeks at that IV.
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const o = inputs[i]!;
      const r = impliedVol(prices[i]!, o);
      if (r.ok) acc += greeksInto(o, out).delta + r.iv;
    }
    return acc;
  };
  const peerPrice = (): number => {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const o = inputs[i]!;
      acc += bs.blackScholes(o.spot, o.strike, o.years, o.sigma, o.rate, o.right);
    }
    return acc;
  };
  const peerGreeks = (): number => {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const o = inputs[i]!;
      const { spot: s, strike: k, years: t, sigma: v, rate: r, right } = o;
      acc += greeksPeer.getDelta(s, k, t, v, r, right) + greeksPeer.getGamma(s, k, t, v, r) + greeksPeer.getVega(s, k, t, v, r);
      acc += greeksPeer.getTheta(s, k, t, v, r, right) + greeksPeer.getRho(s, k, t, v, r, right);
    }
    return acc;
  };
  const peerIv = (): number => {
    let acc = 0;
    for (let i = 0; i < n; i++) {
      const o = inputs[i]!;
      ivPeerOut[i] = ivPeer.getImpliedVolatility(prices[i]!, o.spot, o.strike, o.years, o.rate, o.right);
      acc += ivPeerOut[i]!;
    }
    return acc;
  };

  // Same inputs, same answers? Prices and Greeks of the peers against ours (outside the timing).
  let maxPriceDiff = 0;
  for (let i = 0; i < n; i++) {
    const o = inputs[i]!;
    maxPriceDiff = Math.max(maxPriceDiff, Math.abs(bs.blackScholes(o.spot, o.strike, o.years, o.sigma, o.rate, o.right) - prices[i]!));
  }

  const tOursPrice = time(oursPrice);
  const tOursGreeks = time(oursGreeks);
  const tOursIv = time(oursIv);
  const tOursChain = time(oursChain);
  const tPeerPrice = time(peerPrice, PEER_ROUNDS);
  const tPeerGreeks = time(peerGreeks, PEER_ROUNDS);
  const tPeerIv = time(peerIv, PEER_ROUNDS);
  // The peers' chain: the three packages' medians added (timing it again would take another minute).
  const tPeerChain = { median: tPeerPrice.median + tPeerGreeks.median + tPeerIv.median, best: tPeerPrice.best + tPeerGreeks.best + tPeerIv.best, sink: 0 };

  const ivError = (iv: Float64Array, minPrice: number): number => {
    let worst = 0;
    for (let i = 0; i < n; i++) {
      if (prices[i]! < minPrice) continue;
      const e = Math.abs(iv[i]! - trueSigma[i]!);
      worst = Number.isNaN(e) ? Infinity : Math.max(worst, e);
    }
    return worst;
  };
  const sci = (x: number): string => (x === Infinity ? 'no answer for some' : x.toExponential(2));

  console.log(`chain: ${fmt(n)} options (${EXPIRY_DAYS.length} expiries ${EXPIRY_DAYS[0]}-${EXPIRY_DAYS.at(-1)} days × ${STRIKES} strikes × call/put), spot ${fmt(SPOT)}, r ${RATE}, q 0, skewed smile`);
  console.log(`timing: median (best) of ${ROUNDS} whole chains (peers ${PEER_ROUNDS}) after warm-up, one thread`);
  console.log(`price:        ours ${ms(tOursPrice.median)} (${ms(tOursPrice.best)})   black-scholes ${ms(tPeerPrice.median)} (${ms(tPeerPrice.best)})   max |price diff| ${sci(maxPriceDiff)}`);
  console.log(`greeks:       ours ${ms(tOursGreeks.median)} (${ms(tOursGreeks.best)}) [price + 8 Greeks]   greeks ${ms(tPeerGreeks.median)} (${ms(tPeerGreeks.best)}) [5 Greeks]`);
  console.log(`IV:           ours ${ms(tOursIv.median)} (${ms(tOursIv.best)})   implied-volatility ${ms(tPeerIv.median)} (${ms(tPeerIv.best)})`);
  console.log(`chain (IV + price + Greeks): ours ${ms(tOursChain.median)} (${ms(tOursChain.best)})   peers together ${ms(tPeerChain.median)} (${ms(tPeerChain.best)})`);
  console.log(`IV max abs error vs true sigma, all ${fmt(n)}: ours ${sci(ivError(ivOurs, 0))}   implied-volatility ${sci(ivError(ivPeerOut, 0))}`);
  console.log(`IV max abs error vs true sigma, price >= ${TICK}: ours ${sci(ivError(ivOurs, TICK))}   implied-volatility ${sci(ivError(ivPeerOut, TICK))}`);
  console.log(`IV solver: ${fmt(impliedVolSolverCounts.solves)} solves, each 2 Householder steps from the initial guess; ${fmt(impliedVolSolverCounts.fallbacks)} needed the bracketed fallback`);
  console.log(`ratio vs black-scholes: ${fmt(tPeerPrice.median / tOursPrice.median, 1)}x`);
  console.log(`ratio vs greeks: ${fmt(tPeerGreeks.median / tOursGreeks.median, 1)}x`);
  console.log(`ratio vs implied-volatility: ${fmt(tPeerIv.median / tOursIv.median, 1)}x`);
  console.log(`ratio vs all three (whole chain): ${fmt(tPeerChain.median / tOursChain.median, 1)}x`);
  const sink = tOursPrice.sink + tOursGreeks.sink + tOursIv.sink + tOursChain.sink + tPeerPrice.sink + tPeerGreeks.sink + tPeerIv.sink + tPeerChain.sink;
  if (Number.isNaN(sink)) console.log('(some peer results were NaN)');
}
