import { isTerminal } from './stateMachine';
import type { Order } from './types';

export interface ContingentActions {
  /** Send an unarmed bracket child for `qty`. */
  arm(clientOrderId: string, qty: number): void;
  /** Cancel a group member (locally if it was never sent). */
  cancel(clientOrderId: string): void;
}

const isLeg = (o: Order): boolean => o.role === 'take_profit' || o.role === 'stop_loss' || o.role === 'oco_leg';
const canStillTrade = (o: Order): boolean => !isTerminal(o.status) && o.status !== 'pending_cancel';

/**
 * The rules of brackets and OCO groups, applied to each order change once it is durable:
 * - a bracket's children are armed when its entry fills: all of it, or what it got before the venue
 *   ended it (canceled, expired); an entry that ends with nothing filled takes its children with it;
 * - OCO between legs (a bracket's take-profit and stop-loss, or a standalone pair): the first fill on
 *   one leg, or one leg canceled or expired, cancels the others. A rejected leg does not: the other
 *   still protects the position, and the reject is reported.
 * Every rule is idempotent, so `sweep` can re-run them all after a restart and finish what a crash
 * interrupted.
 */
export class ContingentOrders {
  private readonly groups = new Map<string, Set<string>>();

  constructor(
    private readonly get: (clientOrderId: string) => Order | undefined,
    private readonly act: ContingentActions,
  ) {}

  onChanged(orders: readonly Order[]): void {
    for (const order of orders) {
      if (order.groupId === undefined) continue;
      this.index(order);
      if (order.role === 'entry') this.entryChanged(order);
      else if (isLeg(order)) this.legChanged(order);
      if (isTerminal(order.status)) this.forgetIfDone(order.groupId);
    }
  }

  /** Re-applies every rule to every group member (after recovery). */
  sweep(all: Iterable<Order>): void {
    const members = [...all].filter((o) => o.groupId !== undefined);
    for (const o of members) this.index(o);
    this.onChanged(members);
  }

  /** Groups with a member still live. */
  get openGroups(): number {
    return this.groups.size;
  }

  /** Members of an order's group other than itself. */
  others(order: Order): Order[] {
    const ids = order.groupId === undefined ? undefined : this.groups.get(order.groupId);
    if (!ids) return [];
    const out: Order[] = [];
    for (const id of ids) {
      const o = id === order.clientOrderId ? undefined : this.get(id);
      if (o) out.push(o);
    }
    return out;
  }

  private entryChanged(entry: Order): void {
    const children = this.others(entry).filter((o) => o.parentId === entry.clientOrderId);
    const done = isTerminal(entry.status);
    if (entry.status === 'filled' || (done && entry.filledQty > 0)) {
      for (const child of children) if (child.status === 'initialized') this.act.arm(child.clientOrderId, entry.filledQty);
    } else if (done) {
      for (const child of children) if (canStillTrade(child)) this.act.cancel(child.clientOrderId);
    }
  }

  private legChanged(leg: Order): void {
    if (leg.status === 'initialized') return; // not armed yet: nothing it does affects the others
    const ended = leg.status === 'canceled' || leg.status === 'expired';
    if (leg.filledQty === 0 && !ended) return;
    for (const other of this.others(leg)) {
      if (isLeg(other) && canStillTrade(other)) this.act.cancel(other.clientOrderId);
    }
  }

  /** A group whose members have all ended has nothing left to do: it leaves the index (memory stays flat). */
  private forgetIfDone(groupId: string): void {
    const ids = this.groups.get(groupId);
    if (!ids) return;
    for (const id of ids) {
      const member = this.get(id);
      if (member && !isTerminal(member.status)) return;
    }
    this.groups.delete(groupId);
  }

  private index(order: Order): void {
    const id = order.groupId!;
    let set = this.groups.get(id);
    if (!set) this.groups.set(id, (set = new Set()));
    set.add(order.clientOrderId);
  }
}
