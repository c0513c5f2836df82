import type { Journal } from './journal';
import { EngineRecordEncoder, type EngineRecord } from './codec/engineRecords';

interface Pending {
  seq: number;
  effect: () => void;
}

/**
 * The write-ahead rule as one call: `record(r, effect)` journals `r` and runs `effect` only once
 * `r` is durable (per the journal's fsync policy), effects in journal order. Records made in the
 * same turn of the event loop share one group commit (one fsync under 'always').
 *
 * How the OMS uses it: a command or venue event is recorded at once (so its place in the order is
 * fixed on arrival), and what it changes (state, emitted events, the request to the venue) happens in
 * its effect. If the journal fails, no pending or later effect ever runs and `onFailure` is called
 * once: the engine must stop trading (kill switch), since nothing more can be made durable.
 */
export class WriteAhead {
  private readonly encoder = new EngineRecordEncoder();
  private readonly pending: Pending[] = [];
  private head = 0;
  private committing = false;
  private failure: Error | undefined;

  private readonly onFailure: (error: Error) => void;
  private readonly onEffectError: (error: unknown, seq: number) => void;

  /**
   * `onFailure`: the journal failed (called once). `onEffectError`: an effect threw (a bug in the
   * caller); it is reported and the effects after it still run, in order.
   */
  constructor(
    private readonly journal: Journal,
    handlers: { onFailure: (error: Error) => void; onEffectError: (error: unknown, seq: number) => void },
  ) {
    this.onFailure = handlers.onFailure;
    this.onEffectError = handlers.onEffectError;
  }

  /** Journals the record and returns its sequence; `effect` runs once it is durable. */
  record(record: EngineRecord, effect: () => void = noop): number {
    if (this.failure) throw this.failure;
    const { type, payload } = this.encoder.encode(record);
    const seq = this.journal.append(type, payload);
    this.pending.push({ seq, effect });
    if (!this.committing) this.commit();
    return seq;
  }

  /** The failure that stopped it, if any. */
  get failed(): Error | undefined {
    return this.failure;
  }

  private commit(): void {
    this.committing = true;
    this.journal.commit().then(
      (durable) => {
        this.committing = false;
        this.runUpTo(durable);
        // Records made by the effects just run (or meanwhile) wait for the next group.
        if (this.head < this.pending.length && !this.failure) this.commit();
      },
      (error: unknown) => this.fail(error instanceof Error ? error : new Error(String(error))),
    );
  }

  private runUpTo(durable: number): void {
    while (this.head < this.pending.length && this.pending[this.head]!.seq <= durable) {
      const { seq, effect } = this.pending[this.head++]!;
      try {
        effect();
      } catch (error) {
        this.onEffectError(error, seq);
      }
    }
    // Drop the run part now and then rather than shifting on every record.
    if (this.head > 1024 && this.head * 2 > this.pending.length) {
      this.pending.splice(0, this.head);
      this.head = 0;
    }
  }

  private fail(error: Error): void {
    this.committing = false;
    if (this.failure) return;
    this.failure = error;
    this.pending.length = 0;
    this.head = 0;
    this.onFailure(error);
  }
}

const noop = (): void => {};
