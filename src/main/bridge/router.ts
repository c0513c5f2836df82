import type { EventName, EventPayloads } from '../../contract';
import type { Session } from './session';

/**
 * Events every view receives, whatever it is looking at. Any event whose payload is not one
 * instrument's (no venue and symbol) must be here, or no session would ever get it: the instrument
 * list that grows when an account connects and the account balances are such.
 */
const broadcast: ReadonlySet<EventName> = new Set(['order', 'fill', 'audit', 'position', 'kill', 'risk', 'status', 'accounts', 'balances', 'instruments', 'instrumentsPartial', 'portfolioGreeks', 'signalAlert', 'signalSources', 'notice', 'algo', 'links']);

/**
 * Tracks connected sessions and fans engine events out to them: account events to all, market events
 * only to the sessions focused on or watching that instrument (and timeframe, for candles).
 */
export class SessionRegistry {
  private readonly sessions = new Set<Session>();
  private readonly removedListeners = new Set<(session: Session) => void>();

  constructor(
    /** Told when delivering to one session throws; the others still get the event. */
    private readonly onSendError: (session: Session, event: EventName, error: unknown) => void = () => {},
  ) {}

  add(session: Session): void {
    this.sessions.add(session);
  }

  remove(session: Session): void {
    this.sessions.delete(session);
    for (const listener of this.removedListeners) listener(session);
  }

  /** Told after a view went away (its watches end with it). Returns a function that stops telling. */
  onRemoved(listener: (session: Session) => void): () => void {
    this.removedListeners.add(listener);
    return () => this.removedListeners.delete(listener);
  }

  all(): Session[] {
    return [...this.sessions];
  }

  publish<E extends EventName>(name: E, payload: EventPayloads[E]): void {
    for (const session of this.sessions) {
      try {
        if (broadcast.has(name) || wants(session, name, payload)) session.send(name, payload);
      } catch (error) {
        this.onSendError(session, name, error);
      }
    }
  }
}

function wants<E extends EventName>(session: Session, name: E, payload: EventPayloads[E]): boolean {
  const market = payload as { venue: string; symbol: string; timeframe?: string };
  if (!session.isWatching(market.venue, market.symbol)) return false;
  if (name === 'book') return !session.isCongested();
  if (name === 'candle') return market.timeframe !== undefined && session.wantsCandles(market.venue, market.symbol, market.timeframe);
  return true;
}
