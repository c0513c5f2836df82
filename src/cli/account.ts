import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { LiveClock, silentLogger, SqError } from '../engine/core';
import { Vault, VAULT_FILE_NAME, VaultError, type AccountMarketType, type AccountPatch, type AccountView } from '../engine/secrets';
import { dataDirFromEnv } from '../main/dataDir';
import type { Command } from './command';

/**
 * The terminal and venue layers (Kite login, the connection test) are loaded only by the commands that
 * use them: they bring every venue client with them (ccxt alone is over a second of CPU to load), which
 * add, list, edit, remove and passwd never need, so those start in a fraction of the time.
 */
const terminalLayer = () => import('../engine/terminal');
const venuesLayer = () => import('../engine/venues');

const HELP = `usage: sq account <command> ...

Manages the venue accounts in the encrypted vault of the terminal that uses SQ_DATA_DIR (default: the OS
app-data folder), for headless hosts. Secrets are never taken from the command line (process lists and
shell history show it): a secret is read from stdin, to its end (one trailing newline is dropped).

  add --venue <binance-spot|binance-usdm|kite|ccxt:ID> --name NAME --api-key KEY
      [--testnet] [--rest-url URL] [--stream-url URL] [--ws-api-url URL] [--with-password]
      [--market-types TYPES]
                 adds an account; its secret comes on stdin. Creates the vault on the first add.
                 --with-password: a venue that also wants an API passphrase (ccxt's password: OKX,
                 KuCoin, Bitget, Coinbase Exchange) gets it as the last line of stdin, after the secret
                 --market-types: a ccxt account's markets, comma-separated from spot, swap (perpetuals)
                 and future (dated futures), e.g. spot,swap; default spot. Only these are loaded and
                 traded (swaps and futures: the linear, quote-margined ones)
                 kite (Zerodha Kite Connect): the api key, and the api secret on stdin; --rest-url and
                 --stream-url replace https://api.kite.trade and wss://ws.kite.trade (no testnet, no
                 --ws-api-url); then log in every day with 'login'
  login NAME     a kite account's daily login: prints Kite's login URL, reads the URL Kite redirected to
                 (or just its request_token) on stdin, exchanges it for the day's access token (kept in
                 the vault, never printed) and prints when it expires (06:00 IST). The passphrase comes
                 from SQ_VAULT_PASSPHRASE (stdin carries the redirect)
  logout NAME    forgets a kite account's access token
  list           prints the accounts as JSON: name, venue, environment, enabled, custom endpoints, a ccxt
                 account's market types and a
                 key fingerprint; never a key or a secret
  secrets        prints the names of the other secrets the vault keeps, as JSON (a CryptoPanic source's
                 token is signals:cryptopanic:<source id>, added and removed with its source in the
                 terminal); never a value
  edit NAME [--name NEW] [--testnet | --production] [--rest-url URL] [--stream-url URL] [--ws-api-url URL]
      [--clear-rest-url] [--clear-stream-url] [--clear-ws-api-url] [--api-key KEY] [--market-types TYPES]
                 changes an account; with --api-key the new secret comes on stdin
  enable NAME, disable NAME
  remove NAME    deletes the account's record (revoke the key at the venue too)
  passwd         changes the passphrase: current from SQ_VAULT_PASSPHRASE, new from SQ_VAULT_NEW_PASSPHRASE
  test NAME      connects with the account's key and prints its balances as JSON, or the venue's exact
                 refusal (bad key, IP not whitelisted, trading not enabled, unreachable) with exit code 1

The passphrase comes from SQ_VAULT_PASSPHRASE, or, for commands that read no secret, from stdin. Anything
the same user runs can read a process's environment: prefer stdin, or set the variable only for the one
command (e.g. from a password manager), never in a shell profile.
Exit code: 0 done, 1 failed (wrong passphrase, refused input, damaged vault, the venue refused the key), 2 bad
arguments or no connector.`;

