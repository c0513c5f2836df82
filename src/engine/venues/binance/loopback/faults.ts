/**
 * The faults a test can inject into the loopback venue, each one what a real venue or network does
 * sometimes: a shifted server clock (-1021), forced 429/418 answers, an order acknowledgement that is
 * late, held, or never comes (while the order still rests or fills at the venue), a lost depth event
 * (a sequence gap), an execution report sent twice or out of order, every socket dropped, a listen
 * key expiring. Each is armed explicitly and consumed by the part of the server it concerns.
 */

export type AckFault = { kind: 'hold' } | { kind: 'swallow' } | { kind: 'delay'; ms: number };
/** Which acknowledgement a fault concerns: a new order's (POST order), a cancel's (DELETE order) or a spot amend's (PUT order/amend/keepPriority). */
export type AckTarget = 'order' | 'cancel' | 'amend';

export interface FaultHooks {
  dropAllSockets(): void;
  expireListenKey(listenKey: string): boolean;
}

export class LoopbackFaults {
  /** Added to the venue's clock: positive runs the venue ahead of its clients. */
  clockOffset = 0;
  private readonly forced: (429 | 418)[] = [];
  private readonly acks: Record<AckTarget, AckFault[]> = { order: [], cancel: [], amend: [] };
  private readonly held: (() => void)[] = [];
  private readonly depthSkips = new Map<string, number>();
  private readonly orderEventFaults: ('duplicate' | 'swap')[] = [];

  constructor(private readonly hooks: FaultHooks) {}

  /** Moves the venue's clock by `ms` (relative to its clients): beyond recvWindow signed requests get -1021. */
  shiftClock(ms: number): void {
    this.clockOffset += ms;
  }

  /** The next `n` requests are answered with this status, as if the rate limit had been hit (429) or the IP banned (418). */
  rejectNextRequests(n: number, status: 429 | 418): void {
    for (let i = 0; i < n; i++) this.forced.push(status);
  }

  /** The next acknowledgement of `target` is held until releaseHeldAcks(); the venue acts on the request at once. */
  holdNextAck(target: AckTarget = 'order'): void {
    this.acks[target].push({ kind: 'hold' });
  }

  /** The next acknowledgement of `target` never comes: the venue acts on the request, then drops the connection. */
  swallowNextAck(target: AckTarget = 'order'): void {
    this.acks[target].push({ kind: 'swallow' });
  }

  /** The next acknowledgement of `target` is written `ms` later on the venue's clock. */
  delayNextAck(ms: number, target: AckTarget = 'order'): void {
    this.acks[target].push({ kind: 'delay', ms });
  }

  /** Writes every held acknowledgement; returns how many there were. */
  releaseHeldAcks(): number {
    const held = this.held.splice(0);
    for (const write of held) write();
    return held.length;
  }

  get heldAcks(): number {
    return this.held.length;
  }

  /** The next depth event of `symbol` (of any symbol if omitted) is lost: the stream's update ids jump. */
  skipNextDepthEvent(symbol = '*'): void {
    this.depthSkips.set(symbol, (this.depthSkips.get(symbol) ?? 0) + 1);
  }

  /** The next execution report (executionReport / ORDER_TRADE_UPDATE) is sent twice. */
  duplicateNextOrderEvent(): void {
    this.orderEventFaults.push('duplicate');
  }

  /** The next execution report is held back and sent after the one that follows it. */
  swapNextOrderEvents(): void {
    this.orderEventFaults.push('swap');
  }

  /** Every WebSocket (market and user streams) is terminated without a close frame, as when a network drops. */
  dropAllSockets(): void {
    this.hooks.dropAllSockets();
  }

  /** The listen key expires now (as if its keepalive had been missed for 60 minutes). */
  expireListenKey(listenKey: string): boolean {
    return this.hooks.expireListenKey(listenKey);
  }

  // ---- consumed by the server ----

  takeForcedStatus(): 429 | 418 | undefined {
    return this.forced.shift();
  }

  takeAckFault(target: AckTarget): AckFault | undefined {
    return this.acks[target].shift();
  }

  hold(write: () => void): void {
    this.held.push(write);
  }

  /** Drops the held acknowledgements without writing them (the server is stopping). */
  discardHeld(): (() => void)[] {
    return this.held.splice(0);
  }

  takeDepthSkip(symbol: string): boolean {
    for (const key of [symbol, '*']) {
      const n = this.depthSkips.get(key) ?? 0;
      if (n > 0) {
        if (n === 1) this.depthSkips.delete(key);
        else this.depthSkips.set(key, n - 1);
        return true;
      }
    }
    return false;
  }

  takeOrderEventFault(): 'duplicate' | 'swap' | undefined {
    return this.orderEventFaults.shift();
  }
}
