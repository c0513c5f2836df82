/**
 * A transformer sentiment model (FinBERT-class, exported to ONNX) that the trader points at, scored in
 * a worker thread so that the engine never waits on inference.
 *
 * Texts are batched: a score() waits until `batchSize` texts are queued or `maxWaitMs` has passed on the
 * injected clock, whichever is first, and each batch is one session.run. One batch is in the worker at a
 * time; texts that arrive meanwhile queue (at most `maxQueue`, beyond which score() answers at once with
 * a "queue full" error rather than growing without bound) and go as soon as the batch before returns.
 *
 * Every failure is a value: a bad model or vocabulary fails start(), a worker that dies fails what it
 * held and leaves the scorer 'failed' until start() is called again. Nothing here throws at the caller.
 */
import { Worker } from 'node:worker_threads';
import { err, ok, type Clock, type Result, type TimerId } from '../../core';
import { labelProblem, parseFromWorker, type FromWorker, type OnnxModelConfig, type SentimentLabel, type ToWorker } from './protocol';
import { resolveOnnxWorker, type OnnxWorkerEntry } from './workerPath';

/** The lexicon scorer's shape, so either scorer can stand in for the other; compound = p(positive) − p(negative). */
export type { SentimentScore } from '../sentiment';
import type { SentimentScore } from '../sentiment';

export interface OnnxScorerOptions {
  /** The .onnx file. */
  modelPath: string;
  /** BERT WordPiece vocab.txt of the same model. */
  vocabPath: string;
  clock: Clock;
  /** Output order of the model's classes; default ProsusAI FinBERT's ['positive', 'negative', 'neutral']. */
  labels?: SentimentLabel[];
  /** Lowercase and strip accents (uncased models). Default true. */
  lowercase?: boolean;
  /** Tokens per text including [CLS]/[SEP]. Default 128 (headlines fit; FinBERT allows 512). */
  maxLength?: number;
  /** Logits output name; default the model's first output. */
  outputName?: string;
  /** Texts per session.run. Default 16. */
  batchSize?: number;
  /** How long a text may wait for its batch to fill. Default 10 ms. */
  maxWaitMs?: number;
  /** Texts allowed to wait (not counting the batch in the worker). Default 1024. */
  maxQueue?: number;
  /**
   * Longest text accepted, in UTF-16 units. Default 100,000: the model reads only its first maxLength
   * tokens, and a megabyte of text would only cost a copy to the worker and a tokenizer pass.
   */
  maxTextChars?: number;
  /** onnxruntime threads per run. Default 1: the machine's other cores belong to the engine. */
  intraOpThreads?: number;
  /** How long close() lets the worker release its session before terminating it. Default 2000 ms. */
  closeTimeoutMs?: number;
  /** Where the worker code is; default resolveOnnxWorker(). */
  worker?: OnnxWorkerEntry;
  /** Worker failures and dropped malformed messages, for the log. */
  onError?: (message: string) => void;
}

export type OnnxScorerStatus = 'stopped' | 'starting' | 'ready' | 'failed' | 'closed';

export interface OnnxModelInfo {
  inputNames: string[];
  outputNames: string[];
}

interface Waiting {
  text: string;
  resolve: (result: Result<SentimentScore>) => void;
}

export class OnnxSentimentScorer {
  private readonly config: OnnxModelConfig;
  private readonly batchSize: number;
  private readonly maxWaitMs: number;
  private readonly maxQueue: number;
  private readonly entry: OnnxWorkerEntry;
  private worker: Worker | undefined;
  private state: OnnxScorerStatus = 'stopped';
  private lastError: string | undefined;
  private starting: ((result: Result<OnnxModelInfo>) => void) | undefined;
  private queue: Waiting[] = [];
  private inFlight: { id: number; items: Waiting[] } | undefined;
  private nextId = 1;
  private timer: TimerId | undefined;
  private readonly counters = { batches: 0, texts: 0, restarts: 0 };

  constructor(private readonly options: OnnxScorerOptions) {
    this.config = {
      modelPath: options.modelPath,
      vocabPath: options.vocabPath,
      labels: options.labels ?? ['positive', 'negative', 'neutral'],
      lowercase: options.lowercase ?? true,
      maxLength: options.maxLength ?? 128,
      outputName: options.outputName ?? '',
      intraOpThreads: options.intraOpThreads ?? 1,
    };
    this.batchSize = options.batchSize ?? 16;
    this.maxWaitMs = options.maxWaitMs ?? 10;
    this.maxQueue = options.maxQueue ?? 1024;
    this.entry = options.worker ?? resolveOnnxWorker();
  }

