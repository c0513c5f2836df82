import { connect } from 'node:net';
import { parseArgs } from 'node:util';
import { LiveClock, silentLogger } from '../engine/core';
import { KillSwitch } from '../engine/risk';
import { openStore } from '../engine/storage';
import type { KillState } from '../engine/terminal';
import { controlSocketPath, type ControlRequest } from '../main/controlSocket';
import { dataDirFromEnv } from '../main/dataDir';
import type { Command } from './command';

const HELP = `usage: sq kill [--reason TEXT] [--reset] [--status]

Engages the kill switch of the terminal that uses SQ_DATA_DIR (default: the OS app-data folder), for when
its window cannot be used: every working order on every venue is canceled and new orders are refused
until the switch is reset. With no terminal running, the engaged state is written to the data directory
and takes effect (canceling whatever is still working) when the terminal starts.
  --reason TEXT  recorded in the kill switch log (default "engaged from the command line")
  --reset        reset the switch instead (trading resumes)
  --status       only print the state
Exit code: 0 done, 1 failed, 2 bad arguments.`;

export const kill: Command = {
  async run(args) {
    let parsed;
    try {
      parsed = parseArgs({ args, options: { reason: { type: 'string' }, reset: { type: 'boolean' }, status: { type: 'boolean' }, help: { type: 'boolean' } } });
    } catch (error) {
      process.stderr.write(`sq kill: ${(error as Error).message}\n\n${HELP}\n`);
      return 2;
    }
    const { values } = parsed;
    if (values.help) return void process.stdout.write(HELP + '\n'), 0;
    const request: ControlRequest = { command: values.status ? 'status' : values.reset ? 'reset' : 'kill', reason: values.reason };
    const dataDir = dataDirFromEnv();

    const reply = await askRunningTerminal(controlSocketPath(dataDir), request);
    if (reply) {
      if (!reply.ok) return void process.stderr.write(`sq kill: the terminal refused: ${reply.error}\n`), 1;
      process.stdout.write(describe(reply.state, 'running terminal') + '\n');
      return 0;
    }
    // Nobody is listening: act on the stored state, which the terminal honours when it starts.
    const store = openStore(dataDir);
    try {
      const killSwitch = new KillSwitch({ clock: new LiveClock(), store, logger: silentLogger });
      if (request.command === 'kill') killSwitch.engage('cli', request.reason ?? 'engaged from the command line');
      if (request.command === 'reset') killSwitch.reset('cli', 'reset from the command line');
      const status = killSwitch.status();
      process.stdout.write(
        describe({ engaged: status.state === 'engaged', since: status.since, source: status.source, reason: status.reason, history: [], flattenOnEngage: false, venueKill: [], deleteGttsOnKill: false }, `no running terminal; stored in ${dataDir}`) + '\n',
      );
      return 0;
    } finally {
      store.close();
    }
  },
};

type Reply = { ok: true; state: KillState } | { ok: false; error: string };

/** The running terminal's answer, or undefined when no terminal listens on this data directory. */
function askRunningTerminal(path: string, request: ControlRequest): Promise<Reply | undefined> {
  return new Promise((resolve) => {
    const socket = connect(path);
    let text = '';
    socket.setEncoding('utf8');
    socket.setTimeout(10_000, () => socket.destroy(new Error('no answer within 10 s')));
    socket.on('connect', () => socket.write(JSON.stringify(request) + '\n'));
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => {
      try {
        resolve(JSON.parse(text) as Reply);
      } catch {
        resolve({ ok: false, error: `unreadable answer: ${text.slice(0, 200)}` });
      }
    });
    socket.on('error', (error: NodeJS.ErrnoException) =>
      resolve(error.code === 'ENOENT' || error.code === 'ECONNREFUSED' ? undefined : { ok: false, error: error.message }),
    );
  });
}

function describe(state: KillState, where: string): string {
  const lines = [`kill switch ${state.engaged ? 'ENGAGED' : 'off'} (${where})`];
  if (state.since !== undefined) lines.push(`  since ${new Date(state.since).toISOString()} by ${state.source ?? '?'}: ${state.reason ?? ''}`);
  const c = state.lastCancel;
  if (c) {
    lines.push(`  last cancel-all: ${c.canceled} of ${c.requested} canceled in ${c.durationMs} ms`);
    for (const n of c.notCanceled) lines.push(`    not canceled: ${JSON.stringify(n)}`);
  }
  // A venue's own kill (Kite) that failed somewhere: the order or GTT may still be live there.
  for (const o of state.venueKill ?? []) {
    if (o.state === 'running') lines.push(`  ${o.venue}: still running at the venue`);
    else if (o.failures.length === 0) lines.push(`  ${o.venue}: every call went through (${o.canceled} canceled at the venue)`);
    else for (const f of o.failures) lines.push(`  ${o.venue}: ${f.action} failed: ${f.reason}`);
  }
  return lines.join('\n');
}
