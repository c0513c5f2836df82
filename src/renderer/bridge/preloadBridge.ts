import type { Bridge, CallInput, CallName, CallOutput, EventName, EventPayloads, Reply } from '../../contract/api';

/**
 * The Bridge the Electron preload exposes as `window.sq`. IPC to the main process of the same app
 * has no connection to lose; the preload reports connected at once (and if an older preload has no
 * onConnection, so does this wrapper).
 */
export class PreloadBridge implements Bridge {
  constructor(private readonly sq: Bridge) {}

  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Reply<CallOutput<N>>> {
    return this.sq.call(name, input).catch((e: unknown) => ({
      ok: false as const,
      error: { code: 'ipc', message: e instanceof Error ? e.message : String(e) },
    }));
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    return this.sq.on(name, listener);
  }

  onConnection(listener: (connected: boolean) => void): () => void {
    if (typeof this.sq.onConnection === 'function') return this.sq.onConnection(listener);
    listener(true);
    return () => {};
  }
}
