import { type KeyboardEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { Instrument } from '../../contract/api';
import { market, useMarket } from '../state/market';
import { preferences, usePreferences } from '../state/preferences';
import { isFavourite, optionLabel, PICKER_LIMIT, searchIndex, searchInstruments } from '../view/instrumentSearch';
import { EngineSearch, type EngineMatches, matchTotal, withFound } from '../view/partialInstruments';
import { searchVenueInstruments } from '../state/actions';
import { useSession } from '../state/session';
import { accountBadges, venueStatus } from '../view/venues';
import { AccountBadges } from './AccountBadges';

/** The star that adds the focused instrument to its account's watchlist or takes it out; named for a screen reader. */
function Star({ inst }: { inst: Instrument }) {
  const on = usePreferences((s) => isFavourite(s.watchlists, inst.venue, inst.symbol));
  const label = optionLabel(inst);
  return (
    <button
      type="button"
      className={`star${on ? ' on' : ''}`}
      aria-label={on ? `Remove ${label} from watchlist` : `Add ${label} to watchlist`}
      aria-pressed={on}
      title={on ? 'In the watchlist (listed first): click to take it out' : 'Add to the watchlist'}
      onClick={() => void preferences.toggleFavourite(inst.venue, inst.symbol)}
    >
      {on ? '★' : '☆'}
    </button>
  );
}

/**
 * One option. Its name is its label (an option's content is presentational, so a button inside would
 * be lost to a screen reader): the star in it is a mouse shortcut, the top bar's star the accessible one.
 */
function Option(props: { inst: Instrument; label: string; favourite: boolean; active: boolean; id: string; onHover: () => void; onPick: () => void }) {
  const { inst, label, favourite } = props;
  // A string, not an array: a selector must return the same value while nothing changed.
  const badges = useSession((s) => accountBadges(venueStatus(s.status, inst.venue)).join(' · '));
  // Kite's contracts read better by their display name ("NIFTY 26DEC 24000 CE") than by the symbol.
  const display = inst.displayName !== undefined && inst.displayName !== inst.venueSymbol ? inst.displayName : undefined;
  const named = display ? `${label} (${display})` : label;
  const name = (badges ? `${named} · ${badges}` : named) + (favourite ? ', in watchlist' : '');
  return (
    <li
      id={props.id}
      role="option"
      aria-selected={props.active}
      aria-label={name}
      className={`picker-option${props.active ? ' active' : ''}`}
      // The mouse picks without taking the focus from the box (so its blur does not close the list first).
      onMouseDown={(e) => e.preventDefault()}
      onMouseMove={() => !props.active && props.onHover()}
      onClick={props.onPick}
    >
      <span className="sym">{inst.symbol}</span>
      {display && <span className="display-name">{display}</span>}
      <span className="dot-sep">·</span>
      <span className="acct">{inst.venue}</span>
      <AccountBadges venue={inst.venue} />
      <span className="grow" />
      <span
        className={`star${favourite ? ' on' : ''}`}
        title={favourite ? 'Take out of the watchlist' : 'Add to the watchlist'}
        onClick={(e) => {
          e.stopPropagation();
          void preferences.toggleFavourite(inst.venue, inst.symbol);
        }}
      >
        {favourite ? '★' : '☆'}
      </span>
    </li>
  );
}

/**
 * The engine's answers for what is typed, for the venues too large to list whole (asked after a pause,
 * latest question wins); null while nothing is typed or no venue is partial.
 */
function useEngineMatches(query: string, open: boolean, venues: readonly string[]): EngineMatches | null {
  const [matches, setMatches] = useState<EngineMatches | null>(null);
  const [search] = useState(() => new EngineSearch((venue, q) => searchVenueInstruments(venue, q, PICKER_LIMIT), setMatches));
  useEffect(() => () => search.stop(), [search]);
  const venueKey = venues.join('\u0000');
  useEffect(() => {
    search.update(open ? query : '', venueKey === '' ? [] : venueKey.split('\u0000'));
  }, [search, open, query, venueKey]);
  return matches;
}

/**
 * The instrument picker: a combobox (ARIA 1.2, list autocomplete) over every instrument of every
 * account. Type to filter (symbol in either spelling, display name or name word by word, or the
 * account), arrows to move, Enter to pick,
 * Escape to close (Home and End stay with the text, as in any editable combobox). Only the best 100 matches are rendered, so thousands of instruments stay fast; with
 * nothing typed the watchlists come first.
 */
export function InstrumentPicker() {
  const id = useId();
  const listId = `${id}-list`;
  const instruments = useMarket((s) => s.instruments);
  const partial = useMarket((s) => s.partial);
  const focus = useMarket((s) => s.focus);
  const watchlists = usePreferences((s) => s.watchlists);
  const [open, setOpen] = useState(false);
  const [query, setQuery] = useState('');
  const [activeChoice, setActive] = useState(0);
  const inputRef = useRef<HTMLInputElement>(null);
  const listRef = useRef<HTMLUListElement>(null);

  const partialVenues = useMemo(() => partial.map((p) => p.venue), [partial]);
  const engine = useEngineMatches(query, open, partialVenues);
  // Large venues (Kite) are listed only by what matters now: the engine's matches join the list searched here.
  const found = engine?.found;
  const searched = useMemo(() => withFound(instruments, found ?? []), [instruments, found]);
  const index = useMemo(() => searchIndex(searched), [searched]);
  const result = useMemo(() => {
    if (!open) return { options: [], total: 0 };
    const r = searchInstruments(index, query, watchlists, { focusAccount: focus.venue, countIn: new Set(partialVenues) });
    const current = engine !== null && engine.query === query.trim() ? engine.totals : undefined;
    return { options: r.options, total: matchTotal(r.total, r.counts ?? new Map(), current) };
  }, [open, index, query, watchlists, focus.venue, partialVenues, engine]);
  // The list can shrink under the highlight (a new instrument list arrived): it stays on the last option.
  const active = Math.max(0, Math.min(activeChoice, result.options.length - 1));
  const focusedInst = instruments.find((i) => i.venue === focus.venue && i.symbol === focus.symbol);
  const current = optionLabel(focus);

  useEffect(() => {
    if (!open) return;
    listRef.current?.querySelector(`#${CSS.escape(`${id}-opt-${active}`)}`)?.scrollIntoView({ block: 'nearest' });
  }, [open, active, id]);

  const close = () => {
    setOpen(false);
    setQuery('');
  };
  const pick = (inst: Instrument | undefined) => {
    if (inst) {
      // One the engine's search found: held here until the engine's list carries it (it does once focused).
      market.addInstrument(inst);
      market.setFocus({ venue: inst.venue, symbol: inst.symbol });
    }
    close();
    inputRef.current?.select();
  };
  const openWith = (text: string) => {
    setQuery(text);
    setActive(0);
    setOpen(true);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const n = result.options.length;
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (!open) openWith('');
        else if (n > 0) setActive((active + 1) % n);
        return;
      case 'ArrowUp':
        e.preventDefault();
        if (!open) openWith('');
        else if (n > 0) setActive((active - 1 + n) % n);
        return;
      case 'Enter':
        if (!open) return;
        e.preventDefault();
        pick(result.options[active]?.inst);
        return;
      case 'Escape':
        if (!open) return;
        e.preventDefault();
        e.stopPropagation();
        close();
        return;
      case 'Tab':
        close();
        return;
    }
  };

  const activeId = open && result.options.length > 0 ? `${id}-opt-${active}` : undefined;
  return (
    <div className="picker">
      <label htmlFor={id}>Instrument</label>
      <div className="picker-box">
        <input
          id={id}
          ref={inputRef}
          type="text"
          role="combobox"
          aria-expanded={open}
          aria-controls={listId}
          aria-autocomplete="list"
          aria-activedescendant={activeId}
          autoComplete="off"
          spellCheck={false}
          placeholder="Search symbol, name or account"
          value={open ? query : current}
          onChange={(e) => openWith(e.target.value)}
          onMouseDown={() => {
            if (!open) openWith('');
          }}
          onFocus={(e) => e.target.select()}
          onBlur={close}
          onKeyDown={onKeyDown}
        />
        <div className="picker-popup" hidden={!open} onMouseDown={(e) => e.preventDefault()}>
          <ul id={listId} ref={listRef} role="listbox" aria-label="Instruments" className="picker-list">
            {result.options.map((o, i) => (
              <Option
                key={o.label}
                id={`${id}-opt-${i}`}
                inst={o.inst}
                label={o.label}
                favourite={o.favourite}
                active={i === active}
                onHover={() => setActive(i)}
                onPick={() => pick(o.inst)}
              />
            ))}
          </ul>
          {open && result.options.length === 0 && <div className="picker-note">{instruments.length === 0 ? 'No instruments yet' : `Nothing matches "${query}"`}</div>}
          {result.total > result.options.length && (
            <div className="picker-note">{`Showing ${result.options.length} of ${result.total}: keep typing to narrow`}</div>
          )}
          {open && query.trim() === '' && partial.length > 0 && (
            <div className="picker-note">{`${partial.map((p) => `${p.venue}: ${p.listed} of ${p.total} listed`).join(' · ')}. Type to search them all`}</div>
          )}
          {open && engine && engine.failed.length > 0 && <div className="picker-note">{`Search failed (${engine.failed.join('; ')})`}</div>}
        </div>
      </div>
      {focusedInst && <Star inst={focusedInst} />}
      <AccountBadges venue={focus.venue} />
    </div>
  );
}
