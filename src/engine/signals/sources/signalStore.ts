/**
 * Headlines and readings on disk, in their own file `signals.sqlite` beside engine.sqlite. A file of
 * its own because this data is of another kind: fetched from the network, high-volume, prunable and
 * rebuildable, never part of the order record. Its writes never queue behind the order store's
 * commits, its schema history is its own (storage's `migrate`, steps listed here), and a trader can
 * delete it without touching orders.
 *
 * Deduplication is by the database itself: a headline is one row per (source, its guid or link) and
 * one row per normalised title across sources, so the same story from two feeds is stored once.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { migrate, type Migration } from '../../storage';
import type { SentimentScore } from '../sentiment';
import type { SignalItem, SignalReading } from './types';

export const SIGNALS_FILE = 'signals.sqlite';

const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'headlines, their instruments, readings',
    sql: `
      CREATE TABLE items (
        id INTEGER PRIMARY KEY,
        source TEXT NOT NULL,
        item_key TEXT NOT NULL,
        guid TEXT,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        link TEXT,
        ts INTEGER NOT NULL,
        time_from_item INTEGER NOT NULL,
        first_seen INTEGER NOT NULL,
        score_compound REAL, score_pos REAL, score_neu REAL, score_neg REAL,
        UNIQUE (source, item_key)
      );
      CREATE UNIQUE INDEX items_title_key ON items (title_key);
      CREATE INDEX items_source_ts ON items (source, ts DESC, id DESC);
      CREATE TABLE item_instruments (
        item_id INTEGER NOT NULL REFERENCES items (id) ON DELETE CASCADE,
        instrument TEXT NOT NULL,
        ts INTEGER NOT NULL,
        PRIMARY KEY (instrument, item_id)
      );
      CREATE INDEX item_instruments_ts ON item_instruments (instrument, ts DESC, item_id DESC);
      CREATE TABLE readings (
        source TEXT NOT NULL,
        metric TEXT NOT NULL,
        instrument TEXT NOT NULL DEFAULT '',
        ts INTEGER NOT NULL,
        value REAL NOT NULL,
        label TEXT,
        PRIMARY KEY (source, metric, instrument, ts)
      );
    `,
  },
];

/** A headline ready to store: tagged, maybe scored. */
export interface NewItem {
  source: string;
  guid?: string;
  title: string;
  titleKey: string;
  link?: string;
  ts: number;
  timeFromItem: boolean;
  firstSeen: number;
  instruments: string[];
  score?: SentimentScore;
}

export interface SignalStore {
  readonly file: string;
  /** Stores what is new (duplicates by source+guid/link or by normalised title are skipped); returns the rows stored. */
  insertItems(items: readonly NewItem[]): SignalItem[];
  /** Stores readings; one already stored (same source, metric, instrument, time) is skipped. Returns the new ones. */
  insertReadings(readings: readonly SignalReading[]): SignalReading[];
  /** The latest `limit` headlines tagged with `instrument`, newest first. */
  latestForInstrument(instrument: string, limit: number): SignalItem[];
  /** The latest `limit` headlines from `source`, newest first. */
  latestForSource(source: string, limit: number): SignalItem[];
  /** The latest `limit` readings of a metric (for an instrument, or market-wide when absent), newest first. */
  latestReadings(q: { source?: string; metric: string; instrument?: string; limit: number }): SignalReading[];
  /** Fills in the score of stored items (the scorer came later, or changed). */
  setScore(id: number, score: SentimentScore): void;
  countForSource(source: string): number;
  /** True when some stored headline links to exactly `url` (the desktop app opens only such links from the news). */
  hasLink(url: string): boolean;
  /** Headlines with `ts` at or after `since`, oldest first, at most `limit` (the newest ones when more). */
  itemsSince(since: number, limit: number): SignalItem[];
  /** Deletes headlines and readings older than `before` (their instrument tags go with them); returns the rows deleted. */
  prune(before: number): number;
  close(): void;
}

interface ItemRow {
  id: number;
  source: string;
  guid: string | null;
  title: string;
  link: string | null;
  ts: number;
  time_from_item: number;
  first_seen: number;
  score_compound: number | null;
  score_pos: number | null;
  score_neu: number | null;
  score_neg: number | null;
  instruments: string | null;
}

const fromRow = (r: ItemRow): SignalItem => ({
  id: r.id,
  source: r.source,
  ...(r.guid !== null ? { guid: r.guid } : {}),
  title: r.title,
  ...(r.link !== null ? { link: r.link } : {}),
  ts: r.ts,
  timeFromItem: r.time_from_item === 1,
  firstSeen: r.first_seen,
  instruments: r.instruments ? r.instruments.split('\u001f').sort() : [],
  ...(r.score_compound !== null ? { score: { compound: r.score_compound, pos: r.score_pos!, neu: r.score_neu!, neg: r.score_neg! } } : {}),
});

const ITEM_SELECT = `SELECT i.*, (SELECT group_concat(instrument, char(31)) FROM item_instruments t WHERE t.item_id = i.id) AS instruments FROM items i`;

