import { createInterface } from 'node:readline';
import { createSentimentScorer, LEXICON_NAMES, type LexiconName } from '../engine/signals';
import type { Command } from './command';

const HELP = `usage: sq sentiment score [--lexicon vader|finance] < texts.txt

Reads one text per line on stdin and prints one JSON line for each, in order (an empty line scores
all zeros, so output line N always belongs to input line N):
  {"compound":..,"pos":..,"neu":..,"neg":..}
compound is VADER's normalised score in [-1, 1] (4 decimals; >= 0.05 positive, <= -0.05 negative);
pos, neu and neg are the proportions of the text in each class (3 decimals).
  --lexicon finance  VADER's lexicon plus the finance and crypto vocabulary (default)
  --lexicon vader    VADER's lexicon alone: scores exactly as the vader-sentiment package does

exit status: 0 done; 2 bad command line.`;

/** Parses `score [--lexicon X]`; returns the lexicon or an error message. */
function parseArgs(rest: readonly string[]): { lexicon: LexiconName } | { error: string } {
  let lexicon: LexiconName = 'finance';
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    let value: string | undefined;
    if (arg === '--lexicon') value = rest[++i];
    else if (arg.startsWith('--lexicon=')) value = arg.slice('--lexicon='.length);
    else return { error: `unknown argument '${arg}'` };
    if (value === undefined || !(LEXICON_NAMES as readonly string[]).includes(value)) {
      return { error: `--lexicon takes ${LEXICON_NAMES.join(' or ')}${value === undefined ? '' : ` (not '${value}')`}` };
    }
    lexicon = value as LexiconName;
  }
  return { lexicon };
}

export const sentiment: Command = {
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(HELP + '\n');
      return sub === undefined ? 2 : 0;
    }
    const parsed = sub === 'score' ? parseArgs(rest) : { error: `unknown subcommand '${sub}'` };
    if ('error' in parsed) {
      process.stderr.write(`sq sentiment: ${parsed.error}\n(run 'sq sentiment --help' for usage)\n`);
      return 2;
    }
    const scorer = createSentimentScorer({ lexicon: parsed.lexicon });
    const score = { compound: 0, pos: 0, neu: 0, neg: 0 };
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    let first = true;
    let pending = '';
    // Output is batched: one write per line would dominate the cost on a large input.
    const flush = async () => {
      if (pending.length === 0) return;
      const chunk = pending;
      pending = '';
      if (!process.stdout.write(chunk)) await new Promise((resolve) => process.stdout.once('drain', resolve));
    };
    for await (let text of lines) {
      if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
      scorer.scoreInto(text, score);
      pending += `{"compound":${score.compound},"pos":${score.pos},"neu":${score.neu},"neg":${score.neg}}\n`;
      if (pending.length >= 1 << 16) await flush();
    }
    await flush();
    return 0;
  },
};
