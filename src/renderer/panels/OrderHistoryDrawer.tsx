import { zoneText } from '../view/numbers';
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Instrument } from '../../contract/api';
import { exportAuditCsv } from '../components/exportAudit';
import { useAccount } from '../state/account';
import { useInstrumentIndex } from '../state/market';
import { orderHistory, useOrderHistory } from '../state/orderHistory';
import { instrumentKey, laterOrder } from '../state/reducers';
import { type AuditRow, auditRow, type Change, orderSummary, type OrderHistory, versionRow } from '../view/history';
import { useFormatVersion } from '../state/settings';

/** A before→after cell: changed values stand out, unchanged ones read as context. */
function ChangeCell({ c, num = true }: { c: Change; num?: boolean }) {
  return <td className={`${num ? 'num r ' : ''}${c.changed ? 'changed' : 'same'}`}>{c.text}</td>;
}

function EventsTable({ rows }: { rows: AuditRow[] }) {
  if (rows.length === 0) return <p className="drawer-empty">No events recorded yet</p>;
  return (
    <table className="history-table">
      <thead>
        <tr>
          <th>{`Time (${zoneText(Date.now())})`}</th>
          <th>Action</th>
          <th>Source</th>
          <th>Status</th>
          <th className="r">Price</th>
          <th className="r">Stop</th>
          <th className="r">Qty</th>
          <th className="r">Filled</th>
          <th>Detail</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="num muted" title={r.when}>
              {r.time}
            </td>
            <td>{r.action}</td>
            <td className="muted">{r.source}</td>
            <ChangeCell c={r.status} num={false} />
            <ChangeCell c={r.price} />
            <ChangeCell c={r.stop} />
            <ChangeCell c={r.qty} />
            <ChangeCell c={r.filled} />
            <td className="detail" title={r.detail}>
              {r.detail}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function VersionsTable({ inst, history }: { inst: Instrument | undefined; history: OrderHistory }) {
  const formatVersion = useFormatVersion(); // written again when the Settings' number format or zone changes
  const rows = useMemo(() => [...history.versions].reverse().map((v) => versionRow(inst, v)), [inst, history.versions, formatVersion]);
  if (rows.length === 0) return <p className="drawer-empty">No versions recorded</p>;
  return (
    <table className="history-table">
      <thead>
        <tr>
          <th className="r">Ver</th>
          <th className="r">Price</th>
          <th className="r">Stop</th>
          <th className="r">Qty</th>
          <th>{`Time (${zoneText(Date.now())})`}</th>
          <th>Source</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((v) => (
          <tr key={v.key}>
            <td className="num r">{v.version}</td>
            <td className="num r">{v.price}</td>
            <td className="num r">{v.stop}</td>
            <td className="num r">{v.qty}</td>
            <td className="num muted" title={v.when}>
              {v.time}
            </td>
            <td className="muted">{v.source}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/**
 * The history of one order, in a drawer on the right: its terms now, every version of them, and every
 * event with the order before and after it, kept live while open. Non-modal: the grids stay usable,
 * and another order's History button moves the drawer to that order. Escape or Close closes it.
 */
function Drawer({ id }: { id: string }) {
  const formatVersion = useFormatVersion(); // written again when the Settings' number format or zone changes
  const { history, loading, error } = useOrderHistory();
  const live = useAccount((s) => s.orders[id]);
  const instruments = useInstrumentIndex();
  const closeRef = useRef<HTMLButtonElement>(null);
  const asideRef = useRef<HTMLElement>(null);
  const [exportNote, setExportNote] = useState<{ ok: boolean; text: string } | null>(null);
  const [exporting, setExporting] = useState(false);

  // Focus comes into the drawer, Escape closes it, and focus goes back where it was. Escape typed in
  // a field elsewhere (a grid cell being amended, the ticket) keeps its own meaning there.
  useEffect(() => {
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Escape') return;
      const target = e.target instanceof Element ? e.target : null;
      const inDrawer = target !== null && asideRef.current?.contains(target) === true;
      if (!inDrawer && target?.closest('input, select, textarea, .ag-cell-inline-editing')) return;
      orderHistory.close();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (before?.isConnected) before.focus();
    };
  }, []);

  // The live order (from order events) is at least as fresh as the one in the history reply.
  const order = history && live ? laterOrder(history.order, live) : (live ?? history?.order);
  const inst = order ? instruments.get(instrumentKey(order.venue, order.symbol)) : undefined;
  const events = useMemo(() => (history ? [...history.audit].reverse().map((e) => auditRow(inst, e)) : []), [history, inst, formatVersion]);

  return (
    <aside className="drawer" role="dialog" aria-label="Order history" ref={asideRef}>
      <header className="drawer-head">
        <h2>
          Order history <span className="num drawer-id">{id}</span>
        </h2>
        <div className="drawer-actions">
          <button
            type="button"
            className="btn btn-small"
            disabled={exporting}
            title="Download this order's audit trail as CSV"
            onClick={async () => {
              setExporting(true);
              setExportNote(await exportAuditCsv(id));
              setExporting(false);
            }}
          >
            Export CSV
          </button>
          <button type="button" className="btn btn-small" ref={closeRef} onClick={() => orderHistory.close()}>
            Close
          </button>
        </div>
      </header>

      {error && (
        <p className="drawer-message bad" role="alert">
          {`History unavailable: ${error}`}
        </p>
      )}
      {exportNote && (
        <p className={`drawer-message ${exportNote.ok ? 'good' : 'bad'}`} role={exportNote.ok ? 'status' : 'alert'}>
          {exportNote.text}
        </p>
      )}

      {order ? (
        <dl className="drawer-summary">
          {orderSummary(inst, order).map(([k, v]) => (
            <div key={k}>
              <dt>{k}</dt>
              <dd title={v}>{v}</dd>
            </div>
          ))}
        </dl>
      ) : (
        !error && <p className="drawer-empty">{loading ? 'Loading history…' : 'Order not known'}</p>
      )}

      <section className="drawer-section versions" aria-label="Versions">
        <h3>Versions</h3>
        <div className="drawer-scroll">
          {history ? <VersionsTable inst={inst} history={history} /> : <p className="drawer-empty">{loading ? 'Loading…' : 'No history loaded'}</p>}
        </div>
      </section>
      <section className="drawer-section events" aria-label="Events">
        <h3>
          Events<span className="count">{history ? history.audit.length : ''}</span>
        </h3>
        <div className="drawer-scroll">
          {history ? <EventsTable rows={events} /> : <p className="drawer-empty">{loading ? 'Loading…' : 'No history loaded'}</p>}
        </div>
      </section>
    </aside>
  );
}

/** Mounted once at the top of the app: renders the drawer while an order's history is open. */
export function OrderHistoryDrawer() {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const openId = useOrderHistory((s) => s.openId);
  return openId === null ? null : <Drawer key={openId} id={openId} />;
}