export function openSignalStore(dataDir: string, options: { nativeBinding?: string } = {}): SignalStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, SIGNALS_FILE);
  const db = new Database(file, options.nativeBinding === undefined ? {} : { nativeBinding: options.nativeBinding });
  db.pragma('journal_mode = WAL');
  // NORMAL: a power cut may drop the last commits; the sources fetch them again on the next poll.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  migrate(db, MIGRATIONS);

  const insertItem = db.prepare(`INSERT OR IGNORE INTO items
    (source, item_key, guid, title, title_key, link, ts, time_from_item, first_seen, score_compound, score_pos, score_neu, score_neg)
    VALUES (@source, @item_key, @guid, @title, @title_key, @link, @ts, @time_from_item, @first_seen, @c, @p, @u, @n)`);
  const insertTag = db.prepare('INSERT OR IGNORE INTO item_instruments (item_id, instrument, ts) VALUES (?, ?, ?)');
  const selectById = db.prepare(`${ITEM_SELECT} WHERE i.id = ?`);
  const byInstrument = db.prepare(`${ITEM_SELECT} WHERE i.id IN (SELECT item_id FROM item_instruments WHERE instrument = ? ORDER BY ts DESC, item_id DESC LIMIT ?) ORDER BY i.ts DESC, i.id DESC`);
  const bySource = db.prepare(`${ITEM_SELECT} WHERE i.source = ? ORDER BY i.ts DESC, i.id DESC LIMIT ?`);
  const insertReading = db.prepare('INSERT OR IGNORE INTO readings (source, metric, instrument, ts, value, label) VALUES (?, ?, ?, ?, ?, ?)');
  const updateScore = db.prepare('UPDATE items SET score_compound = ?, score_pos = ?, score_neu = ?, score_neg = ? WHERE id = ?');
  const countSource = db.prepare('SELECT COUNT(*) AS n FROM items WHERE source = ?');
  const linkRow = db.prepare('SELECT 1 FROM items WHERE link = ? LIMIT 1');
  const sinceTs = db.prepare(`SELECT * FROM (${ITEM_SELECT} WHERE i.ts >= ? ORDER BY i.ts DESC, i.id DESC LIMIT ?) ORDER BY ts ASC, id ASC`);
  const pruneItems = db.prepare('DELETE FROM items WHERE ts < ?');
  const pruneReadings = db.prepare('DELETE FROM readings WHERE ts < ?');
  const pruneTx = db.transaction((before: number) => pruneItems.run(before).changes + pruneReadings.run(before).changes);

  const insertItemsTx = db.transaction((items: readonly NewItem[]): SignalItem[] => {
    const stored: SignalItem[] = [];
    for (const it of items) {
      const r = insertItem.run({
        source: it.source,
        item_key: it.guid ?? it.link ?? it.titleKey,
        guid: it.guid ?? null,
        title: it.title,
        title_key: it.titleKey,
        link: it.link ?? null,
        ts: it.ts,
        time_from_item: it.timeFromItem ? 1 : 0,
        first_seen: it.firstSeen,
        c: it.score?.compound ?? null,
        p: it.score?.pos ?? null,
        u: it.score?.neu ?? null,
        n: it.score?.neg ?? null,
      });
      if (r.changes === 0) continue;
      const id = Number(r.lastInsertRowid);
      for (const s of it.instruments) insertTag.run(id, s, it.ts);
      stored.push(fromRow(selectById.get(id) as ItemRow));
    }
    return stored;
  });
  const insertReadingsTx = db.transaction((rs: readonly SignalReading[]) => {
    return rs.filter((r) => insertReading.run(r.source, r.metric, r.instrument ?? '', r.ts, r.value, r.label ?? null).changes > 0);
  });

  return {
    file,
    insertItems: (items) => insertItemsTx(items),
    insertReadings: (rs) => insertReadingsTx(rs),
    latestForInstrument: (instrument, limit) => (byInstrument.all(instrument, limit) as ItemRow[]).map(fromRow),
    latestForSource: (source, limit) => (bySource.all(source, limit) as ItemRow[]).map(fromRow),
    latestReadings: ({ source, metric, instrument, limit }) => {
      const rows = db
        .prepare(`SELECT * FROM readings WHERE metric = ? AND instrument = ?${source ? ' AND source = ?' : ''} ORDER BY ts DESC LIMIT ?`)
        .all(...[metric, instrument ?? '', ...(source ? [source] : []), limit]) as { source: string; metric: string; instrument: string; ts: number; value: number; label: string | null }[];
      return rows.map((r) => ({ source: r.source, metric: r.metric, ...(r.instrument ? { instrument: r.instrument } : {}), ts: r.ts, value: r.value, ...(r.label !== null ? { label: r.label } : {}) }));
    },
    setScore: (id, s) => void updateScore.run(s.compound, s.pos, s.neu, s.neg, id),
    countForSource: (source) => (countSource.get(source) as { n: number }).n,
    hasLink: (url) => linkRow.get(url) !== undefined,
    itemsSince: (since, limit) => (sinceTs.all(since, limit) as ItemRow[]).map(fromRow),
    prune: (before) => pruneTx(before),
    close: () => db.close(),
  };
}
