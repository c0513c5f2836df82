import type { Terminal } from '../../engine/terminal';
import type { SessionRegistry } from './router';

/** The engine's calls that end what a view opened under its session id (each a no-op when it opened none). */
export type ViewerEnds = Pick<Terminal, 'closeOptionChain' | 'closeOptionSurface' | 'closeQuotes'>;

/**
 * Ends, when a view leaves (window closed, tab reloaded, socket dropped), everything it opened in the
 * engine with a start/stop pair over the bridge: its option chain, vol surface and watchlist quotes.
 * Without this each stays registered, costing work per tick, until its TTL runs out; a renderer that
 * reloads in a loop would pile them up. A new start/stop pair keyed by the session joins the list here.
 * Returns a function that stops listening.
 */
export function endViewersWithSessions(sessions: SessionRegistry, engine: ViewerEnds): () => void {
  const ends: ((viewer: string) => void)[] = [
    (viewer) => engine.closeOptionChain(viewer),
    (viewer) => engine.closeOptionSurface(viewer),
    (viewer) => engine.closeQuotes(viewer),
  ];
  return sessions.onRemoved((session) => {
    for (const end of ends) end(session.id);
  });
}
