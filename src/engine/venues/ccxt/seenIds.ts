/**
 * The ids already reported (fills by trade id), so that a fill heard twice (the stream and a REST
 * answer, a duplicated stream message, a replay after a reconnect) is counted once. Bounded: the
 * oldest ids are forgotten first, long after any duplicate of them could still arrive.
 */
export class SeenIds {
  private readonly ids = new Set<string>();

  constructor(private readonly max = 100_000) {}

  /** True the first time `id` is seen, false ever after (while remembered). */
  add(id: string): boolean {
    if (this.ids.has(id)) return false;
    this.ids.add(id);
    if (this.ids.size > this.max) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
    return true;
  }
}
