/**
 * Small ONNX sentiment models that tests and the bench write for themselves (nothing is downloaded):
 * an embedding bag. Each token id picks a row of an embedding matrix, the rows of the real tokens
 * (attention mask 1) are averaged, and a linear layer turns the average into one logit per class.
 * `referenceLogits` is the same computation in plain TypeScript, for the tests to compare against.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import onnxProto, { type onnx as OnnxTypes } from 'onnx-proto';

// onnx-proto is CommonJS: its namespace comes as the default export under Node's ESM loader.
const { onnx } = onnxProto;

export interface BagModelSpec {
  /** vocab.txt's lines, in id order. */
  vocab: string[];
  /** One row per vocab entry, `dim` numbers each. */
  embeddings: number[][];
  /** [dim][classes]. */
  weights: number[][];
  /** [classes]. */
  bias: number[];
  /** The graph's inputs; 'attention_mask' makes the average a masked one, else every position counts. */
  inputs: string[];
  /** Output name (default 'logits'). */
  output?: string;
}

const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT64 = onnx.TensorProto.DataType.INT64;

function floatTensor(name: string, dims: number[], values: number[]): OnnxTypes.ITensorProto {
  return { name, dims, dataType: FLOAT, floatData: values };
}

function int64Tensor(name: string, values: number[]): OnnxTypes.ITensorProto {
  return { name, dims: [values.length], dataType: INT64, int64Data: values };
}

function idsInput(name: string): OnnxTypes.IValueInfoProto {
  return { name, type: { tensorType: { elemType: INT64, shape: { dim: [{ dimParam: 'batch' }, { dimParam: 'sequence' }] } } } };
}

/** The model's bytes. */
export function encodeBagModel(spec: BagModelSpec): Uint8Array {
  const dim = spec.weights.length;
  const classes = spec.bias.length;
  const output = spec.output ?? 'logits';
  const masked = spec.inputs.includes('attention_mask');
  const nodes: OnnxTypes.INodeProto[] = [{ opType: 'Gather', input: ['embedding', 'input_ids'], output: ['rows'] }];
  if (masked) {
    nodes.push(
      { opType: 'Cast', input: ['attention_mask'], output: ['maskf'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: FLOAT }] },
      { opType: 'Unsqueeze', input: ['maskf', 'axis2'], output: ['mask3'] },
      { opType: 'Mul', input: ['rows', 'mask3'], output: ['maskedRows'] },
      { opType: 'ReduceSum', input: ['maskedRows', 'axis1'], output: ['summed'], attribute: [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'ReduceSum', input: ['maskf', 'axis1'], output: ['count'], attribute: [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] },
      { opType: 'Div', input: ['summed', 'count'], output: ['pooled'] },
    );
  } else {
    nodes.push({
      opType: 'ReduceMean',
      input: ['rows'],
      output: ['pooled'],
      attribute: [
        { name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [1] },
        { name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 },
      ],
    });
  }
  nodes.push({ opType: 'MatMul', input: ['pooled', 'weights'], output: ['projected'] }, { opType: 'Add', input: ['projected', 'bias'], output: [output] });
  const inputs = spec.inputs.map((name) =>
    name === 'input_ids' || name === 'attention_mask' || name === 'token_type_ids'
      ? idsInput(name)
      : { name, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: 3 }] } } } },
  );
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'shrivenquant-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'embedding_bag_sentiment',
      node: nodes,
      initializer: [
        floatTensor('embedding', [spec.vocab.length, dim], spec.embeddings.flat()),
        floatTensor('weights', [dim, classes], spec.weights.flat()),
        floatTensor('bias', [classes], spec.bias),
        ...(masked ? [int64Tensor('axis1', [1]), int64Tensor('axis2', [2])] : []),
      ],
      input: inputs,
      output: [{ name: output, type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: 'batch' }, { dimValue: classes }] } } } }],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}

/** Writes model.onnx and vocab.txt into `dir`; returns their paths. */
export function writeBagModel(dir: string, spec: BagModelSpec, name = 'model'): { modelPath: string; vocabPath: string } {
  mkdirSync(dir, { recursive: true });
  const modelPath = join(dir, `${name}.onnx`);
  const vocabPath = join(dir, `${name}.vocab.txt`);
  writeFileSync(modelPath, encodeBagModel(spec));
  writeFileSync(vocabPath, spec.vocab.join('\n') + '\n');
  return { modelPath, vocabPath };
}

/** The model's logits for one row of ids and mask, in float64 from the float32 weights the model holds. */
export function referenceLogits(spec: BagModelSpec, ids: readonly number[], mask: readonly number[]): number[] {
  const dim = spec.weights.length;
  const masked = spec.inputs.includes('attention_mask');
  const pooled = new Array<number>(dim).fill(0);
  let count = 0;
  ids.forEach((id, t) => {
    const m = masked ? (mask[t] ?? 0) : 1;
    count += m;
    const row = spec.embeddings[id] ?? [];
    for (let d = 0; d < dim; d++) pooled[d] = (pooled[d] ?? 0) + m * Math.fround(row[d] ?? 0);
  });
  for (let d = 0; d < dim; d++) pooled[d] = (pooled[d] ?? 0) / count;
  return spec.bias.map((b, c) => {
    let sum = Math.fround(b);
    for (let d = 0; d < dim; d++) sum += (pooled[d] ?? 0) * Math.fround(spec.weights[d]?.[c] ?? 0);
    return sum;
  });
}

/**
 * The sentiment test model: a tiny finance vocabulary where the first embedding dimension carries
 * good news, the second bad news, and the other two are noise that the linear layer also reads, so
 * that every weight matters. Classes in ProsusAI FinBERT's order: positive, negative, neutral.
 */
export function sentimentSpec(inputs: string[] = ['input_ids', 'attention_mask', 'token_type_ids']): BagModelSpec {
  const vocab = [
    '[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]',
    'bitcoin', 'rall', '##ies', '##y', 'surge', '##s', 'crash', '##es', 'hack', '##ed', 'bull', '##ish', 'bear',
    'exchange', 'profit', 'loss', 'un', '##aff', '##able', 'the', 'a', 'on', 'after', 'record', '!', ',', '.', '?',
    'cafe', 'resume', '中', '国', 'good', 'bad', 'news',
  ];
  const good = new Set(['rall', '##ies', '##y', 'surge', 'bull', '##ish', 'profit', 'record', 'good']);
  const bad = new Set(['crash', '##es', 'hack', '##ed', 'bear', 'loss', 'bad']);
  // Deterministic noise: a small linear congruential sequence, so the model is the same on every run.
  let seed = 12345;
  const noise = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return (seed / 2147483648 - 0.5) * 0.4;
  };
  const embeddings = vocab.map((token) => [good.has(token) ? 1.5 : 0, bad.has(token) ? 1.5 : 0, noise(), noise()]);
  const weights = [
    [2.0, -1.5, -0.5],
    [-1.5, 2.0, -0.5],
    [0.3, -0.2, 0.1],
    [-0.1, 0.25, 0.05],
  ];
  return { vocab, embeddings, weights, bias: [0.0, 0.0, 0.4], inputs };
}
