import { useMemo, useState } from 'react';
import type { Instrument } from '../../../contract/api';
import { useMarket } from '../../state/market';
import { usePreferences } from '../../state/preferences';
import { isFavourite, searchIndex, searchInstruments } from '../../view/instrumentSearch';

const MATCHES = 8;

/** A search box and the best matches not yet in the watchlist, each an "Add …" button. */
export function AddInstrument(props: { onAdd: (inst: Instrument) => void }) {
  const [query, setQuery] = useState('');
  const instruments = useMarket((s) => s.instruments);
  const watchlists = usePreferences((s) => s.watchlists);
  const index = useMemo(() => searchIndex(instruments), [instruments]);
  const matches = useMemo(() => {
    if (query.trim() === '') return [];
    return searchInstruments(index, query, {}, { limit: MATCHES * 2 })
      .options.filter((o) => !isFavourite(watchlists, o.inst.venue, o.inst.symbol))
      .slice(0, MATCHES);
  }, [index, query, watchlists]);
  return (
    <div className="wl-add">
      <input
        type="search"
        aria-label="Find an instrument to add to the watchlist"
        placeholder="Add instrument…"
        value={query}
        onChange={(e) => setQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && matches[0]) {
            props.onAdd(matches[0].inst);
            setQuery('');
          } else if (e.key === 'Escape') setQuery('');
        }}
      />
      {matches.length > 0 && (
        <ul className="wl-matches" aria-label="Instruments to add">
          {matches.map((m) => (
            <li key={m.label}>
              <button
                type="button"
                aria-label={`Add ${m.label} to the watchlist`}
                onClick={() => {
                  props.onAdd(m.inst);
                  setQuery('');
                }}
              >
                + {m.label}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