  status(): { state: OnnxScorerStatus; error?: string; batches: number; texts: number; restarts: number; queued: number } {
    return { state: this.state, ...(this.lastError ? { error: this.lastError } : {}), ...this.counters, queued: this.queue.length };
  }

  /**
   * Starts the worker and loads the model; resolves once it can score, or with the reason it cannot
   * (the worker is then stopped). Also the restart after a failure.
   */
  start(): Promise<Result<OnnxModelInfo>> {
    if (this.state === 'closed') return Promise.resolve(err('INTERNAL', 'ONNX scorer is closed'));
    if (this.state === 'starting' || this.state === 'ready') return Promise.resolve(err('INVALID_INPUT', `ONNX scorer is already ${this.state}`));
    const problem = this.configProblem();
    if (problem) return Promise.resolve(this.fail(problem));
    if (this.state === 'failed') this.counters.restarts++;
    this.state = 'starting';
    this.lastError = undefined;
    return new Promise((resolve) => {
      this.starting = resolve;
      let worker: Worker;
      try {
        worker = new Worker(this.entry.url, { execArgv: this.entry.execArgv });
      } catch (e) {
        this.starting = undefined;
        resolve(this.fail(`cannot start the ONNX worker: ${e instanceof Error ? e.message : String(e)}`));
        return;
      }
      this.worker = worker;
      worker.on('message', (raw: unknown) => this.onMessage(worker, raw));
      worker.on('error', (e) => this.onWorkerGone(worker, `ONNX worker crashed: ${e.message}`));
      worker.on('exit', (code) => this.onWorkerGone(worker, `ONNX worker exited (code ${code})`));
      worker.postMessage({ type: 'init', config: this.config } satisfies ToWorker);
    });
  }

  /** Scores one text (an empty text is scored too: the model sees [CLS][SEP]). */
  score(text: string): Promise<Result<SentimentScore>> {
    if (typeof text !== 'string') return Promise.resolve(err('INVALID_INPUT', 'text must be a string'));
    const maxChars = this.options.maxTextChars ?? 100_000;
    if (text.length > maxChars) {
      return Promise.resolve(err('INVALID_INPUT', `text is ${text.length} characters, more than the ${maxChars} the scorer takes (the model reads only its first ${this.config.maxLength} tokens): cut it first`));
    }
    if (this.state !== 'ready') {
      return Promise.resolve(err('INTERNAL', `ONNX scorer is ${this.state}${this.lastError ? `: ${this.lastError}` : ''}`));
    }
    if (this.queue.length >= this.maxQueue) {
      return Promise.resolve(err('INTERNAL', `ONNX scorer queue is full (${this.maxQueue} texts waiting); try again later`));
    }
    return new Promise((resolve) => {
      this.queue.push({ text, resolve });
      this.schedule();
    });
  }

  /** Scores many texts; each answer is its own Result (a full queue fails only the texts beyond it). */
  scoreAll(texts: readonly string[]): Promise<Result<SentimentScore>[]> {
    return Promise.all(texts.map((t) => this.score(t)));
  }

  /**
   * Stops the worker; whatever was waiting is answered with an error. The worker is asked to release
   * its session and end; one that has not ended after `closeTimeoutMs` (default 2000 ms on the clock:
   * a long batch, a hang in native code) is terminated.
   */
  async close(): Promise<void> {
    this.state = 'closed';
    const worker = this.worker;
    this.stopWorker('ONNX scorer closed');
    if (!worker) return;
    await new Promise<void>((resolve) => {
      const timer = this.options.clock.setTimeout(() => void worker.terminate().then(() => resolve()), this.options.closeTimeoutMs ?? 2000);
      worker.once('exit', () => {
        this.options.clock.clearTimer(timer);
        resolve();
      });
      worker.postMessage({ type: 'close' } satisfies ToWorker);
    });
  }

  private configProblem(): string | undefined {
    const c = this.config;
    const labels = labelProblem(c.labels);
    if (labels) return labels;
    if (!c.modelPath) return 'no model file given';
    if (!c.vocabPath) return 'no vocabulary file given';
    if (!Number.isInteger(c.maxLength) || c.maxLength < 2) return `maxLength must be an integer of at least 2 (got ${c.maxLength})`;
    if (!Number.isInteger(this.batchSize) || this.batchSize < 1) return `batchSize must be a positive integer (got ${this.batchSize})`;
    if (!Number.isInteger(this.maxQueue) || this.maxQueue < 1) return `maxQueue must be a positive integer (got ${this.maxQueue})`;
    if (!(this.maxWaitMs >= 0)) return `maxWaitMs must be 0 or more (got ${this.maxWaitMs})`;
    if (!Number.isInteger(c.intraOpThreads) || c.intraOpThreads < 1) return `intraOpThreads must be a positive integer (got ${c.intraOpThreads})`;
    return undefined;
  }

