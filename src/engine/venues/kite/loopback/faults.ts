/**
 * The faults a test can switch on at run time, each one something Kite or the network does: the
 * access token expiring mid-session (REST answers 403 TokenException and the ticker closes), the
 * ticker socket dropping, 429 "Too many requests", fills coming in parts, an AMO rejected by the
 * exchange, and an order request the venue acted on whose HTTP answer is late or never comes.
 */

export type AckFault = { kind: 'hold' } | { kind: 'swallow' } | { kind: 'delay'; ms: number };
/** Whose acknowledgement a fault concerns: placing, modifying or cancelling an order. */
export type AckTarget = 'place' | 'modify' | 'cancel';

export interface FaultHooks {
  expireSessions(): number;
  dropTickerSockets(): number;
}

export class KiteFaults {
  private forced429 = 0;
  private readonly acks: Record<AckTarget, AckFault[]> = { place: [], modify: [], cancel: [] };
  private readonly held: (() => void)[] = [];
  private readonly fillLimits: number[] = [];
  private readonly amoRejections: string[] = [];

  constructor(private readonly hooks: FaultHooks) {}

  /** Every access token lapses now; returns how many sessions ended. */
  expireAccessTokens(): number {
    return this.hooks.expireSessions();
  }

  /** Every ticker socket is terminated without a close frame, as when a network drops; returns how many. */
  dropTickerSockets(): number {
    return this.hooks.dropTickerSockets();
  }

  /** The next `n` REST requests are answered 429 NetworkException "Too many requests". */
  rejectNextRequests(n: number): void {
    this.forced429 += n;
  }

  /** The next `times` fills take at most `quantity` each (the rest of the order keeps resting). */
  partialFills(quantity: number, times = 1): void {
    if (!(quantity > 0)) throw new RangeError('partialFills: quantity must be positive');
    for (let i = 0; i < times; i++) this.fillLimits.push(quantity);
  }

  /** The next AMO is accepted (order_id returned) and then REJECTED by the exchange with `message`. */
  rejectNextAmo(message = 'RMS:Rule: AMO order rejected by the exchange. Place the order during market hours.'): void {
    this.amoRejections.push(message);
  }

  /** The venue acts on the next `target` request; its HTTP answer waits until releaseHeldAcks(). */
  holdNextAck(target: AckTarget = 'place'): void {
    this.acks[target].push({ kind: 'hold' });
  }

  /** The venue acts on the next `target` request; its HTTP answer never comes (the connection is cut). */
  swallowNextAck(target: AckTarget = 'place'): void {
    this.acks[target].push({ kind: 'swallow' });
  }

  /** The next `target` answer is written `ms` later on the venue's clock. */
  delayNextAck(ms: number, target: AckTarget = 'place'): void {
    this.acks[target].push({ kind: 'delay', ms });
  }

  /** Writes every held answer; returns how many there were. */
  releaseHeldAcks(): number {
    const held = this.held.splice(0);
    for (const write of held) write();
    return held.length;
  }

  get heldAcks(): number {
    return this.held.length;
  }

  // ---- consumed by the venue ----

  takeForced429(): boolean {
    if (this.forced429 === 0) return false;
    this.forced429--;
    return true;
  }

  takeAckFault(target: AckTarget): AckFault | undefined {
    return this.acks[target].shift();
  }

  hold(write: () => void): void {
    this.held.push(write);
  }

  discardHeld(): void {
    this.held.splice(0);
  }

  takeFillLimit(): number | undefined {
    return this.fillLimits.shift();
  }

  takeAmoRejection(): string | undefined {
    return this.amoRejections.shift();
  }
}
