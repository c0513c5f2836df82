/**
 * Signals: sentiment scoring, ML inference and the signal aggregator (issue 16). Entered only through here.
 */
// Lexicon sentiment (VADER + finance vocabulary)
export {
  createSentimentScorer, FINANCE_VOCABULARY, LEXICON_NAMES, SentimentScorer, scorerLexicon,
  type FinanceTerm, type LexiconName, type ScorerLexicon, type SentimentScore, type SentimentScorerOptions,
} from './sentiment';
