import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSentimentScorer, type SentimentScore } from './index';
import { vaderLexicon } from './vaderLexicon';

const require = createRequire(import.meta.url);
const peer = (require('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(text: string): SentimentScore } }).SentimentIntensityAnalyzer;

const vader = createSentimentScorer({ lexicon: 'vader' });

function expectClose(ours: SentimentScore, theirs: SentimentScore, text: string): void {
  for (const key of ['compound', 'pos', 'neu', 'neg'] as const) {
    if (!(Math.abs(ours[key] - theirs[key]) <= 1e-4)) {
      throw new Error(`${key} differs for ${JSON.stringify(text)}: ours ${JSON.stringify(ours)}, vader-sentiment ${JSON.stringify(theirs)}`);
    }
  }
}

describe('VADER lexicon scorer', () => {
  it("scores VADER's published demo sentences as published (Hutto & Gilbert's demo, vader-sentiment README)", () => {
    const published: [string, SentimentScore][] = [
      ['VADER is smart, handsome, and funny.', { neg: 0.0, neu: 0.254, pos: 0.746, compound: 0.8316 }],
      ['VADER is not smart, handsome, nor funny.', { neg: 0.646, neu: 0.354, pos: 0.0, compound: -0.7424 }],
      ['VADER is smart, handsome, and funny!', { neg: 0.0, neu: 0.248, pos: 0.752, compound: 0.8439 }],
      ['VADER is very smart, handsome, and funny.', { neg: 0.0, neu: 0.299, pos: 0.701, compound: 0.8545 }],
      ['VADER is VERY SMART, handsome, and FUNNY.', { neg: 0.0, neu: 0.246, pos: 0.754, compound: 0.9227 }],
      ['VADER is VERY SMART, handsome, and FUNNY!!!', { neg: 0.0, neu: 0.233, pos: 0.767, compound: 0.9342 }],
      ['VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!', { neg: 0.0, neu: 0.294, pos: 0.706, compound: 0.9469 }],
      ['The book was good.', { neg: 0.0, neu: 0.508, pos: 0.492, compound: 0.4404 }],
      ['The book was kind of good.', { neg: 0.0, neu: 0.657, pos: 0.343, compound: 0.3832 }],
      ['The plot was good, but the characters are uncompelling and the dialog is not great.', { neg: 0.327, neu: 0.579, pos: 0.094, compound: -0.7042 }],
      ["At least it isn't a horrible book.", { neg: 0.0, neu: 0.637, pos: 0.363, compound: 0.431 }],
      ['Make sure you :) or :D today!', { neg: 0.0, neu: 0.294, pos: 0.706, compound: 0.8633 }],
      ['Today SUX!', { neg: 0.779, neu: 0.221, pos: 0.0, compound: -0.5461 }],
      ["Today only kinda sux! But I'll get by, lol", { neg: 0.179, neu: 0.569, pos: 0.251, compound: 0.2228 }],
    ];
    for (const [text, score] of published) {
      const ours = vader.score(text);
      expectClose(ours, score, text);
      expect(ours).toEqual({ compound: score.compound, pos: score.pos, neu: score.neu, neg: score.neg });
    }
  });

  it('reads the lexicon from the installed vader-sentiment package, escapes and multi-word keys included', () => {
    const lexicon = vaderLexicon();
    expect(lexicon.size).toBeGreaterThan(7400);
    expect(lexicon.get('good')).toBe(1.9);
    expect(lexicon.get(':-\\')).toBe(-0.9); // written ':-\\' in the file
    expect(lexicon.get("can't stand")).toBe(-2);
    expect(lexicon.get('{:')).toBe(1.8);
  });

  it('handles each of VADER\'s rules as vader-sentiment does', () => {
    const cases = [
      'It was never so good', 'It was never this bad at all', 'without doubt a great result', 'not the least bit good',
      'at least good', 'the very least good', 'least good', 'It is hardly good', 'it is sort of good', 'just enough good for me',
      'the shit', 'really the shit', 'that movie is the bomb', 'you are a bad ass dude', 'oh yeah right you are great',
      'he cant cut the mustard today', 'a kiss of death for the deal', 'living hand to mouth sucks', 'great but BUT awful',
      'good BUT bad', 'GOOD day but BAD night', 'I  DO NOT like it', 'VERY good', 'so good', 'not so good', 'isn\'t good',
      "didn't like it, didn't hate it", 'great!!!!!!', 'bad????', 'bad??', 'good ?', ':) :( :-D <3 </3', '"good"', "'bad'",
      '-good- .bad. ,nice, good.. !!!great ?!?!awful', 'kind of', 'kind of bad', 'KIND OF BAD stuff', 'KINDA GOOD stuff',
      'nope, not good', 'uh-uh that is bad', 'the least', 'extremely EXTREMELY bad', 'no good at all',
      'Not bad. Not bad at all', 'never good never bad', 'BUT', 'but', 'good but', 'but good',
      // Case: negations, "never so", "but" and idioms match as written; the lexicon and boosters ignore case,
      // Unicode case included (KELVIN SIGN lower-cases to "k", as VADER's toLowerCase does).
      'NEVER SO good', 'Never so good', 'NOT good at all', "DON'T like it", 'Good But bad', 'The Shit is here',
      '\u212Aind of good', 'VERY \u212Aind of GOOD', 'İYİ good', 'ÇOK good ☺', 'GOOD ÜBER',
    ];
    for (const text of cases) expectClose(vader.score(text), peer.polarity_scores(text), text);
  });

  it('agrees with vader-sentiment to 1e-4 on generated text (words, boosters, negations, but, caps, punctuation, emoticons)', () => {
    const sentimentWords = ['good', 'bad', 'great', 'horrible', 'love', 'hate', 'happy', 'sad', 'win', 'loss', 'crash', 'scam', 'approved', 'fine', 'sux', 'lol', 'kiss', 'death', 'shit', 'bomb', 'mustard', 'ass', 'right', 'mouth'];
    const modifiers = ['very', 'extremely', 'slightly', 'barely', 'kind', 'of', 'sort', 'kinda', 'just', 'enough', 'least', 'at', 'so', 'this', 'never', 'not', "isn't", 'without', 'nor', 'but', 'BUT', 'the', 'yeah', 'cut', 'bad', 'hand', 'to'];
    const emoticons = [':)', ':(', ':-D', ':D', '<3', '</3', ';)', ':/', 'xD', ':-\\', '\\o/', '💘', '😁'];
    const word = fc.oneof(
      fc.constantFrom(...sentimentWords),
      fc.constantFrom(...modifiers),
      fc.constantFrom(...emoticons),
      fc.string({ minLength: 0, maxLength: 6 }),
      fc.stringMatching(/^[a-z]{1,8}$/),
    );
    const styled = fc.tuple(word, fc.constantFrom('lower', 'upper', 'title'), fc.constantFrom('', '', '', '!', '!!', '!!!', '!!!!', '?', '??', '.', ',', '?!?', '"', "'", ':', ')', '...'), fc.constantFrom('', '', '', '"', "'", '-', '(', '.', '!!')).map(
      ([w, style, after, before]) => before + (style === 'upper' ? w.toUpperCase() : style === 'title' ? w.charAt(0).toUpperCase() + w.slice(1) : w) + after,
    );
    const text = fc.tuple(fc.array(styled, { maxLength: 14 }), fc.array(fc.constantFrom(' ', ' ', ' ', '  ', '\t', '\n', '\u00a0', '\u3000'), { minLength: 14, maxLength: 14 })).map(([words, gaps]) =>
      words.map((w, i) => w + gaps[i]!).join(''),
    );
    fc.assert(
      fc.property(text, (t) => {
        expectClose(vader.score(t), peer.polarity_scores(t), t);
      }),
      { numRuns: 4000 },
    );
  });

  it('agrees with vader-sentiment on arbitrary Unicode text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (t) => {
        expectClose(vader.score(t), peer.polarity_scores(t), t);
      }),
      { numRuns: 1000 },
    );
  });

  it('never throws on empty, very long or odd text, and returns numbers in range', () => {
    const finance = createSentimentScorer({ lexicon: 'finance' });
    const long = 'The market is good but the news is bad!!! '.repeat(20_000);
    const odd = ['', ' ', '\n\n', '\u0000\u0001', '\ud800', '\udfff abc \ud83d', '𝔤𝔬𝔬𝔡 İSTANBUL ǅ', '\u200b\u200b', '‼️⁉️', 'a', '!!!!!!!!', '??????', long];
    for (const scorer of [vader, finance]) {
      for (const t of odd) {
        const s = scorer.score(t);
        for (const v of [s.compound, s.pos, s.neu, s.neg]) expect(Number.isFinite(v)).toBe(true);
        expect(Math.abs(s.compound)).toBeLessThanOrEqual(1);
      }
    }
    expect(vader.score('')).toEqual({ compound: 0, pos: 0, neu: 0, neg: 0 });
    const longish = long.slice(0, 40_000); // the peer's work grows with the square of the word count
    expectClose(vader.score(longish), peer.polarity_scores(longish), 'long text');
  });

  it('reuses its buffers without leaking one text into the next', () => {
    const a = 'terrible awful horrible disaster never good at all but fine';
    const before = vader.score(a);
    vader.score('great '.repeat(500));
    vader.score('x');
    expect(vader.score(a)).toEqual(before);
  });
});
