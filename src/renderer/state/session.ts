import { create } from 'zustand';
import type { Status } from '../../contract/api';

interface SessionState {
  /** The transport to the engine is up. */
  connected: boolean;
  /** Set once the first connection was made, to tell "starting" from "lost". */
  everConnected: boolean;
  status: Status | null;
  /** Round trip of system.ping, the last measurement. */
  latencyMs: number | null;
  /** Engine clock minus local clock, from ping: lets the status bar tick the engine time every second. */
  engineOffsetMs: number | null;
  /** The last thing that went wrong talking to the engine outside a user action (shown in the status bar). */
  lastError: string | null;
}

export const useSession = create<SessionState>()(() => ({
  connected: false,
  everConnected: false,
  status: null,
  latencyMs: null,
  engineOffsetMs: null,
  lastError: null,
}));
