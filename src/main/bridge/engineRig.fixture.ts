import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { EventName, EventPayloads, Reply } from '../../contract';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { Terminal, type TerminalEvents } from '../../engine/terminal';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

export interface EngineRigOptions {
  clock?: SimulatedClock;
  simVenues?: string[];
  /** The SIM venue lists its options (TerminalOptions.simOptions). */
  simOptions?: boolean;
  /** Terminal events forwarded to the session as the engine host forwards them (recorded in `received`). */
  forward?: (EventName & keyof TerminalEvents)[];
}

/**
 * A terminal on a simulated clock behind the real Dispatcher and handlers, as the bridge tests drive it:
 * each call passes the contract's schema, the handler and the engine. Every terminal started and data
 * directory made is stopped and removed after each test.
 */
export function engineRigs(name: string) {
  const dirs: string[] = [];
  const terminals: Terminal[] = [];
  afterEach(async () => {
    for (const t of terminals.splice(0)) await t.stop();
    for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  });
  return {
    /** Stops a terminal before the test ends (a restart on the same data directory). */
    async stop(terminal: Terminal): Promise<void> {
      terminals.splice(terminals.indexOf(terminal), 1);
      await terminal.stop();
    },
    dataDir(): string {
      const dir = mkdtempSync(join(tmpdir(), `sq-${name}-bridge-`));
      dirs.push(dir);
      return dir;
    },
    async start(dataDir: string, opts: EngineRigOptions = {}) {
      const logger = recordingLogger();
      const clock = opts.clock ?? new SimulatedClock(1_700_000_000_000);
      const terminal = await Terminal.start({ dataDir, clock, logger, mode: 'headless', seed: 5, ...(opts.simVenues ? { simVenues: opts.simVenues } : {}), ...(opts.simOptions ? { simOptions: true } : {}) });
      terminals.push(terminal);
      const sessions = new SessionRegistry();
      const received: { name: EventName; payload: unknown }[] = [];
      const session = new Session('test', (event, payload) => received.push({ name: event, payload }));
      sessions.add(session);
      for (const event of opts.forward ?? []) {
        terminal.events.on(event, (payload: unknown) => sessions.publish(event, payload as EventPayloads[typeof event]));
      }
      const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
      /** One bridge call; T is what a success carries (named by the test, as the renderer's client names it). */
      const call = <T = unknown>(method: Parameters<Dispatcher['handle']>[1], input: unknown = {}) => dispatcher.handle(session, method, input) as Promise<Reply<T>>;
      return { terminal, clock, logger, call, received, sessions, dispatcher };
    },
  };
}
