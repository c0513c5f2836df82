/**
 * Signals: sentiment scoring, ML inference and the signal aggregator (issue 16). Entered only through here.
 */
// Lexicon sentiment (VADER + finance vocabulary)
export {
  createSentimentScorer, FINANCE_VOCABULARY, LEXICON_NAMES, SentimentScorer, scorerLexicon,
  type FinanceTerm, type LexiconName, type ScorerLexicon, type SentimentScore, type SentimentScorerOptions,
} from './sentiment';
// ONNX model scorer (signals/onnx): a transformer sentiment model in a worker thread.
export {
  OnnxSentimentScorer,
  type OnnxModelInfo,
  type OnnxScorerOptions,
  type OnnxScorerStatus,
} from './onnx/onnxScorer';
export { SENTIMENT_LABELS, type SentimentLabel } from './onnx/protocol';
export { resolveOnnxWorker, type OnnxWorkerEntry } from './onnx/workerPath';
// Sources (news, social, Fear & Greed, Binance positioning) and their storage: src/engine/signals/sources.
export * from './sources';
// Order-flow model (orderflow/): features from the analytics, logistic regression, walk-forward stats.
export * from './orderflow';
// Simulated news wire (simWire/): the SIM venue's regime-following headlines, a SignalSources source.
export * from './simWire';
// Signal aggregator (aggregator/): normalised components, weighted composite, 'signal'/'alert' bus, threshold alerts.
export * from './aggregator';
