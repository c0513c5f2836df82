import { useMemo } from 'react';
import { FOCUS_GROUP, LINK_GROUPS, type LinkGroup, linking, usePanelGroup, usePanelInstrument } from '../../state/linking';
import { useMarket } from '../../state/market';
import { instrumentKey } from '../../state/reducers';
import './linkChip.css';

/** Instruments offered by a linked panel's own picker: the listed spot and futures (options come from the chain). */
const PICKER_MAX = 300;

/**
 * The colour chip of a panel that shows an instrument: which link group it follows (or none). A native
 * select drawn as a small square of the group's colour (headers have no room for words), so it is
 * reachable and named for the keyboard and a screen reader; its list names the groups. Outside
 * the focus group (whose instrument the top bar picks) a second select picks the instrument of the panel's
 * group (or its own): every panel of that group follows.
 */
export function LinkChip(props: { panel: string; panelName: string; picker?: boolean }) {
  const group = usePanelGroup(props.panel);
  const colour = LINK_GROUPS.find((g) => g.id === group)?.colour;
  const name = LINK_GROUPS.find((g) => g.id === group)?.name ?? 'None';
  return (
    <span className="link-chip">
      <select
        className={`link-group${group === null ? ' none' : ''}`}
        style={colour ? { background: colour } : undefined}
        title={group === null ? 'Link group: none (keeps its own instrument)' : group === FOCUS_GROUP ? `Link group: ${name} (the top bar's instrument)` : `Link group: ${name}`}
        aria-label={`Link group of the ${props.panelName}`}
        value={group ?? ''}
        onChange={(e) => linking.setGroup(props.panel, e.target.value === '' ? null : (e.target.value as LinkGroup))}
      >
        {LINK_GROUPS.map((g) => (
          <option key={g.id} value={g.id}>
            {g.name}
            {g.id === FOCUS_GROUP ? ' (focus)' : ''}
          </option>
        ))}
        <option value="">No group</option>
      </select>
      {props.picker !== false && group !== FOCUS_GROUP && <LinkedInstrument panel={props.panel} panelName={props.panelName} />}
    </span>
  );
}

function LinkedInstrument(props: { panel: string; panelName: string }) {
  const shown = usePanelInstrument(props.panel);
  const instruments = useMarket((s) => s.instruments);
  const choices = useMemo(() => instruments.filter((i) => i.contract?.kind !== 'call' && i.contract?.kind !== 'put').slice(0, PICKER_MAX), [instruments]);
  const value = instrumentKey(shown.venue, shown.symbol);
  // The venue is named only when more than one is listed (the select is narrow).
  const venues = new Set(choices.map((i) => i.venue)).size;
  const text = (venue: string, symbol: string) => (venues > 1 ? `${symbol} · ${venue}` : symbol);
  const listed = choices.some((i) => instrumentKey(i.venue, i.symbol) === value);
  return (
    <select
      className="link-instrument"
      aria-label={`Instrument of the ${props.panelName}`}
      value={value}
      onChange={(e) => {
        const inst = choices.find((i) => instrumentKey(i.venue, i.symbol) === e.target.value);
        if (inst) linking.setInstrument(props.panel, { venue: inst.venue, symbol: inst.symbol });
      }}
    >
      {!listed && <option value={value}>{text(shown.venue, shown.symbol)}</option>}
      {choices.map((i) => (
        <option key={instrumentKey(i.venue, i.symbol)} value={instrumentKey(i.venue, i.symbol)}>
          {text(i.venue, i.symbol)}
        </option>
      ))}
    </select>
  );
}
