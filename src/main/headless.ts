import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resolveBookWorker } from '../engine/book';
import { dataDirFromEnv } from './dataDir';
import { guardEngineHost, startEngineHost } from './engineHost';
import { startWsHost } from './bridge/wsHost';
import { kiteRedirectAnswer } from './kiteRedirect';

/**
 * The headless host: the same engine as the Electron app, serving the built renderer and the bridge on
 * 127.0.0.1. It prints exactly one line to stdout, the URL to open (with this run's token).
 */
const here = dirname(fileURLToPath(import.meta.url));

function parsePort(text: string | undefined): number {
  if (text === undefined || text === '') return 0;
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`SQ_PORT must be a port number from 0 to 65535, got "${text}"`);
    process.exit(2);
  }
  return port;
}

const dataDir = dataDirFromEnv();
const port = parsePort(process.env.SQ_PORT);
// Bundled, the worker sits beside this file; from source (tsx), beside workerPath.ts, which the default finds.
const bookWorker = import.meta.url.endsWith('.ts') ? resolveBookWorker() : resolveBookWorker(import.meta.url);
const host = await startEngineHost({ dataDir, mode: 'headless', bookWorker });
const ws = await startWsHost({
  port,
  rendererDir: join(here, '..', 'renderer'),
  dispatcher: host.dispatcher,
  sessions: host.sessions,
  logger: host.logger,
  kiteRedirect: (target) => kiteRedirectAnswer(host.terminal, target),
});
guardEngineHost(host, { beforeShutdown: () => ws.close(), exit: (code) => process.exit(code) });
host.logger.info({ url: ws.url.replace(/token=.*/, 'token=…'), dataDir }, 'headless host listening');
console.log(`ShrivenQuant running at ${ws.url}`);

let closing = false;
async function shutdown(signal: string): Promise<void> {
  if (closing) return;
  closing = true;
  host.logger.info({ signal }, 'shutting down');
  await ws.close();
  await host.shutdown();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
