import { type ComponentType, lazy, type LazyExoticComponent, type ReactNode, Suspense } from 'react';
import { Placeholder } from './Panel';

/**
 * A panel whose code (and its libraries) is a separate chunk, fetched the first time the panel is
 * rendered: `lazyPanel(() => import('./Risk'), 'Risk')` for a named export. Keeps the main script small
 * so the market panels paint first; the chunk is same-origin, which the CSP's script-src 'self' allows.
 */
export function lazyPanel<Props extends object, Name extends string>(
  load: () => Promise<Record<Name, ComponentType<Props>>>,
  name: Name,
): LazyExoticComponent<ComponentType<Props>> {
  return lazy<ComponentType<Props>>(async () => ({ default: (await load())[name] }));
}

/**
 * Where a lazy panel is mounted: until its chunk has arrived the place says "Loading…" (never a blank
 * panel). One boundary per panel, so one panel loading never hides another.
 */
export function PanelSuspense(props: { children: ReactNode }) {
  return <Suspense fallback={<Placeholder>Loading…</Placeholder>}>{props.children}</Suspense>;
}
