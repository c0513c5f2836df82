import { describe, expect, it } from 'vitest';
import { ClientOrderIds } from './clientOrderIds';

describe('ClientOrderIds', () => {
  it('answers a remembered order without asking the venue, and asks once for one it does not know', async () => {
    const ids = new ClientOrderIds();
    ids.remember(101, 'ours-1');
    let asked = 0;
    const ask = async () => {
      asked++;
      return 'ours-2';
    };
    expect(await ids.resolve('101', ask)).toBe('ours-1');
    expect(asked).toBe(0);
    expect(await ids.resolve(102, ask)).toBe('ours-2');
    expect(await ids.resolve(102, ask)).toBe('ours-2');
    expect(asked).toBe(1);
  });

  it('remembers nothing when the venue names no clientOrderId, and passes a failure on', async () => {
    const ids = new ClientOrderIds();
    expect(await ids.resolve(7, async () => undefined)).toBeUndefined();
    expect(ids.get(7)).toBeUndefined();
    await expect(ids.resolve(8, () => Promise.reject(new Error('venue down')))).rejects.toThrow('venue down');
  });

  it('forgets the oldest first once full, so that memory stays bounded', () => {
    const ids = new ClientOrderIds(2);
    ids.remember(1, 'a');
    ids.remember(2, 'b');
    ids.remember(2, 'b');
    ids.remember(3, 'c');
    expect([ids.get(1), ids.get(2), ids.get(3)]).toEqual([undefined, 'b', 'c']);
  });
});