  private fail(message: string): Result<never> {
    this.state = this.state === 'closed' ? 'closed' : 'failed';
    this.lastError = message;
    return err('INVALID_INPUT', message);
  }

  /** Sends a batch now if one is full (or overdue), else makes sure the wait timer runs. */
  private schedule(): void {
    if (this.inFlight || this.queue.length === 0) return;
    if (this.queue.length >= this.batchSize || this.maxWaitMs === 0) {
      this.dispatch();
      return;
    }
    if (this.timer === undefined) {
      this.timer = this.options.clock.setTimeout(() => {
        this.timer = undefined;
        if (!this.inFlight) this.dispatch();
      }, this.maxWaitMs);
    }
  }

  private dispatch(): void {
    if (this.timer !== undefined) {
      this.options.clock.clearTimer(this.timer);
      this.timer = undefined;
    }
    const worker = this.worker;
    if (!worker || this.queue.length === 0) return;
    const items = this.queue.splice(0, this.batchSize);
    const id = this.nextId++;
    this.inFlight = { id, items };
    worker.postMessage({ type: 'score', id, texts: items.map((w) => w.text) } satisfies ToWorker);
  }

  private onMessage(worker: Worker, raw: unknown): void {
    if (worker !== this.worker) return;
    const message: FromWorker | string = parseFromWorker(raw);
    if (typeof message === 'string') {
      this.options.onError?.(`ONNX worker sent a malformed message (dropped): ${message}`);
      return;
    }
    switch (message.type) {
      case 'ready': {
        const resolve = this.starting;
        this.starting = undefined;
        if (!resolve) return;
        this.state = 'ready';
        resolve(ok({ inputNames: message.inputNames, outputNames: message.outputNames }));
        return;
      }
      case 'initFailed': {
        const resolve = this.starting;
        if (!resolve) {
          this.options.onError?.(`ONNX worker: ${message.message}`);
          return;
        }
        this.starting = undefined;
        // The worker is of no use without a model: stop it, and report why.
        this.stopWorker(message.message);
        void worker.terminate();
        resolve(this.fail(message.message));
        return;
      }
      case 'scored':
      case 'failed': {
        const batch = this.inFlight;
        if (!batch || batch.id !== message.id) {
          this.options.onError?.(`ONNX worker answered batch ${message.id}, which is not the one in flight (dropped)`);
          return;
        }
        if (message.type === 'scored' && message.scores.length !== batch.items.length * 4) {
          this.options.onError?.(`ONNX worker answered ${message.scores.length / 4} scores for ${batch.items.length} texts`);
        }
        this.inFlight = undefined;
        this.counters.batches++;
        this.counters.texts += batch.items.length;
        batch.items.forEach((item, i) => {
          if (message.type === 'failed') item.resolve(err('INTERNAL', message.message));
          else if (message.scores.length !== batch.items.length * 4) item.resolve(err('INTERNAL', 'ONNX worker returned the wrong number of scores'));
          else {
            const s = message.scores;
            item.resolve(ok({ compound: s[i * 4] as number, pos: s[i * 4 + 1] as number, neu: s[i * 4 + 2] as number, neg: s[i * 4 + 3] as number }));
          }
        });
        // Whatever queued during this batch has waited long enough: send it now.
        if (this.queue.length > 0) this.dispatch();
        return;
      }
    }
  }

  private onWorkerGone(worker: Worker, reason: string): void {
    if (worker !== this.worker) return; // an old worker, already given up on
    this.options.onError?.(reason);
    const resolve = this.starting;
    this.starting = undefined;
    this.stopWorker(reason);
    const failed = this.fail(reason);
    resolve?.(failed);
  }

  /** Forgets the worker and answers everything it held or that waited for it with `reason`. */
  private stopWorker(reason: string): void {
    this.worker = undefined;
    if (this.timer !== undefined) {
      this.options.clock.clearTimer(this.timer);
      this.timer = undefined;
    }
    const held = [...(this.inFlight?.items ?? []), ...this.queue];
    this.inFlight = undefined;
    this.queue = [];
    for (const item of held) item.resolve(err('INTERNAL', reason));
    const resolve = this.starting;
    this.starting = undefined;
    resolve?.(err('INTERNAL', reason));
  }
}
