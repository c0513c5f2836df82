import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from '../engine/core';
import { redactCredentials } from './redact';

export interface HostLogger extends Logger {
  readonly file: string;
  flushAndClose(): Promise<void>;
}

/**
 * Structured logs to <dataDir>/logs/terminal.log; warnings and errors also to stderr so a person
 * running the headless host sees them. stdout is left to the one line with the URL. Every line has its
 * credentials taken out first (redact.ts), at any depth.
 */
export function createLogger(dataDir: string): HostLogger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terminal.log');
  const fileStream = pino.destination({ dest: file, sync: false, mkdir: true });
  const level = process.env.SQ_LOG_LEVEL ?? 'info';
  const log = pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime, formatters: { log: redactCredentials } },
    pino.multistream([
      { level: level as pino.Level, stream: fileStream },
      { level: 'warn', stream: process.stderr },
    ]),
  );
  return {
    file,
    debug: (obj, msg) => log.debug(obj, msg),
    info: (obj, msg) => log.info(obj, msg),
    warn: (obj, msg) => log.warn(obj, msg),
    error: (obj, msg) => log.error(obj, msg),
    // end() writes what is buffered (once the file is open), fsyncs and closes: 'close' means it is on
    // disk. (flush() alone returns at once: the destination has no minimum length to wait for.) Bounded,
    // so a log file that never opened cannot hold up a shutdown.
    flushAndClose: () =>
      new Promise<void>((done) => {
        const finished = (): void => {
          clearTimeout(deadline);
          done();
        };
        const deadline = setTimeout(finished, 2_000);
        deadline.unref();
        fileStream.once('close', finished);
        fileStream.once('error', finished); // moot at exit
        try {
          fileStream.end();
        } catch {
          finished(); // already closed
        }
      }),
  };
}
