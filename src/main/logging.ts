import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import pino from 'pino';
import type { Logger } from '../engine/core';

export interface HostLogger extends Logger {
  readonly file: string;
  flushAndClose(): Promise<void>;
}

/**
 * Structured logs to <dataDir>/logs/terminal.log; warnings and errors also to stderr so a person
 * running the headless host sees them. stdout is left to the one line with the URL.
 */
export function createLogger(dataDir: string): HostLogger {
  const dir = join(dataDir, 'logs');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'terminal.log');
  const fileStream = pino.destination({ dest: file, sync: false, mkdir: true });
  const level = process.env.SQ_LOG_LEVEL ?? 'info';
  const log = pino(
    { level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime },
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
    flushAndClose: () =>
      new Promise<void>((done) => {
        fileStream.flush((/* error is moot at exit */) => {
          fileStream.end();
          done();
        });
      }),
  };
}
