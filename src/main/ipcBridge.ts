import type { Reply } from '../contract/api';
import { ipcChannels } from '../contract/channels';
import type { Logger } from '../engine/core';
import { Session } from './bridge/session';
import type { EngineHost } from './engineHost';

/**
 * The Electron half of the bridge: one `sq:call` handler for the whole app and one Session per window.
 *
 * ipcMain.handle is global and takes one handler per channel (a second registration throws), so the
 * handler is registered once, when this is created at app start, never per window; windows are
 * attached and detached as they open and close (on macOS a window is created again on 'activate').
 * A call is answered only when it comes from the main frame of an attached window: not from a subframe,
 * not from any other webContents (a closed window, devtools, anything created later).
 *
 * Written against the few members of Electron's objects it uses, so it runs (and is tested) in Node.
 */

/** An invoke event: Electron's IpcMainInvokeEvent. */
export interface InvokeEvent {
  readonly sender: unknown;
  /** The frame that sent the call; null once that frame is gone. */
  readonly senderFrame: unknown;
}

/** Electron's ipcMain. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEvent, ...args: unknown[]) => unknown): void;
}

/** A window's webContents. */
export interface WindowContents {
  readonly id: number;
  readonly mainFrame: unknown;
  isDestroyed(): boolean;
  send(channel: string, ...args: unknown[]): void;
}

const refused: Reply<never> = {
  ok: false,
  error: { code: 'UNAUTHORIZED', message: 'calls are accepted from the terminal window only' },
};

export class IpcBridge {
  private readonly windows = new Map<unknown, { contents: WindowContents; session: Session }>();

  constructor(
    ipcMain: IpcMainLike,
    private readonly engine: Pick<EngineHost, 'dispatcher' | 'sessions'> & { logger: Logger },
  ) {
    ipcMain.handle(ipcChannels.call, (event, name, input) => this.call(event, name, input));
  }

  /**
   * Lets this window's main frame call the engine and sends it the engine's events, until the
   * returned detach runs (on the window's 'closed'). Attaching the same webContents twice throws:
   * it would give one window two sessions.
   */
  attach(contents: WindowContents): () => void {
    if (this.windows.has(contents)) throw new Error(`window ${contents.id} is already attached to the bridge`);
    const session = new Session(`ipc-${contents.id}`, (name, payload) => {
      if (!contents.isDestroyed()) contents.send(ipcChannels.event, name, payload);
    });
    this.windows.set(contents, { contents, session });
    this.engine.sessions.add(session);
    return () => {
      if (this.windows.get(contents)?.session !== session) return; // already detached
      this.windows.delete(contents);
      this.engine.sessions.remove(session);
    };
  }

  private call(event: InvokeEvent, name: unknown, input: unknown): Promise<Reply<unknown>> | Reply<never> {
    const window = this.windows.get(event.sender);
    // The main frame is read now, not when attached: it is the frame showing in the window at this moment.
    if (window === undefined || event.senderFrame == null || event.senderFrame !== window.contents.mainFrame) {
      this.engine.logger.warn(
        {
          window: window?.contents.id,
          reason: window ? 'not the main frame of the window' : 'not a terminal window',
          call: typeof name === 'string' ? name.slice(0, 64) : typeof name,
        },
        'ipc: call refused',
      );
      return refused;
    }
    return this.engine.dispatcher.handle(window.session, name, input);
  }
}
