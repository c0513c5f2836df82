import type { ReactNode } from 'react';

/** A named region of the screen: people and tests find each panel by this name. */
export function Panel(props: { name: string; title?: ReactNode; extra?: ReactNode; children: ReactNode }) {
  return (
    <section className="panel" aria-label={props.name}>
      <header className="panel-head">
        <h2>{props.title ?? props.name}</h2>
        {props.extra !== undefined && <div className="extra">{props.extra}</div>}
      </header>
      <div className="panel-body">{props.children}</div>
    </section>
  );
}

export function Placeholder(props: { children: ReactNode }) {
  return <div className="placeholder">{props.children}</div>;
}
