import { FEATURE_COUNT } from './features';
import type { OrderFlowDataset } from './dataset';
import { midMoves } from './dataset';
import { fitLogistic, predictLogistic, type LogisticFitOptions, type LogisticModel } from './logistic';
import { hitRate, spearman, type HitRate } from './metrics';

/** One walk-forward fold: train on sample indices [trainStart, trainEnd), test on [testStart, testEnd). */
export interface Fold {
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
}

export interface FoldOptions {
  /** Test blocks (default 5). */
  folds?: number;
  /** Share of the samples before the first test block (default 0.4). */
  initialTrainFraction?: number;
  /** Samples whose time is within this of the first test sample (or after it) are not trained on. */
  embargoMs: number;
  /** 'expanding' (default: train on everything before) or 'rolling' (only the last `rollingMs`). */
  window?: 'expanding' | 'rolling';
  rollingMs?: number;
}

/**
 * Walk-forward folds over ascending sample times. The samples after the initial training share are cut
 * into `folds` consecutive test blocks; each block's training set is the samples strictly more than
 * `embargoMs` before the block's first sample. With embargoMs ≥ the label horizon, no training label
 * (which looks horizon ms ahead) reaches into the test block: the model is never scored on anything it
 * saw. A fold with no training sample left is dropped.
 */
export function walkForwardFolds(times: ArrayLike<number>, opts: FoldOptions): Fold[] {
  const n = times.length;
  const k = opts.folds ?? 5;
  const initial = opts.initialTrainFraction ?? 0.4;
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`folds must be a positive integer, got ${k}`);
  if (!(initial > 0 && initial < 1)) throw new RangeError(`initialTrainFraction must be in (0, 1), got ${initial}`);
  if (!(opts.embargoMs >= 0)) throw new RangeError(`embargoMs must be >= 0, got ${opts.embargoMs}`);
  if (opts.window === 'rolling' && !(opts.rollingMs! > 0)) throw new RangeError('a rolling window needs rollingMs > 0');
  const first = Math.floor(n * initial);
  const testSpan = n - first;
  const out: Fold[] = [];
  for (let f = 0; f < k; f++) {
    const testStart = first + Math.floor((testSpan * f) / k);
    const testEnd = first + Math.floor((testSpan * (f + 1)) / k);
    if (testEnd <= testStart) continue;
    const cutoff = times[testStart]! - opts.embargoMs;
    let trainEnd = testStart;
    while (trainEnd > 0 && times[trainEnd - 1]! >= cutoff) trainEnd--;
    let trainStart = 0;
    if (opts.window === 'rolling') {
      const from = cutoff - opts.rollingMs!;
      while (trainStart < trainEnd && times[trainStart]! < from) trainStart++;
    }
    if (trainEnd <= trainStart) continue;
    out.push({ trainStart, trainEnd, testStart, testEnd });
  }
  return out;
}

export interface FoldResult extends Fold {
  /** Non-flat training samples fitted. */
  trained: number;
  hit: HitRate;
  /** Spearman IC over the fold's test samples with a known move (flats included). */
  ic: number;
  /** Share of up moves among the fold's non-flat test moves. */
  baseRateUp: number;
  /** The model scored on this fold (fitted on its training samples only). */
  model: LogisticModel;
}

export interface WalkForwardResult {
  horizonMs: number;
  embargoMs: number;
  folds: FoldResult[];
  /** All test samples pooled. */
  hit: HitRate;
  ic: number;
  baseRateUp: number;
  /** Hit rate of always calling the training set's majority direction, on the same test moves. */
  majorityHit: HitRate;
  /** Test samples with a known move (flats included), and how many of them were flat. */
  testSamples: number;
  flat: number;
  /** The model fitted on every sample whose label ends before the last sample (for live use). */
  final: LogisticModel;
}

export interface WalkForwardOptions extends Omit<FoldOptions, 'embargoMs'> {
  horizonMs: number;
  /** Default: the horizon (the least that keeps overlapping labels out). */
  embargoMs?: number;
  fit?: LogisticFitOptions;
}

/**
 * Fits the model on each fold's training samples and scores it on the fold's test samples only.
 * Flat moves (mid unchanged after the horizon) are excluded from fitting and from the hit rate: the
 * question the model answers is "which way, if it moves", and on a tick-sized market most short horizons
 * are flat, so a third class would mostly learn "flat" from the spread and say nothing about direction.
 * They stay in the IC, because a score that ranks flats between ups and downs is doing its job.
 */
export function walkForward(data: OrderFlowDataset, opts: WalkForwardOptions): WalkForwardResult {
  const moves = midMoves(data, opts.horizonMs);
  const embargoMs = opts.embargoMs ?? opts.horizonMs;
  if (embargoMs < opts.horizonMs) throw new RangeError('embargoMs below the horizon would let training labels overlap the test block');
  const folds = walkForwardFolds(data.times, { ...opts, embargoMs });
  const y = new Float64Array(data.n);
  for (let i = 0; i < data.n; i++) y[i] = moves[i]! > 0 ? 1 : 0;
  const pooledP: number[] = [];
  const pooledMove: number[] = [];
  const pooledMajority: number[] = [];
  const results: FoldResult[] = [];
  for (const fold of folds) {
    const train = nonFlat(moves, fold.trainStart, fold.trainEnd);
    if (train.length < FEATURE_COUNT + 2) continue;
    const model = fitLogistic(data.features, FEATURE_COUNT, y, train, opts.fit);
    let ups = 0;
    for (const i of train) ups += y[i]!;
    const majority = ups * 2 >= train.length ? 1 : 0;
    const p: number[] = [];
    const m: number[] = [];
    for (let i = fold.testStart; i < fold.testEnd; i++) {
      if (Number.isNaN(moves[i]!)) continue;
      p.push(predictLogistic(model, data.features, i * FEATURE_COUNT));
      m.push(moves[i]!);
    }
    for (let j = 0; j < p.length; j++) {
      pooledP.push(p[j]!);
      pooledMove.push(m[j]!);
      pooledMajority.push(majority);
    }
    results.push({ ...fold, model, trained: train.length, hit: hitRate(p, m), ic: spearman(p, m), baseRateUp: upShare(m) });
  }
  const all = nonFlat(moves, 0, data.n);
  if (all.length < FEATURE_COUNT + 2) throw new Error(`too few non-flat moves to fit (${all.length})`);
  return {
    horizonMs: opts.horizonMs,
    embargoMs,
    folds: results,
    hit: hitRate(pooledP, pooledMove),
    ic: spearman(pooledP, pooledMove),
    baseRateUp: upShare(pooledMove),
    majorityHit: hitRate(pooledMajority.map((v) => (v ? 1 : 0)), pooledMove),
    testSamples: pooledMove.length,
    flat: pooledMove.filter((v) => v === 0).length,
    final: fitLogistic(data.features, FEATURE_COUNT, y, all, opts.fit),
  };
}

function nonFlat(moves: Float64Array, from: number, to: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) if (moves[i]! !== 0 && !Number.isNaN(moves[i]!)) out.push(i);
  return out;
}

function upShare(m: readonly number[]): number {
  let up = 0;
  let moved = 0;
  for (const v of m) {
    if (v === 0) continue;
    moved++;
    if (v > 0) up++;
  }
  return moved ? up / moved : NaN;
}
