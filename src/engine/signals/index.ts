// ONNX model scorer (signals/onnx): a transformer sentiment model in a worker thread.
export {
  OnnxSentimentScorer,
  type OnnxModelInfo,
  type OnnxScorerOptions,
  type OnnxScorerStatus,
  type SentimentScore as OnnxSentimentScore,
} from './onnx/onnxScorer';
export { SENTIMENT_LABELS, type SentimentLabel } from './onnx/protocol';
export { resolveOnnxWorker, type OnnxWorkerEntry } from './onnx/workerPath';
