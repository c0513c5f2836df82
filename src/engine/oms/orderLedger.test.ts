import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EngineRecord, VenueOrderEvent } from '../storage';
import { OrderLedger } from './orderLedger';
import { canTransition, IllegalTransitionError, isTerminal } from './stateMachine';
import { testOrder } from './testSupport';
import { isWorking, type Order } from './types';

/*
 * The ledger is the OMS's state as a function of its journal. These tests feed it records as the
 * journal holds them and check what a trader relies on: the lifecycle, late and duplicate venue
 * reports handled as venues really send them, versions, and that a replay rebuilds the same state.
 */

const T0 = 1_700_000_000_000;
let seq = 0;

const newOrder = (over: Partial<Order> = {}): Order => testOrder({ status: 'initialized', createdAt: T0, updatedAt: T0, ...over });

const submit = (over: Partial<Order> = {}, send = true): EngineRecord => ({ kind: 'orderSubmitted', at: T0, order: newOrder(over), send });
const venue = (event: VenueOrderEvent): EngineRecord => ({ kind: 'venueEvent', at: T0 + 1, event, source: 'venue' });
const ack = (id = 'o-1') => venue({ type: 'orderAccepted', venue: 'SIM', clientOrderId: id, venueOrderId: `V-${id}`, ts: T0 });
const fill = (qty: number, fillId: string, id = 'o-1', price = 1000) =>
  venue({ type: 'orderFilled', venue: 'SIM', clientOrderId: id, fillId, ts: T0, price, qty, liquidity: 'maker', fee: 1 });
const canceled = (id = 'o-1', reason?: string) => venue({ type: 'orderCanceled', venue: 'SIM', clientOrderId: id, ts: T0, ...(reason ? { reason } : {}) });
const cancelReq = (id = 'o-1'): EngineRecord => ({ kind: 'cancelRequested', at: T0 + 2, venue: 'SIM', clientOrderId: id, source: 'ticket' });
const amendReq = (change: { price?: number; qty?: number; stopPrice?: number }, id = 'o-1'): EngineRecord => ({
  kind: 'amendRequested',
  at: T0 + 3,
  clientOrderId: id,
  change,
  source: 'grid',
});

function ledgerWith(...records: EngineRecord[]) {
  const ledger = new OrderLedger();
  const results = records.map((r) => ledger.apply(r, ++seq));
  return { ledger, results, last: results[results.length - 1]! };
}

describe('submission', () => {
  it('a sent order is submitted and goes to the venue; version 1 and a submit entry are recorded', () => {
    const { ledger, last } = ledgerWith(submit());
    expect(ledger.get('o-1')!.status).toBe('submitted');
    expect(last.sends).toEqual([{ kind: 'submit', order: ledger.get('o-1') }]);
    expect(last.versions).toEqual([{ clientOrderId: 'o-1', version: 1, price: 1000, qty: 10, at: T0, source: 'ticket' }]);
    expect(last.audit).toMatchObject([{ action: 'submit', source: 'ticket', after: { status: 'submitted', qty: 10, version: 1 } }]);
  });

  it('an unarmed child stays initialized and is not sent; a risk reject is recorded rejected', () => {
    expect(ledgerWith(submit({}, false)).last.sends).toEqual([]);
    const { ledger, last } = ledgerWith(submit({ status: 'rejected', rejectReason: 'max order qty' }, false));
    expect(ledger.get('o-1')!.status).toBe('rejected');
    expect(last.audit.map((a) => a.action)).toEqual(['submit', 'reject']);
  });

  it('a second record for the same id changes nothing', () => {
    const { ledger, last } = ledgerWith(submit(), ack(), submit({ qty: 99 }));
    expect(last.ignored?.reason).toMatch(/already exists/);
    expect(ledger.get('o-1')!.qty).toBe(10);
  });
});

