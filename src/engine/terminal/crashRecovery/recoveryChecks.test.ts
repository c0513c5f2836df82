import { describe, expect, it } from 'vitest';
import type { Fill, Order } from '../../oms';
import type { VenueFill, VenueOrderState } from '../../venues';
import type { PositionView } from '../views';
import { parseLines } from './acks';
import { AckLedger, type RecoveredState, recoveryProblems, type VenueTruth } from './recoveryChecks';

/**
 * The crash test is only as good as its checks: each way a restart can go wrong must be caught,
 * with the evidence named, and a clean recovery must pass.
 */

const T = 1_700_000_000_000;

function order(id: string, over: Partial<Order> = {}): Order {
  return {
    clientOrderId: id,
    venueOrderId: `SIM-${id}`,
    venue: 'SIM',
    symbol: 'SOL-USDT',
    side: 'buy',
    type: 'limit',
    tif: 'GTC',
    postOnly: false,
    reduceOnly: false,
    price: 18_000,
    qty: 300,
    filledQty: 0,
    filledValue: 0,
    fees: 0,
    status: 'accepted',
    version: 1,
    source: 'ticket',
    createdAt: T,
    updatedAt: T,
    ...over,
  };
}

function fill(fillId: string, clientOrderId: string, qty: number, side: 'buy' | 'sell' = 'buy'): Fill {
  return { fillId, clientOrderId, venue: 'SIM', symbol: 'SOL-USDT', side, price: 18_000, qty, liquidity: 'maker', fee: 1, ts: T };
}

const venueFill = (f: Fill): VenueFill => {
  const { venue: _, ...rest } = f;
  return rest;
};

const position = (qty: number): PositionView => ({ venue: 'SIM', symbol: 'SOL-USDT', qty, realisedPnl: 0, fees: 0 });

const open = (o: Order): VenueOrderState => ({
  clientOrderId: o.clientOrderId,
  venueOrderId: o.venueOrderId!,
  symbol: o.symbol,
  side: o.side,
  type: o.type,
  tif: o.tif,
  price: o.price!,
  qty: o.qty,
  filledQty: o.filledQty,
  status: 'open',
  triggered: false,
  updatedAt: T,
});

/** A consistent world: A partly filled and resting, B filled, C canceled; long 300. */
function world(): { acks: AckLedger; ours: RecoveredState; venue: VenueTruth } {
  const a = order('A', { status: 'partially_filled', filledQty: 100, version: 2, qty: 400 });
  const b = order('B', { status: 'filled', filledQty: 200, qty: 200 });
  const c = order('C', { status: 'canceled' });
  const fills = [fill('F1', 'A', 100), fill('F2', 'B', 150), fill('F3', 'B', 50)];
  const acks = new AckLedger();
  acks.add(
    parseLines(
      [
        { t: 'order', id: 'A', status: 'partially_filled', qty: 400, filledQty: 100, version: 2 },
        { t: 'fill', fillId: 'F1', id: 'A', symbol: 'SOL-USDT', side: 'buy', qty: 100 },
        { t: 'fill', fillId: 'F2', id: 'B', symbol: 'SOL-USDT', side: 'buy', qty: 150 },
        { t: 'order', id: 'C', status: 'canceled', qty: 300, filledQty: 0, version: 1 },
      ]
        .map((l) => JSON.stringify(l) + '\n')
        .join(''),
    ),
    1,
  );
  return {
    acks,
    ours: { orders: [a, b, c], fills, positions: [position(300)] },
    venue: { venue: 'SIM', fills: fills.map(venueFill), open: [open(a)] },
  };
}

