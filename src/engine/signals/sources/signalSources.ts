/**
 * The set of configured sources: each polled by its own SourceFeed, its headlines tagged with
 * instruments, scored when a scorer is given, deduplicated and stored in signals.sqlite; readings
 * stored beside them. Listeners hear new items and status changes (the terminal forwards them to
 * the UI and the aggregator). One source's failure never reaches another.
 */
import { DEFAULT_RECONNECT_BACKOFF, ListenerSet, silentLogger, type BackoffPolicy, type Clock, type Logger } from '../../core';
import type { SourceDefinition } from './definitions';
import type { NewItem, SignalStore } from './signalStore';
import { SourceFeed } from './sourceFeed';
import type { InstrumentTagger } from './tagger';
import { titleKey } from './text';
import type { FetchLike, ParsedBatch, ScoreText, SignalItem, SignalReading, SourceStatus } from './types';

export interface SignalSourcesOptions {
  clock: Clock;
  store: SignalStore;
  tagger: InstrumentTagger;
  /** globalThis.fetch in production. */
  fetch?: FetchLike;
  logger?: Logger;
  /** Fills each new headline's score; without it items are stored unscored. */
  score?: ScoreText;
  backoff?: BackoffPolicy;
  /** For the backoff's jitter; Math.random in production. */
  random?: () => number;
}

export class SignalSources {
  private readonly feeds = new Map<string, SourceFeed>();
  private readonly itemListeners: ListenerSet<[SignalItem[]]>;
  private readonly readingListeners: ListenerSet<[SignalReading[]]>;
  private readonly statusListeners: ListenerSet<[SourceStatus]>;
  private tagger: InstrumentTagger;

  constructor(private readonly o: SignalSourcesOptions) {
    this.tagger = o.tagger;
    // A listener that throws is logged; it never stops a poll or the other listeners.
    const log = (error: Error) => (o.logger ?? silentLogger).error({ error: error.message }, 'signal listener threw');
    this.itemListeners = new ListenerSet<[SignalItem[]]>(log);
    this.readingListeners = new ListenerSet<[SignalReading[]]>(log);
    this.statusListeners = new ListenerSet<[SourceStatus]>(log);
  }

  /** Adds a source and starts polling it. An id already in use is refused. */
  add(def: SourceDefinition): void {
    if (this.feeds.has(def.id)) throw new Error(`a signal source "${def.id}" already exists`);
    const o = this.o;
    const feed = new SourceFeed(
      def,
      {
        clock: o.clock,
        fetch: o.fetch ?? ((url, init) => fetch(url, init)),
        logger: o.logger ?? silentLogger,
        random: o.random ?? Math.random,
        backoff: o.backoff ?? DEFAULT_RECONNECT_BACKOFF,
        deliver: (d, batch) => this.deliver(d, batch),
        onStatus: (s) => this.statusListeners.emit(s),
      },
      o.store.countForSource(def.id),
    );
    this.feeds.set(def.id, feed);
    feed.start();
  }

  /** Stops and forgets a source (its stored items stay). */
  remove(id: string): boolean {
    const feed = this.feeds.get(id);
    if (!feed) return false;
    feed.stop();
    this.feeds.delete(id);
    return true;
  }

  /** Every source's status, in the order they were added. */
  statuses(): SourceStatus[] {
    return [...this.feeds.values()].map((f) => f.snapshot());
  }

  status(id: string): SourceStatus | undefined {
    return this.feeds.get(id)?.snapshot();
  }

  /** Polls one source now (the "refresh" button; tests). Resolves when that poll is done. */
  pollNow(id: string): Promise<void> {
    return this.feeds.get(id)?.pollNow() ?? Promise.resolve();
  }

  /** Resolves when no poll is in flight. */
  async idle(): Promise<void> {
    await Promise.all([...this.feeds.values()].map((f) => f.idle()));
  }

  /** New instruments (a venue connected): headlines from now on are tagged against this tagger. */
  setTagger(tagger: InstrumentTagger): void {
    this.tagger = tagger;
  }

  onItems(fn: (items: SignalItem[]) => void): () => void {
    return this.itemListeners.add(fn);
  }

  onReadings(fn: (readings: SignalReading[]) => void): () => void {
    return this.readingListeners.add(fn);
  }

  onStatus(fn: (status: SourceStatus) => void): () => void {
    return this.statusListeners.add(fn);
  }

  latestForInstrument(instrument: string, limit: number): SignalItem[] {
    return this.o.store.latestForInstrument(instrument, limit);
  }

  latestForSource(source: string, limit: number): SignalItem[] {
    return this.o.store.latestForSource(source, limit);
  }

  stop(): void {
    for (const f of this.feeds.values()) f.stop();
  }

  private deliver(def: SourceDefinition, batch: ParsedBatch): { stored: number; newestAt?: number } {
    const now = this.o.clock.now();
    const items: NewItem[] = batch.headlines.map((h) => {
      // A published time in the future (a feed's bad clock) is not believed: the item counts from now.
      const fromItem = h.publishedAt !== undefined && h.publishedAt <= now + 5 * 60_000;
      return {
        source: def.id,
        ...(h.guid !== undefined ? { guid: h.guid } : {}),
        title: h.title,
        titleKey: titleKey(h.title),
        ...(h.link !== undefined ? { link: h.link } : {}),
        ts: fromItem ? h.publishedAt! : now,
        timeFromItem: fromItem,
        firstSeen: now,
        instruments: this.tagger.tag(h.title, h.currencies),
      };
    });
    const fresh = items.filter((i) => i.titleKey.length > 0);
    // Scoring before the dedup lookup: a few hundred short titles per poll are cheap to score. A scorer
    // that throws leaves that item unscored (logged) rather than failing the source.
    const score = this.o.score;
    if (score) {
      for (const i of fresh) {
        try {
          i.score = score(i.title);
        } catch (err) {
          (this.o.logger ?? silentLogger).error({ source: def.id, error: err instanceof Error ? err.message : String(err) }, 'sentiment scorer threw; item stored unscored');
        }
      }
    }
    const stored = this.o.store.insertItems(fresh);
    const readings: SignalReading[] = batch.readings.map((r) => ({ ...r, source: def.id }));
    const newReadings = this.o.store.insertReadings(readings);
    if (stored.length) this.itemListeners.emit(stored);
    if (newReadings.length) this.readingListeners.emit(newReadings);
    const times = [...batch.headlines.map((h, i) => items[i]!.ts), ...batch.readings.map((r) => r.ts)];
    return { stored: stored.length, ...(times.length ? { newestAt: Math.max(...times) } : {}) };
  }
}
