import type BetterSqlite3 from 'better-sqlite3';

/**
 * One step of the schema's history. Steps are append-only: a released step is never edited,
 * a change is a new step, so every database on disk can be brought forward from whatever it is.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export interface MigrationOutcome {
  from: number;
  to: number;
}

const LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at TEXT NOT NULL DEFAULT (datetime('now'))
)`;

/** The highest version recorded in the ledger; 0 for a new database. */
export function schemaVersion(db: BetterSqlite3.Database): number {
  db.exec(LEDGER);
  const row = db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number | null };
  return row.v ?? 0;
}

/**
 * Applies every pending step, in order, inside ONE transaction: a crash or a failing step leaves the
 * database exactly at its old version, never half migrated. Re-running on an up-to-date database does
 * nothing. A database newer than this build is refused rather than used with a schema we don't know.
 */
export function migrate(db: BetterSqlite3.Database, migrations: readonly Migration[]): MigrationOutcome {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`migration list is not contiguous at ${m.name} (version ${m.version})`);
  });
  const from = schemaVersion(db);
  const latest = migrations.length;
  if (from > latest) {
    throw new Error(`database schema version ${from} is newer than this build knows (${latest}); refusing to open it`);
  }
  const record = db.prepare('INSERT INTO schema_migrations (version, name) VALUES (?, ?)');
  db.transaction(() => {
    for (const m of migrations.slice(from)) {
      db.exec(m.sql);
      record.run(m.version, m.name);
    }
  })();
  return { from, to: latest };
}