describe('venue reports, as venues really send them', () => {
  it('ack, partial fill, fill', () => {
    const { ledger } = ledgerWith(submit(), ack(), fill(4, 'f1'), fill(6, 'f2'));
    expect(ledger.get('o-1')).toMatchObject({ status: 'filled', filledQty: 10, filledValue: 10_000, fees: 2, venueOrderId: 'V-o-1' });
  });

  it('a resent fill is ignored; the position is not doubled', () => {
    const { ledger, last } = ledgerWith(submit(), ack(), fill(4, 'f1'), fill(4, 'f1'));
    expect(last.ignored?.reason).toMatch(/duplicate fill/);
    expect(last.fills).toEqual([]);
    expect(ledger.get('o-1')!.filledQty).toBe(4);
  });

  it('a fill after the cancel is booked (it traded) and the order stays canceled', () => {
    const { ledger, last } = ledgerWith(submit(), ack(), cancelReq(), canceled(), fill(3, 'late'));
    expect(last.fills).toHaveLength(1);
    expect(ledger.get('o-1')).toMatchObject({ status: 'canceled', filledQty: 3 });
    expect(last.audit[0]!.detail).toMatch(/after the order was canceled/);
  });

  it('a fill before the ack (IOC, market) is fine; the late ack only adds the venue id', () => {
    const { ledger, last } = ledgerWith(submit(), fill(10, 'f1'), ack());
    expect(ledger.get('o-1')).toMatchObject({ status: 'filled', venueOrderId: 'V-o-1' });
    expect(last.audit[0]!.action).toBe('accept');
  });

  it('a duplicate ack or cancel changes nothing', () => {
    expect(ledgerWith(submit(), ack(), ack()).last.ignored?.reason).toBe('duplicate ack');
    expect(ledgerWith(submit(), ack(), canceled(), canceled()).last.ignored?.reason).toBe('duplicate cancel');
  });

  it('an illegal report is a typed error and leaves the order as it was', () => {
    const { ledger, last } = ledgerWith(submit(), ack(), fill(10, 'f1'), venue({ type: 'orderRejected', venue: 'SIM', clientOrderId: 'o-1', reason: 'x', ts: T0 }));
    expect(last.ignored?.error).toBeInstanceOf(IllegalTransitionError);
    expect(ledger.get('o-1')!.status).toBe('filled');
  });

  it('a report for another venue\'s order of the same id is not applied', () => {
    const other = venue({ type: 'orderAccepted', venue: 'SIM-B', clientOrderId: 'o-1', venueOrderId: 'V-9', ts: T0 });
    const { last } = ledgerWith(submit(), other);
    expect(last.ignored?.reason).toMatch(/unknown order SIM-B:o-1/);
  });

  it('a stop triggers, then fills; IOC remainders and GTD end as expired with the reason', () => {
    const stop = ledgerWith(submit({ type: 'stop_market', price: undefined, stopPrice: 1100, tif: 'IOC' }), ack(), venue({ type: 'orderTriggered', venue: 'SIM', clientOrderId: 'o-1', ts: T0 + 5 }));
    expect(stop.ledger.get('o-1')).toMatchObject({ status: 'triggered', triggeredAt: T0 + 5 });
    stop.ledger.apply(fill(4, 'f1'), ++seq);
    stop.ledger.apply(venue({ type: 'orderExpired', venue: 'SIM', clientOrderId: 'o-1', ts: T0, reason: 'IOC remainder' }), ++seq);
    expect(stop.ledger.get('o-1')).toMatchObject({ status: 'expired', filledQty: 4, cancelReason: 'IOC remainder' });
  });
});

describe('an order whose acknowledgement was lost', () => {
  const lost = (id = 'o-1', reason = 'no answer from the venue') => venue({ type: 'orderUnknown', venue: 'SIM', clientOrderId: id, ts: T0, reason });

  it('shows unknown (its status unchanged) until the venue answers: found and accepted', () => {
    const { ledger, results } = ledgerWith(submit(), lost(), ack());
    expect(results[1]!.orders).toEqual([expect.objectContaining({ status: 'submitted', unknownReason: 'no answer from the venue' })]);
    expect(results[1]!.sends).toEqual([]); // never sent again
    expect(ledger.get('o-1')!.status).toBe('accepted');
    expect(ledger.get('o-1')).not.toHaveProperty('unknownReason');
  });

  it('is cleared by any word from the venue: never placed (rejected), a fill, a cancel made before the ack', () => {
    const rejected = ledgerWith(submit(), lost(), venue({ type: 'orderRejected', venue: 'SIM', clientOrderId: 'o-1', reason: 'not at the venue', ts: T0 })).ledger.get('o-1')!;
    expect(rejected).toMatchObject({ status: 'rejected', rejectReason: 'not at the venue' });
    expect(rejected).not.toHaveProperty('unknownReason');
    const filled = ledgerWith(submit(), lost(), fill(4, 'f-1')).ledger.get('o-1')!;
    expect(filled).toMatchObject({ status: 'partially_filled', filledQty: 4 });
    expect(filled).not.toHaveProperty('unknownReason');
    const { ledger, results } = ledgerWith(submit(), cancelReq(), lost(), canceled());
    expect(results[2]!.orders).toEqual([expect.objectContaining({ status: 'pending_cancel', unknownReason: 'no answer from the venue' })]);
    expect(ledger.get('o-1')!.status).toBe('canceled');
    expect(ledger.get('o-1')).not.toHaveProperty('unknownReason');
  });

  it('is not flagged once the venue has answered for the order', () => {
    const { ledger, last } = ledgerWith(submit(), ack(), lost());
    expect(last.ignored?.reason).toMatch(/answered for it already/);
    expect(ledger.get('o-1')).not.toHaveProperty('unknownReason');
  });

  it('survives a snapshot and a replay', () => {
    const { ledger } = ledgerWith(submit(), lost());
    const resumed = new OrderLedger();
    resumed.restore(ledger.snapshot());
    expect(resumed.get('o-1')).toMatchObject({ status: 'submitted', unknownReason: 'no answer from the venue' });
  });
});

