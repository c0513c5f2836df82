import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/** The policy in index.html's meta tag, as directive name -> sources. */
function policy(): Map<string, string[]> {
  const html = readFileSync(new URL('./index.html', import.meta.url), 'utf8');
  const meta = /<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i.exec(html);
  if (!meta?.[1]) throw new Error('index.html has no Content-Security-Policy meta tag');
  const directives = new Map<string, string[]>();
  for (const part of meta[1].split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (!name) continue;
    expect(directives.has(name.toLowerCase()), `directive ${name} given twice (the second is ignored)`).toBe(false);
    directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** A source that allows a whole scheme on any host (`wss:`, `https:`) or any host at all (`*`, `*.x`, `ws://*:1`). */
const isWildcard = (source: string) => /^[a-z][a-z0-9+.-]*:$/i.test(source) || source.includes('*');

describe('renderer Content-Security-Policy', () => {
  const csp = policy();

  it('connects only to its own origin: no other host, no scheme-wide ws:/wss:', () => {
    expect(csp.get('connect-src')).toEqual(["'self'"]);
  });

  it('runs only its own scripts: no eval, no inline script, no data: or blob: script', () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
  });

  it('falls back to self and shuts what has no fallback: plugins, <base>, form submissions', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('has no wildcard source in any directive; data: only for images and fonts', () => {
    for (const [directive, sources] of csp) {
      for (const source of sources) {
        const allowedData = source === 'data:' && (directive === 'img-src' || directive === 'font-src');
        if (!allowedData) expect(isWildcard(source), `${directive} ${source}`).toBe(false);
      }
    }
  });
});
