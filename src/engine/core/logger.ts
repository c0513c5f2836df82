/**
 * The logging surface the engine needs; pino's Logger satisfies it, and tests can pass `silentLogger`.
 * Structured first: the object carries the facts, the message says what happened.
 */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
}

const nothing = (): void => {};
export const silentLogger: Logger = { debug: nothing, info: nothing, warn: nothing, error: nothing };
