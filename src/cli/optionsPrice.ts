import { createInterface } from 'node:readline';
import { z } from 'zod';
import { greeks, impliedVol, type OptionInputs } from '../engine/options';
import type { Command } from './command';

const HELP = `usage: sq options price < options.jsonl

Reads one option per line of JSON on stdin and prints one JSON line for each, in order:
  in:  {"model":"bsm"|"black76", "type":"call"|"put", "S":spot (bsm) or "F":future (black76),
        "K":strike, "T":years, "r":rate, "q":dividend yield (bsm; default 0), and either
        "sigma":volatility or "price":premium (to solve for the implied volatility)}
  out: {"price","delta","gamma","vega","theta","rho","iv"}
Conventions: T in years (ACT/365); r, q, sigma continuous and annual (0.05 = 5%); theta per
calendar day; vega and rho per 1 percentage point; prices in the currency of S (or F) and K.
Black-76's rho moves the discount factor only (-T x price / 100).
A bad line (not JSON, a missing or invalid field, a price outside the arbitrage bounds) prints
{"error": "line N: ..."} and the rest go on.

exit status: 0 every line priced; 1 some line was bad; 2 bad command line.`;

const positive = (name: string) => z.number({ error: `${name} must be a number` }).finite(`${name} must be finite`).positive(`${name} must be positive`);
const finite = (name: string) => z.number({ error: `${name} must be a number` }).finite(`${name} must be finite`);

const lineSchema = z
  .object({
    model: z.enum(['bsm', 'black76'], { error: 'model must be "bsm" or "black76"' }),
    type: z.enum(['call', 'put'], { error: 'type must be "call" or "put"' }),
    S: positive('S').optional(),
    F: positive('F').optional(),
    K: positive('K'),
    T: finite('T').nonnegative('T must not be negative'),
    r: finite('r'),
    q: finite('q').optional(),
    sigma: finite('sigma').nonnegative('sigma must not be negative').optional(),
    price: finite('price').nonnegative('price must not be negative').optional(),
  })
  .strict()
  .superRefine((o, ctx) => {
    if (o.model === 'bsm' && (o.S === undefined || o.F !== undefined)) ctx.addIssue({ code: 'custom', message: 'bsm takes the spot "S" (not "F")' });
    if (o.model === 'black76' && (o.F === undefined || o.S !== undefined)) ctx.addIssue({ code: 'custom', message: 'black76 takes the future "F" (not "S")' });
    if (o.model === 'black76' && o.q !== undefined) ctx.addIssue({ code: 'custom', message: 'black76 has no dividend yield "q"' });
    if ((o.sigma === undefined) === (o.price === undefined)) ctx.addIssue({ code: 'custom', message: 'give exactly one of "sigma" and "price"' });
  });

type Output = { price: number; delta: number; gamma: number; vega: number; theta: number; rho: number; iv: number } | { error: string };

/** One input line to its output object. Exported for the tests of the conversion itself. */
export function priceLine(text: string, lineNo: number): Output {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { error: `line ${lineNo}: not JSON` };
  }
  const parsed = lineSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const message = issue.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : issue.message;
    return { error: `line ${lineNo}: ${message}` };
  }
  const o = parsed.data;
  const inputs: OptionInputs = {
    model: o.model,
    right: o.type,
    spot: (o.model === 'bsm' ? o.S : o.F)!,
    strike: o.K,
    years: o.T,
    rate: o.r,
    dividend: o.q ?? 0,
    sigma: o.sigma ?? 0,
  };
  if (o.price !== undefined) {
    const solved = impliedVol(o.price, inputs);
    if (!solved.ok) return { error: `line ${lineNo}: price ${o.price}: ${solved.reason}` };
    inputs.sigma = solved.iv;
  }
  const g = greeks(inputs);
  return { price: g.price, delta: g.delta, gamma: g.gamma, vega: g.vega, theta: g.theta, rho: g.rho, iv: inputs.sigma };
}

export const options: Command = {
  async run(args) {
    const [sub, ...rest] = args;
    if (sub === undefined || sub === '--help' || sub === '-h' || rest.includes('--help') || rest.includes('-h')) {
      process.stdout.write(HELP + '\n');
      return sub === undefined ? 2 : 0;
    }
    if (sub !== 'price' || rest.length > 0) {
      process.stderr.write(`sq options: unknown arguments '${args.join(' ')}'\n(run 'sq options --help' for usage)\n`);
      return 2;
    }
    let bad = 0;
    let lineNo = 0;
    const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
    for await (const text of lines) {
      lineNo++;
      if (text.trim().length === 0) continue;
      const out = priceLine(text, lineNo);
      if ('error' in out) bad++;
      if (!process.stdout.write(JSON.stringify(out) + '\n')) await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
    return bad > 0 ? 1 : 0;
  },
};
