/**
 * Items/s of the ONNX sentiment path (src/engine/signals/onnx): tokenise in the worker, one
 * session.run per batch, softmax, the answers back to the main thread. The model is the tests'
 * embedding bag, written into a temp dir here (nothing is downloaded), so the figure is the pipeline's
 * own cost (worker messages, WordPiece, tensors, onnxruntime's per-run overhead) plus a negligible
 * model; a real FinBERT (~110M parameters) adds its own compute per token on top of this.
 * Called from the sentiment bench; not a bench of its own in run.ts.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LiveClock } from '../src/engine/core';
import { OnnxSentimentScorer } from '../src/engine/signals';
import { sentimentSpec, writeBagModel } from '../src/engine/signals/onnx/testSupport';
import { fmt, nowNs } from './stats';

export interface OnnxThroughputOptions {
  /** Texts to score; default generated headlines of 6 to 20 words from the model's vocabulary and beyond. */
  headlines?: readonly string[];
  batchSizes?: readonly number[];
  /** Tokens per text (headlines fit in 64). */
  maxLength?: number;
  /** Minimum time per batch size, to smooth out the scheduler. */
  minSeconds?: number;
}

export interface OnnxThroughputFigure {
  batchSize: number;
  itemsPerSecond: number;
  items: number;
}

/** Deterministic headlines: known words, word pieces, punctuation and words the vocabulary lacks. */
function generatedHeadlines(count: number): string[] {
  const words = ['Bitcoin', 'rallies', 'surges', 'crashes', 'exchange', 'hacked', 'bullish', 'bearish', 'record', 'profit', 'loss', 'after', 'on', 'the', 'ETF', 'inflows', 'regulators', 'Café', '中国', 'unaffable', 'news', 'good', 'bad', ',', '!', '?'];
  let seed = 42;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  return Array.from({ length: count }, () => Array.from({ length: 6 + next(15) }, () => words[next(words.length)]).join(' '));
}

export async function onnxThroughput(options: OnnxThroughputOptions = {}): Promise<OnnxThroughputFigure[]> {
  const headlines = options.headlines ?? generatedHeadlines(4096);
  const batchSizes = options.batchSizes ?? [1, 8, 32];
  const minSeconds = options.minSeconds ?? 1;
  const dir = mkdtempSync(join(tmpdir(), 'sq-onnx-bench-'));
  const figures: OnnxThroughputFigure[] = [];
  const clock = new LiveClock();
  try {
    const paths = writeBagModel(dir, sentimentSpec(), 'bench');
    for (const batchSize of batchSizes) {
      const scorer = new OnnxSentimentScorer({ ...paths, clock, batchSize, maxWaitMs: 1, maxQueue: headlines.length, maxLength: options.maxLength ?? 64 });
      const started = await scorer.start();
      if (!started.ok) throw new Error(`ONNX scorer did not start: ${started.error.message}`);
      await scorer.scoreAll(headlines.slice(0, Math.min(headlines.length, batchSize * 4))); // warm-up
      let items = 0;
      const t0 = nowNs();
      let elapsed = 0;
      do {
        const results = await scorer.scoreAll(headlines);
        const failed = results.find((r) => !r.ok);
        if (failed && !failed.ok) throw new Error(`ONNX scoring failed: ${failed.error.message}`);
        items += results.length;
        elapsed = Number(nowNs() - t0) / 1e9;
      } while (elapsed < minSeconds);
      await scorer.close();
      const itemsPerSecond = items / elapsed;
      figures.push({ batchSize, itemsPerSecond, items });
      console.log(`onnx scorer (worker, embedding-bag model, max ${options.maxLength ?? 64} tokens) batch ${batchSize}: ${fmt(itemsPerSecond)} items/s`);
    }
  } finally {
    clock.clearAll();
    rmSync(dir, { recursive: true, force: true });
  }
  return figures;
}
