import { describe, expect, it } from 'vitest';
import { splitPicture } from './pictureSplit';

describe('splitPicture', () => {
  it('counts the time before the frame tick as the vsync wait, and the rest as the page', () => {
    // Sent at 0, seen at 2, committed at 3, tick at 10, frame ran at 11, its work done at 14.
    const s = splitPicture({ sent: 0, arrived: 2, committed: 3, frameTime: 10, frameStart: 11, painted: 14 }, 16.7);
    expect(s).toEqual({ transport: 2, commit: 1, vsyncWait: 7, queued: 1, frameWork: 3, uiWork: 4, toPainted: 14, toPaintedLessVsync: 7 });
  });

  it('has no vsync wait for a commit after the tick: the frame waited for the page, not the display', () => {
    const s = splitPicture({ sent: 0, arrived: 1, committed: 12, frameTime: 10, frameStart: 15, painted: 17 }, 16.7);
    expect(s.vsyncWait).toBe(0);
    expect(s.queued).toBe(3);
    expect(s.toPaintedLessVsync).toBe(s.toPainted);
  });

  it('waits for one frame period at most: frames skipped after it were the page or compositor being busy', () => {
    const s = splitPicture({ sent: 0, arrived: 1, committed: 2, frameTime: 52, frameStart: 53, painted: 60 }, 16.7);
    expect(s.vsyncWait).toBe(16.7);
    expect(s.queued).toBeCloseTo(34.3, 9);
  });
});
