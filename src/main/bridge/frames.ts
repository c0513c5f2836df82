import type { RawData } from 'ws';
import { clientMessage, type ClientMessage } from '../../contract';

/** A frame read off the socket: a call to dispatch, or why it is refused and which call it answers. */
export type Frame =
  | { ok: true; call: ClientMessage }
  | { ok: false; id: number | null; message: string; log: string };

/** The id of a message that is not a valid envelope, when it has a usable one (else the reply's id is null). */
function recoverId(raw: unknown): number | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const id = (raw as { id?: unknown }).id;
  return typeof id === 'number' && Number.isSafeInteger(id) && id >= 0 ? id : null;
}

/**
 * Reads one WebSocket message as the bridge's envelope {t:"call", id, name, input}. The socket is a
 * trust boundary: binary, non-JSON and malformed envelopes are refused with a reason, never thrown.
 */
export function readFrame(data: RawData, isBinary: boolean): Frame {
  if (isBinary) return { ok: false, id: null, message: 'binary frames are not accepted: send JSON text', log: 'binary frame' };
  const text = Buffer.isBuffer(data) ? data.toString('utf8') : Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data).toString('utf8');
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return { ok: false, id: null, message: 'message is not JSON', log: 'not JSON' };
  }
  const parsed = clientMessage.safeParse(raw);
  if (!parsed.success) return { ok: false, id: recoverId(raw), message: 'expected {t:"call", id, name, input}', log: 'bad envelope' };
  return { ok: true, call: parsed.data };
}
