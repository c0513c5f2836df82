import { describe, expect, it } from 'vitest';
import { labelProblem, parseFromWorker, parseToWorker } from './protocol';

const config = { modelPath: '/m.onnx', vocabPath: '/v.txt', labels: ['positive', 'negative', 'neutral'], lowercase: true, maxLength: 64, outputName: '', intraOpThreads: 1 };

describe('ONNX worker protocol', () => {
  it('accepts well-formed requests', () => {
    expect(parseToWorker({ type: 'init', config })).toEqual({ type: 'init', config });
    expect(parseToWorker({ type: 'score', id: 3, texts: ['a', ''] })).toEqual({ type: 'score', id: 3, texts: ['a', ''] });
    expect(parseToWorker({ type: 'close' })).toEqual({ type: 'close' });
  });

  it('names what is wrong with a malformed request', () => {
    expect(parseToWorker(null)).toBe('message is not an object');
    expect(parseToWorker({ type: 'score', id: -1, texts: ['a'] })).toMatch(/id must be a non-negative integer/);
    expect(parseToWorker({ type: 'score', id: 1, texts: [] })).toMatch(/non-empty array of strings/);
    expect(parseToWorker({ type: 'score', id: 1, texts: ['a', 2] })).toMatch(/non-empty array of strings/);
    expect(parseToWorker({ type: 'init', config: { ...config, maxLength: 1 } })).toMatch(/maxLength/);
    expect(parseToWorker({ type: 'init', config: { ...config, labels: ['neutral', 'negative'] } })).toMatch(/positive and negative/);
    expect(parseToWorker({ type: 'init', config: { ...config, modelPath: 7 } })).toMatch(/modelPath/);
    expect(parseToWorker({ type: 'shutdown' })).toBe('unknown message type shutdown');
  });

  it('checks the worker\'s answers too', () => {
    expect(parseFromWorker({ type: 'scored', id: 1, scores: new Float64Array(8) })).toMatchObject({ type: 'scored', id: 1 });
    expect(parseFromWorker({ type: 'scored', id: 1, scores: new Float64Array(7) })).toMatch(/4 numbers per text/);
    expect(parseFromWorker({ type: 'scored', id: 1, scores: [0, 0, 0, 0] })).toMatch(/Float64Array/);
    expect(parseFromWorker({ type: 'ready', inputNames: ['input_ids'], outputNames: 'logits' })).toMatch(/string arrays/);
    expect(parseFromWorker({ type: 'failed', id: 2, message: 'x' })).toEqual({ type: 'failed', id: 2, message: 'x' });
    expect(parseFromWorker('ready')).toBe('message is not an object');
  });

  it('label lists: distinct known classes including positive and negative', () => {
    expect(labelProblem(['negative', 'positive'])).toBeUndefined();
    expect(labelProblem(['positive'])).toMatch(/at least two/);
    expect(labelProblem(['positive', 'negative', 'Neutral'])).toMatch(/unknown label "Neutral"/);
  });
});
