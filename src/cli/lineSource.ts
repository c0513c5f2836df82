import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';

/** Checks the files can be read before any work, so a typo fails fast and clearly. */
export async function checkReadable(files: readonly string[]): Promise<string | undefined> {
  for (const file of files) {
    try {
      const s = await stat(file);
      if (!s.isFile()) return `${file}: not a file`;
    } catch (error) {
      return `${file}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String(error)}`;
    }
  }
  return undefined;
}

/**
 * Visits the lines of the files in order, streamed with readline: recordings can be far larger than
 * memory, so a file is never read whole. Blank lines are skipped; CRLF line ends and a UTF-8 BOM are accepted.
 * `first` is true for the first non-blank line of each file (a CSV header). The visitor returns a
 * reason to stop at that line, which is returned with the line's position.
 */
export async function eachLine(
  files: readonly string[],
  visit: (text: string, first: boolean) => string | undefined,
): Promise<{ file: string; line: number; reason: string } | undefined> {
  for (const file of files) {
    const input = createReadStream(file);
    const lines = createInterface({ input, crlfDelay: Infinity });
    let line = 0;
    let first = true;
    try {
      for await (let text of lines) {
        line++;
        if (text.length === 0 || (text.charCodeAt(0) <= 32 && text.trim().length === 0)) continue;
        // A byte-order mark would otherwise corrupt the first JSON value or CSV column name.
        if (first && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        const reason = visit(text, first);
        first = false;
        if (reason !== undefined) return { file, line, reason };
      }
    } finally {
      lines.close();
      input.destroy();
    }
  }
  return undefined;
}
