/**
 * The two lexicons a scorer can use: VADER's own ('vader', which scores every text as `vader-sentiment`
 * does) and VADER's extended with the finance and crypto vocabulary ('finance', financeVocabulary.ts).
 */
import { FINANCE_VOCABULARY } from './financeVocabulary';
import type { ScorerLexicon } from './scorer';
import { vaderLexicon } from './vaderLexicon';

export type LexiconName = 'vader' | 'finance';
export const LEXICON_NAMES: readonly LexiconName[] = ['vader', 'finance'];

const built = new Map<LexiconName, ScorerLexicon>();

export function scorerLexicon(name: LexiconName): ScorerLexicon {
  let lexicon = built.get(name);
  if (lexicon) return lexicon;
  const vader = vaderLexicon();
  if (name === 'vader') {
    lexicon = { words: vader, phrases: new Map() };
  } else {
    const words = new Map(vader);
    const phrases = new Map<string, number>();
    for (const { term, valence } of FINANCE_VOCABULARY) {
      if (!(valence >= -4 && valence <= 4)) throw new Error(`finance vocabulary: '${term}' valence ${valence} is outside -4..+4`);
      if (term !== term.toLowerCase() || term.trim() !== term) throw new Error(`finance vocabulary: '${term}' must be lower case and trimmed`);
      (term.includes(' ') ? phrases : words).set(term, valence);
    }
    lexicon = { words, phrases };
  }
  built.set(name, lexicon);
  return lexicon;
}
