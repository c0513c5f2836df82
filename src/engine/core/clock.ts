/**
 * The one source of time. Engine logic never calls Date.now() or setTimeout directly: it takes a
 * Clock, so the same code runs live, in a backtest and in a deterministic test.
 */
export interface Clock {
  /** Milliseconds since the Unix epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): TimerId;
  setInterval(fn: () => void, ms: number): TimerId;
  clearTimer(id: TimerId): void;
}

export type TimerId = number;

export class LiveClock implements Clock {
  private readonly timers = new Map<TimerId, NodeJS.Timeout>();
  private nextId = 1;

  now(): number {
    return Date.now();
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    this.timers.set(
      id,
      setTimeout(() => {
        this.timers.delete(id);
        fn();
      }, ms),
    );
    return id;
  }

  setInterval(fn: () => void, ms: number): TimerId {
    const id = this.nextId++;
    this.timers.set(id, setInterval(fn, ms));
    return id;
  }

  clearTimer(id: TimerId): void {
    const t = this.timers.get(id);
    if (t) {
      clearTimeout(t);
      clearInterval(t);
      this.timers.delete(id);
    }
  }

  /** Cancels every pending timer; used at shutdown so the process can exit. */
  clearAll(): void {
    for (const id of [...this.timers.keys()]) this.clearTimer(id);
  }
}

interface SimTimer {
  id: TimerId;
  due: number;
  every: number; // 0 = one-shot
  fn: () => void;
}

/** Time moves only when advanced; timers fire in due order, ties in creation order. */
export class SimulatedClock implements Clock {
  private timers: SimTimer[] = [];
  private nextId = 1;

  constructor(private current = 0) {}

  now(): number {
    return this.current;
  }

  setTimeout(fn: () => void, ms: number): TimerId {
    return this.add(fn, ms, 0);
  }

  setInterval(fn: () => void, ms: number): TimerId {
    return this.add(fn, ms, Math.max(1, ms));
  }

  clearTimer(id: TimerId): void {
    this.timers = this.timers.filter((t) => t.id !== id);
  }

  /** Moves time forward by `ms`, firing every timer that falls due on the way. */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const next = this.earliest();
      if (!next || next.due > end) break;
      this.current = next.due;
      if (next.every > 0) next.due += next.every;
      else this.clearTimer(next.id);
      next.fn();
    }
    this.current = end;
  }

  set(ms: number): void {
    if (ms < this.current) throw new RangeError('a simulated clock never goes backwards');
    this.advance(ms - this.current);
  }

  private add(fn: () => void, ms: number, every: number): TimerId {
    const id = this.nextId++;
    this.timers.push({ id, due: this.current + Math.max(0, ms), every, fn });
    return id;
  }

  private earliest(): SimTimer | undefined {
    let best: SimTimer | undefined;
    for (const t of this.timers) if (!best || t.due < best.due || (t.due === best.due && t.id < best.id)) best = t;
    return best;
  }
}
