import type { Rng } from '../../core';

/**
 * A set of order ids with O(1) add, remove and uniform random pick: what a population of resting
 * orders needs when each has the same chance of being canceled.
 */
export class IdPool {
  private readonly ids: number[] = [];
  private readonly index = new Map<number, number>();

  get size(): number {
    return this.ids.length;
  }

  has(id: number): boolean {
    return this.index.has(id);
  }

  add(id: number): void {
    if (this.index.has(id)) return;
    this.index.set(id, this.ids.length);
    this.ids.push(id);
  }

  remove(id: number): boolean {
    const i = this.index.get(id);
    if (i === undefined) return false;
    const last = this.ids.pop()!;
    if (last !== id) {
      this.ids[i] = last;
      this.index.set(last, i);
    }
    this.index.delete(id);
    return true;
  }

  /** A uniformly chosen id, or undefined when empty. */
  pick(rng: Rng): number | undefined {
    return this.ids.length === 0 ? undefined : this.ids[rng.int(0, this.ids.length - 1)];
  }
}
