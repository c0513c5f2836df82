import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic } from './staticFiles';

const csp = "default-src 'self'";

/**
 * The renderer is split into chunks (the main script, vendor-*.js, one per lazily loaded panel) that the
 * page imports from assets/: the headless host must serve each as JavaScript, or the browser refuses
 * to run it (X-Content-Type-Options: nosniff) and that panel never loads.
 */
describe('serveStatic and the renderer chunks', () => {
  let root: string;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'sq-static-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><script type="module" src="./assets/index-a1.js"></script>');
    writeFileSync(join(root, 'assets', 'index-a1.js'), 'import("./Risk-b2.js");');
    writeFileSync(join(root, 'assets', 'Risk-b2.js'), 'export const Risk = 1;');
    writeFileSync(join(root, 'assets', 'vendor-aggrid-c3.js'), 'export {};');
    writeFileSync(join(root, 'assets', 'index-d4.css'), 'body{}');
    server = createServer((req, res) => void serveStatic(root, new URL(req.url ?? '/', 'http://host').pathname, res, csp));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    rmSync(root, { recursive: true, force: true });
  });

  it('serves the main script, a lazily loaded panel and a vendor chunk as JavaScript, with the CSP and nosniff', async () => {
    for (const path of ['/assets/index-a1.js', '/assets/Risk-b2.js', '/assets/vendor-aggrid-c3.js']) {
      const res = await fetch(base + path);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type'), path).toBe('text/javascript; charset=utf-8');
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(res.headers.get('content-security-policy'), path).toBe(csp);
    }
    expect(await (await fetch(`${base}/assets/Risk-b2.js`)).text()).toBe('export const Risk = 1;');
  });

  it('serves the page at / and the stylesheet as CSS; a chunk that is not there is a 404, not the page', async () => {
    expect((await fetch(`${base}/`)).headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect((await fetch(`${base}/assets/index-d4.css`)).headers.get('content-type')).toBe('text/css; charset=utf-8');
    expect((await fetch(`${base}/assets/Gone-e5.js`)).status).toBe(404);
  });
});
