/** Errors that cross the engine's edges are values with a stable code and a human reason. */
export type ErrorCode =
  | 'INVALID_INPUT'
  | 'UNKNOWN_INSTRUMENT'
  | 'UNKNOWN_ORDER'
  | 'RISK_REJECTED'
  | 'KILL_SWITCH'
  | 'VENUE_REJECTED'
  | 'VENUE_UNAVAILABLE'
  | 'ILLEGAL_TRANSITION'
  | 'UNAUTHORIZED'
  /** The vault of venue accounts: no account by that id or name. */
  | 'UNKNOWN_ACCOUNT'
  /** The vault is locked, or there is none yet: unlock or create it first. */
  | 'VAULT_LOCKED'
  /** The vault file is refused (damaged, altered, changed by another writer, a newer format) or cannot be read or written. */
  | 'VAULT_FAILED'
  /** The order journal failed, or cannot be opened as it is: no order may be trusted to it. */
  | 'JOURNAL_FAILED'
  | 'JOURNAL_CORRUPT'
  | 'INTERNAL';

export interface SqErrorInfo {
  code: ErrorCode;
  message: string;
}

export class SqError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'SqError';
  }

  toInfo(): SqErrorInfo {
    return { code: this.code, message: this.message };
  }
}

export type Result<T, E = SqErrorInfo> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } });
