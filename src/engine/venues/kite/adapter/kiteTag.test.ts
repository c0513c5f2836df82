import { describe, expect, it } from 'vitest';
import { clientOrderIdOfTag, KITE_TAG_MAX, orderIdOfForeign, foreignClientOrderId, tagOf } from './kiteTag';

describe('our clientOrderId in Kite\'s order tag', () => {
  it('writes the OMS\'s ids as alphanumeric tags of at most 20 characters and reads them back exactly', () => {
    for (const id of ['sqmieabcd1-1', 'sqmieabcd1-99999', 'a.b_c:d/e-Z', 'ZZ-z', 'plain42']) {
      const t = tagOf(id);
      expect(t.ok).toBe(true);
      if (!t.ok) continue;
      expect(t.tag).toMatch(/^[A-Za-z0-9]{1,20}$/);
      expect(clientOrderIdOfTag(t.tag)).toBe(id);
    }
    expect(tagOf('sqmieabcd1-123')).toEqual({ ok: true, tag: 'sqmieabcd1Za123' });
  });

  it('refuses an id that cannot fit, naming why, rather than cutting it', () => {
    const long = tagOf('sqmieabcd1-1234567890');
    expect(long.ok).toBe(false);
    if (!long.ok) expect(long.reason).toContain(`${KITE_TAG_MAX}-character`);
    const bad = tagOf('a b');
    expect(bad.ok).toBe(false);
  });

  it('does not take a tag someone else wrote for one of ours when it is not a valid escape', () => {
    expect(clientOrderIdOfTag(null)).toBeUndefined();
    expect(clientOrderIdOfTag('myZtag')).toBeUndefined();
    expect(clientOrderIdOfTag('has space')).toBeUndefined();
  });

  it('names an order placed elsewhere by its Kite order id, and finds the id again', () => {
    const id = foreignClientOrderId('220303000308932');
    expect(orderIdOfForeign(id)).toBe('220303000308932');
    expect(orderIdOfForeign('sqx-1')).toBeUndefined();
  });
});
