import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { tsxWorkerExecArgv } from '../../book';
import { LiveClock, SimulatedClock, type Clock, type Result } from '../../core';
import { OnnxSentimentScorer, type OnnxScorerOptions, type SentimentScore } from './onnxScorer';
import { referenceLogits, sentimentSpec, writeBagModel, type BagModelSpec } from './testSupport';

const dir = mkdtempSync(join(tmpdir(), 'sq-onnx-'));
const full = sentimentSpec();
const idsOnly = sentimentSpec(['input_ids']);
let fullPaths: { modelPath: string; vocabPath: string };
let idsOnlyPaths: { modelPath: string; vocabPath: string };

beforeAll(() => {
  fullPaths = writeBagModel(dir, full, 'full');
  idsOnlyPaths = writeBagModel(dir, idsOnly, 'idsonly');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const scorers: OnnxSentimentScorer[] = [];
afterEach(async () => {
  await Promise.all(scorers.splice(0).map((s) => s.close()));
});

function scorer(options: Partial<OnnxScorerOptions> & { clock?: Clock } = {}): OnnxSentimentScorer {
  const s = new OnnxSentimentScorer({ ...fullPaths, clock: new LiveClock(), maxWaitMs: 0, ...options });
  scorers.push(s);
  return s;
}

async function started(options: Partial<OnnxScorerOptions> = {}): Promise<OnnxSentimentScorer> {
  const s = scorer(options);
  const result = await s.start();
  if (!result.ok) throw new Error(result.error.message);
  return s;
}

const value = (r: Result<SentimentScore>): SentimentScore => {
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

/** The scorer's answer computed by hand: softmax over the reference logits, FinBERT's class order. */
function expected(spec: BagModelSpec, ids: number[], maxLength: number): SentimentScore {
  const padded = [...ids, ...new Array<number>(maxLength - ids.length).fill(0)];
  const mask = [...ids.map(() => 1), ...new Array<number>(maxLength - ids.length).fill(0)];
  const logits = referenceLogits(spec, padded, mask);
  const max = Math.max(...logits);
  const exps = logits.map((l) => Math.exp(l - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  const [pos, neg, neu] = exps.map((e) => e / sum) as [number, number, number];
  return { compound: pos - neg, pos, neu, neg };
}

const v = (token: string): number => {
  const id = full.vocab.indexOf(token);
  if (id < 0) throw new Error(`no ${token} in the test vocabulary`);
  return id;
};
const CLS = 2;
const SEP = 3;
const UNK = 1;

function expectClose(actual: SentimentScore, want: SentimentScore): void {
  for (const key of ['compound', 'pos', 'neu', 'neg'] as const) expect(Math.abs(actual[key] - want[key])).toBeLessThan(1e-5);
}

describe('ONNX sentiment scorer', () => {
  it('scores texts as the model computes them, softmax to {compound, pos, neu, neg}', async () => {
    const s = await started({ maxLength: 16 });
    const cases: Array<[string, number[]]> = [
      // "to" is not in the vocabulary: [UNK].
      ['Bitcoin rallies to a record!', [CLS, v('bitcoin'), v('rall'), v('##ies'), UNK, v('a'), v('record'), v('!'), SEP]],
      ['Exchange hacked, bitcoin crashes.', [CLS, v('exchange'), v('hack'), v('##ed'), v(','), v('bitcoin'), v('crash'), v('##es'), v('.'), SEP]],
      // "-" splits un-affable; "affable" alone has no covering pieces (##aff is a continuation only).
      ['BEARISH news, un-affable résumé', [CLS, v('bear'), v('##ish'), v('news'), v(','), v('un'), UNK, UNK, v('resume'), SEP]],
      ['', [CLS, SEP]],
    ];
    for (const [text, ids] of cases) {
      const got = value(await s.score(text));
      expectClose(got, expected(full, ids, 16));
      expect(got.pos + got.neu + got.neg).toBeCloseTo(1, 9);
    }
    const bull = value(await s.score('bullish surge'));
    const bear = value(await s.score('hack crash loss'));
    expect(bull.compound).toBeGreaterThan(0.5);
    expect(bear.compound).toBeLessThan(-0.5);
  });

  it('reads the model\'s own inputs: a model with input_ids only is fed input_ids only, padding included', async () => {
    const s = await started({ ...idsOnlyPaths, maxLength: 8 });
    expect(s.status().state).toBe('ready');
    // No attention mask: the model averages over the [PAD] positions too, and our answer must show it.
    const ids = [CLS, v('good'), v('news'), SEP, 0, 0, 0, 0];
    const logits = referenceLogits(idsOnly, ids, []);
    const max = Math.max(...logits);
    const e = logits.map((l) => Math.exp(l - max));
    const sum = e.reduce((a, b) => a + b, 0);
    expectClose(value(await s.score('Good news')), { compound: (e[0]! - e[1]!) / sum, pos: e[0]! / sum, neu: e[2]! / sum, neg: e[1]! / sum });
  });

  it('reports the model\'s input and output names on start', async () => {
    const s = scorer();
    const info = await s.start();
    expect(info).toEqual({ ok: true, value: { inputNames: ['input_ids', 'attention_mask', 'token_type_ids'], outputNames: ['logits'] } });
  });

  it('truncates a long text to maxLength (the model sees only the opening tokens)', async () => {
    const s = await started({ maxLength: 5 });
    const got = value(await s.score('bad news good good good good good good'));
    expectClose(got, expected(full, [CLS, v('bad'), v('news'), v('good'), SEP], 5));
    expect(got.compound).toBeLessThan(value(await s.score('good good good')).compound);
  });

  it('refuses a text too long to be worth sending, and scores the next one', async () => {
    const s = await started({ maxTextChars: 50 });
    expect(await s.score('good '.repeat(11))).toEqual({
      ok: false,
      error: { code: 'INVALID_INPUT', message: 'text is 55 characters, more than the 50 the scorer takes (the model reads only its first 128 tokens): cut it first' },
    });
    expect((await s.score('good news')).ok).toBe(true);
  });

  it('gives the same scores in batches as one by one, and runs one session per batch', async () => {
    const texts = ['bitcoin surges', 'exchange hacked', 'the cafe', 'bear crash, loss!', 'a record profit', 'unaffable', '中国 bull', 'bad', 'good', 'news'];
    const single = await started({ batchSize: 1 });
    const one: SentimentScore[] = [];
    for (const t of texts) one.push(value(await single.score(t)));
    expect(single.status().batches).toBe(texts.length);

    // The clock never moves: 4 go at once (a full batch), and what queued meanwhile goes as soon as
    // the batch before returns (4, then the last 2) without waiting for the batch to fill.
    const batched = await started({ batchSize: 4, maxWaitMs: 50, clock: new SimulatedClock() });
    const all = batched.scoreAll(texts);
    const many = (await all).map(value);
    many.forEach((score, i) => expectClose(score, one[i]!));
    expect(batched.status()).toMatchObject({ batches: 3, texts: 10 });
  });

  it('waits for a batch to fill until maxWaitMs on the injected clock', async () => {
    const clock = new SimulatedClock();
    const s = await started({ batchSize: 8, maxWaitMs: 20, clock });
    let done = 0;
    const pending = ['good', 'bad', 'news'].map((t) => s.score(t).then((r) => (done++, r)));
    for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
    expect(done).toBe(0);
    expect(s.status().queued).toBe(3);
    clock.advance(20);
    expect((await Promise.all(pending)).every((r) => r.ok)).toBe(true);
    expect(s.status()).toMatchObject({ batches: 1, texts: 3, queued: 0 });
  });

  it('answers at once with a clear error when the queue is full, and loses none of what it queued', async () => {
    const clock = new SimulatedClock();
    const s = await started({ batchSize: 100, maxWaitMs: 10, maxQueue: 3, clock });
    const queued = ['good', 'bad', 'news'].map((t) => s.score(t));
    const refused = await s.score('one too many');
    expect(refused).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'ONNX scorer queue is full (3 texts waiting); try again later' } });
    clock.advance(10);
    expect((await Promise.all(queued)).map((r) => r.ok)).toEqual([true, true, true]);
    const next = s.score('good');
    clock.advance(10);
    expect((await next).ok).toBe(true);
  });
});

describe('ONNX scorer failures are values and the scorer stays usable', () => {
  it('a missing model file', async () => {
    const s = scorer({ modelPath: join(dir, 'nope.onnx') });
    const r = await s.start();
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toMatch(/^cannot load ONNX model .*nope\.onnx: /);
    expect(s.status().state).toBe('failed');
    expect(await s.score('good')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/ONNX scorer is failed: cannot load ONNX model/) } });
  });

  it('a file that is not an ONNX model', async () => {
    const junk = join(dir, 'junk.onnx');
    writeFileSync(junk, 'this is not protobuf at all');
    const r = await scorer({ modelPath: junk }).start();
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot load ONNX model .*junk\.onnx/) } });
  });

  it('a model without the inputs a BERT classifier takes', async () => {
    const odd = writeBagModel(dir, { ...sentimentSpec(['input_ids', 'pixels']) }, 'odd');
    const r = await scorer(odd).start();
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/model input pixels is not one this scorer can feed/) } });
    const noIds = writeBagModel(dir, { ...sentimentSpec(['input_ids']) }, 'noids');
    const r2 = await scorer({ ...noIds, outputName: 'probabilities' }).start();
    expect(r2).toMatchObject({ ok: false, error: { message: expect.stringMatching(/model has no output probabilities \(its outputs: logits\)/) } });
  });

  it('a missing or malformed vocabulary', async () => {
    const r = await scorer({ vocabPath: join(dir, 'missing.txt') }).start();
    expect(r).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^cannot use vocabulary .*missing\.txt: ENOENT/) } });
    const bad = join(dir, 'bad-vocab.txt');
    writeFileSync(bad, 'hello\nworld\n');
    const r2 = await scorer({ vocabPath: bad }).start();
    expect(r2).toMatchObject({ ok: false, error: { message: expect.stringMatching(/vocabulary has no \[UNK\] token/) } });
  });

  it('labels that do not fit the model: refused up front, or each batch fails with the shape it got', async () => {
    expect(await scorer({ labels: ['positive', 'positive'] as never }).start()).toMatchObject({ ok: false, error: { message: 'labels must not repeat' } });
    expect(await scorer({ labels: ['positive', 'bullish'] as never }).start()).toMatchObject({ ok: false, error: { message: expect.stringMatching(/unknown label "bullish"/) } });
    const s = await started({ labels: ['positive', 'negative'] });
    expect(await s.score('good')).toMatchObject({ ok: false, error: { message: expect.stringMatching(/output logits has shape \[1, 3\], expected \[1, 2\]/) } });
    expect(s.status().state).toBe('ready');
  });

  it('a worker that dies fails what it held, and start() brings the scorer back', async () => {
    const errors: string[] = [];
    const s = await started({
      worker: { url: new URL('./crashingWorker.fixture.ts', import.meta.url), execArgv: tsxWorkerExecArgv() },
      onError: (m) => errors.push(m),
      batchSize: 2,
    });
    expect(value(await s.score('good')).compound).toBeGreaterThan(0);
    const [a, b] = await Promise.all([s.score('__exit__'), s.score('good')]);
    expect(a).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'ONNX worker exited (code 7)' } });
    expect(b).toEqual(a);
    expect(errors).toContain('ONNX worker exited (code 7)');
    expect(s.status()).toMatchObject({ state: 'failed', error: 'ONNX worker exited (code 7)' });
    expect((await s.score('good')).ok).toBe(false);

    expect((await s.start()).ok).toBe(true);
    expect(s.status()).toMatchObject({ state: 'ready', restarts: 1 });
    expectClose(value(await s.score('good news')), expected(full, [CLS, v('good'), v('news'), SEP], 128));
  });

  it('close answers what was waiting and refuses new work', async () => {
    const clock = new SimulatedClock();
    const s = await started({ batchSize: 10, maxWaitMs: 10, clock });
    const waiting = s.score('good');
    // The simulated clock never reaches the terminate fallback: close() returns because the worker
    // released its session and ended on its own.
    await s.close();
    expect(await waiting).toEqual({ ok: false, error: { code: 'INTERNAL', message: 'ONNX scorer closed' } });
    expect(await s.score('good')).toMatchObject({ ok: false, error: { message: 'ONNX scorer is closed' } });
    expect(await s.start()).toMatchObject({ ok: false, error: { message: 'ONNX scorer is closed' } });
  });
});
