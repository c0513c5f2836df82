import type { Clock, TimerId, VenueId } from '../core';
import type { CancelAllOutcome, KillSwitch, NotCanceled } from './killSwitch';

/** How long the tracker waits for the venues to confirm every cancel before reporting what is left. */
export const DEFAULT_CANCEL_WAIT_MS = 5_000;

interface Pending {
  venue: VenueId;
  /** undefined while waiting; 'canceled', or why it was not. */
  result: string | undefined;
}

const CANCELED = 'canceled';

/**
 * Follows the cancel-all the kill switch triggers and records its outcome on the switch: how long
 * until every order working at the moment of engaging was answered for, and which were not canceled
 * (filled meanwhile, cancel rejected, no answer in time). It reads order updates structurally, so
 * risk stays independent of the OMS: the wiring calls begin() with the working orders just before
 * cancelAll, then feeds every order snapshot and cancel rejection.
 */
export class CancelAllTracker {
  private pending = new Map<string, Pending>();
  private startedAt = 0;
  private timer: TimerId | undefined;
  private active = false;

  constructor(
    private readonly killSwitch: KillSwitch,
    private readonly clock: Clock,
    private readonly waitMs = DEFAULT_CANCEL_WAIT_MS,
  ) {}

  begin(working: readonly { venue: VenueId; clientOrderId: string }[]): void {
    if (this.active) this.finish();
    this.active = true;
    this.startedAt = this.clock.now();
    this.pending = new Map(working.map((o) => [o.clientOrderId, { venue: o.venue, result: undefined }]));
    this.timer = this.clock.setTimeout(() => {
      this.timer = undefined;
      this.finish();
    }, this.waitMs);
    this.finishIfDone();
  }

  /** Every order snapshot; only the orders of the current run matter. */
  onOrder(order: { clientOrderId: string; status: string; rejectReason?: string }): void {
    const p = this.active ? this.pending.get(order.clientOrderId) : undefined;
    if (!p) return;
    if (order.status === 'canceled') p.result = CANCELED;
    else if (order.status === 'filled') p.result = 'filled before the cancel';
    else if (order.status === 'rejected') p.result = `rejected by the venue${order.rejectReason ? `: ${order.rejectReason}` : ''}`;
    else return;
    this.finishIfDone();
  }

  /** The venue refused a cancel, or the cancel could not be sent at all. */
  onCancelFailed(clientOrderId: string, reason: string): void {
    const p = this.active ? this.pending.get(clientOrderId) : undefined;
    if (!p || p.result !== undefined) return;
    p.result = `cancel failed: ${reason}`;
    this.finishIfDone();
  }

  running(): boolean {
    return this.active;
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimer(this.timer);
    this.timer = undefined;
    this.active = false;
  }

  private finishIfDone(): void {
    for (const p of this.pending.values()) if (p.result === undefined) return;
    this.finish();
  }

  private finish(): void {
    if (!this.active) return;
    this.dispose();
    const finishedAt = this.clock.now();
    const notCanceled: NotCanceled[] = [];
    let canceled = 0;
    for (const [clientOrderId, p] of this.pending) {
      if (p.result === CANCELED) canceled++;
      else notCanceled.push({ venue: p.venue, clientOrderId, reason: p.result ?? `no cancel confirmation within ${this.waitMs} ms` });
    }
    const outcome: CancelAllOutcome = {
      startedAt: this.startedAt,
      finishedAt,
      durationMs: finishedAt - this.startedAt,
      requested: this.pending.size,
      canceled,
      notCanceled,
    };
    this.killSwitch.recordCancelOutcome(outcome);
  }
}
