import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { createSentimentScorer } from '../engine/signals';
import { runSq, type SqRun } from './testSupport';

const require = createRequire(import.meta.url);
const peer = (require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(text: string): Record<string, number> } }).SentimentIntensityAnalyzer;

/** Runs the real command line, as `npm run -s sq -- sentiment score` does, with `input` on stdin. */
const sq = (input: string, ...args: string[]) => runSq(args, input);

const outputLines = (run: SqRun) => run.stdout.trimEnd().split('\n');

describe('sq sentiment score', () => {
  it('--lexicon vader prints one JSON line per input line, as vader-sentiment scores it, in order', async () => {
    const texts = ['VADER is smart, handsome, and funny.', '', 'Today SUX!', "At least it isn't a horrible book.", 'Analysts turn bullish on BTC', '💘 :) ünïcödé'];
    const run = await sq('\ufeff' + texts.join('\r\n') + '\n', 'sentiment', 'score', '--lexicon', 'vader');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const lines = outputLines(run);
    expect(lines).toHaveLength(texts.length);
    expect(lines[0]).toBe('{"compound":0.8316,"pos":0.746,"neu":0.254,"neg":0}');
    expect(lines[1]).toBe('{"compound":0,"pos":0,"neu":0,"neg":0}'); // an empty line keeps its place
    texts.forEach((text, i) => {
      const ours = JSON.parse(lines[i]!) as Record<string, number>;
      expect(Object.keys(ours)).toEqual(['compound', 'pos', 'neu', 'neg']);
      const theirs = peer.polarity_scores(text);
      for (const key of ['compound', 'pos', 'neu', 'neg']) expect(Math.abs(ours[key]! - theirs[key]!)).toBeLessThanOrEqual(1e-4);
    });
  });

  it('uses the finance vocabulary by default and with --lexicon finance', async () => {
    const input = 'Analysts turn bullish on BTC\nExchange announces delisting of XYZ token\n';
    const expected = ['Analysts turn bullish on BTC', 'Exchange announces delisting of XYZ token'].map((t) => JSON.stringify(createSentimentScorer({ lexicon: 'finance' }).score(t)));
    for (const args of [[], ['--lexicon', 'finance'], ['--lexicon=finance']]) {
      const run = await sq(input, 'sentiment', 'score', ...args);
      expect(run.code).toBe(0);
      expect(outputLines(run)).toEqual(expected);
    }
    expect((JSON.parse(expected[0]!) as { compound: number }).compound).toBeGreaterThan(0.05);
    expect((JSON.parse(expected[1]!) as { compound: number }).compound).toBeLessThan(-0.05);
  });

  it('exits 2 with a clear message on a bad command line, and prints help', async () => {
    const bad = await sq('', 'sentiment', 'score', '--lexicon', 'afinn');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("sq sentiment: --lexicon takes vader or finance (not 'afinn')");
    const unknown = await sq('', 'sentiment', 'classify');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown subcommand 'classify'");
    const help = await sq('', 'sentiment', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('usage: sq sentiment score');
  });
});
