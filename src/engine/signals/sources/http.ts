/**
 * One bounded HTTP GET for a source: a timeout on the injected Clock, a cap on the body's bytes
 * (the download is aborted the moment it passes it, whatever Content-Length claimed), and a charset
 * check (UTF-8 or Latin-1 only: a feed in any other encoding would be read as mojibake, so it is
 * refused with a clear error instead). Errors are SourceErrors whose message names no URL: the URL
 * may carry a token (CryptoPanic's auth_token).
 */
import type { Clock } from '../../core';
import type { FetchLike } from './types';

export class SourceError extends Error {
  constructor(
    message: string,
    /** Server asked us to wait this long (429/503 Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SourceError';
  }
}

export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
}

export interface FetchedBody {
  text: string;
  contentType: string;
}

const UTF8 = new Set(['utf-8', 'utf8', 'us-ascii', 'ascii']);
const LATIN1 = new Set(['iso-8859-1', 'latin1', 'latin-1', 'iso8859-1', 'l1']);

/** The decoder for a declared charset, or a SourceError naming the charset we refuse. */
export function decoderFor(charset: string | undefined): TextDecoder {
  const c = (charset ?? 'utf-8').trim().replace(/^["']|["']$/g, '').toLowerCase();
  // fatal: bytes that are not UTF-8 are an error, not silently replaced text.
  if (UTF8.has(c)) return new TextDecoder('utf-8', { fatal: true });
  if (LATIN1.has(c)) return new TextDecoder('latin1');
  throw new SourceError(`unsupported character encoding "${c.slice(0, 40)}" (only UTF-8 and ISO-8859-1 are read)`);
}

export function charsetOf(contentType: string): string | undefined {
  return /charset\s*=\s*("?)([^";\s]+)\1/i.exec(contentType)?.[2];
}

function retryAfterMs(res: Response): number | undefined {
  const v = res.headers.get('retry-after');
  if (v === null) return undefined;
  const s = Number(v);
  return Number.isFinite(s) && s >= 0 ? Math.min(s, 3600) * 1000 : undefined;
}

/**
 * GETs `url` and returns its body as text. `describeFailure` names the source in errors; the body is
 * decoded with the charset the Content-Type declares (an XML declaration's encoding is checked by the XML reader).
 */
export async function fetchBody(fetchFn: FetchLike, clock: Clock, url: string, limits: FetchLimits, headers: Record<string, string>): Promise<FetchedBody> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = clock.setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, limits.timeoutMs);
  try {
    let res: Response;
    try {
      res = await fetchFn(url, { signal: controller.signal, headers });
    } catch (err) {
      if (timedOut) throw new SourceError(`no response within ${limits.timeoutMs} ms`);
      // The cause's code (ECONNREFUSED, ENOTFOUND...) says what happened without repeating the URL.
      const cause = (err as { cause?: { code?: unknown; errors?: { code?: unknown }[] } }).cause;
      const code = cause?.code ?? cause?.errors?.[0]?.code;
      throw new SourceError(`request failed${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    if (!res.ok) {
      await res.body?.cancel().catch(() => undefined);
      throw new SourceError(`HTTP ${res.status}${res.status === 429 ? ' (rate limited)' : ''}`, res.status === 429 || res.status === 503 ? retryAfterMs(res) : undefined);
    }
    const contentType = res.headers.get('content-type') ?? '';
    const headerCharset = charsetOf(contentType);
    // Decoded after reading when the header names no charset: an XML declaration may name it.
    const early = headerCharset === undefined ? undefined : decoderFor(headerCharset);
    const declared = Number(res.headers.get('content-length') ?? NaN);
    if (Number.isFinite(declared) && declared > limits.maxBytes) {
      controller.abort();
      throw new SourceError(`response of ${declared} bytes is over the ${limits.maxBytes}-byte limit`);
    }
    const bytes = await readCapped(res, limits, controller, () => timedOut);
    const decoder = early ?? decoderFor(xmlDeclaredEncoding(bytes));
    try {
      return { text: decoder.decode(bytes), contentType };
    } catch {
      throw new SourceError('response is not valid UTF-8 text');
    }
  } finally {
    clock.clearTimer(timer);
  }
}

/** The encoding an XML declaration at the start of the body names, if any (read as ASCII). */
export function xmlDeclaredEncoding(bytes: Uint8Array): string | undefined {
  let head = '';
  for (let i = 0; i < Math.min(bytes.length, 200); i++) head += String.fromCharCode(bytes[i]!);
  return /^(?:\uFEFF|\xEF\xBB\xBF)?\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/.exec(head)?.[1];
}

async function readCapped(res: Response, limits: FetchLimits, controller: AbortController, timedOut: () => boolean): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let total = 0;
  const reader = res.body?.getReader();
  if (!reader) return new Uint8Array(0);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > limits.maxBytes) {
        controller.abort();
        throw new SourceError(`response is over the ${limits.maxBytes}-byte limit; aborted`);
      }
      chunks.push(value);
    }
  } catch (err) {
    if (err instanceof SourceError) throw err;
    if (timedOut()) throw new SourceError(`response not complete within ${limits.timeoutMs} ms`);
    throw new SourceError('connection lost while reading the response');
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
