import { useState } from 'react';
import type { GttChange, Instrument } from '../../../contract/api';
import { Panel, Placeholder } from '../../components/Panel';
import { deleteGtt } from '../../state/gttActions';
import { gttRows } from '../../view/gtt';
import type { GttList as GttListState } from './useGttList';

/**
 * The account's triggers as Kite lists them: symbol, type, trigger price(s), the order(s) Kite places
 * when one is reached, status, created and expiry; Delete on each active one. A refused delete says
 * why in Kite's words above the table.
 */
export function GttList(props: { venue: string; list: GttListState; instrumentOf: (venue: string, symbol: string) => Instrument | undefined }) {
  const { list, venue } = props;
  const [note, setNote] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState<number | undefined>(undefined);
  const rows = list.gtts ? gttRows(list.gtts, props.instrumentOf) : [];
  const remove = async (id: number, name: string) => {
    setBusy(id);
    setNote(undefined);
    const reply = await deleteGtt(venue, id);
    setBusy(undefined);
    if (reply.ok) list.applyChange(reply.value as GttChange);
    else setNote(`${name} not deleted: ${reply.error.message}`);
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
      {(note ?? list.error) && (
        <div className="gtt-note" role="alert">
          {note ?? list.error}
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
                      <button type="button" className="btn btn-small" aria-label={`Delete ${r.name}`} disabled={busy === r.id} onClick={() => void remove(r.id, r.name)}>
                        Delete
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