describe('cancel', () => {
  it('pending_cancel until the venue confirms', () => {
    const { ledger, results } = ledgerWith(submit(), ack(), cancelReq());
    expect(ledger.get('o-1')).toMatchObject({ status: 'pending_cancel', priorStatus: 'accepted' });
    expect(results[2]!.sends).toMatchObject([{ kind: 'cancel' }]);
    ledger.apply(canceled(), ++seq);
    expect(ledger.get('o-1')!.status).toBe('canceled');
    expect(ledger.get('o-1')!.priorStatus).toBeUndefined();
  });

  it('a refused cancel returns the order to where it stands, fills during the wait included', () => {
    const { ledger, last } = ledgerWith(submit(), ack(), cancelReq(), fill(3, 'f1'), venue({ type: 'cancelRejected', venue: 'SIM', clientOrderId: 'o-1', reason: 'too late', ts: T0 }));
    expect(ledger.get('o-1')).toMatchObject({ status: 'partially_filled', filledQty: 3 });
    expect(last.cancelRejected?.reason).toBe('too late');
  });

  it('a fill completing the order while the cancel is in flight makes it filled', () => {
    const { ledger } = ledgerWith(submit(), ack(), cancelReq(), fill(10, 'f1'));
    expect(ledger.get('o-1')!.status).toBe('filled');
  });

  it('an order never sent is canceled here, without the venue', () => {
    const { ledger, last } = ledgerWith(submit({}, false), cancelReq());
    expect(ledger.get('o-1')).toMatchObject({ status: 'canceled', cancelReason: 'canceled before it was sent' });
    expect(last.sends).toEqual([]);
  });

  it('a repeated cancel is sent again without changing the order', () => {
    const { last } = ledgerWith(submit(), ack(), cancelReq(), cancelReq());
    expect(last.sends).toMatchObject([{ kind: 'cancel' }]);
    expect(last.orders).toEqual([]);
  });
});

describe('amend with versions', () => {
  it('pending_update, then the venue confirms: version 2 by whoever asked, terms changed', () => {
    const { ledger, results } = ledgerWith(submit(), ack(), amendReq({ price: 990, qty: 12 }));
    expect(ledger.get('o-1')).toMatchObject({ status: 'pending_update', pendingAmend: { price: 990, qty: 12 }, price: 1000 });
    expect(results[2]!.sends).toMatchObject([{ kind: 'amend', change: { price: 990, qty: 12 } }]);
    const done = ledger.apply(venue({ type: 'orderAmended', venue: 'SIM', clientOrderId: 'o-1', ts: T0, price: 990, qty: 12 }), ++seq);
    expect(ledger.get('o-1')).toMatchObject({ status: 'accepted', price: 990, qty: 12, version: 2 });
    expect(ledger.get('o-1')!.pendingAmend).toBeUndefined();
    expect(done.versions).toEqual([{ clientOrderId: 'o-1', version: 2, price: 990, qty: 12, at: T0 + 1, source: 'grid' }]);
    expect(done.audit[0]).toMatchObject({ action: 'amend', before: { price: 1000, qty: 10, version: 1 }, after: { price: 990, qty: 12, version: 2 } });
  });

  it('a refused amend keeps the old terms and version', () => {
    const { ledger, last } = ledgerWith(submit(), ack(), amendReq({ price: 990 }), venue({ type: 'amendRejected', venue: 'SIM', clientOrderId: 'o-1', reason: 'post-only would cross', ts: T0 }));
    expect(ledger.get('o-1')).toMatchObject({ status: 'accepted', price: 1000, version: 1 });
    expect(last.audit[0]).toMatchObject({ action: 'amend_reject', detail: 'post-only would cross' });
  });

  it('fills while the amend is in flight keep it pending; the confirmation then leaves it partially filled', () => {
    const { ledger } = ledgerWith(submit(), ack(), amendReq({ qty: 8 }), fill(3, 'f1'));
    expect(ledger.get('o-1')).toMatchObject({ status: 'pending_update', filledQty: 3 });
    ledger.apply(venue({ type: 'orderAmended', venue: 'SIM', clientOrderId: 'o-1', ts: T0, price: 1000, qty: 8 }), ++seq);
    expect(ledger.get('o-1')).toMatchObject({ status: 'partially_filled', qty: 8, version: 2 });
  });

  it('an amend down to what is filled completes the order', () => {
    const { ledger } = ledgerWith(submit(), ack(), fill(4, 'f1'), amendReq({ qty: 5 }), fill(1, 'f2'));
    ledger.apply(venue({ type: 'orderAmended', venue: 'SIM', clientOrderId: 'o-1', ts: T0, price: 1000, qty: 5 }), ++seq);
    expect(ledger.get('o-1')).toMatchObject({ status: 'filled', filledQty: 5, qty: 5 });
  });

  it('an unarmed child takes new terms at once as a new version', () => {
    const { ledger, last } = ledgerWith(submit({}, false), amendReq({ price: 1200 }));
    expect(ledger.get('o-1')).toMatchObject({ status: 'initialized', price: 1200, version: 2 });
    expect(last.sends).toEqual([]);
  });
});

