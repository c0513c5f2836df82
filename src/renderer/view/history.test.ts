import { describe, expect, it } from 'vitest';
import { auditRow, mergeAudit, type OrderHistory, orderSummary, versionRow } from './history';
import { auditEntry, btc, order } from './testing';

const T = Date.UTC(2030, 0, 2, 10, 15, 30, 250);

const loaded = (): OrderHistory => ({
  order: order({}),
  versions: [{ clientOrderId: 'sq1-1', version: 1, price: 950_000, qty: 100, at: 1000, source: 'ticket' }],
  audit: [auditEntry({ seq: 1, action: 'submit', source: 'ticket' }), auditEntry({ seq: 2, action: 'accept' })],
});

describe('audit rows: before → after', () => {
  it('shows what changed as "before → after" and what did not as the value alone', () => {
    const amend = auditEntry({
      ts: T,
      action: 'amend',
      before: { status: 'pending_update', price: 950_000, qty: 100, filledQty: 20, version: 1 },
      after: { status: 'partially_filled', price: 950_100, qty: 100, filledQty: 20, version: 2 },
      detail: 'venue confirmed',
    });
    const row = auditRow(btc, amend);
    expect(row.time).toBe('10:15:30.250');
    expect(row.when).toBe('2030-01-02 10:15:30 UTC');
    expect(row.action).toBe('Amended');
    expect(row.status).toEqual({ text: 'Amending… → Partial', changed: true });
    expect(row.price).toEqual({ text: '95000.0 → 95010.0', changed: true });
    expect(row.qty).toEqual({ text: '0.0100', changed: false });
    expect(row.filled).toEqual({ text: '0.0020', changed: false });
    expect(row.stop).toEqual({ text: '', changed: false });
    expect(row.detail).toBe('venue confirmed');
  });

  it('an event with no before (the submission) shows the state it created, nothing marked changed', () => {
    const row = auditRow(btc, auditEntry({ action: 'submit', source: 'ticket', after: { status: 'initialized', price: 950_000, qty: 100, filledQty: 0, version: 1 } }));
    expect(row.status).toEqual({ text: 'New', changed: false });
    expect(row.price).toEqual({ text: '95000.0', changed: false });
    expect(row.source).toBe('ticket');
  });

  it('a stop that appears or goes shows a dash on the empty side; sources read as words', () => {
    const row = auditRow(
      btc,
      auditEntry({
        action: 'cancel',
        source: 'kill_switch',
        before: { status: 'accepted', qty: 100, filledQty: 0, version: 1, stopPrice: 960_000 },
        after: { status: 'canceled', qty: 100, filledQty: 0, version: 1 },
      }),
    );
    expect(row.stop).toEqual({ text: '96000.0 → —', changed: true });
    expect(row.source).toBe('kill switch');
  });

  it('shows raw ticks and lots when the instrument is not known', () => {
    expect(auditRow(undefined, auditEntry({})).price.text).toBe('950000');
  });
});

describe('live history', () => {
  it('adds new entries for this order in journal order and ignores other orders and repeats', () => {
    const h = loaded();
    const next = mergeAudit(h, [
      auditEntry({ seq: 4, action: 'fill', after: { status: 'partially_filled', price: 950_000, qty: 100, filledQty: 40, version: 1 } }),
      auditEntry({ seq: 2, action: 'accept' }), // already in the reply
      auditEntry({ seq: 3, clientOrderId: 'other', action: 'accept' }),
      auditEntry({ seq: 3, n: 1, action: 'send' }),
    ]);
    expect(next.audit.map((e) => `${e.seq}:${e.n}:${e.action}`)).toEqual(['1:0:submit', '2:0:accept', '3:1:send', '4:0:fill']);
    expect(mergeAudit(next, [auditEntry({ seq: 4, action: 'fill' })])).toBe(next);
  });

  it('a confirmed amend adds its version, with the source that asked for it', () => {
    const h = mergeAudit(loaded(), [
      auditEntry({ seq: 5, ts: 3000, action: 'amend_request', source: 'grid' }),
      auditEntry({ seq: 6, ts: 3100, action: 'amend', source: 'venue', after: { status: 'accepted', price: 950_100, qty: 200, filledQty: 0, version: 2 } }),
    ]);
    expect(h.versions).toEqual([
      { clientOrderId: 'sq1-1', version: 1, price: 950_000, qty: 100, at: 1000, source: 'ticket' },
      { clientOrderId: 'sq1-1', version: 2, price: 950_100, qty: 200, at: 3100, source: 'grid' },
    ]);
    // The same confirmation again (reply and event overlap) adds nothing.
    expect(mergeAudit(h, [auditEntry({ seq: 6, n: 1, action: 'amend', after: { status: 'accepted', qty: 200, filledQty: 0, version: 2 } })]).versions).toHaveLength(2);
  });

  it('a refused amend adds an event but no version', () => {
    const h = mergeAudit(loaded(), [auditEntry({ seq: 7, action: 'amend_reject', detail: 'would cross' })]);
    expect(h.versions).toHaveLength(1);
    expect(h.audit.at(-1)?.detail).toBe('would cross');
  });
});

describe('versions and summary', () => {
  it('formats a version row', () => {
    expect(versionRow(btc, { clientOrderId: 'sq1-1', version: 2, stopPrice: 960_000, price: 960_100, qty: 100, at: T, source: 'grid' })).toEqual({
      key: '2',
      version: '2',
      price: '96010.0',
      stop: '96000.0',
      qty: '0.0100',
      time: '10:15:30.250',
      when: '2030-01-02 10:15:30 UTC',
      source: 'grid',
    });
  });

  it('summarises the order with only the lines that apply', () => {
    const o = order({
      type: 'stop_limit',
      stopPrice: 960_000,
      price: 960_100,
      tif: 'GTD',
      expireAt: T,
      status: 'canceled',
      cancelReason: 'OCO: other leg filled',
      filledQty: 40,
      filledValue: 960_100 * 40,
      version: 3,
      groupId: 'oco-1',
      role: 'oco_leg',
      createdAt: T,
      updatedAt: T,
    });
    const s = Object.fromEntries(orderSummary(btc, o));
    expect(s).toMatchObject({
      Type: 'Stop lmt GTD',
      Status: 'Canceled',
      Price: '96010.0',
      Stop: '96000.0',
      Filled: '0.0040 @ 96010.0',
      Version: '3',
      Group: 'OCO oco-1',
      Expires: '2030-01-02 10:15:30 UTC',
      'Cancel reason': 'OCO: other leg filled',
    });
    expect(s).not.toHaveProperty('Reject reason');
    expect(Object.fromEntries(orderSummary(btc, order({ role: 'take_profit', parentId: 'sq1-0', groupId: 'sq1-0' }))).Group).toBe('TP of sq1-0');
    expect(orderSummary(btc, order({}))).not.toContainEqual(expect.arrayContaining(['Stop']));
  });
});
