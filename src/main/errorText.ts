/**
 * An error as one log field: its stack when it has one (the message is its first line). Never throws,
 * whatever was thrown: a value with no toString (an object without a prototype) or one that cannot be
 * serialised still gets a line, so the handler logging it cannot fail in turn.
 */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.stack ?? `${error.name}: ${error.message}`;
  try {
    return `non-error thrown: ${JSON.stringify(error)}`;
  } catch {
    return `non-error thrown (${typeof error})`;
  }
}
