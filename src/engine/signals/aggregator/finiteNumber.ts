/**
 * A zod number that names the problem: zod 4 rejects NaN and ±Infinity inside z.number() itself, with a generic
 * message; a trader typing a weight or a threshold needs to read which field is wrong and why.
 */
import { z } from 'zod';

export function finiteNumber(what: string) {
  return z.number({
    error: (iss) => (typeof iss.input === 'number' && !Number.isNaN(iss.input) ? `${what} must be finite` : `${what} must be a number`),
  });
}
