import type { Clock, Logger, TimerId, VenueId } from '../../core';

/**
 * Topics named in one subscribe/unsubscribe request. Bybit allows at most 10 args per request on the
 * spot endpoint (the derivatives endpoints allow more); 10 is used everywhere so one rule fits all.
 */
export const MAX_ARGS_PER_REQUEST = 10;
/** A request with no answer by then means the connection is not working. */
const ANSWER_TIMEOUT_MS = 10_000;

export interface TopicSubscriptionsDeps {
  venue: VenueId;
  clock: Clock;
  logger: Logger;
  /** Bybit refused a subscribe: these topics are not coming. */
  refused(topics: readonly string[], reason: string): void;
  /** A request went unanswered: the connection is not working. */
  unanswered(reason: string): void;
}

interface Request {
  op: 'subscribe' | 'unsubscribe';
  topics: string[];
  timer: TimerId;
}

/**
 * Keeps one Bybit public connection's topics equal to the set wanted now, with
 * `{"op":"subscribe"|"unsubscribe","args":[...],"req_id":"n"}` requests, answered
 * `{"success":bool,"ret_msg":..,"conn_id":..,"req_id":"n","op":..}`. Changes made in one turn of the
 * event loop go out together, unsubscribes first. `resubscribe` unsubscribes a topic and subscribes
 * it again, which is how a Bybit book gets a fresh snapshot (Bybit refuses a topic subscribed twice).
 * A new connection has nothing subscribed, so attaching one subscribes the whole wanted set again.
 * A refused request of several topics is sent again one topic per request, so that only the topic
 * Bybit does not know is given up.
 */
export class TopicSubscriptions {
  private wanted: ReadonlySet<string> = new Set();
  /** Topics a subscribe was sent for on this connection (answered or not), minus those unsubscribed since. */
  private readonly sent = new Set<string>();
  /** Topics to unsubscribe and subscribe again at the next flush. */
  private readonly again = new Set<string>();
  private readonly pending = new Map<string, Request>();
  private send: ((text: string) => void) | undefined;
  private flushQueued = false;
  private nextId = 1;

  constructor(private readonly deps: TopicSubscriptionsDeps) {}

  /** The whole set of topics wanted now. */
  want(topics: ReadonlySet<string>): void {
    this.wanted = topics;
    this.queueFlush();
  }

  /** Whether a subscribe for `topic` went out on the current connection (and was not undone since). */
  isSent(topic: string): boolean {
    return this.sent.has(topic);
  }

  /**
   * Unsubscribe `topic` and subscribe it again (Bybit then sends a fresh snapshot). Nothing to do if it
   * was never subscribed on this connection: its first subscribe brings the snapshot anyway.
   */
  resubscribe(topic: string): void {
    if (!this.send || !this.sent.has(topic)) return;
    this.again.add(topic);
    this.queueFlush();
  }

  /** A connection opened: nothing is subscribed on it yet. */
  attach(send: (text: string) => void): void {
    this.detach();
    this.send = send;
    this.queueFlush();
  }

  /** The connection is gone: so is everything subscribed on it, and every answer still expected. */
  detach(): void {
    this.send = undefined;
    this.sent.clear();
    this.again.clear();
    for (const r of this.pending.values()) this.deps.clock.clearTimer(r.timer);
    this.pending.clear();
  }

  /**
   * An answer to one of our requests? Returns false for anything else (pongs, topic data). Answers to
   * requests of an earlier connection are recognised and ignored.
   */
  onAnswer(msg: Record<string, unknown>): boolean {
    if (msg.op !== 'subscribe' && msg.op !== 'unsubscribe') return false;
    const id = typeof msg.req_id === 'string' ? msg.req_id : undefined;
    const request = id === undefined ? undefined : this.pending.get(id);
    if (!request || id === undefined) {
      this.deps.logger.debug({ venue: this.deps.venue, op: msg.op, req_id: msg.req_id }, 'answer to no pending request ignored');
      return true;
    }
    this.pending.delete(id);
    this.deps.clock.clearTimer(request.timer);
    if (msg.success === true) {
      this.deps.logger.info({ venue: this.deps.venue, op: request.op, req_id: id }, 'stream request answered');
      return true;
    }
    const reason = typeof msg.ret_msg === 'string' && msg.ret_msg !== '' ? msg.ret_msg : JSON.stringify(msg).slice(0, 160);
    const still = request.topics.filter((t) => this.sent.has(t));
    if (request.op === 'subscribe' && still.length > 1 && this.send) {
      // Bybit refuses the whole request for one bad topic: asking for each alone finds which one it
      // is, and the others are not lost with it.
      this.deps.logger.warn({ venue: this.deps.venue, topics: request.topics, reason }, 'venue refused a subscribe: asking for each topic alone');
      for (const t of still) this.request('subscribe', [t]);
      return true;
    }
    this.deps.logger.error({ venue: this.deps.venue, op: request.op, topics: request.topics, reason }, 'venue refused a stream request');
    if (request.op === 'subscribe') {
      const refused = request.topics.filter((t) => this.sent.delete(t));
      if (refused.length) this.deps.refused(refused, reason);
    }
    return true;
  }

  private queueFlush(): void {
    if (this.flushQueued || !this.send) return;
    this.flushQueued = true;
    // Every change made in this turn of the event loop goes out in the same requests.
    queueMicrotask(() => {
      this.flushQueued = false;
      this.flush();
    });
  }

  private flush(): void {
    if (!this.send) return;
    const remove = [...this.sent].filter((t) => !this.wanted.has(t) || this.again.has(t));
    this.again.clear();
    for (const t of remove) this.sent.delete(t);
    const add = [...this.wanted].filter((t) => !this.sent.has(t));
    for (const t of add) this.sent.add(t);
    for (let i = 0; i < remove.length; i += MAX_ARGS_PER_REQUEST) this.request('unsubscribe', remove.slice(i, i + MAX_ARGS_PER_REQUEST));
    for (let i = 0; i < add.length; i += MAX_ARGS_PER_REQUEST) this.request('subscribe', add.slice(i, i + MAX_ARGS_PER_REQUEST));
  }

  private request(op: Request['op'], topics: string[]): void {
    const id = String(this.nextId++);
    const timer = this.deps.clock.setTimeout(() => {
      this.pending.delete(id);
      this.deps.unanswered(`no answer to ${op} (req_id ${id}) within ${ANSWER_TIMEOUT_MS} ms`);
    }, ANSWER_TIMEOUT_MS);
    this.pending.set(id, { op, topics, timer });
    this.deps.logger.info({ venue: this.deps.venue, op, topics, req_id: id }, 'stream request sent');
    this.send!(JSON.stringify({ op, args: topics, req_id: id }));
  }
}