describe('bracket children', () => {
  it('arming sends the child for the entry\'s filled quantity, as a new version when it differs', () => {
    const { ledger, last } = ledgerWith(submit({}, false), { kind: 'orderArmed', at: T0 + 9, clientOrderId: 'o-1', qty: 6, source: 'contingent' });
    expect(ledger.get('o-1')).toMatchObject({ status: 'submitted', qty: 6, version: 2 });
    expect(last.sends).toMatchObject([{ kind: 'submit' }]);
    expect(last.audit[0]).toMatchObject({ action: 'arm', source: 'contingent' });
  });
});

describe('replay', () => {
  const ids = ['a', 'b', 'c'];
  const record = fc.oneof(
    fc.constantFrom(...ids).map((id) => submit({ clientOrderId: id })),
    fc.constantFrom(...ids).map((id) => ack(id)),
    fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 8 })).map(([id, q, f]) => fill(q, `f${f}`, id)),
    fc.constantFrom(...ids).map((id) => cancelReq(id)),
    fc.constantFrom(...ids).map((id) => canceled(id)),
    fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 5, max: 15 })).map(([id, qty]) => amendReq({ qty }, id)),
    fc.tuple(fc.constantFrom(...ids), fc.integer({ min: 5, max: 15 })).map(([id, qty]) =>
      venue({ type: 'orderAmended', venue: 'SIM', clientOrderId: id, ts: T0, price: 1000, qty }),
    ),
    fc.constantFrom(...ids).map((id) => venue({ type: 'cancelRejected', venue: 'SIM', clientOrderId: id, reason: 'no', ts: T0 })),
    fc.constantFrom(...ids).map((id) => venue({ type: 'orderExpired', venue: 'SIM', clientOrderId: id, ts: T0, reason: 'DAY' })),
  );

  it('any sequence keeps the lifecycle legal, terminal states final, and filled = the unique fills', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), (records) => {
        const ledger = new OrderLedger();
        const fillsBy = new Map<string, number>();
        let s = 0;
        for (const r of records) {
          const before = r.kind === 'venueEvent' ? ledger.get(r.event.clientOrderId) : undefined;
          const out = ledger.apply(r, ++s);
          for (const f of out.fills) fillsBy.set(f.clientOrderId, (fillsBy.get(f.clientOrderId) ?? 0) + f.qty);
          for (const o of out.orders) {
            const prior = before?.clientOrderId === o.clientOrderId ? before : undefined;
            if (prior && prior.status !== o.status) expect(canTransition(prior.status, o.status)).toBe(true);
            if (prior && isTerminal(prior.status)) expect(o.status).toBe(prior.status);
          }
        }
        for (const o of ledger.all()) expect(o.filledQty).toBe(fillsBy.get(o.clientOrderId) ?? 0);
      }),
      { numRuns: 500 },
    );
  });

  it('snapshot + the rest rebuilds exactly the state of applying everything', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.nat(60), (records, cut) => {
        const whole = new OrderLedger();
        records.forEach((r, i) => whole.apply(r, i + 1));
        const first = new OrderLedger();
        records.slice(0, cut).forEach((r, i) => first.apply(r, i + 1));
        const resumed = new OrderLedger();
        resumed.restore(first.snapshot());
        records.slice(cut).forEach((r, i) => resumed.apply(r, cut + i + 1));
        expect([...resumed.all()]).toEqual([...whole.all()]);
      }),
      { numRuns: 300 },
    );
  });

  it('with finished orders leaving memory, snapshot + the rest still holds exactly the same set', () => {
    fc.assert(
      fc.property(fc.array(record, { maxLength: 60 }), fc.nat(60), (records, cut) => {
        const small = (): OrderLedger => new OrderLedger(undefined, { keepFinished: 1 });
        const whole = small();
        records.forEach((r, i) => whole.apply(r, i + 1));
        const first = small();
        records.slice(0, cut).forEach((r, i) => first.apply(r, i + 1));
        const resumed = small();
        resumed.restore(first.snapshot());
        records.slice(cut).forEach((r, i) => resumed.apply(r, cut + i + 1));
        expect(Buffer.from(resumed.snapshot()).toString()).toBe(Buffer.from(whole.snapshot()).toString());
        expect(resumed.workingOrders()).toEqual([...whole.all()].filter(isWorking));
        expect(whole.recentlyFinished().length).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('the hot set: working orders and the most recently finished', () => {
  const finish = (id: string): EngineRecord[] => [submit({ clientOrderId: id }), ack(id), fill(10, `F-${id}`, id)];

  it('keeps every working order and the N most recently finished; the one that finished first leaves first', () => {
    const ledger = new OrderLedger(undefined, { keepFinished: 2 });
    let n = 0;
    const apply = (records: EngineRecord[]): void => records.forEach((r) => ledger.apply(r, ++n));
    apply([submit({ clientOrderId: 'w-1' }), ack('w-1')]);
    for (const id of ['a', 'b', 'c', 'd']) apply(finish(id));
    apply([submit({ clientOrderId: 'w-2' })]);
    expect([...ledger.all()].map((o) => o.clientOrderId).sort()).toEqual(['c', 'd', 'w-1', 'w-2']);
    expect(ledger.workingOrders().map((o) => o.clientOrderId)).toEqual(['w-1', 'w-2']);
    expect(ledger.recentlyFinished().map((o) => o.clientOrderId)).toEqual(['d', 'c']);
    expect(ledger.has('a')).toBe(false);
    // A working order that finishes joins the finished ones and pushes out the oldest.
    apply([fill(10, 'F-w-1', 'w-1')]);
    expect(ledger.recentlyFinished().map((o) => o.clientOrderId)).toEqual(['w-1', 'd']);
    expect(ledger.workingOrders().map((o) => o.clientOrderId)).toEqual(['w-2']);
  });

  it('an order taken back (an orderState record) is held again, as the most recently finished', () => {
    const ledger = new OrderLedger(undefined, { keepFinished: 1 });
    let n = 0;
    for (const r of [...finish('a'), ...finish('b')]) ledger.apply(r, ++n);
    expect(ledger.has('a')).toBe(false);
    const back = ledger.apply({ kind: 'orderState', at: T0 + 5, order: testOrder({ clientOrderId: 'a', status: 'filled', filledQty: 10 }), source: 'system', detail: 'taken back' }, ++n);
    expect(back.audit).toMatchObject([{ action: 'reconcile', source: 'system', detail: 'taken back' }]);
    expect(back.audit[0]!.before).toBeUndefined();
    const late = ledger.apply(fill(2, 'F-late', 'a'), ++n);
    expect(late.fills).toMatchObject([{ fillId: 'F-late', clientOrderId: 'a', qty: 2 }]);
    expect(ledger.get('a')).toMatchObject({ status: 'filled', filledQty: 12 });
    expect(ledger.has('b')).toBe(false);
  });

  it('restores a snapshot of the version that held every order, keeping the newest finished', () => {
    const old = { v: 1, orders: ['a', 'b', 'c'].map((id) => testOrder({ clientOrderId: id, status: 'filled' })).concat(testOrder({ clientOrderId: 'w' })), amendSources: [], seenFills: [] };
    const ledger = new OrderLedger(undefined, { keepFinished: 2 });
    ledger.restore(Buffer.from(JSON.stringify(old)));
    expect([...ledger.all()].map((o) => o.clientOrderId)).toEqual(['b', 'c', 'w']);
    expect(ledger.workingOrders().map((o) => o.clientOrderId)).toEqual(['w']);
  });
});
