import { type ReactNode, useRef } from 'react';

export interface TabSpec<K extends string> {
  key: K;
  label: ReactNode;
  /** Accessible name when the label carries more than text (a warning dot). */
  name: string;
}

/**
 * A strip of tabs (the WAI-ARIA pattern: arrows move between them, only the selected one is in the Tab
 * order). The caller renders each panel with role="tabpanel", id panelId(idBase, key), labelled by tabId(idBase, key).
 */
export function Tabs<K extends string>(props: { idBase: string; label: string; tabs: TabSpec<K>[]; selected: K; onSelect: (key: K) => void; extra?: ReactNode }) {
  const base = props.idBase;
  const refs = useRef(new Map<K, HTMLButtonElement>());
  const move = (from: number, step: number) => {
    const next = props.tabs[(from + step + props.tabs.length) % props.tabs.length]!;
    props.onSelect(next.key);
    refs.current.get(next.key)?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={props.label}>
      {props.tabs.map((t, i) => {
        const on = t.key === props.selected;
        return (
          <button
            key={t.key}
            ref={(el) => {
              if (el) refs.current.set(t.key, el);
              else refs.current.delete(t.key);
            }}
            type="button"
            role="tab"
            id={tabId(base, t.key)}
            aria-label={t.name}
            aria-selected={on}
            aria-controls={panelId(base, t.key)}
            tabIndex={on ? 0 : -1}
            className={`tab${on ? ' on' : ''}`}
            onClick={() => props.onSelect(t.key)}
            onKeyDown={(e) => {
              if (e.key === 'ArrowRight') move(i, 1);
              else if (e.key === 'ArrowLeft') move(i, -1);
              else return;
              e.preventDefault();
            }}
          >
            {t.label}
          </button>
        );
      })}
      {props.extra}
    </div>
  );
}

export const tabId = (base: string, key: string): string => `${base}tab-${key}`;
export const panelId = (base: string, key: string): string => `${base}panel-${key}`;
