/**
 * `sq`: the terminal's command line (`npm run sq -- <command> ...`). This file only dispatches: each
 * command lives in its own module, loaded on demand so one command's imports never slow another.
 * A command's run() returns the exit code; nothing here calls process.exit, so stdout is flushed.
 */
import type { Command } from './command';

const commands: Record<string, { summary: string; load: () => Promise<Command> }> = {
  account: {
    summary: 'add, list, edit, remove and test the venue accounts in the encrypted vault (secrets on stdin, never argv)',
    load: async () => (await import('./account')).account,
  },
  'book-replay': {
    summary: 'rebuild an L2 book from a recorded feed and print its top levels as JSON',
    load: async () => (await import('./bookReplay')).bookReplay,
  },
  kite: {
    summary: 'Zerodha Kite tools: `kite ticks <file>` decodes recorded KiteTicker binary frames to JSON lines',
    load: async () => (await import('./kiteTicks')).kite,
  },
  options: {
    summary: 'option tools: `options price` prices JSON lines on stdin (BSM/Black-76 price, Greeks, or implied vol from a price)',
    load: async () => (await import('./optionsPrice')).options,
  },
  sentiment: {
    summary: 'sentiment tools: `sentiment score [--lexicon vader|finance]` scores one text per stdin line (VADER, JSON lines out)',
    load: async () => (await import('./sentimentScore')).sentiment,
  },
  kill: {
    summary: "engage (or --reset) the kill switch of the terminal using SQ_DATA_DIR, even when its window is hung",
    load: async () => (await import('./kill')).kill,
  },
};

function usage(): string {
  const names = Object.keys(commands);
  const width = Math.max(...names.map((n) => n.length));
  const lines = names.map((n) => `  ${n.padEnd(width)}  ${commands[n]!.summary}`);
  return ['usage: sq <command> [options]', '', 'commands:', ...lines, '', "run 'sq <command> --help' for a command's options"].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    process.stdout.write(usage() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = commands[name];
  if (!command) {
    process.stderr.write(`sq: unknown command '${name}'\n\n${usage()}\n`);
    return 2;
  }
  return (await command.load()).run(rest);
}

process.exitCode = await main(process.argv.slice(2));
