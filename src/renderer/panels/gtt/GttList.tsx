import { useState } from 'react';
import type { GttView, Instrument } from '../../../contract/api';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Panel, Placeholder } from '../../components/Panel';
import { deleteGtt } from '../../state/gttActions';
import { type GttRow, gttRows } from '../../view/gtt';
import type { GttList as GttListState } from './useGttList';

/**
 * The account's triggers as Kite lists them: symbol, type, trigger price(s), the order(s) Kite places
 * when one is reached, status, created and expiry; Edit (fills the form) and Delete on each active one,
 * Delete confirmed first (a deleted stop-loss no longer protects the position). A refused delete says
 * why in Kite's words.
 */
export function GttList(props: {
  venue: string;
  list: GttListState;
  instrumentOf: (venue: string, symbol: string) => Instrument | undefined;
  onEdit: (gtt: GttView) => void;
}) {
  const { list, venue } = props;
  const [deleting, setDeleting] = useState<GttRow | undefined>(undefined);
  const rows = list.gtts ? gttRows(list.gtts, props.instrumentOf) : [];
  const edit = (row: GttRow) => {
    const gtt = list.gtts?.find((g) => g.id === row.id);
    if (gtt) props.onEdit(gtt);
  };
  const remove = async (row: GttRow) => {
    const reply = await deleteGtt(venue, row.id);
    if (reply.ok) list.applyChange(reply.value);
    return reply;
  };
  return (
    <Panel
      name="GTT triggers"
      title={
        <>
          GTT · {venue}
          <span className="count">{rows.filter((r) => r.deletable).length}</span>
        </>
      }
      extra={
        <button type="button" className="btn btn-small" disabled={list.loading} onClick={list.refresh} title="Read the list from Kite now">
          Refresh
        </button>
      }
    >
      {list.error && (
        <div className="gtt-note" role="alert">
          {list.error}
        </div>
      )}
      {list.gtts === undefined ? (
        <Placeholder>{list.error ? 'No list' : 'Reading the triggers from Kite…'}</Placeholder>
      ) : rows.length === 0 ? (
        <Placeholder>No GTT triggers on {venue}</Placeholder>
      ) : (
        <div className="risk-scroll gtt-scroll">
          <table className="risk-table gtt-table">
            <thead>
              <tr>
                <th scope="col">Symbol</th>
                <th scope="col">Type</th>
                <th scope="col">Trigger</th>
                <th scope="col">Order(s)</th>
                <th scope="col">Status</th>
                <th scope="col">Created</th>
                <th scope="col">Expires</th>
                <th scope="col" aria-label="Actions" />
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.id} className={r.deletable ? undefined : 'finished'}>
                  <th scope="row" title={`${r.symbol} (id ${r.id})`}>
                    {r.symbol}
                  </th>
                  <td>{r.type}</td>
                  <td className="num" title={r.triggers}>
                    {r.legLines.map((l, i) => (
                      <div key={i}>{l.trigger}</div>
                    ))}
                  </td>
                  <td className="num" title={r.orders}>
                    {r.legLines.map((l, i) => (
                      <div key={i}>{l.order}</div>
                    ))}
                  </td>
                  <td className={`gtt-status gtt-${r.status}`}>{r.status}</td>
                  <td className="num">{r.created}</td>
                  <td className="num">{r.expires}</td>
                  <td className="row-actions">
                    {r.deletable && (
                      <>
                        <button type="button" className="btn btn-small" aria-label={`Edit ${r.name}`} onClick={() => edit(r)}>
                          Edit
                        </button>
                        <button type="button" className="btn btn-small" aria-label={`Delete ${r.name}`} onClick={() => setDeleting(r)}>
                          Delete
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {deleting && (
        <ConfirmDialog
          title={`Delete ${deleting.name}?`}
          keepLabel="Keep GTT"
          confirmLabel="Delete GTT"
          failure="Not deleted"
          onConfirm={() => remove(deleting)}
          onClose={() => setDeleting(undefined)}
        >
          <p>
            Kite stops watching {deleting.triggers} for {deleting.orders}.
          </p>
        </ConfirmDialog>
      )}
    </Panel>
  );
}
