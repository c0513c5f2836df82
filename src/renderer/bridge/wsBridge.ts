import type { Bridge, BridgeError, CallInput, CallName, CallOutput, EventName, EventPayloads, Reply } from '../../contract/api';
import type { ClientMessage } from '../../contract/wire';
import { reconnectDelay } from './backoff';

/** The slice of the browser WebSocket this transport uses (the `ws` package offers the same in tests). */
export interface SocketLike {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onclose: ((ev: unknown) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  send(data: string): void;
  close(): void;
}

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export interface WsBridgeOptions {
  url: string;
  connect?: (url: string) => SocketLike;
  timers?: Timers;
  /** A call with no reply after this long fails, so a button never stays "pending" forever. */
  callTimeoutMs?: number;
}

const OPEN = 1;

const browserTimers: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

interface Pending {
  resolve: (reply: Reply<unknown>) => void;
  timer: unknown;
}

/**
 * The bridge over the headless host's WebSocket: calls are matched to replies by id, events are
 * fanned out to listeners, and a dropped socket is reopened with backoff. A call that cannot be
 * answered resolves to an error reply rather than throwing, so every caller handles one shape:
 * `disconnected` (never sent), `connection_lost` or `timeout` (sent, outcome unknown).
 */
export class WsBridge implements Bridge {
  private socket: SocketLike | null = null;
  private connected = false;
  private stopped = false;
  private attempt = 0;
  private nextId = 1;
  private reconnectTimer: unknown = null;
  private readonly pending = new Map<number, Pending>();
  private readonly eventListeners = new Map<string, Set<(payload: never) => void>>();
  private readonly connectionListeners = new Set<(connected: boolean) => void>();
  private readonly connect: (url: string) => SocketLike;
  private readonly timers: Timers;
  private readonly callTimeoutMs: number;

  constructor(private readonly options: WsBridgeOptions) {
    this.connect = options.connect ?? ((url) => new WebSocket(url) as unknown as SocketLike);
    this.timers = options.timers ?? browserTimers;
    this.callTimeoutMs = options.callTimeoutMs ?? 15_000;
  }

  start(): void {
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    if (this.reconnectTimer !== null) this.timers.clear(this.reconnectTimer);
    this.reconnectTimer = null;
    const s = this.socket;
    this.socket = null;
    s?.close();
    this.dropped('the bridge was stopped');
  }

  isConnected(): boolean {
    return this.connected;
  }

  call<N extends CallName>(name: N, input: CallInput<N>): Promise<Reply<CallOutput<N>>> {
    const socket = this.socket;
    if (!socket || !this.connected || socket.readyState !== OPEN) {
      return Promise.resolve(failure('disconnected', 'not connected to the engine'));
    }
    const id = this.nextId++;
    const message: ClientMessage = { t: 'call', id, name, input };
    return new Promise((resolve) => {
      const timer = this.timers.set(() => {
        if (this.pending.delete(id)) {
          resolve(failure('timeout', `no reply from the engine within ${Math.round(this.callTimeoutMs / 1000)} s`));
        }
      }, this.callTimeoutMs);
      this.pending.set(id, { resolve: resolve as (r: Reply<unknown>) => void, timer });
      try {
        socket.send(JSON.stringify(message));
      } catch (e) {
        this.settle(id, failure('disconnected', `could not send: ${String(e)}`));
      }
    });
  }

  on<E extends EventName>(name: E, listener: (payload: EventPayloads[E]) => void): () => void {
    let set = this.eventListeners.get(name);
    if (!set) this.eventListeners.set(name, (set = new Set()));
    const l = listener as (payload: never) => void;
    set.add(l);
    return () => set.delete(l);
  }

  /** The listener hears the current state at once, then every change. */
  onConnection(listener: (connected: boolean) => void): () => void {
    this.connectionListeners.add(listener);
    listener(this.connected);
    return () => this.connectionListeners.delete(listener);
  }

  private open(): void {
    if (this.stopped) return;
    let socket: SocketLike;
    try {
      socket = this.connect(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      if (this.socket !== socket) return;
      this.attempt = 0;
      this.setConnected(true);
    };
    socket.onmessage = (ev) => {
      if (this.socket === socket) this.receive(ev.data);
    };
    socket.onerror = () => {
      // A close event always follows; reconnecting happens there.
    };
    socket.onclose = () => {
      if (this.socket !== socket) return;
      this.socket = null;
      this.dropped('the connection to the engine was lost before it replied');
      this.scheduleReconnect();
    };
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnectTimer !== null) return;
    const delay = reconnectDelay(this.attempt++);
    this.reconnectTimer = this.timers.set(() => {
      this.reconnectTimer = null;
      this.open();
    }, delay);
  }

  /** Calls in flight were sent: whether the engine acted on them is unknown, hence their own code. */
  private dropped(reason: string): void {
    for (const id of [...this.pending.keys()]) this.settle(id, failure('connection_lost', reason));
    this.setConnected(false);
  }

  private setConnected(connected: boolean): void {
    if (this.connected === connected) return;
    this.connected = connected;
    for (const l of [...this.connectionListeners]) l(connected);
  }

  private settle(id: number, reply: Reply<unknown>): void {
    const p = this.pending.get(id);
    if (!p) return;
    this.pending.delete(id);
    this.timers.clear(p.timer);
    p.resolve(reply);
  }

  private receive(data: unknown): void {
    let msg: unknown;
    try {
      msg = JSON.parse(typeof data === 'string' ? data : String(data));
    } catch {
      console.warn('bridge: ignored a message that is not JSON');
      return;
    }
    if (!isObject(msg)) return;
    if (msg.t === 'reply') {
      if (typeof msg.id !== 'number') {
        // A reply with no id answers a message the host could not parse: a bug on our side.
        console.error('bridge: the host refused a message', msg.error);
        return;
      }
      if (msg.ok === true) this.settle(msg.id, { ok: true, value: msg.value });
      else this.settle(msg.id, { ok: false, error: asBridgeError(msg.error) });
      return;
    }
    if (msg.t === 'event' && typeof msg.name === 'string') {
      const set = this.eventListeners.get(msg.name);
      if (!set) return;
      for (const l of [...set]) {
        try {
          l(msg.payload as never);
        } catch (e) {
          console.error(`bridge: a listener for "${msg.name}" failed`, e);
        }
      }
    }
  }
}

function failure(code: string, message: string): { ok: false; error: BridgeError } {
  return { ok: false, error: { code, message } };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function asBridgeError(e: unknown): BridgeError {
  if (isObject(e) && typeof e.message === 'string') {
    return { code: typeof e.code === 'string' ? e.code : 'error', message: e.message };
  }
  return { code: 'error', message: 'the engine refused the request' };
}
