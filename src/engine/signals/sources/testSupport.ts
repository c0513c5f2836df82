/**
 * Test-only: a loopback HTTP server that serves the sources' payloads, one answer per path, which a
 * test changes as it goes, including the hostile ones: a body that never ends, a response that never
 * comes, a wrong status. Never imported by production code.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type FeedAnswer =
  | { kind: 'body'; status?: number; contentType: string; body: string | Buffer; headers?: Record<string, string> }
  /** Headers, then chunks of `chunk` for as long as the client reads (a response with no end). */
  | { kind: 'endless'; contentType: string; chunk: string }
  /** The request is read and never answered. */
  | { kind: 'hang' };

export interface FeedLoopback {
  url: string;
  /** Sets what GET `path` (without the query) answers from now on. */
  serve(path: string, answer: FeedAnswer): void;
  /** Every request seen: path with its query string. */
  readonly requests: string[];
  stop(): Promise<void>;
}

export const body = (contentType: string, text: string | Buffer, status = 200, headers: Record<string, string> = {}): FeedAnswer => ({
  kind: 'body', status, contentType, body: text, headers,
});

export async function startFeedLoopback(): Promise<FeedLoopback> {
  const answers = new Map<string, FeedAnswer>();
  const requests: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = req.url ?? '/';
    requests.push(url);
    const path = url.split('?')[0]!;
    const a = answers.get(path);
    if (!a) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    if (a.kind === 'hang') {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      return;
    }
    if (a.kind === 'endless') {
      res.writeHead(200, { 'content-type': a.contentType });
      let open = true;
      res.on('close', () => (open = false));
      const pump = () => {
        // Writes until the socket buffer is full, then waits for it to drain; stops when the client goes.
        while (open && res.write(a.chunk));
        if (open) res.once('drain', pump);
      };
      pump();
      return;
    }
    const buf = typeof a.body === 'string' ? Buffer.from(a.body, 'utf8') : a.body;
    res.writeHead(a.status ?? 200, { 'content-type': a.contentType, 'content-length': String(buf.length), ...a.headers });
    res.end(buf);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    serve: (path, answer) => void answers.set(path, answer),
    requests,
    stop: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export { waitFor } from '../../core/testSupport';
/** The recorded, real-format payloads, for tests of other folders (which enter only through testSupport). */
export * from './payloads.fixture';
