import type { BookScale } from '../engine/marketdata';
import { checkReadable, eachLine } from './lineSource';
import { createFeed, FORMATS, isFormat, type Format } from './replayFeeds';
import { ReplayBook } from './replayBook';
import type { Command } from './command';

const HELP = `usage: sq book-replay --format <format> <file> [<file>...] [--depth N]
                      [--price-decimals P --qty-decimals Q]

Rebuilds one instrument's L2 book from a recorded feed, applying the venue's own sync rule, and
prints ONE JSON object on stdout:
  {"bids":[[price,qty],...],"asks":[[price,qty],...],"updates":n,"gaps":n,"stale":bool}
bids and asks are the best N levels (default 10) of each side, best first, as decimal strings.

formats:
  binance-spot-depth-jsonl   one JSON message per line: REST /api/v3/depth snapshot(s)
                             ({"lastUpdateId",...}) and depthUpdate events (bare or {"stream","data"}).
                             Rule: drop u <= lastUpdateId; the first applied event has
                             U <= lastUpdateId+1 <= u; then each U = previous u + 1.
  binance-futures-depth-csv  CSV with header symbol,timestamp,first_update_id,last_update_id,side,
                             update_type,price,qty,pu: 'snap' rows are one REST snapshot, 'set' rows
                             sharing U,u,pu are one depthUpdate. Rule: drop u < lastUpdateId; the first
                             applied event has U <= lastUpdateId <= u; then each pu = previous u.
  bybit-ob-jsonl             one Bybit v5 WS message per line (orderbook.N.SYMBOL): a snapshot
                             replaces the book (also u=1 after a Bybit restart); a delta needs
                             u = previous u + 1. op/success control messages are skipped.
  tardis-l2-csv              Tardis incremental_book_L2 CSV: rows before the first snapshot are
                             skipped; a new run of is_snapshot=true rows replaces the book; rows
                             sharing local_timestamp are one update. No sequence ids: no gaps.

Several files are read in order as one stream (each CSV file starts with its header), e.g. a
snapshot file then an update file. Files are streamed, never loaded whole.

counts:
  updates  venue update messages applied to the book (depthUpdate events, Bybit deltas, Tardis
           row groups). Snapshots are not counted, nor updates skipped as older than the
           snapshot, arriving before any snapshot, or held after a gap.
  gaps     sequence breaks seen. After a gap nothing is applied (and no further gap counted)
           until a new snapshot arrives.
  stale    true if no snapshot was applied, or a gap happened after the last snapshot: the
           printed book is then the last good state, not the venue's current book.

scale: prices and quantities become integers exactly (never floats). Unless --price-decimals and
--qty-decimals are given, the scale is inferred from the first message with levels (normally the
snapshot): the most digits written after the point in any of its prices (quantities). A later value
with more significant decimals does not fit and is refused.

exit status: 0 done; 1 malformed input (stderr names the file, line and what is wrong) or an
unreadable file; 2 bad command line.`;

interface Options {
  format: Format;
  files: string[];
  depth: number;
  scale?: BookScale;
}

function parseArgs(args: string[]): Options | { help: true } | { error: string } {
  let format: string | undefined;
  let depth = 10;
  let priceDecimals: number | undefined;
  let qtyDecimals: number | undefined;
  const files: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === '--help' || arg === '-h') return { help: true };
    const eq = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    const takeValue = (): string | undefined => (eq > 0 ? arg.slice(eq + 1) : args[++i]);
    switch (name) {
      case '--format':
        format = takeValue();
        break;
      case '--depth':
      case '--price-decimals':
      case '--qty-decimals': {
        const text = takeValue();
        const n = text !== undefined && /^\d+$/.test(text) ? Number(text) : NaN;
        const min = name === '--depth' ? 1 : 0;
        if (!Number.isSafeInteger(n) || n < min || (name !== '--depth' && n > 18)) {
          return { error: `${name} needs an integer ${name === '--depth' ? '>= 1' : 'from 0 to 18'}, got ${text ?? 'nothing'}` };
        }
        if (name === '--depth') depth = n;
        else if (name === '--price-decimals') priceDecimals = n;
        else qtyDecimals = n;
        break;
      }
      default:
        if (arg.startsWith('-') && arg !== '-') return { error: `unknown option ${arg}` };
        files.push(arg);
    }
  }
  if (format === undefined) return { error: `--format is required (${FORMATS.join(' | ')})` };
  if (!isFormat(format)) return { error: `unknown format '${format}' (${FORMATS.join(' | ')})` };
  if (files.length === 0) return { error: 'no input file' };
  if ((priceDecimals === undefined) !== (qtyDecimals === undefined)) return { error: '--price-decimals and --qty-decimals go together' };
  const scale = priceDecimals !== undefined && qtyDecimals !== undefined ? { priceDecimals, qtyDecimals, tickSize: 1, lotSize: 1 } : undefined;
  return { format, files, depth, scale };
}

export const bookReplay: Command = {
  async run(args) {
    const parsed = parseArgs(args);
    if ('help' in parsed) {
      process.stdout.write(HELP + '\n');
      return 0;
    }
    if ('error' in parsed) {
      process.stderr.write(`sq book-replay: ${parsed.error}\n(run 'sq book-replay --help' for usage)\n`);
      return 2;
    }
    const unreadable = await checkReadable(parsed.files);
    if (unreadable) {
      process.stderr.write(`sq book-replay: ${unreadable}\n`);
      return 1;
    }

    const feed = createFeed(parsed.format, { venue: 'replay', symbol: 'REPLAY', scale: parsed.scale });
    const replay = new ReplayBook();
    const failure = await eachLine(parsed.files, (text, first) => {
      const outcomes = feed.line(text, first);
      if (!outcomes.ok) return outcomes.error.message;
      replay.apply(outcomes.value);
      return undefined;
    });
    if (failure) {
      process.stderr.write(`sq book-replay: ${failure.file}:${failure.line}: ${failure.reason}\n`);
      return 1;
    }
    const last = feed.end();
    if (!last.ok) {
      process.stderr.write(`sq book-replay: ${parsed.files.at(-1)}: at end of input: ${last.error.message}\n`);
      return 1;
    }
    replay.apply(last.value);
    const summary = replay.summary(parsed.depth, feed.sync.scale, feed.sync.needsSnapshot);
    process.stdout.write(JSON.stringify(summary) + '\n');
    return 0;
  },
};
