import { describe, expect, it } from 'vitest';
import { allowedExternalLink, allowedHeadlineLink, EXTERNAL_LINK_HOSTS } from './externalLinks';

describe('external links', () => {
  it('opens https links to the venues’ documentation, normalised', () => {
    expect(allowedExternalLink('https://developers.binance.com/docs/binance-spot-api-docs')).toBe(
      'https://developers.binance.com/docs/binance-spot-api-docs',
    );
    expect(allowedExternalLink('https://bybit-exchange.github.io/docs/v5/intro#x')).toBe('https://bybit-exchange.github.io/docs/v5/intro#x');
    expect(allowedExternalLink('HTTPS://DOCS.TARDIS.DEV/api')).toBe('https://docs.tardis.dev/api');
    // The default port is the same site.
    expect(allowedExternalLink('https://docs.tardis.dev:443/')).toBe('https://docs.tardis.dev/');
  });

  it('refuses every other scheme', () => {
    for (const url of [
      'http://developers.binance.com/docs',
      'javascript:alert(1)',
      'JavaScript://developers.binance.com/%0aalert(1)',
      'file:///etc/passwd',
      'file://developers.binance.com/share',
      'data:text/html,<script>alert(1)</script>',
      'blob:https://developers.binance.com/uuid',
      'ftp://developers.binance.com/',
      'smb://developers.binance.com/share',
      'ms-settings:',
      'vscode://file/etc/passwd',
    ]) {
      expect(allowedExternalLink(url), url).toBeUndefined();
    }
  });

  it('refuses hosts that only look like an allowed one', () => {
    for (const url of [
      // userinfo: the host is what follows the @
      'https://developers.binance.com@evil.com/docs',
      'https://developers.binance.com:pw@evil.com/',
      'https://user@developers.binance.com/', // credentials to an allowed host: still not a docs link
      // suffix and prefix tricks
      'https://developers.binance.com.evil.com/',
      'https://evil.developers.binance.com/',
      'https://evildevelopers.binance.com/',
      'https://binance.com/',
      'https://developers.binance.com./', // trailing dot: another spelling we do not accept
      'https://developers.binance.com%2eevil.com/',
      // look-alike letters (Cyrillic і): the parser turns it into punycode, not on the list
      'https://developers.b\u0456nance.com/',
      // backslashes are slashes to the parser: the host is evil.com
      'https:\\\\evil.com\\@developers.binance.com',
      'https://evil.com\\developers.binance.com',
      // another port is another service
      'https://developers.binance.com:8443/',
      // IP literals and nothing at all
      'https://127.0.0.1/',
      'https://[::1]/',
      '',
      'not a url',
      '//developers.binance.com/docs',
    ]) {
      expect(allowedExternalLink(url), url).toBeUndefined();
    }
  });

  it('refuses an absurdly long URL even to an allowed host', () => {
    expect(allowedExternalLink(`https://docs.tardis.dev/${'a'.repeat(3000)}`)).toBeUndefined();
  });

  it('keeps the list to a few documentation hosts, all exact names', () => {
    expect(EXTERNAL_LINK_HOSTS.size).toBeLessThanOrEqual(5);
    for (const host of EXTERNAL_LINK_HOSTS) expect(host).toMatch(/^[a-z0-9-]+(\.[a-z0-9-]+)+$/);
  });
});

describe('headline links', () => {
  const stored = new Set(['https://news.example.com/a?b=1', 'javascript:alert(1)', 'https://news.example.com:8443/x']);
  const isStored = (url: string) => stored.has(url);

  it('opens a stored http(s) link of any host, as stored', () => {
    expect(allowedHeadlineLink('https://news.example.com/a?b=1', isStored)).toBe('https://news.example.com/a?b=1');
    // Chromium may hand over the parsed form of what the page linked to.
    expect(allowedHeadlineLink('HTTPS://NEWS.example.com/a?b=1', isStored)).toBe('https://news.example.com/a?b=1');
  });

  it('refuses a link no source gave, and a stored one that is not a plain web link', () => {
    expect(allowedHeadlineLink('https://news.example.com/other', isStored)).toBeUndefined();
    expect(allowedHeadlineLink('javascript:alert(1)', isStored)).toBeUndefined();
    expect(allowedHeadlineLink('https://news.example.com:8443/x', isStored)).toBeUndefined();
    expect(allowedHeadlineLink(`https://news.example.com/${'a'.repeat(3000)}`, () => true)).toBeUndefined();
  });
});
