/**
 * Lexicon sentiment: VADER's algorithm over VADER's lexicon, optionally extended with a finance and crypto
 * vocabulary. createSentimentScorer() is the entry point; one scorer per thread of work (it reuses buffers).
 */
import { scorerLexicon, type LexiconName } from './lexicons';
import { SentimentScorer } from './scorer';

export { FINANCE_VOCABULARY, type FinanceTerm } from './financeVocabulary';
export { LEXICON_NAMES, scorerLexicon, type LexiconName } from './lexicons';
export { SentimentScorer, type ScorerLexicon, type SentimentScore } from './scorer';

export interface SentimentScorerOptions {
  /** 'finance' (default) adds the finance and crypto vocabulary; 'vader' scores exactly as vader-sentiment. */
  lexicon?: LexiconName;
}

export function createSentimentScorer(options: SentimentScorerOptions = {}): SentimentScorer {
  return new SentimentScorer(scorerLexicon(options.lexicon ?? 'finance'));
}
