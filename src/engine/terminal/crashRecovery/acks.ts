/**
 * The lines the crash child prints, one JSON object per line, and how the parent reads them back.
 * A line is written only after the change it reports is durable in the order journal (the terminal
 * emits 'order' and 'fill' no earlier), so every complete line is a promise the next start must keep.
 */

/** One order as it was acknowledged: the progress the next start may never go back on. */
export interface OrderAck {
  t: 'order';
  id: string;
  status: string;
  qty: number;
  filledQty: number;
  version: number;
}

/** One fill as it was acknowledged: it must exist exactly once after every later start. */
export interface FillAck {
  t: 'fill';
  fillId: string;
  id: string;
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
}

/** The child's code is loaded and Terminal.start (recovery, then reconciliation) begins now. */
export interface StartingLine {
  t: 'starting';
}

/** The child recovered, reconciled and sees live books: trading starts now. */
export interface ReadyLine {
  t: 'ready';
  /** Wall time of Terminal.start (recovery, venue connect and reconciliation). */
  recoveryMs: number;
  orders: number;
  working: number;
  fills: number;
}

export type ChildLine = OrderAck | FillAck | StartingLine | ReadyLine;

export function formatLine(line: ChildLine): string {
  return `${JSON.stringify(line)}\n`;
}

/**
 * Splits a child's stdout into its lines. The last piece is dropped unless it ends with a newline:
 * a SIGKILL can land in the middle of a write, and half a line acknowledges nothing. Any other line
 * that does not parse is the child misbehaving and is an error, not something to skip.
 */
export function parseLines(stdout: string): ChildLine[] {
  const pieces = stdout.split('\n');
  pieces.pop(); // '' after a final newline, or a torn line
  return pieces.map((text, i) => {
    try {
      const line = JSON.parse(text) as { t?: unknown };
      if (line.t !== 'order' && line.t !== 'fill' && line.t !== 'starting' && line.t !== 'ready') throw new Error(`unknown kind ${String(line.t)}`);
      return line as ChildLine;
    } catch (error) {
      throw new Error(`crash child printed an unreadable line ${i + 1}: ${JSON.stringify(text.slice(0, 200))} (${String(error)})`);
    }
  });
}
