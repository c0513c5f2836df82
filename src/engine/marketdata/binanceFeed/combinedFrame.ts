import { isRecord } from '../sync/wireFields';

/**
 * One frame of Binance's combined stream (`{"stream":"btcusdt@depth@100ms","data":<event>}`) read far
 * enough to route it: the stream name and the event, still unchecked. The live feed and the venue bench
 * both route frames through here, so the bench measures the feed's own parsing.
 */
export type CombinedFrame =
  | { ok: true; stream: string; data: unknown }
  | { ok: false; reason: 'unparseable'; text: string }
  | { ok: false; reason: 'noStreamName'; msg: unknown };

export function readCombinedFrame(text: string): CombinedFrame {
  let msg: unknown;
  try {
    msg = JSON.parse(text);
  } catch {
    return { ok: false, reason: 'unparseable', text };
  }
  if (!isRecord(msg) || typeof msg.stream !== 'string' || !('data' in msg)) return { ok: false, reason: 'noStreamName', msg };
  return { ok: true, stream: msg.stream, data: msg.data };
}
