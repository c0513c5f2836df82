import { createDockview, type DockviewApi, type DockviewPanelApi, type DockviewTheme, type IContentRenderer, type IHeaderActionsRenderer } from 'dockview';
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import { Placeholder } from '../components/Panel';
import { GroupActions } from './GroupActions';
import { panelEntry, PANELS, type PanelEntry } from './registry';
import { workspace } from './workspaceState';

/** Our dark theme: dockview's structure, our colours (the variables are set in styles/dock.css). */
const theme: DockviewTheme = { name: 'shrivenquant', className: 'dockview-theme-sq', colorScheme: 'dark', gap: 0, dndOverlayMounting: 'absolute', dndPanelOverlay: 'group' };

interface Mounted {
  element: HTMLElement;
  api: DockviewPanelApi;
  entry: PanelEntry | undefined;
}

/** One panel's content inside its dock panel: knows whether it is on screen and keeps its tab's title current. */
function DockPanel(props: { entry: PanelEntry; api: DockviewPanelApi }) {
  const { entry, api } = props;
  const [visible, setVisible] = useState(api.isVisible);
  useEffect(() => {
    const sub = api.onDidVisibilityChange((e) => setVisible(e.isVisible));
    setVisible(api.isVisible);
    return () => sub.dispose();
  }, [api]);
  return (
    <>
      {entry.useTitle && <TitleFollower api={api} useTitle={entry.useTitle} />}
      {entry.minWidth === undefined ? (
        entry.render({ visible, panelId: api.id, title: entry.title })
      ) : (
        <div className="dock-wide" style={{ minWidth: entry.minWidth }}>
          {entry.render({ visible, panelId: api.id, title: entry.title })}
        </div>
      )}
    </>
  );
}

function TitleFollower(props: { api: DockviewPanelApi; useTitle: () => string }) {
  const title = props.useTitle();
  useEffect(() => {
    if (props.api.title !== title) props.api.setTitle(title);
  }, [props.api, title]);
  return null;
}

/** Watches a panel's condition (GTT: a Kite account) and tells the workspace to show or drop it. */
function Availability(props: { entry: PanelEntry & { useAvailable: () => boolean } }) {
  const on = props.entry.useAvailable();
  useEffect(() => workspace.setAvailable(props.entry.id, on), [props.entry.id, on]);
  return null;
}

/**
 * The docking workspace (dockview): every registry panel can be moved, tabbed, split, floated and
 * closed. dockview owns the DOM of groups and tabs; each panel's React content is rendered into the
 * element dockview gives it, through a portal, so it stays in this React tree (stores, context) and
 * keeps its state while its tab is hidden.
 */
export function Dock() {
  const host = useRef<HTMLDivElement>(null);
  const [mounted, setMounted] = useState<ReadonlyMap<string, Mounted>>(new Map());
  const [actions, setActions] = useState<ReadonlyMap<HTMLElement, DockviewApi['groups'][number]>>(new Map());

  useEffect(() => {
    const element = host.current;
    if (!element) return;
    const api = createDockview(element, {
      theme,
      // A group names its region after its active panel; our panels are regions of that name already.
      // Tabs, the tablist and the tabpanel stay (dockview's own WAI-ARIA tabs).
      createComponent: (options): IContentRenderer => {
        const el = document.createElement('div');
        el.className = 'dock-panel';
        // Which panel a click or focus is in: the hotkeys act on the active panel's instrument (hotkeys/activePanel.ts).
        el.dataset.panel = options.id;
        el.dataset.panelTitle = panelEntry(options.name)?.title ?? options.id;
        return {
          element: el,
          init: (params) => setMounted((m) => new Map(m).set(options.id, { element: el, api: params.api, entry: panelEntry(options.name) })),
          dispose: () =>
            setMounted((m) => {
              const next = new Map(m);
              next.delete(options.id);
              return next;
            }),
        };
      },
      createRightHeaderActionComponent: (group): IHeaderActionsRenderer => {
        const el = document.createElement('div');
        el.className = 'dock-actions';
        return {
          element: el,
          init: () => setActions((a) => new Map(a).set(el, group)),
          dispose: () =>
            setActions((a) => {
              const next = new Map(a);
              next.delete(el);
              return next;
            }),
        };
      },
    });
    // dockview makes each group a region named after its active panel: the panel inside is that region
    // already (our Panel), and two regions of one name would be ambiguous to a screen reader.
    const unregion = () => element.querySelectorAll('.dv-groupview[role="region"]').forEach((g) => g.removeAttribute('role'));
    const subs = [api.onDidAddGroup(unregion), api.onDidLayoutChange(unregion)];
    void workspace.attach(api).then(unregion);
    return () => {
      workspace.detach(api);
      for (const s of subs) s.dispose();
      api.dispose();
    };
  }, []);

  return (
    <div className="dock-host" ref={host}>
      {PANELS.filter((p): p is PanelEntry & { useAvailable: () => boolean } => p.useAvailable !== undefined).map((p) => (
        <Availability key={p.id} entry={p} />
      ))}
      {[...mounted].map(([id, m]) =>
        createPortal(m.entry ? <DockPanel entry={m.entry} api={m.api} /> : <Placeholder>This panel is not in this version.</Placeholder>, m.element, id),
      )}
      {[...actions].map(([el, group]) => createPortal(<GroupActions group={group} />, el))}
    </div>
  );
}
