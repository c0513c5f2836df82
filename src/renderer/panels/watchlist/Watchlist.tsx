import { useMemo } from 'react';
import { Panel, Placeholder } from '../../components/Panel';
import { bridge } from '../../state/bridgeRef';
import { linking, usePanelInstrument } from '../../state/linking';
import { useInstrumentIndex, useMarket } from '../../state/market';
import { preferences, usePreferences } from '../../state/preferences';
import { sparklinePath } from '../../view/sparkline';
import { watchedInstruments, watchRows, type WatchRow } from '../../view/watchlist';
import { usePolled } from '../signals/usePolled';
import { AddInstrument } from './AddInstrument';
import { LinkChip } from './LinkChip';
import './watchlist.css';
import { useFormatVersion } from '../../state/settings';

/** Once a second: the engine answers from its books and candles, so the load stays small. */
const QUOTES_POLL_MS = 1000;
const PANEL = 'watchlist';
const SPARK_W = 80;
const SPARK_H = 18;

function Spark(props: { closes: number[] }) {
  const s = sparklinePath(props.closes, SPARK_W, SPARK_H, { pad: 2 });
  return (
    <svg className="sparkline" viewBox={`0 0 ${SPARK_W} ${SPARK_H}`} preserveAspectRatio="none" aria-hidden="true">
      {s.d && <path className="line" d={s.d} vectorEffect="non-scaling-stroke" />}
    </svg>
  );
}

function Row(props: { row: WatchRow; current: boolean; removeName: string }) {
  const { row } = props;
  const pick = () => linking.setInstrument(PANEL, { venue: row.venue, symbol: row.symbol });
  return (
    <tr className={`wl-row${props.current ? ' current' : ''}${row.stale ? ' stale' : ''}`} aria-label={row.label} aria-current={props.current || undefined} onClick={pick}>
      <th scope="row">
        <button type="button" className="wl-focus" aria-label={`Focus ${row.label}`} onClick={(e) => { e.stopPropagation(); pick(); }}>
          {row.symbol} <span className="muted">{row.venue}</span>
        </button>
      </th>
      <td className="num" data-col="last">{row.last}</td>
      <td className={`num ${row.changeSign > 0 ? 'up' : row.changeSign < 0 ? 'down' : ''}`} data-col="change">{row.change}</td>
      <td className="num" data-col="spread">{row.spread}</td>
      <td className="num" data-col="volume">{row.volume}</td>
      <td className="wl-spark"><Spark closes={row.closes} /></td>
      <td>
        <button type="button" className="wl-remove" aria-label={props.removeName} title={`Remove ${row.label} from the watchlist`} onClick={(e) => { e.stopPropagation(); void preferences.toggleFavourite(row.venue, row.symbol); }}>
          ×
        </button>
      </td>
    </tr>
  );
}

/**
 * The starred instruments of every account with last, change since the day's open as the engine saw
 * it, spread, volume and the last half hour as a sparkline; add by search, remove, and a click (or
 * Enter on the name) points the panel's link group (by default: the focus) at the instrument.
 */
export function Watchlist(props: { visible: boolean }) {
  const formatVersion = useFormatVersion(); // the rows are written again when the Settings' number format changes
  const watchlists = usePreferences((s) => s.watchlists);
  const focusVenue = useMarket((s) => s.focus.venue);
  const current = usePanelInstrument(PANEL);
  const index = useInstrumentIndex();
  const refs = useMemo(() => watchedInstruments(watchlists, focusVenue), [watchlists, focusVenue]);
  const key = refs.map((r) => `${r.venue}:${r.symbol}`).join(',');
  const { value, error } = usePolled(refs.length > 0 ? key : undefined, props.visible, QUOTES_POLL_MS, () => bridge().call('market.quotes', { instruments: refs }));
  const rows = useMemo(() => watchRows(refs, value ?? [], index), [refs, value, index, formatVersion]);
  const repeated = new Set(refs.map((r) => r.symbol).filter((s, i, all) => all.indexOf(s) !== i));
  return (
    <Panel name="Watchlist" extra={<LinkChip panel={PANEL} panelName="Watchlist" picker={false} />}>
      <AddInstrument onAdd={(inst) => void preferences.toggleFavourite(inst.venue, inst.symbol)} />
      {error && <div className="wl-error" role="status">Quotes not updated: {error}</div>}
      {rows.length === 0 ? (
        <Placeholder>No instruments yet: find one above or star it in the top bar.</Placeholder>
      ) : (
        <div className="wl-scroll">
          <table className="wl-table">
            <thead>
              <tr>
                <th scope="col">Instrument</th>
                <th scope="col" className="num">Last</th>
                <th scope="col" className="num" title="Since the day's first trade the terminal saw (UTC day)">Change</th>
                <th scope="col" className="num">Spread</th>
                <th scope="col" className="num" title="Traded today (UTC) as far as the terminal saw">Volume</th>
                <th scope="col">30 min</th>
                <th scope="col"><span className="sr-only">Remove</span></th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <Row
                  key={`${row.venue}:${row.symbol}`}
                  row={row}
                  current={row.venue === current.venue && row.symbol === current.symbol}
                  removeName={`Remove ${row.symbol} from the watchlist${repeated.has(row.symbol) ? ` (${row.venue})` : ''}`}
                />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Panel>
  );
}
