import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root: the cli tests run `src/cli/sq.ts` from here, as `npm run sq` does. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface SqRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real command line (`node --import tsx src/cli/sq.ts ...args`) in a child process, as
 * `npm run -s sq -- ...` does. With `input`, it is written to stdin and stdin is closed; without, stdin is
 * left as the child found it (commands that read no stdin never notice).
 */
export function runSq(args: readonly string[], input?: string): Promise<SqRun> {
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/sq.ts', ...args], { cwd: REPO_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
    if (input !== undefined) child.stdin.end(input);
  });
}
