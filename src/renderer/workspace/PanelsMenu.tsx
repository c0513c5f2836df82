import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import { isInstanceId, MULTI_INSTANCE, panelEntry, PANELS } from './registry';
import { useWorkspace, workspace } from './workspaceState';

/**
 * "Panels" in the top bar: every panel of the registry, checked when open; choosing one opens it where
 * it belongs or closes it. The WAI-ARIA menu pattern: arrows move, Enter/Space toggle, Escape closes
 * and gives focus back to the button.
 */
export function PanelsMenu() {
  const [open, setOpen] = useState(false);
  const openIds = useWorkspace((s) => s.open);
  const available = useWorkspace((s) => s.available);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const items = useRef<(HTMLButtonElement | null)[]>([]);
  // Every registry panel, then the open second (third...) charts and ladders, then "New chart"-like items.
  const instances = openIds.filter(isInstanceId).sort((a, b) => a.localeCompare(b, 'en', { numeric: true }));
  const panels = [...PANELS.filter((p) => !p.useAvailable || available[p.id] === true).map((p) => ({ id: p.id, title: p.title })), ...instances.map((id) => ({ id, title: panelEntry(id)!.title }))];
  const adds = MULTI_INSTANCE.map((base) => ({ base, title: `New ${(panelEntry(base)?.title ?? base).toLowerCase()}` }));
  const count = panels.length + adds.length;
  useEffect(() => {
    if (open) items.current[0]?.focus();
  }, [open]);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      const target = e.target as Node;
      if (!button.current?.parentElement?.contains(target)) setOpen(false);
    };
    document.addEventListener('mousedown', close);
    return () => document.removeEventListener('mousedown', close);
  }, [open]);
  const move = (from: number, step: number) => items.current[(from + step + count) % count]?.focus();
  const keys = (i: number) => (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') move(i, 1);
    else if (e.key === 'ArrowUp') move(i, -1);
    else if (e.key === 'Home') move(0, 0);
    else if (e.key === 'End') move(count - 1, 0);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      setOpen(false);
      button.current?.focus();
    } else return;
    e.preventDefault();
  };
  return (
    <div className="topbar-menu">
      <button
        ref={button}
        type="button"
        className="topbar-button"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((o) => !o)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') {
            e.preventDefault();
            setOpen(true);
          }
        }}
      >
        Panels ▾
      </button>
      {open && (
        <div className="menu" role="menu" id={menuId} aria-label="Panels">
          {panels.map((p, i) => {
            const checked = openIds.includes(p.id);
            return (
              <button
                key={p.id}
                ref={(el) => {
                  items.current[i] = el;
                }}
                type="button"
                role="menuitemcheckbox"
                aria-checked={checked}
                tabIndex={-1}
                className="menu-item"
                onClick={() => workspace.toggle(p.id)}
                onKeyDown={keys(i)}
              >
                <span className="menu-check" aria-hidden="true">
                  {checked ? '✓' : ''}
                </span>
                {p.title}
              </button>
            );
          })}
          <div className="menu-separator" role="separator" />
          {adds.map((a, j) => (
            <button
              key={`new-${a.base}`}
              ref={(el) => {
                items.current[panels.length + j] = el;
              }}
              type="button"
              role="menuitem"
              tabIndex={-1}
              className="menu-item"
              title="One more, beside the others; link it to another colour group to show another instrument"
              onClick={() => {
                workspace.addInstance(a.base);
                setOpen(false);
              }}
              onKeyDown={keys(panels.length + j)}
            >
              <span className="menu-check" aria-hidden="true">
                +
              </span>
              {a.title}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
