/**
 * Messages between the ONNX scorer (main thread) and its worker thread. Both sides validate what they
 * receive: a malformed message is reported and dropped, never acted on. Plain TypeScript with no engine
 * imports, so that the worker's bundle stays small and self-contained.
 */

/** The sentiment classes a model's outputs may stand for, in the model's own output order. */
export type SentimentLabel = 'positive' | 'negative' | 'neutral';
export const SENTIMENT_LABELS: readonly SentimentLabel[] = ['positive', 'negative', 'neutral'];

export interface OnnxModelConfig {
  modelPath: string;
  vocabPath: string;
  /** Output index → class, e.g. ProsusAI FinBERT's ['positive', 'negative', 'neutral']. */
  labels: SentimentLabel[];
  lowercase: boolean;
  /** Tokens per text including [CLS] and [SEP]; longer texts are truncated, shorter padded. */
  maxLength: number;
  /** The logits output; empty = the model's first output. */
  outputName: string;
  /** Threads onnxruntime may use inside one run (1 leaves the other core to the engine). */
  intraOpThreads: number;
}

export type ToWorker =
  | { type: 'init'; config: OnnxModelConfig }
  | { type: 'score'; id: number; texts: string[] }
  /** Release the session (after the batch in hand) and end the thread. */
  | { type: 'close' };

export type FromWorker =
  | { type: 'ready'; inputNames: string[]; outputNames: string[] }
  | { type: 'initFailed'; message: string }
  /** 4 numbers per text: compound, pos, neu, neg. */
  | { type: 'scored'; id: number; scores: Float64Array }
  | { type: 'failed'; id: number; message: string };

const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const isId = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/** A label list is usable if its entries are distinct known classes, positive and negative among them. */
export function labelProblem(labels: unknown): string | undefined {
  if (!isStringArray(labels) || labels.length < 2) return 'labels must list at least two classes in the model\'s output order';
  for (const l of labels) if (!SENTIMENT_LABELS.includes(l as SentimentLabel)) return `unknown label "${l}" (use positive, negative, neutral)`;
  if (new Set(labels).size !== labels.length) return 'labels must not repeat';
  if (!labels.includes('positive') || !labels.includes('negative')) return 'labels must include positive and negative';
  return undefined;
}

export function parseToWorker(raw: unknown): ToWorker | string {
  if (!isRecord(raw)) return 'message is not an object';
  if (raw.type === 'score') {
    if (!isId(raw.id)) return 'score: id must be a non-negative integer';
    if (!isStringArray(raw.texts) || raw.texts.length === 0) return 'score: texts must be a non-empty array of strings';
    return { type: 'score', id: raw.id, texts: raw.texts };
  }
  if (raw.type === 'close') return { type: 'close' };
  if (raw.type === 'init') {
    const c = raw.config;
    if (!isRecord(c)) return 'init: config missing';
    if (typeof c.modelPath !== 'string' || typeof c.vocabPath !== 'string') return 'init: modelPath and vocabPath must be strings';
    const problem = labelProblem(c.labels);
    if (problem) return `init: ${problem}`;
    if (typeof c.lowercase !== 'boolean') return 'init: lowercase must be a boolean';
    if (!Number.isInteger(c.maxLength) || (c.maxLength as number) < 2) return 'init: maxLength must be an integer of at least 2';
    if (typeof c.outputName !== 'string') return 'init: outputName must be a string';
    if (!Number.isInteger(c.intraOpThreads) || (c.intraOpThreads as number) < 1) return 'init: intraOpThreads must be a positive integer';
    return { type: 'init', config: c as unknown as OnnxModelConfig };
  }
  return `unknown message type ${String(raw.type)}`;
}

export function parseFromWorker(raw: unknown): FromWorker | string {
  if (!isRecord(raw)) return 'message is not an object';
  switch (raw.type) {
    case 'ready':
      return isStringArray(raw.inputNames) && isStringArray(raw.outputNames)
        ? { type: 'ready', inputNames: raw.inputNames, outputNames: raw.outputNames }
        : 'ready: inputNames/outputNames must be string arrays';
    case 'initFailed':
      return typeof raw.message === 'string' ? { type: 'initFailed', message: raw.message } : 'initFailed: message must be a string';
    case 'scored':
      return isId(raw.id) && raw.scores instanceof Float64Array && raw.scores.length % 4 === 0
        ? { type: 'scored', id: raw.id, scores: raw.scores }
        : 'scored: id and a Float64Array of 4 numbers per text required';
    case 'failed':
      return isId(raw.id) && typeof raw.message === 'string' ? { type: 'failed', id: raw.id, message: raw.message } : 'failed: id and message required';
    default:
      return `unknown message type ${String(raw.type)}`;
  }
}
