/**
 * `npm run bench -- sentiment`: headlines per second for our VADER scorer (src/engine/signals) against the
 * npm packages `sentiment` (AFINN-165 word list) and `vader-sentiment` (the JavaScript VADER whose scores
 * ours matches), on the same deterministic set of crypto and market headlines, in one process.
 *
 * Timing: the whole set per round, after two warm-up rounds, ROUNDS rounds each (PEER_ROUNDS for
 * vader-sentiment, which is slow), median and best; headlines/s from the median; ratios of medians. Ours is
 * timed through score() (a fresh result object per headline, as the peers return), and through scoreInto().
 * Ours is timed with both lexicons ('vader' is what is compared with vader-sentiment; 'finance' is what
 * the terminal uses). The agreement of ours ('vader') with vader-sentiment on these headlines is printed.
 *
 * runSentimentBench takes further sections (the ONNX scorer's items/s) that run on the same headlines
 * after ours and the peers, so their figures print in the same report.
 */
import { createRequire } from 'node:module';
import { createSentimentScorer, type SentimentScore } from '../src/engine/signals';
import { generateHeadlines } from './sentimentHeadlines';
import { fmt, nowNs, percentile, sortedCopy } from './stats';

const require = createRequire(import.meta.url);
const VaderPeer = (require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(text: string): SentimentScore } }).SentimentIntensityAnalyzer;
const AfinnPeer = require('sentiment') as new () => { analyze(text: string): { score: number; comparative: number } };

const HEADLINES = 5_000;
const ROUNDS = 21;
const PEER_ROUNDS = 7;

/** One timed scorer: the median and best seconds per pass over the headlines. */
export interface SentimentTiming {
  name: string;
  medianSeconds: number;
  bestSeconds: number;
  headlinesPerSecond: number;
}

/** A later section of this benchmark (e.g. the ONNX scorer): gets the same headlines and the timings so far. */
export type SentimentBenchSection = (headlines: readonly string[], timings: readonly SentimentTiming[]) => Promise<void> | void;

/** Times `score` over every headline, `rounds` times after two warm-up passes. */
export function timeHeadlines(name: string, headlines: readonly string[], score: (text: string) => number, rounds = ROUNDS): SentimentTiming {
  let sink = 0;
  for (let w = 0; w < 2; w++) for (const h of headlines) sink += score(h);
  const samples = new Float64Array(rounds);
  for (let r = 0; r < rounds; r++) {
    const start = nowNs();
    for (const h of headlines) sink += score(h);
    samples[r] = Number(nowNs() - start) / 1e9;
  }
  if (Number.isNaN(sink)) console.log(`(${name} produced NaN)`);
  const sorted = sortedCopy(samples);
  const medianSeconds = percentile(sorted, 50);
  return { name, medianSeconds, bestSeconds: sorted[0]!, headlinesPerSecond: headlines.length / medianSeconds };
}

export function printTiming(t: SentimentTiming, count: number): void {
  const us = (s: number) => `${fmt((s / count) * 1e6, 2)} µs`;
  console.log(`${t.name.padEnd(28)} ${fmt(t.headlinesPerSecond).padStart(12)} headlines/s   ${us(t.medianSeconds)}/headline (best ${us(t.bestSeconds)})`);
}

export async function runSentimentBench(sections: readonly SentimentBenchSection[] = []): Promise<void> {
  const headlines = generateHeadlines(HEADLINES);
  const ours = createSentimentScorer({ lexicon: 'vader' });
  const oursFinance = createSentimentScorer({ lexicon: 'finance' });
  const out: SentimentScore = { compound: 0, pos: 0, neu: 0, neg: 0 };
  const afinn = new AfinnPeer();

  // Agreement first (also a warm-up): ours with the vader lexicon against vader-sentiment, all four numbers.
  let maxDiff = 0;
  for (const h of headlines) {
    const a = ours.score(h);
    const b = VaderPeer.polarity_scores(h);
    maxDiff = Math.max(maxDiff, Math.abs(a.compound - b.compound), Math.abs(a.pos - b.pos), Math.abs(a.neu - b.neu), Math.abs(a.neg - b.neg));
  }

  const timings: SentimentTiming[] = [
    timeHeadlines('ours (vader lexicon)', headlines, (t) => ours.score(t).compound),
    timeHeadlines('ours (finance lexicon)', headlines, (t) => oursFinance.score(t).compound),
    timeHeadlines('sentiment (AFINN)', headlines, (t) => afinn.analyze(t).comparative),
    timeHeadlines('vader-sentiment', headlines, (t) => VaderPeer.polarity_scores(t).compound, PEER_ROUNDS),
    timeHeadlines('ours (vader, scoreInto)', headlines, (t) => ours.scoreInto(t, out).compound),
  ];
  const [oursT, , afinnT, vaderT] = timings as [SentimentTiming, SentimentTiming, SentimentTiming, SentimentTiming];
  const avgWords = headlines.reduce((n, h) => n + h.split(/\s+/).length, 0) / headlines.length;

  console.log(`headlines: ${fmt(headlines.length)} generated crypto/market headlines (seeded), ${fmt(avgWords, 1)} words on average`);
  console.log(`timing: median (best) of ${ROUNDS} passes (vader-sentiment ${PEER_ROUNDS}) after two warm-up passes, one thread`);
  for (const t of timings) printTiming(t, headlines.length);
  console.log(`agreement with vader-sentiment (vader lexicon), max |diff| over the 4 numbers: ${maxDiff.toExponential(1)}`);
  console.log(`ratio vs sentiment: ${fmt(oursT.headlinesPerSecond / afinnT.headlinesPerSecond, 1)}x`);
  console.log(`ratio vs vader-sentiment: ${fmt(oursT.headlinesPerSecond / vaderT.headlinesPerSecond, 1)}x`);
  // The machine is shared: the best passes are the least disturbed by other load.
  console.log(`(best passes: vs sentiment ${fmt(afinnT.bestSeconds / oursT.bestSeconds, 1)}x, vs vader-sentiment ${fmt(vaderT.bestSeconds / oursT.bestSeconds, 1)}x)`);

  for (const section of sections) await section(headlines, timings);
}
