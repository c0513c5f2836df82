import { readFile, realpath } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, resolve, sep } from 'node:path';

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Where a URL path leads: a file under the root, or the status that refuses it and why. */
type StaticTarget = { ok: true; file: string } | { ok: false; status: 400 | 403; reason: string };

/**
 * Maps a URL's path (as the WHATWG parser leaves it: dot segments resolved, escapes still encoded) to a
 * file under `root`, or refuses it. Everything that could smuggle a path out of the root (an escaped
 * slash or backslash, a NUL, an escape that does not decode) is refused before the file system is
 * asked; the final containment check is the backstop, not the only guard.
 */
function resolveStaticPath(root: string, urlPath: string): StaticTarget {
  if (/%(2f|5c)/i.test(urlPath)) return { ok: false, status: 400, reason: 'escaped slash in path' };
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath === '/' ? '/index.html' : urlPath);
  } catch {
    return { ok: false, status: 400, reason: 'malformed percent escape in path' };
  }
  if (decoded.includes('\0')) return { ok: false, status: 400, reason: 'NUL in path' };
  if (decoded.includes('\\')) return { ok: false, status: 400, reason: 'backslash in path' };
  if (decoded.split('/').some((segment) => segment === '..')) return { ok: false, status: 400, reason: 'dot-dot segment in path' };
  const file = resolve(root, `.${decoded}`);
  if (!file.startsWith(root + sep)) return { ok: false, status: 403, reason: 'path outside the renderer' };
  return { ok: true, file };
}

/**
 * Serves the built renderer; never a file outside `root` (resolved through symlinks too). Resolves with
 * the status it sent and never rejects: every failure is an HTTP reply, never an exception.
 */
export async function serveStatic(root: string, urlPath: string, res: ServerResponse, csp: string): Promise<{ status: number; reason?: string }> {
  const target = resolveStaticPath(root, urlPath);
  if (!target.ok) return answer(res, target.status, target.reason);
  try {
    const [realRoot, realFile] = await Promise.all([realpath(root), realpath(target.file)]);
    if (!realFile.startsWith(realRoot + sep)) return answer(res, 403, 'path leads outside the renderer');
    const body = await readFile(realFile);
    if (res.headersSent || res.destroyed) return { status: 0, reason: 'client gone' };
    res.writeHead(200, {
      'Content-Type': contentTypes[extname(realFile)] ?? 'application/octet-stream',
      'Content-Length': body.length,
      'Content-Security-Policy': csp,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'no-cache',
    });
    res.end(body);
    return { status: 200 };
  } catch {
    // Missing, a directory, unreadable: all the same to a browser.
    return answer(res, 404, 'not found');
  }
}

/** A short plain-text error reply (no-op when the client is already gone). */
export function answer(res: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): { status: number; reason: string } {
  if (!res.headersSent && !res.destroyed) {
    const body = `${reason}\n`;
    res.writeHead(status, {
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    res.end(body);
  }
  return { status, reason };
}