describe('recovery checks', () => {
  it('pass a recovery that kept everything, fills booked after the kill included', () => {
    const { acks, ours, venue } = world();
    expect(recoveryProblems(acks, ours, venue)).toEqual([]);
  });

  it('catch a lost acknowledged fill, with its id and the order it belonged to', () => {
    const { acks, ours, venue } = world();
    ours.fills = ours.fills.filter((f) => f.fillId !== 'F2');
    const problems = recoveryProblems(acks, ours, venue);
    expect(problems).toContain('(a) fill F2 of B (buy 150, acknowledged in round 1) is booked 0 times');
    expect(problems).toContain('(f) venue fill F2 of B (buy 150) is not booked');
  });

  it('catch a doubled fill, in the book and in what was acknowledged', () => {
    const { acks, ours, venue } = world();
    ours.fills.push(fill('F1', 'A', 100));
    acks.add(parseLines(`${JSON.stringify({ t: 'fill', fillId: 'F1', id: 'A', symbol: 'SOL-USDT', side: 'buy', qty: 100 })}\n`), 2);
    const problems = recoveryProblems(acks, ours, venue);
    expect(problems).toContain('(a) fill F1 of A acknowledged in round 1 and again in round 2');
    expect(problems).toContain('(a) fill F1 is booked 2 times');
    expect(problems).toContain('(e) order A filled 200 by our fills, 100 by the venue\'s');
  });

  it('catch an order that went back: lost progress, a lost amend, a final status undone, or gone', () => {
    const { acks, ours, venue } = world();
    ours.orders[0] = { ...ours.orders[0]!, filledQty: 0, version: 1 };
    ours.orders[2] = { ...ours.orders[2]!, status: 'accepted' };
    expect(recoveryProblems(acks, ours, venue)).toEqual(
      expect.arrayContaining([
        '(b) order A lost fills: acknowledged partially_filled filled 100 v2 in round 1, now partially_filled filled 0 v1',
        '(b) order A lost an amend: acknowledged partially_filled filled 100 v2 in round 1, now partially_filled filled 0 v1',
        '(b) order C left its final status: acknowledged canceled filled 0 v1 in round 1, now accepted filled 0 v1',
        '(h) order C is accepted here but not open at the venue',
      ]),
    );
    ours.orders.pop();
    expect(recoveryProblems(acks, ours, venue)).toContain('(b) order C (acknowledged canceled in round 1) is missing');
  });

  it("catch a position that differs from the venue's, and a fill the venue reports twice", () => {
    const { acks, ours, venue } = world();
    ours.positions = [position(250)];
    venue.fills.push(venueFill(fill('F3', 'B', 50)));
    const problems = recoveryProblems(acks, ours, venue);
    expect(problems).toContain("(c) position SIM:SOL-USDT: ours 250, the venue's 350");
    expect(problems).toContain('(d) the venue reports fill F3 2 times');
  });

  it('catch an order still working at the venue that we think is done, and a fill the venue never made', () => {
    const { acks, ours, venue } = world();
    venue.open.push(open(order('C')));
    ours.fills.push(fill('F9', 'C', 10, 'sell'));
    ours.positions = [position(290)];
    const problems = recoveryProblems(acks, ours, venue);
    expect(problems).toContain('(h) order C is open at the venue but canceled here');
    expect(problems).toContain('(f) booked fill F9 of C (sell 10) is unknown to the venue');
    expect(problems).toContain('(g) order C says filled 0, its fills add up to 10');
  });

  it("catch realised P&L, fees or an average price that differ from what the venue's fills give", () => {
    const { acks, ours, venue } = world();
    venue.positions = [{ symbol: 'SOL-USDT', qty: 300, avgPrice: 18_000, realisedPnl: 0, fees: 3 }];
    ours.positions = [{ ...position(300), avgPrice: 18_000, fees: 3 }];
    expect(recoveryProblems(acks, ours, venue)).toEqual([]);
    ours.positions = [{ ...position(300), avgPrice: 18_000, realisedPnl: -5, fees: 2 }];
    expect(recoveryProblems(acks, ours, venue)).toEqual([
      "(i) position SIM:SOL-USDT: ours qty 300 avg 18000 realised -5 fees 2, from the venue's fills qty 300 avg 18000 realised 0 fees 3",
    ]);
  });

  it('drop a line torn by the kill, and refuse a line that is not one', () => {
    const good = JSON.stringify({ t: 'order', id: 'A', status: 'submitted', qty: 1, filledQty: 0, version: 1 });
    expect(parseLines(`${good}\n{"t":"fill","fil`)).toHaveLength(1);
    expect(() => parseLines(`${good}\nnot json\n${good}\n`)).toThrow(/unreadable line 2/);
  });
});
