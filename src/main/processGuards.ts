import type { Logger } from '../engine/core';
import { errorText } from './errorText';

/**
 * The exit code after an uncaught exception: EX_SOFTWARE ("internal software error"), so a service
 * manager or a person can tell "the terminal halted itself on a bug" from a start-up failure (1).
 */
export const FATAL_EXIT_CODE = 70;

/** How long a fatal exit waits for the kill switch's cancels and the flush before it exits regardless. */
const FATAL_DEADLINE_MS = 15_000;

export interface ProcessGuardOptions {
  logger: Logger;
  /**
   * Stops all trading (the kill switch, source 'system', with `reason`). May return a promise that
   * settles once the cancels it sent are answered; the exit waits for it, up to the deadline.
   */
  haltTrading(reason: string): unknown;
  /** Writes what must reach disk before the process ends (journal, log file). */
  flush(): Promise<void>;
  exit(code: number): void;
  /** Upper bound on halting + flushing before exiting anyway; default FATAL_DEADLINE_MS. */
  fatalDeadlineMs?: number;
}

/** The kill switch's reason: names the error, one line, short enough for the UI and the audit log. */
function reasonFor(error: unknown): string {
  const what = error instanceof Error ? `${error.name}: ${error.message}` : errorText(error);
  const line = what.split('\n')[0] ?? what;
  return `uncaught exception: ${line.length > 160 ? `${line.slice(0, 160)}…` : line}`;
}

/**
 * Process-wide last resort, for the Electron main process and the headless host alike. Returns the
 * function that removes the handlers.
 *
 * - `uncaughtException`: a throw reached the event loop through a synchronous stack, so some object may
 *   be half-updated (an order book, an order's state, a position) and nothing the engine now believes
 *   can be trusted. Trading stops: the kill switch engages (durably: it stays engaged on restart) and
 *   cancels every working order, the journal and logs are flushed, and the process exits with
 *   FATAL_EXIT_CODE. Exiting without the kill switch would leave orders working with no one watching;
 *   carrying on would trade on state that may be wrong.
 * - `unhandledRejection`: the promise's owner has finished its synchronous part and moved on; the
 *   rejection is a failure nobody awaited (a socket write, a file flush, a venue request), not a broken
 *   invariant mid-update. It is logged as an error and the engine keeps running, because halting every
 *   order on a stray rejected promise would itself be the harm. (Node's default would instead turn it
 *   into an uncaught exception and exit with orders working.)
 */
export function installProcessGuards(opts: ProcessGuardOptions): () => void {
  const { logger } = opts;
  const deadlineMs = opts.fatalDeadlineMs ?? FATAL_DEADLINE_MS;
  let halting = false;
  let ignoredWhileHalting = 0;

  /** The logger may be what broke: then the line goes straight to stderr. */
  const log = (level: 'warn' | 'error', fields: object, message: string) => {
    try {
      logger[level](fields, message);
    } catch {
      process.stderr.write(`${message} ${JSON.stringify(fields)}\n`);
    }
  };

  const onUncaught = (error: unknown, origin: string) => {
    if (halting) {
      // The same bug may keep firing (a timer, a stream) while we halt: a few lines, not a flood.
      if (++ignoredWhileHalting <= 5) log('error', { err: errorText(error), origin }, 'uncaught exception while halting (already exiting)');
      return;
    }
    halting = true;
    const reason = reasonFor(error);
    log('error', { err: errorText(error), origin }, 'uncaught exception: engaging the kill switch and exiting');
    const deadline = setTimeout(() => {
      process.stderr.write(`halting after an uncaught exception took over ${deadlineMs} ms; exiting now\n`);
      opts.exit(FATAL_EXIT_CODE);
    }, deadlineMs);
    void (async () => {
      try {
        await opts.haltTrading(reason);
      } catch (haltError) {
        log('error', { err: errorText(haltError) }, 'kill switch could not be engaged after an uncaught exception');
      }
      log('warn', { reason, code: FATAL_EXIT_CODE }, 'exiting after an uncaught exception');
      try {
        await opts.flush();
      } catch (flushError) {
        process.stderr.write(`flush before exit failed: ${errorText(flushError)}\n`);
      }
      clearTimeout(deadline);
      opts.exit(FATAL_EXIT_CODE);
    })();
  };

  const onRejection = (reason: unknown) => {
    log('error', { err: errorText(reason) }, 'unhandled promise rejection (logged; the engine keeps running)');
  };

  process.on('uncaughtException', onUncaught);
  process.on('unhandledRejection', onRejection);
  return () => {
    process.off('uncaughtException', onUncaught);
    process.off('unhandledRejection', onRejection);
  };
}
