import { describe, expect, it } from 'vitest';
import { InFlightRequests } from './inFlightRequests';

describe('InFlightRequests', () => {
  it('waits for every request, including one started while waiting, and reports an unexpected failure', async () => {
    const unexpected: string[] = [];
    const requests = new InFlightRequests((e) => unexpected.push(e.message));
    const done: string[] = [];
    let release!: () => void;
    const first = new Promise<void>((r) => (release = r)).then(() => {
      done.push('first');
      requests.track(Promise.resolve().then(() => void done.push('second')));
    });
    requests.track(first);
    requests.track(Promise.reject(new Error('socket gone')));
    const idle = requests.idle().then(() => done.push('idle'));
    release();
    await idle;
    expect(done).toEqual(['first', 'second', 'idle']);
    expect(unexpected).toEqual(['socket gone']);
  });

  it('is idle at once when nothing was sent', async () => {
    await expect(new InFlightRequests(() => {}).idle()).resolves.toBeUndefined();
  });
});
