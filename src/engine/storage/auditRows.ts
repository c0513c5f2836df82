import type { AuditAction, AuditEntry, AuditQuery, AuditState, OrderVersion, Source } from '../core';

/** audit and order_versions rows (schema v3), their mapping, and the audit query's SQL. */
export interface AuditRow {
  seq: number;
  n: number;
  ts: number;
  client_order_id: string;
  venue: string;
  symbol: string;
  action: AuditAction;
  source: Source;
  before_json: string | null;
  after_json: string;
  detail: string | null;
}

export interface VersionRow {
  client_order_id: string;
  version: number;
  price: number | null;
  stop_price: number | null;
  qty: number;
  at: number;
  source: Source;
}

/** What queryAudit returns when the caller names no limit: the latest 10 000 entries. */
export const DEFAULT_AUDIT_LIMIT = 10_000;

/** Only the state's own fields: an Order passed where an AuditState is expected must not land whole. */
function stateJson(s: AuditState): string {
  const picked: AuditState = { status: s.status, qty: s.qty, filledQty: s.filledQty, version: s.version };
  if (s.price !== undefined) picked.price = s.price;
  if (s.stopPrice !== undefined) picked.stopPrice = s.stopPrice;
  return JSON.stringify(picked);
}

export const toAuditRow = (e: AuditEntry): AuditRow => ({
  seq: e.seq,
  n: e.n,
  ts: e.ts,
  client_order_id: e.clientOrderId,
  venue: e.venue,
  symbol: e.symbol,
  action: e.action,
  source: e.source,
  before_json: e.before === undefined ? null : stateJson(e.before),
  after_json: stateJson(e.after),
  detail: e.detail ?? null,
});

export function fromAuditRow(r: AuditRow): AuditEntry {
  const entry: AuditEntry = {
    seq: r.seq,
    n: r.n,
    ts: r.ts,
    clientOrderId: r.client_order_id,
    venue: r.venue,
    symbol: r.symbol,
    action: r.action,
    source: r.source,
    after: JSON.parse(r.after_json) as AuditState,
  };
  if (r.before_json !== null) entry.before = JSON.parse(r.before_json) as AuditState;
  if (r.detail !== null) entry.detail = r.detail;
  return entry;
}

export const toVersionRow = (v: OrderVersion): VersionRow => ({
  client_order_id: v.clientOrderId,
  version: v.version,
  price: v.price ?? null,
  stop_price: v.stopPrice ?? null,
  qty: v.qty,
  at: v.at,
  source: v.source,
});

export function fromVersionRow(r: VersionRow): OrderVersion {
  const v: OrderVersion = { clientOrderId: r.client_order_id, version: r.version, qty: r.qty, at: r.at, source: r.source };
  if (r.price !== null) v.price = r.price;
  if (r.stop_price !== null) v.stopPrice = r.stop_price;
  return v;
}

/**
 * The SQL and parameters for an audit query. Only the filters asked for appear in the WHERE clause
 * (an `x IS NULL OR` form would keep SQLite from using the indexes), so the SQL text varies with
 * which filters are present: few enough shapes to cache one prepared statement per shape.
 * The inner query takes the latest `limit` entries; the outer one puts them back oldest first.
 */
export function auditQuerySql(q: AuditQuery): { sql: string; params: Record<string, string | number> } {
  const limit = q.limit ?? DEFAULT_AUDIT_LIMIT;
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`audit query limit must be a positive integer, got ${q.limit}`);
  for (const key of ['from', 'to'] as const) {
    const t = q[key];
    if (t !== undefined && !Number.isFinite(t)) throw new RangeError(`audit query '${key}' must be a time in ms, got ${t}`);
  }
  const where: string[] = [];
  const params: Record<string, string | number> = { limit };
  if (q.clientOrderId !== undefined) {
    where.push('client_order_id = @clientOrderId');
    params.clientOrderId = q.clientOrderId;
  }
  if (q.source !== undefined) {
    where.push('source = @source');
    params.source = q.source;
  }
  if (q.from !== undefined) {
    where.push('ts >= @from');
    params.from = q.from;
  }
  if (q.to !== undefined) {
    where.push('ts <= @to');
    params.to = q.to;
  }
  const filter = where.length === 0 ? '' : `WHERE ${where.join(' AND ')}`;
  const sql = `SELECT * FROM (SELECT * FROM audit ${filter} ORDER BY seq DESC, n DESC LIMIT @limit) ORDER BY seq, n`;
  return { sql, params };
}
