import { createHash } from 'node:crypto';
import { existsSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { join } from 'node:path';
import { z } from 'zod';
import type { Logger } from '../engine/core';
import type { Terminal } from '../engine/terminal';

/**
 * The terminal's local control line, for when the UI cannot be used: `sq kill` talks to it. It is a Unix
 * socket inside the data directory (a named pipe derived from it on Windows), so only a user who can
 * read that directory can reach it, and it offers only the kill switch.
 */
export function controlSocketPath(dataDir: string, platform = process.platform): string {
  if (platform === 'win32') return `\\\\.\\pipe\\shrivenquant-${createHash('sha256').update(dataDir).digest('hex').slice(0, 16)}`;
  return join(dataDir, 'control.sock');
}

export const controlRequest = z
  .object({ command: z.enum(['kill', 'reset', 'status']), reason: z.string().max(200).optional() })
  .strict();
export type ControlRequest = z.infer<typeof controlRequest>;

export async function startControlSocket(dataDir: string, terminal: Terminal, logger: Logger): Promise<{ close(): Promise<void> }> {
  const path = controlSocketPath(dataDir);
  await removeStaleSocket(path);
  const server: Server = createServer((socket) => serve(socket, terminal, logger));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => resolve());
  });
  logger.info({ path }, 'control socket listening');
  return {
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
      }),
  };
}

function serve(socket: Socket, terminal: Terminal, logger: Logger): void {
  let buffered = '';
  socket.setEncoding('utf8');
  socket.on('data', (chunk: string) => {
    buffered += chunk;
    if (buffered.length > 64 * 1024) return void socket.destroy();
    const newline = buffered.indexOf('\n');
    if (newline < 0) return;
    const line = buffered.slice(0, newline);
    let reply: unknown;
    try {
      const request = controlRequest.parse(JSON.parse(line));
      logger.warn({ request }, 'control socket command');
      const reason = request.reason ?? 'engaged from the command line';
      const state =
        request.command === 'kill'
          ? terminal.engageKillSwitch('cli', reason)
          : request.command === 'reset'
            ? terminal.resetKillSwitch('cli')
            : terminal.killState();
      reply = { ok: true, state };
    } catch (error) {
      logger.warn({ err: String(error) }, 'control socket: malformed request dropped');
      reply = { ok: false, error: 'expected one JSON line {"command":"kill"|"reset"|"status","reason"?:string}' };
    }
    socket.end(JSON.stringify(reply) + '\n');
  });
  socket.on('error', () => socket.destroy());
}

/** A socket file left by a terminal that died is removed; one that answers belongs to a running terminal. */
async function removeStaleSocket(path: string): Promise<void> {
  if (process.platform === 'win32' || !existsSync(path)) return;
  const alive = await new Promise<boolean>((resolve) => {
    const probe = connect(path);
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
  if (alive) throw new Error(`another ShrivenQuant terminal is already running on this data directory (${path})`);
  unlinkSync(path);
}
