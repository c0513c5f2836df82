/**
 * User data streams by listen key, as Binance runs them: POST creates the account's key (or returns
 * the live one, extended), PUT keeps it alive for another 60 minutes, DELETE closes it; an unknown or
 * expired key is -1125. Events for the account go to the sockets reading its key. An expired key ends
 * the stream: USD-M first sends `listenKeyExpired`, spot just closes. Execution-report faults
 * (duplicate, out of order) are applied here, where the events leave.
 */
import { randomBytes } from 'node:crypto';
import { errors, type VenueError } from './binanceErrors';
import type { BinanceMarket } from './config';
import type { LoopbackFaults } from './faults';
import type { WsGateway } from './wsGateway';

/** Binance: a listen key lives 60 minutes after its creation or last keepalive. */
export const LISTEN_KEY_VALIDITY_MS = 60 * 60_000;

interface KeyState {
  account: string;
  expiresAt: number;
}

export class UserStreams {
  private readonly byKey = new Map<string, KeyState>();
  private readonly byAccount = new Map<string, string>();
  /** An execution report held back by a swap fault, sent after the next one. */
  private held: { account: string; event: object } | undefined;
  private readonly readerWaiters = new Map<string, (() => void)[]>();

  constructor(
    private readonly market: BinanceMarket,
    private readonly gateway: WsGateway,
    private readonly faults: LoopbackFaults,
    private readonly now: () => number,
    /** Where else the account's events go: spot's WebSocket API subscriptions. */
    private readonly alsoTo: (account: string, event: object) => void = () => {},
  ) {}

  isLive(listenKey: string): boolean {
    const s = this.byKey.get(listenKey);
    return s !== undefined && this.now() <= s.expiresAt;
  }

  /** POST: the account's live key, extended, or a new one. */
  open(account: string): string {
    const live = this.byAccount.get(account);
    if (live !== undefined && this.isLive(live)) {
      this.byKey.get(live)!.expiresAt = this.now() + LISTEN_KEY_VALIDITY_MS;
      return live;
    }
    if (live !== undefined) this.expire(live);
    const key = randomBytes(48).toString('base64').replace(/[^A-Za-z0-9]/g, '').slice(0, 60);
    this.byKey.set(key, { account, expiresAt: this.now() + LISTEN_KEY_VALIDITY_MS });
    this.byAccount.set(account, key);
    return key;
  }

  /** PUT: keeps the key alive. USD-M's PUT names no key: it extends the account's own. */
  keepAlive(account: string, listenKey: string | undefined): string | VenueError {
    const key = listenKey ?? this.byAccount.get(account);
    const s = key === undefined ? undefined : this.byKey.get(key);
    if (key === undefined || !s || s.account !== account) return errors.listenKeyMissing();
    if (!this.isLive(key)) {
      this.expire(key);
      return errors.listenKeyMissing();
    }
    s.expiresAt = this.now() + LISTEN_KEY_VALIDITY_MS;
    return key;
  }

  /** DELETE: closes the stream. */
  close(account: string, listenKey: string | undefined): VenueError | undefined {
    const key = listenKey ?? this.byAccount.get(account);
    const s = key === undefined ? undefined : this.byKey.get(key);
    if (key === undefined || !s || s.account !== account) return errors.listenKeyMissing();
    this.forget(key);
    this.gateway.closeStream(key);
    return undefined;
  }

  /**
   * Resolves when a reader next subscribes to the account's user data (a socket on its listen key, or a
   * WebSocket API subscription): a test starts a client, waits for this, then makes the events it expects.
   */
  nextReader(account: string): Promise<void> {
    return new Promise((resolve) => {
      const list = this.readerWaiters.get(account) ?? [];
      list.push(resolve);
      this.readerWaiters.set(account, list);
    });
  }

  /** A stream name or an account just gained a reader. */
  readerJoined(nameOrAccount: string, isAccount = false): void {
    const account = isAccount ? nameOrAccount : this.byKey.get(nameOrAccount)?.account;
    if (account === undefined) return;
    const waiting = this.readerWaiters.get(account);
    this.readerWaiters.delete(account);
    for (const resolve of waiting ?? []) resolve();
  }

  /** Ends a key now; false if there was no such key. */
  expire(listenKey: string): boolean {
    if (!this.byKey.has(listenKey)) return false;
    this.forget(listenKey);
    if (this.market === 'usdm') this.gateway.publish(listenKey, { e: 'listenKeyExpired', E: this.now(), listenKey });
    this.gateway.closeStream(listenKey);
    return true;
  }

  private forget(key: string): void {
    const s = this.byKey.get(key);
    this.byKey.delete(key);
    if (s && this.byAccount.get(s.account) === key) this.byAccount.delete(s.account);
  }

  /**
   * Sends an event to the account's listen-key stream (if one is live) and WebSocket API subscriptions.
   * `executionReport`: subject to the order-event faults.
   */
  send(account: string, event: object, executionReport: boolean): void {
    const fault = executionReport ? this.faults.takeOrderEventFault() : undefined;
    if (fault === 'swap' && !this.held) {
      this.held = { account, event };
      return;
    }
    this.deliver(account, event);
    if (fault === 'duplicate') this.deliver(account, event);
    const held = this.held;
    if (executionReport && held && held.account === account) {
      this.held = undefined;
      this.deliver(account, held.event);
    }
  }

  private deliver(account: string, event: object): void {
    const key = this.byAccount.get(account);
    if (key !== undefined && this.isLive(key)) this.gateway.publish(key, event);
    else if (key !== undefined) this.expire(key);
    this.alsoTo(account, event);
  }
}