const REFUSED_FLAGS = /^--(secret|api-secret|secret-key|passphrase|password)(=|$)/;

/** A failure to report in one line on stderr, with its exit code. */
class Failure extends Error {
  constructor(
    message: string,
    readonly exitCode: 1 | 2,
  ) {
    super(message);
  }
}

export const account: Command = {
  async run(args) {
    try {
      const refused = args.find((a) => REFUSED_FLAGS.test(a));
      if (refused) {
        const flag = refused.split('=')[0];
        throw new Failure(`${flag} is refused: a secret on the command line shows in the process list and the shell history; pipe it on stdin instead`, 2);
      }
      const [sub, ...rest] = args;
      if (sub === undefined || sub === '--help' || sub === '-h' || sub === 'help') {
        process.stdout.write(HELP + '\n');
        return sub === undefined ? 2 : 0;
      }
      const dataDir = dataDirFromEnv();
      const vault = new Vault({ file: join(dataDir, VAULT_FILE_NAME), clock: new LiveClock() });
      try {
        return await dispatch(vault, sub, rest);
      } finally {
        vault.lock(); // zeroes the data key
      }
    } catch (error) {
      const message = error instanceof Failure || error instanceof VaultError ? error.message : `unexpected error: ${(error as Error).message}`;
      process.stderr.write(`sq account: ${message}\n`);
      return error instanceof Failure ? error.exitCode : 1;
    }
  },
};

