import { useEffect, useId, useRef, useState } from 'react';
import { PRESETS } from './presets';
import { useWorkspace, workspace } from './workspaceState';

/**
 * "Workspace" in the top bar: the presets, the trader's saved workspaces (load, delete), saving the
 * screen under a name, and the zoom. A non-modal popover: Escape or a click outside closes it.
 */
export function WorkspaceMenu() {
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const saved = useWorkspace((s) => s.saved);
  const active = useWorkspace((s) => s.active);
  const zoom = useWorkspace((s) => s.zoom);
  const id = useId();
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const closeToButton = () => {
    setOpen(false);
    button.current?.focus();
  };
  return (
    <div className="topbar-menu" ref={root}>
      <button ref={button} type="button" className="topbar-button" aria-expanded={open} aria-controls={open ? id : undefined} onClick={() => setOpen((o) => !o)} title="Presets, saved workspaces, zoom">
        Workspace{active ? `: ${active}` : ''} ▾
      </button>
      {open && (
        <div
          className="menu workspace-menu"
          role="dialog"
          aria-label="Workspaces"
          id={id}
          onKeyDown={(e) => {
            if (e.key === 'Escape') closeToButton();
          }}
        >
          <div className="menu-section" role="group" aria-label="Presets">
            <span className="menu-label">Presets</span>
            <div className="menu-row">
              {PRESETS.map((p) => (
                <button key={p} type="button" className={`chip${active === p ? ' on' : ''}`} aria-pressed={active === p} aria-label={`${p} preset`} onClick={() => workspace.preset(p)}>
                  {p}
                </button>
              ))}
            </div>
          </div>
          <div className="menu-section" role="group" aria-label="Saved workspaces">
            <span className="menu-label">Saved</span>
            {saved.length === 0 && <span className="menu-empty">None yet: arrange the panels, then save below.</span>}
            <ul className="menu-list">
              {saved.map((w) => (
                <li key={w.name} className="menu-row">
                  <button type="button" className={`menu-item grow${active === w.name ? ' on' : ''}`} aria-label={`Load ${w.name}`} onClick={() => void workspace.load(w.name)}>
                    {w.name}
                  </button>
                  <button type="button" className="menu-item small" aria-label={`Delete ${w.name}`} onClick={() => void workspace.remove(w.name)}>
                    ✕
                  </button>
                </li>
              ))}
            </ul>
          </div>
          <form
            className="menu-section menu-row"
            onSubmit={async (e) => {
              e.preventDefault();
              const clean = name.trim();
              if (clean.length === 0) return setError('Give the workspace a name.');
              if (clean.length > 40) return setError('At most 40 characters.');
              setError(null);
              if (await workspace.save(clean)) setName('');
            }}
          >
            <input aria-label="Workspace name" placeholder="Name" value={name} maxLength={40} onChange={(e) => setName(e.target.value)} />
            <button type="submit" className="chip">
              Save workspace
            </button>
          </form>
          {error && (
            <span className="menu-error" role="alert">
              {error}
            </span>
          )}
          <div className="menu-section menu-row" role="group" aria-label="Zoom">
            <span className="menu-label">Zoom {Math.round(zoom * 100)}%</span>
            <button type="button" className="chip" aria-label="Zoom out" onClick={() => workspace.zoom(-0.1)} disabled={zoom <= 0.5}>
              −
            </button>
            <button type="button" className="chip" aria-label="Zoom in" onClick={() => workspace.zoom(0.1)} disabled={zoom >= 2}>
              +
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
