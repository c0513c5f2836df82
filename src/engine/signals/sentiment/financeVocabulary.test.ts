import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSentimentScorer, FINANCE_VOCABULARY } from './index';
import { vaderLexicon } from './vaderLexicon';

const finance = createSentimentScorer({ lexicon: 'finance' });
const vader = createSentimentScorer({ lexicon: 'vader' });

describe('finance and crypto vocabulary', () => {
  it('is documented: every entry has a valence on VADER\'s -4..+4 scale, a rationale, and is unique', () => {
    const seen = new Set<string>();
    for (const { term, valence, rationale } of FINANCE_VOCABULARY) {
      expect(valence).toBeGreaterThanOrEqual(-4);
      expect(valence).toBeLessThanOrEqual(4);
      expect(rationale.length).toBeGreaterThanOrEqual(8);
      expect(term).toBe(term.toLowerCase());
      expect(seen.has(term)).toBe(false);
      seen.add(term);
    }
    for (const t of ['bullish', 'bearish', 'rekt', 'halving', 'delisting', 'hack', 'exploit', 'upgrade', 'short squeeze', 'rug pull', 'ath', 'moon', 'dump', 'fud', 'hodl', 'liquidated', 'rate cut', 'rate hike']) {
      expect(seen.has(t)).toBe(true);
    }
  });

  it('turns market headlines that VADER reads as neutral into the sentiment a trader reads', () => {
    const headlines: [string, 'up' | 'down'][] = [
      ['Analysts turn bullish on ETH ahead of the upgrade', 'up'],
      ['Bitcoin halving approaches as miners HODL', 'up'],
      ['SOL hits new ATH as short squeeze hits bears', 'up'],
      ['Fed signals rate cut in September', 'up'],
      ['Exchange announces delisting of XYZ token', 'down'],
      ['DeFi protocol drained in $40M exploit', 'down'],
      ['Leveraged longs liquidated as BTC tumbles', 'down'],
      ['Rug pull: developers vanish with investor funds', 'down'],
      ['Fed signals another rate hike', 'down'],
      ['Traders rekt after overnight dump', 'down'],
    ];
    for (const [text, direction] of headlines) {
      const f = finance.score(text).compound;
      const v = vader.score(text).compound;
      if (direction === 'up') {
        expect(f, text).toBeGreaterThan(0.05);
        expect(f, text).toBeGreaterThan(v);
      } else {
        expect(f, text).toBeLessThan(-0.05);
        expect(f, text).toBeLessThan(v);
      }
    }
  });

  it('applies VADER\'s rules to the new words and phrases: negation, boosters, caps, "but"', () => {
    const base = finance.score('Analysts are bullish on BTC').compound;
    expect(finance.score('Analysts are not bullish on BTC').compound).toBeLessThan(0);
    expect(finance.score('Analysts are very bullish on BTC').compound).toBeGreaterThan(base);
    expect(finance.score('Analysts are BULLISH on BTC').compound).toBeGreaterThan(base);
    expect(finance.score('This is not a short squeeze for GME').compound).toBeLessThan(0);
    expect(finance.score('Short squeeze for GME').compound).toBeGreaterThan(0);
    // "but" weights what follows: bearish first, bullish after reads positive.
    expect(finance.score('Traders were bearish but now bullish').compound).toBeGreaterThan(0);
  });

  it('switched off, scores as VADER: the vader lexicon is untouched by the extension', () => {
    expect(vaderLexicon().has('bullish')).toBe(false);
    expect(vader.score('Analysts turn bullish').compound).toBe(0);
    expect(createSentimentScorer().score('Analysts turn bullish').compound).toBeGreaterThan(0); // finance is the default
  });

  it('changes nothing in a text without its terms (generated text scores the same under both lexicons)', () => {
    const financeWords = new Set(FINANCE_VOCABULARY.flatMap((t) => t.term.split(' ')));
    const words = ['good', 'bad', 'great', 'not', 'very', 'but', 'never', 'so', 'kind', 'of', 'least', 'at', 'price', 'BTC', 'market', ':)', 'GREAT', 'Terrible', 'stocks', 'rise', 'fall', 'loss', 'win'];
    const word = fc.oneof(fc.constantFrom(...words), fc.stringMatching(/^[A-Za-z]{2,8}[!?.,]{0,2}$/)).filter((w) => !financeWords.has(w.replace(/[!?.,]+$/, '').toLowerCase()));
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (ws) => {
        const text = ws.join(' ');
        expect(finance.score(text)).toEqual(vader.score(text));
      }),
      { numRuns: 1000 },
    );
  });
});
