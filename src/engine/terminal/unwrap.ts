import { type Result, SqError } from '../core';

/** A Result's value, or its error thrown as an SqError (the bridge answers it with its code). */
export function unwrap<T>(result: Result<T>): T {
  if (!result.ok) throw new SqError(result.error.code, result.error.message);
  return result.value;
}
