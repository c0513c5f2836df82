import { SubscriptionSet, type SubscriptionSetDeps } from '../streamFeed';

/**
 * Topics named in one subscribe/unsubscribe request. Bybit allows at most 10 args per request on the
 * spot endpoint (the derivatives endpoints allow more); 10 is used everywhere so one rule fits all.
 */
export const MAX_ARGS_PER_REQUEST = 10;

export interface TopicSubscriptionsDeps extends SubscriptionSetDeps {
  /** Bybit refused a subscribe: these topics are not coming. */
  refused(topics: readonly string[], reason: string): void;
}

interface Request {
  op: 'subscribe' | 'unsubscribe';
  topics: string[];
}

/**
 * Keeps one Bybit public connection's topics equal to the set wanted now, with
 * `{"op":"subscribe"|"unsubscribe","args":[...],"req_id":"n"}` requests, answered
 * `{"success":bool,"ret_msg":..,"conn_id":..,"req_id":"n","op":..}`. Changes made in one turn of the
 * event loop go out together, unsubscribes first. `resubscribe` unsubscribes a topic and subscribes
 * it again, which is how a Bybit book gets a fresh snapshot (Bybit refuses a topic subscribed twice).
 * A refused request of several topics is sent again one topic per request, so that only the topic
 * Bybit does not know is given up. What every venue does alike (wanted and sent sets, answer
 * timeouts, attach/detach) is SubscriptionSet's.
 */
export class TopicSubscriptions extends SubscriptionSet<string, Request> {
  /** Topics to unsubscribe and subscribe again at the next flush. */
  private readonly again = new Set<string>();

  constructor(protected override readonly deps: TopicSubscriptionsDeps) {
    super(deps, 'req_id', (n) => String(n));
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

  protected forgetConnection(): void {
    this.again.clear();
  }

  /**
   * An answer to one of our requests? Returns false for anything else (pongs, topic data). Answers to
   * requests of an earlier connection are recognised and ignored.
   */
  onAnswer(msg: Record<string, unknown>): boolean {
    if (msg.op !== 'subscribe' && msg.op !== 'unsubscribe') return false;
    const id = typeof msg.req_id === 'string' ? msg.req_id : undefined;
    const request = id === undefined ? undefined : this.answered(id);
    if (!request || id === undefined) {
      this.deps.logger.debug({ venue: this.deps.venue, op: msg.op, req_id: msg.req_id }, 'answer to no pending request ignored');
      return true;
    }
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

  protected flush(): void {
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
    const id = this.expectAnswer(op, { op, topics });
    this.deps.logger.info({ venue: this.deps.venue, op, topics, req_id: id }, 'stream request sent');
    this.send!(JSON.stringify({ op, args: topics, req_id: id }));
  }
}
