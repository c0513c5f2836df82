import { describe, expect, it } from 'vitest';
import type { OptionUnderlyingView, Reply } from '../../contract';
import { SimulatedClock } from '../../engine/core';
import { SIM_OPTIONS_MONDAY } from '../../engine/terminal/testSupport';
import type { Dispatcher } from './dispatcher';
import { engineRigs } from './engineRig.fixture';
import { Session } from './session';

/**
 * What a view opens in the engine under its session (option chain, vol surface, watchlist quotes) ends
 * when the view leaves, through the real Dispatcher, handlers and SessionRegistry on the SIM venue with
 * its options listed: a renderer that reloads must not leave a viewer behind per reload, and another
 * view's viewers stay as they were. Counted through the engine's read-only viewerCounts.
 */
const rigs = engineRigs('session-resources');

async function start() {
  const rig = await rigs.start(rigs.dataDir(), { simOptions: true, clock: new SimulatedClock(SIM_OPTIONS_MONDAY) });
  const first = rig.sessions.all()[0]!;
  /** A bridge call as `session` (a second view beside the rig's own). */
  const callAs = async <T = unknown>(session: Session, method: Parameters<Dispatcher['handle']>[1], input: unknown = {}): Promise<T> => {
    const reply = (await rig.dispatcher.handle(session, method, input)) as Reply<T>;
    if (!reply.ok) throw new Error(`${method}: ${reply.error.code} ${reply.error.message}`);
    return reply.value;
  };
  const [btc] = await callAs<OptionUnderlyingView[]>(first, 'options.underlyings', { venue: 'SIM' });
  if (!btc) throw new Error('the SIM venue lists no options');
  /** Opens a chain (nearest expiry), a surface and a watchlist as `session`, as the Options, Smile and Watchlist panels do. */
  const openAll = async (session: Session) => {
    await callAs(session, 'options.chain', { venue: 'SIM', underlying: btc.underlying });
    await callAs(session, 'options.surface', { venue: 'SIM', underlying: btc.underlying });
    await callAs(session, 'market.quotes', { instruments: [{ venue: 'SIM', symbol: 'BTC-USDT' }, { venue: 'SIM', symbol: 'ETH-USDT' }] });
  };
  const secondView = (id: string) => {
    const session = new Session(id, () => {});
    rig.sessions.add(session);
    return session;
  };
  return { ...rig, first, btc, callAs, openAll, secondView };
}

describe("a view's viewers end with its session", () => {
  it("drops the closed view's chain, surface and quotes and leaves another view's untouched", async () => {
    const rig = await start();
    const other = rig.secondView('other');
    await rig.openAll(rig.first);
    await rig.openAll(other);
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 2, surfaces: 2, quotes: 2 });

    rig.sessions.remove(rig.first);
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 1, surfaces: 1, quotes: 1 });

    // The other view polls on as before: same viewers, nothing re-opened, nothing lost.
    await rig.openAll(other);
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 1, surfaces: 1, quotes: 1 });

    rig.sessions.remove(other);
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 0, surfaces: 0, quotes: 0 });
  });

  it('a renderer that reloads many times holds the viewers of its live view only', async () => {
    const rig = await start();
    rig.sessions.remove(rig.first);
    for (let reload = 0; reload < 100; reload++) {
      const view = rig.secondView(`reload-${reload}`);
      await rig.openAll(view);
      rig.sessions.remove(view);
    }
    const live = rig.secondView('live');
    await rig.openAll(live);
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 1, surfaces: 1, quotes: 1 });
  });

  it('a view that opened nothing leaves without touching the others, and one that closed its chain first leaves cleanly', async () => {
    const rig = await start();
    await rig.openAll(rig.first);
    const idle = rig.secondView('idle');
    rig.sessions.remove(idle);
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 1, surfaces: 1, quotes: 1 });

    await rig.callAs(rig.first, 'options.closeChain');
    await rig.callAs(rig.first, 'options.closeSurface');
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 0, surfaces: 0, quotes: 1 });
    rig.sessions.remove(rig.first);
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 0, surfaces: 0, quotes: 0 });
  });

  it('a view holding a chain, surface and quotes that leaves after the engine stopped (the host shutting down) throws nothing', async () => {
    const rig = await start();
    await rig.openAll(rig.first);
    await rigs.stop(rig.terminal);
    expect(() => rig.sessions.remove(rig.first)).not.toThrow();
    // The interest recomputation it scheduled runs on a later turn: it must not fail either.
    await new Promise((r) => setImmediate(r));
    expect(rig.terminal.viewerCounts()).toEqual({ chains: 0, surfaces: 0, quotes: 0 });
  });
});
