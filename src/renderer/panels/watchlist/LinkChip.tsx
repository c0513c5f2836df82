import { FOCUS_GROUP, LINK_GROUPS, type LinkGroup, linking, usePanelGroup } from '../../state/linking';

/**
 * The colour chip of a panel that shows an instrument: which link group it follows (or none). A native
 * select under a colour dot, so it is reachable and named for the keyboard and a screen reader.
 */
export function LinkChip(props: { panel: string; panelName: string }) {
  const group = usePanelGroup(props.panel);
  const colour = LINK_GROUPS.find((g) => g.id === group)?.colour;
  return (
    <span className="link-chip" title={group === null ? 'Not linked: keeps its own instrument' : `Follows the ${group} group's instrument`}>
      <span className={`link-dot${group === null ? ' none' : ''}`} style={colour ? { background: colour } : undefined} aria-hidden="true" />
      <select
        aria-label={`Instrument link group of the ${props.panelName}`}
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
    </span>
  );
}
