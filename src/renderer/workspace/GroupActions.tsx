import type { DockviewGroupPanel } from 'dockview';
import { useEffect, useState } from 'react';
import { workspace } from './workspaceState';

/**
 * The buttons at the right of each group's tab strip, about its active panel: float it over the others
 * (or dock it back), pop it out into its own window, maximise the group. Named after the panel, so a
 * screen reader says which panel each button acts on.
 */
export function GroupActions(props: { group: DockviewGroupPanel }) {
  const { group } = props;
  const [active, setActive] = useState(group.activePanel);
  const [title, setTitle] = useState(group.activePanel?.title ?? '');
  const [floating, setFloating] = useState(group.api.location.type === 'floating');
  const [maximized, setMaximized] = useState(false);
  useEffect(() => {
    const subs = [
      group.api.onDidActivePanelChange((e) => {
        setActive(e.panel);
        setTitle(e.panel?.title ?? '');
      }),
      group.api.onDidLocationChange((e) => setFloating(e.location.type === 'floating')),
    ];
    return () => subs.forEach((s) => s.dispose());
  }, [group]);
  useEffect(() => {
    if (!active) return;
    setTitle(active.title ?? '');
    const sub = active.api.onDidTitleChange((e) => setTitle(e.title));
    return () => sub.dispose();
  }, [active]);
  if (!active) return null;
  const name = title.replace(/ \(.*\)$/, '');
  return (
    <div className="dock-buttons">
      {!floating && (
        <button
          type="button"
          className="dock-button"
          aria-label={maximized ? `Restore ${name}` : `Maximize ${name}`}
          title={maximized ? 'Restore the layout' : 'Fill the workspace with this group'}
          onClick={() => {
            if (group.api.isMaximized()) group.api.exitMaximized();
            else group.api.maximize();
            setMaximized(group.api.isMaximized());
          }}
        >
          {maximized ? '⤡' : '⤢'}
        </button>
      )}
      <button
        type="button"
        className="dock-button"
        aria-label={floating ? `Dock ${name}` : `Float ${name}`}
        title={floating ? 'Dock it back into the layout' : 'Float it over the workspace'}
        onClick={() => workspace.float(active.id, !floating)}
      >
        {floating ? '▣' : '❐'}
      </button>
      <button type="button" className="dock-button" aria-label={`Pop out ${name}`} title="Into its own window (a second monitor)" onClick={() => workspace.popOut(active.id)}>
        ↗
      </button>
    </div>
  );
}
