import { createReadStream } from 'node:fs';
import { KiteFrameDecoder, tickJson, type TickSink } from '../engine/venues';
import type { Command } from './command';
import { checkReadable } from './lineSource';

const HELP = `usage: sq kite ticks <file>

Decodes a file of raw KiteTicker binary frames, as received on the socket, back to back, each
prefixed by its byte length as a 4-byte big-endian integer. Prints one JSON object per tick packet
per line:
  instrument_token, mode (ltp | quote | full), tradable, last_price, and every other field the
  packet carries, named as kiteconnect's parser names them (last_traded_quantity,
  average_traded_price, volume_traded, total_buy_quantity, total_sell_quantity, ohlc,
  last_trade_time, exchange_timestamp, oi, oi_day_high, oi_day_low, depth.buy/sell[5] of
  {quantity, price, orders}).
Prices are exact decimal strings in rupees (paise / 100; currency derivatives: NSE / 10^7,
BSE / 10^4); times are ISO-8601 UTC, null when the exchange sent none. An index packet's
'change' is the price change it carries (kiteconnect replaces it with a percentage).
One-byte frames (heartbeats) print nothing.

A cut or malformed frame prints {"error": "..."} naming the frame (counted from 1) and the
rest go on; a length prefix that cannot be right ends the file, since nothing after it can be
framed.

exit status: 0 every frame read; 1 some frame was cut or malformed, or the file is unreadable;
2 bad command line.`;

/** A frame longer than this is not a ticker frame (3,000 full ticks are about 560 KB): the length prefix is wrong. */
const MAX_FRAME_BYTES = 16 * 1024 * 1024;

class Printer {
  private lines: string[] = [];
  errors = 0;

  line(json: unknown): void {
    this.lines.push(JSON.stringify(json));
  }

  error(message: string): void {
    this.errors++;
    this.line({ error: message });
  }

  /** Writes what is buffered, waiting for stdout to drain when it asks to. */
  async flush(): Promise<void> {
    if (this.lines.length === 0) return;
    const text = this.lines.join('\n') + '\n';
    this.lines = [];
    if (!process.stdout.write(text)) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
}

async function decodeFile(file: string, out: Printer): Promise<void> {
  const decoder = new KiteFrameDecoder();
  let frameNo = 0;
  const sink: TickSink = {
    tick: (t) => out.line(tickJson(t)),
    malformed: (reason) => out.error(`frame ${frameNo}: ${reason}`),
  };
  let pending: Buffer = Buffer.alloc(0);
  // Frames are decoded as they arrive: a recording can be far larger than memory.
  for await (const chunk of createReadStream(file)) {
    pending = pending.length ? Buffer.concat([pending, chunk as Buffer]) : (chunk as Buffer);
    let o = 0;
    while (pending.length - o >= 4) {
      const length = pending.readUInt32BE(o);
      if (length > MAX_FRAME_BYTES) {
        out.error(`frame ${frameNo + 1}: length prefix ${length} bytes is not a ticker frame; the rest of the file cannot be framed`);
        return;
      }
      if (pending.length - o - 4 < length) break;
      frameNo++;
      decoder.decode(pending.subarray(o + 4, o + 4 + length), sink);
      o += 4 + length;
    }
    pending = pending.subarray(o);
    await out.flush();
  }
  if (pending.length > 0) {
    const announced = pending.length >= 4 ? `${pending.readUInt32BE(0)} bytes announced, ${pending.length - 4} present` : `${pending.length} bytes of its 4-byte length prefix`;
    out.error(`frame ${frameNo + 1}: cut at the end of the file (${announced})`);
  }
}

export const kite: Command = {
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(HELP + '\n');
      return sub === undefined ? 2 : 0;
    }
    if (sub !== 'ticks') {
      process.stderr.write(`sq kite: unknown subcommand '${sub}'\n(run 'sq kite --help' for usage)\n`);
      return 2;
    }
    if (rest.length !== 1 || rest[0]!.startsWith('-')) {
      process.stderr.write(`sq kite ticks: needs exactly one file, got ${rest.length ? rest.join(' ') : 'none'}\n(run 'sq kite --help' for usage)\n`);
      return 2;
    }
    const file = rest[0]!;
    const unreadable = await checkReadable([file]);
    if (unreadable) {
      process.stderr.write(`sq kite ticks: ${unreadable}\n`);
      return 1;
    }
    const out = new Printer();
    try {
      await decodeFile(file, out);
    } catch (e) {
      await out.flush();
      process.stderr.write(`sq kite ticks: ${file}: ${(e as Error).message}\n`);
      return 1;
    }
    await out.flush();
    return out.errors > 0 ? 1 : 0;
  },
};
