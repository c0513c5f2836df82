/**
 * The ONNX sentiment worker thread: loads the model and the vocabulary once, then scores batches of
 * texts (tokenise → one session.run with int64 tensors → softmax). Runs off the engine's thread so a
 * transformer's tens of milliseconds per batch never stall market data or orders. Every failure is
 * answered as a message (initFailed / failed); the main thread decides what to do with it.
 */
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import ort from 'onnxruntime-node';
import { parseToWorker, type FromWorker, type OnnxModelConfig } from './protocol';
import { sentimentFromLogits } from './sentimentFromLogits';
import { encodeBatch, parseVocabulary, type Vocabulary } from './wordPiece';

/** The inputs a BERT-class classifier takes; a model asking for anything else cannot be fed. */
const KNOWN_INPUTS = ['input_ids', 'attention_mask', 'token_type_ids'];

interface Loaded {
  session: ort.InferenceSession;
  vocab: Vocabulary;
  config: OnnxModelConfig;
  output: string;
}

let loaded: Loaded | undefined;
const port = parentPort;
if (!port) throw new Error('the ONNX scorer worker must run in a worker thread');

const send = (message: FromWorker): void => port.postMessage(message);
const reason = (e: unknown): string => (e instanceof Error ? e.message : String(e));

async function init(config: OnnxModelConfig): Promise<FromWorker> {
  let vocab: Vocabulary;
  try {
    vocab = parseVocabulary(readFileSync(config.vocabPath, 'utf8'));
  } catch (e) {
    return { type: 'initFailed', message: `cannot use vocabulary ${config.vocabPath}: ${reason(e)}` };
  }
  let session: ort.InferenceSession;
  try {
    session = await ort.InferenceSession.create(config.modelPath, {
      intraOpNumThreads: config.intraOpThreads,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
      // Errors only: what goes wrong reaches the main thread as a message; warnings would only be noise.
      logSeverityLevel: 3,
    });
  } catch (e) {
    return { type: 'initFailed', message: `cannot load ONNX model ${config.modelPath}: ${reason(e)}` };
  }
  const inputs = [...session.inputNames];
  const outputs = [...session.outputNames];
  const problem = !inputs.includes('input_ids')
    ? `model has no input_ids input (its inputs: ${inputs.join(', ')})`
    : inputs.find((name) => !KNOWN_INPUTS.includes(name)) !== undefined
      ? `model input ${inputs.find((name) => !KNOWN_INPUTS.includes(name))} is not one this scorer can feed (${KNOWN_INPUTS.join(', ')})`
      : config.outputName && !outputs.includes(config.outputName)
        ? `model has no output ${config.outputName} (its outputs: ${outputs.join(', ')})`
        : outputs.length === 0
          ? 'model has no outputs'
          : undefined;
  if (problem) {
    await session.release();
    return { type: 'initFailed', message: `${config.modelPath}: ${problem}` };
  }
  loaded = { session, vocab, config, output: config.outputName || (outputs[0] as string) };
  return { type: 'ready', inputNames: inputs, outputNames: outputs };
}

async function score(id: number, texts: string[]): Promise<FromWorker> {
  if (!loaded) return { type: 'failed', id, message: 'no model loaded' };
  const { session, vocab, config, output } = loaded;
  try {
    const batch = encodeBatch(texts, vocab, config.maxLength, { lowercase: config.lowercase });
    const dims = [batch.rows, batch.maxLength];
    const data: Record<string, BigInt64Array> = {
      input_ids: batch.inputIds,
      attention_mask: batch.attentionMask,
      token_type_ids: batch.tokenTypeIds,
    };
    const feeds: Record<string, ort.Tensor> = {};
    for (const name of session.inputNames) feeds[name] = new ort.Tensor('int64', data[name] as BigInt64Array, dims);
    const result = await session.run(feeds, [output]);
    const logits = result[output];
    if (!logits) return { type: 'failed', id, message: `model returned no ${output}` };
    const classes = config.labels.length;
    if (logits.dims.length !== 2 || logits.dims[0] !== batch.rows || logits.dims[1] !== classes) {
      return { type: 'failed', id, message: `output ${output} has shape [${logits.dims.join(', ')}], expected [${batch.rows}, ${classes}] (one logit per label: ${config.labels.join(', ')})` };
    }
    if (logits.type !== 'float32' && logits.type !== 'float64') return { type: 'failed', id, message: `output ${output} is ${logits.type}, expected float logits` };
    const values = logits.data as Float32Array | Float64Array;
    const scores = new Float64Array(batch.rows * 4);
    for (let r = 0; r < batch.rows; r++) sentimentFromLogits(values, r * classes, config.labels, scores, r * 4);
    return { type: 'scored', id, scores };
  } catch (e) {
    return { type: 'failed', id, message: `inference failed: ${reason(e)}` };
  }
}

// One message at a time, in order: a score that arrives while the model loads waits for it.
let chain: Promise<void> = Promise.resolve();
port.on('message', (raw: unknown) => {
  const message = parseToWorker(raw);
  chain = chain.then(async () => {
    if (typeof message === 'string') {
      // Not answerable by id: tell the main thread what was dropped so that it can log it.
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? ((raw as { id: number }).id) : -1;
      if (id >= 0) send({ type: 'failed', id, message: `malformed request: ${message}` });
      else send({ type: 'initFailed', message: `malformed request: ${message}` });
      return;
    }
    if (message.type === 'close') {
      // Free the native session on this thread before it ends, rather than leaving it to teardown.
      const session = loaded?.session;
      loaded = undefined;
      await session?.release();
      port.close();
      return;
    }
    if (message.type === 'init') {
      if (loaded) {
        send({ type: 'initFailed', message: 'a model is already loaded in this worker' });
        return;
      }
      send(await init(message.config));
    } else send(await score(message.id, message.texts));
  });
});