async function dispatch(vault: Vault, sub: string, args: string[]): Promise<number> {
  switch (sub) {
    case 'add': {
      const { values } = parse(args, {
        venue: { type: 'string' },
        name: { type: 'string' },
        'api-key': { type: 'string' },
        testnet: { type: 'boolean' },
        'rest-url': { type: 'string' },
        'stream-url': { type: 'string' },
        'ws-api-url': { type: 'string' },
        'with-password': { type: 'boolean' },
        'market-types': { type: 'string' },
      }, 0);
      for (const required of ['venue', 'name', 'api-key'] as const) if (values[required] === undefined) throw new Failure(`add needs --${required}`, 2);
      const passphrase = envPassphrase('add reads the secret from stdin');
      const { secret, password } = values['with-password'] ? splitLastLine(await readStdin('the secret and, on its last line, the password')) : { secret: await readStdin('the secret'), password: undefined };
      if (vault.state() === 'absent') await vault.create(passphrase);
      else await vault.unlock(passphrase);
      const view = vault.add({
        venue: values.venue as never, // checked by the vault's schema, with the rule in its message
        name: values.name!,
        apiKey: values['api-key']!,
        secret,
        ...(password !== undefined ? { password } : {}),
        environment: values.testnet ? 'testnet' : 'production',
        restUrl: values['rest-url'],
        streamUrl: values['stream-url'],
        wsApiUrl: values['ws-api-url'],
        ...marketTypesOf(values['market-types']),
      });
      return print(view);
    }
    case 'list': {
      parse(args, {}, 0);
      if (vault.state() === 'absent') return print([]);
      await vault.unlock(await passphrase());
      return print(vault.list());
    }
    case 'secrets': {
      parse(args, {}, 0);
      if (vault.state() === 'absent') return print([]);
      await vault.unlock(await passphrase());
      return print(vault.secretNames());
    }
    case 'edit': {
      const { values, positionals } = parse(args, {
        name: { type: 'string' },
        testnet: { type: 'boolean' },
        production: { type: 'boolean' },
        'rest-url': { type: 'string' },
        'stream-url': { type: 'string' },
        'ws-api-url': { type: 'string' },
        'clear-rest-url': { type: 'boolean' },
        'clear-stream-url': { type: 'boolean' },
        'clear-ws-api-url': { type: 'boolean' },
        'api-key': { type: 'string' },
        'market-types': { type: 'string' },
      }, 1);
      if (values.testnet && values.production) throw new Failure('edit takes --testnet or --production, not both', 2);
      const patch: AccountPatch = {};
      if (values.name !== undefined) patch.name = values.name;
      if (values.testnet) patch.environment = 'testnet';
      if (values.production) patch.environment = 'production';
      for (const [flag, key] of [['rest-url', 'restUrl'], ['stream-url', 'streamUrl'], ['ws-api-url', 'wsApiUrl']] as const) {
        if (values[flag] !== undefined && values[`clear-${flag}`]) throw new Failure(`edit takes --${flag} or --clear-${flag}, not both`, 2);
        if (values[flag] !== undefined) patch[key] = values[flag];
        if (values[`clear-${flag}`]) patch[key] = null;
      }
      Object.assign(patch, marketTypesOf(values['market-types']));
      let pass: string;
      if (values['api-key'] !== undefined) {
        pass = envPassphrase('edit --api-key reads the new secret from stdin');
        patch.apiKey = values['api-key'];
        patch.secret = await readStdin('the new secret');
      } else {
        pass = await passphrase();
      }
      if (Object.keys(patch).length === 0) throw new Failure('edit needs at least one change', 2);
      await vault.unlock(pass);
      return print(vault.edit(positionals[0]!, patch));
    }
    case 'enable':
    case 'disable': {
      const { positionals } = parse(args, {}, 1);
      await vault.unlock(await passphrase());
      return print(vault.setEnabled(positionals[0]!, sub === 'enable'));
    }
    case 'remove': {
      const { positionals } = parse(args, {}, 1);
      await vault.unlock(await passphrase());
      return print(vault.remove(positionals[0]!));
    }
    case 'passwd': {
      parse(args, {}, 0);
      const current = envPassphrase('passwd takes both passphrases from the environment');
      const next = process.env.SQ_VAULT_NEW_PASSPHRASE;
      if (!next) throw new Failure('passwd takes the new passphrase from SQ_VAULT_NEW_PASSPHRASE, which is not set', 2);
      await vault.changePassphrase(current, next);
      process.stdout.write('vault passphrase changed\n');
      return 0;
    }
    case 'login': {
      const { positionals } = parse(args, {}, 1);
      await vault.unlock(envPassphrase('login reads the redirect from stdin'));
      const clock = new LiveClock();
      const { KiteLogins } = await terminalLayer();
      const kite = new KiteLogins(vault, { clock, logger: silentLogger });
      const name = positionals[0]!;
      process.stdout.write(`${kite.loginUrl(name)}\n`);
      process.stderr.write('Open the URL above, log in to Kite, then paste the URL Kite redirected to (or its request_token) here:\n');
      const redirect = await readLine('the URL Kite redirected to, or its request_token');
      // The running terminal (or another sq) may have changed the file while the trader logged in.
      vault.refresh();
      let view: AccountView;
      try {
        view = await kite.complete(name, redirect);
      } catch (error) {
        throw new Failure(error instanceof SqError ? `${name}: ${error.message}` : `${name}: ${(error as Error).message}`, 1);
      }
      const until = view.session?.expiresAt;
      const { formatIst } = await venuesLayer();
      process.stdout.write(`${view.name}: logged in to Kite until ${until === undefined ? '?' : `${formatIst(until)} (${new Date(until).toISOString()})`}\n`);
      return 0;
    }
    case 'logout': {
      const { positionals } = parse(args, {}, 1);
      await vault.unlock(await passphrase());
      const { KiteLogins } = await terminalLayer();
      const kite = new KiteLogins(vault, { clock: new LiveClock(), logger: silentLogger });
      try {
        return print(kite.end(positionals[0]!, 'logged out with sq account logout'));
      } catch (error) {
        throw new Failure(error instanceof SqError ? error.message : (error as Error).message, 1);
      }
    }
    case 'test': {
      const { positionals } = parse(args, {}, 1);
      await vault.unlock(await passphrase());
      const name = positionals[0]!;
      const settings = vault.settings(name);
      const { testAccount } = await terminalLayer();
      let balances;
      try {
        // Settings and credentials go straight to the connection test; the secret is printed nowhere.
        // A kite account connects with the day's access token (absent: "Kite session expired: log in again").
        const session = vault.session(name);
        balances = await testAccount({ ...settings, ...vault.credentials(name), ...(session ? { session } : {}) }, { clock: new LiveClock(), logger: silentLogger, dataDir: dataDirFromEnv() });
      } catch (error) {
        throw new Failure(error instanceof SqError ? error.message : `${name}: ${(error as Error).message}`, 1);
      }
      process.stdout.write(JSON.stringify({ account: settings.name, venue: settings.venue, environment: settings.environment, balances }, null, 2) + '\n');
      return 0;
    }
    default:
      throw new Failure(`unknown command '${sub}' (run 'sq account --help')`, 2);
  }
}

