/**
 * The real ONNX worker plus one trigger, for the crash tests: a text "__exit__" makes the worker
 * thread exit mid-batch, as a native crash or an out-of-memory kill in onnxruntime would.
 */
import { parentPort } from 'node:worker_threads';
import './worker';

parentPort?.on('message', (raw: { type?: string; texts?: string[] }) => {
  if (raw?.type === 'score' && raw.texts?.includes('__exit__')) process.exit(7);
});