type Options = NonNullable<Parameters<typeof parseArgs>[0]>['options'];

/** parseArgs, strict, with exactly `positionals` positional arguments (the account's name). */
function parse<T extends Options>(args: string[], options: T, positionals: 0 | 1) {
  let parsed;
  try {
    parsed = parseArgs({ args, options: options as T & Options, allowPositionals: positionals > 0, strict: true });
  } catch (error) {
    throw new Failure(`${(error as Error).message} (run 'sq account --help')`, 2);
  }
  if (parsed.positionals.length !== positionals) throw new Failure(positionals ? 'give the account NAME' : 'this command takes no NAME', 2);
  return parsed;
}

/** `--market-types spot,swap` as the vault's field (which checks the names, their count and the venue); absent: none. */
function marketTypesOf(flag: string | undefined): { marketTypes?: AccountMarketType[] } {
  if (flag === undefined) return {};
  return { marketTypes: flag.split(',').map((t) => t.trim()) as AccountMarketType[] };
}

function envPassphrase(why: string): string {
  const value = process.env.SQ_VAULT_PASSPHRASE;
  if (!value) throw new Failure(`set SQ_VAULT_PASSPHRASE: ${why}, so the passphrase can only come from the environment`, 2);
  return value;
}

/** `--with-password`'s stdin: the secret (a PEM key may span lines), then the password on the last line. */
function splitLastLine(text: string): { secret: string; password: string } {
  const at = text.lastIndexOf('\n');
  if (at <= 0 || at === text.length - 1) throw new Failure('--with-password: put the secret, then the password on a line of its own, on stdin', 2);
  return { secret: text.slice(0, at).replace(/\r$/, ''), password: text.slice(at + 1).replace(/\r$/, '') };
}

/** SQ_VAULT_PASSPHRASE if set, else stdin. */
async function passphrase(): Promise<string> {
  return process.env.SQ_VAULT_PASSPHRASE || (await readStdin('the passphrase (or set SQ_VAULT_PASSPHRASE)'));
}

/**
 * The first line on stdin (a terminal is fine here: a request token is single-use and worthless without
 * the api secret, which the vault holds). Empty input fails.
 */
async function readLine(what: string): Promise<string> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity, terminal: false });
  try {
    for await (const line of lines) if (line.trim() !== '') return line.trim();
  } finally {
    lines.close();
  }
  throw new Failure(`stdin ended without ${what}`, 2);
}

/** All of stdin as text, one trailing newline dropped. A terminal is refused: what is typed there is echoed. */
async function readStdin(what: string): Promise<string> {
  if (process.stdin.isTTY) throw new Failure(`pipe ${what} on stdin (e.g. from a password manager); typing it at the terminal is not supported`, 2);
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  const text = bytes.toString('utf8').replace(/\r?\n$/, '');
  bytes.fill(0);
  for (const chunk of chunks) chunk.fill(0);
  if (text === '') throw new Failure(`stdin is empty: pipe ${what} on it`, 2);
  return text;
}

function print(value: AccountView | AccountView[] | string[]): number {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
  return 0;
}
