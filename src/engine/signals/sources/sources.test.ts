import fs from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordingLogger, SimulatedClock } from '../../core';
import { cryptoPanicSource, fearGreedSource, redditSource, rssSource, type SourceDefinition } from './definitions';
import { ATOM_FEED, CRYPTOPANIC_PAGE, FEAR_GREED, REDDIT_LISTING, RSS_FEED } from './payloads.fixture';
import { openSignalStore, type SignalStore } from './signalStore';
import { SignalSources } from './signalSources';
import { InstrumentTagger, type TaggableInstrument } from './tagger';
import { body, startFeedLoopback, waitFor, type FeedLoopback } from './testSupport';

const INSTRUMENTS: TaggableInstrument[] = [
  { symbol: 'BTC-USDT', base: 'BTC', venueSymbol: 'BTCUSDT' },
  { symbol: 'ETH-USDT', base: 'ETH', venueSymbol: 'ETHUSDT' },
  { symbol: 'SOL-USDT', base: 'SOL', venueSymbol: 'SOLUSDT' },
  { symbol: 'RELIANCE', base: 'RELIANCE', venueSymbol: 'RELIANCE', exchange: 'NSE', name: 'RELIANCE INDUSTRIES' },
];
const NOW = Date.parse('2026-12-07T10:00:00Z');
const TOKEN = 'c0ffee5ecret7oken1234567890abcdef';
const XML = 'application/rss+xml; charset=utf-8';
const JSON_TYPE = 'application/json; charset=utf-8';

let dir: string;
let server: FeedLoopback;
let clock: SimulatedClock;
let store: SignalStore;
let sources: SignalSources;
let logger: ReturnType<typeof recordingLogger>;

function open(): SignalSources {
  store = openSignalStore(dir);
  logger = recordingLogger();
  sources = new SignalSources({ clock, store, tagger: new InstrumentTagger(INSTRUMENTS), logger, random: () => 0.5 });
  return sources;
}

/** Every configured source against the loopback server. */
function allSources(limits: SourceDefinition['limits'] | undefined = undefined): SourceDefinition[] {
  const l = limits ? { limits } : {};
  return [
    rssSource({ id: 'wire', url: `${server.url}/markets/rss`, ...l }),
    rssSource({ id: 'chaindesk', url: `${server.url}/atom.xml`, ...l }),
    redditSource({ id: 'reddit', subreddit: 'CryptoCurrency', baseUrl: server.url, ...l }),
    cryptoPanicSource({ id: 'cryptopanic', authToken: TOKEN, baseUrl: server.url, ...l }),
    fearGreedSource({ id: 'fng', baseUrl: server.url, ...l }),
  ];
}

function serveAllGood(): void {
  server.serve('/markets/rss', body(XML, RSS_FEED));
  server.serve('/atom.xml', body('application/atom+xml', ATOM_FEED));
  server.serve('/r/CryptoCurrency/new.json', body(JSON_TYPE, REDDIT_LISTING));
  server.serve('/api/v1/posts/', body(JSON_TYPE, CRYPTOPANIC_PAGE));
  server.serve('/fng/', body(JSON_TYPE, FEAR_GREED));
}

async function pollAll(): Promise<void> {
  for (const s of sources.statuses()) await sources.pollNow(s.id);
}

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sq-signals-'));
  server = await startFeedLoopback();
  clock = new SimulatedClock(NOW);
});

afterEach(async () => {
  sources?.stop();
  store?.close();
  await server.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('signal sources against a loopback server', () => {
  it('reads RSS, Atom, Reddit, CryptoPanic and Fear & Greed, tags, dedups and stores them', async () => {
    serveAllGood();
    open();
    for (const d of allSources()) sources.add(d);
    await pollAll();

    for (const s of sources.statuses()) expect(s, s.id).toMatchObject({ state: 'connected', errorsInRow: 0, errorCount: 0 });
    expect(sources.status('wire')?.lastItemAt).toBe(Date.parse('2026-12-07T09:31:00Z'));

    const wire = sources.latestForSource('wire', 10);
    expect(wire.map((i) => i.title)).toEqual([
      'Bitcoin climbs above $98,000 as ETF inflows & futures open interest rise',
      'Ether slips 3% after Dencun-style upgrade delay',
      'Regulators publish ETHICS guidance for exchanges — no token named',
      'Reliance Industries shares rise 2% on retail unit listing report',
    ]);
    expect(wire[0]).toMatchObject({ guid: 'cmw-2026-12-07-0931', link: 'https://news.example.com/markets/2026/12/07/bitcoin-climbs-etf-inflows', timeFromItem: true, instruments: ['BTC-USDT'] });
    expect(wire[0]!.score).toBeUndefined();
    expect(wire[1]!.instruments).toEqual(['ETH-USDT']);
    expect(wire[2]!.instruments).toEqual([]); // ETHICS is not ETH
    expect(wire[3]!.instruments).toEqual(['RELIANCE']);

    // The Atom copy of the bitcoin story is the same story: stored once, under the source that brought it first.
    const atom = sources.latestForSource('chaindesk', 10);
    expect(atom.map((i) => i.title)).toEqual(['$BTC hashrate hits record ahead of difficulty adjustment', 'Solana validators ship v2.1 client']);
    expect(atom[0]).toMatchObject({ link: 'https://chaindesk.example.org/p/btc-hashrate-record', ts: Date.parse('2026-12-07T09:15:00Z'), instruments: ['BTC-USDT'] });
    expect(atom[1]!.instruments).toEqual(['SOL-USDT']);

    const reddit = sources.latestForSource('reddit', 10);
    expect(reddit.map((i) => [i.guid, i.instruments])).toEqual([
      ['t3_1h8zt9d', ['ETH-USDT']],
      ['t3_1h8zq2k', ['BTC-USDT']],
    ]);
    expect(reddit[0]!.link).toBe(`${server.url}/r/CryptoCurrency/comments/1h8zt9d/eth_staking_withdrawals_spike_after_the_pectra/`);
    expect(reddit[0]!.ts).toBe(1796635200_000);

    const panic = sources.latestForSource('cryptopanic', 10);
    expect(panic.map((i) => [i.guid, i.instruments])).toEqual([
      ['21877345', ['ETH-USDT']],
      ['21877102', ['SOL-USDT']],
    ]);

    expect(store.latestReadings({ metric: 'fearGreed', limit: 5 })).toEqual([{ source: 'fng', metric: 'fearGreed', value: 72, label: 'Greed', ts: 1796601600_000 }]);

    const btc = sources.latestForInstrument('BTC-USDT', 10);
    expect(btc.map((i) => [i.source, i.ts])).toEqual([['wire', Date.parse('2026-12-07T09:31:00Z')], ['chaindesk', Date.parse('2026-12-07T09:15:00Z')], ['reddit', Date.parse('2026-12-07T09:00:00Z')]]);
    expect(sources.latestForInstrument('BTC-USDT', 1)).toHaveLength(1);

    // A second poll of the same payloads stores nothing new.
    const before = sources.statuses().map((s) => s.itemsStored);
    await pollAll();
    expect(sources.statuses().map((s) => s.itemsStored)).toEqual(before);
    expect(sources.latestForSource('wire', 100)).toHaveLength(4);
  });

  it('scores items with the injected scorer when one is given', async () => {
    serveAllGood();
    store = openSignalStore(dir);
    sources = new SignalSources({
      clock, store, tagger: new InstrumentTagger(INSTRUMENTS),
      score: (t) => ({ compound: t.includes('slips') ? -0.5 : 0.25, pos: 0.2, neu: 0.7, neg: 0.1 }),
    });
    sources.add(allSources()[0]!);
    await sources.pollNow('wire');
    const [, ether] = sources.latestForSource('wire', 10);
    expect(ether!.score).toEqual({ compound: -0.5, pos: 0.2, neu: 0.7, neg: 0.1 });
  });

  it('a scorer that throws leaves the item unscored and the source connected', async () => {
    serveAllGood();
    store = openSignalStore(dir);
    logger = recordingLogger();
    sources = new SignalSources({
      clock, store, tagger: new InstrumentTagger(INSTRUMENTS), logger,
      score: (t) => {
        if (t.startsWith('Ether')) throw new Error('scorer broke');
        return { compound: 0.1, pos: 0.1, neu: 0.9, neg: 0 };
      },
    });
    sources.add(allSources()[0]!);
    await sources.pollNow('wire');
    expect(sources.status('wire')!.state).toBe('connected');
    const items = sources.latestForSource('wire', 10);
    expect(items).toHaveLength(4);
    expect(items.filter((i) => i.score === undefined).map((i) => i.title)).toEqual(['Ether slips 3% after Dencun-style upgrade delay']);
    expect(logger.lines.some((l) => l.level === 'error' && l.message?.includes('scorer threw'))).toBe(true);
  });

  it('keeps items across a restart and does not store them twice after it', async () => {
    serveAllGood();
    open();
    for (const d of allSources()) sources.add(d);
    await pollAll();
    const stored = sources.latestForInstrument('ETH-USDT', 50);
    sources.stop();
    store.close();

    open();
    for (const d of allSources()) sources.add(d);
    expect(sources.latestForInstrument('ETH-USDT', 50)).toEqual(stored);
    expect(sources.status('wire')?.itemsStored).toBe(4);
    await pollAll();
    expect(sources.latestForInstrument('ETH-USDT', 50)).toEqual(stored);
    expect(store.latestReadings({ metric: 'fearGreed', limit: 5 })).toHaveLength(1);
  });

  describe('hostile and broken input: a clear error on that source, the others go on', () => {
    async function onlyWireBroken(expected: RegExp, limits?: SourceDefinition['limits']): Promise<void> {
      open();
      for (const d of allSources(limits)) sources.add(d);
      await pollAll();
      const wire = sources.status('wire')!;
      expect(wire.state).toBe('error');
      expect(wire.error).toMatch(expected);
      expect(wire.errorCount).toBe(1);
      for (const s of sources.statuses().filter((x) => x.id !== 'wire')) expect(s.state, s.id).toBe('connected');
      expect(sources.latestForSource('chaindesk', 10)).not.toHaveLength(0);
      expect(logger.lines.some((l) => l.level === 'warn' && (l.fields as { source?: string }).source === 'wire')).toBe(true);
    }

    beforeEach(() => serveAllGood());

    it('bad XML', async () => {
      server.serve('/markets/rss', body(XML, RSS_FEED.replace('</item>', '</itme>')));
      await onlyWireBroken(/not well-formed XML/);
    });

    it('a page that is HTML, not a feed', async () => {
      server.serve('/markets/rss', body('text/html', '<html><body><p>Moved</p></body></html>'));
      await onlyWireBroken(/neither an RSS 2.0 <rss> nor an Atom <feed>/);
    });

    it('an XML entity bomb', async () => {
      const bomb = `<?xml version="1.0"?><!DOCTYPE r [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel><item><title>&b;</title></item></channel></rss>`;
      server.serve('/markets/rss', body(XML, bomb));
      await onlyWireBroken(/entity expansion/);
    });

    it('an encoding other than UTF-8 or Latin-1 (declared by HTTP)', async () => {
      server.serve('/markets/rss', body('application/rss+xml; charset=windows-1251', RSS_FEED));
      await onlyWireBroken(/unsupported character encoding "windows-1251"/);
    });

    it('an encoding other than UTF-8 or Latin-1 (declared by the XML)', async () => {
      server.serve('/markets/rss', body('application/rss+xml', RSS_FEED.replace('encoding="UTF-8"', 'encoding="Shift_JIS"')));
      await onlyWireBroken(/unsupported character encoding "shift_jis"/);
    });

    it('a Latin-1 feed is read as Latin-1', async () => {
      const latin = RSS_FEED.replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('Reliance Industries shares rise', 'Reliance Industries shares rise in São Paulo ADR trade,');
      open();
      server.serve('/markets/rss', body('application/rss+xml', Buffer.from(latin.replace('&#8212;', '-'), 'latin1')));
      sources.add(rssSource({ id: 'wire', url: `${server.url}/markets/rss` }));
      await sources.pollNow('wire');
      expect(sources.status('wire')!.state).toBe('connected');
      expect(sources.latestForSource('wire', 10).map((i) => i.title)).toContain('Reliance Industries shares rise in São Paulo ADR trade, 2% on retail unit listing report');
    });

    it('bytes that are not the UTF-8 they claim', async () => {
      server.serve('/markets/rss', body(XML, Buffer.concat([Buffer.from(RSS_FEED.slice(0, 400)), Buffer.from([0xff, 0xfe, 0xc3]), Buffer.from(RSS_FEED.slice(400))])));
      await onlyWireBroken(/not valid UTF-8/);
    });

    it('a body over the byte limit, declared', async () => {
      server.serve('/markets/rss', body(XML, RSS_FEED.replace('<language>', `<!-- ${'x'.repeat(200_000)} --><language>`)));
      await onlyWireBroken(/over the 65536-byte limit/, { maxBytes: 65_536, timeoutMs: 15_000, maxItems: 200, maxTitleChars: 300, maxLinkChars: 2048 });
    });

    it('a body that never ends is aborted at the byte limit', async () => {
      server.serve('/markets/rss', { kind: 'endless', contentType: XML, chunk: `<item><title>${'spam '.repeat(200)}</title></item>` });
      await onlyWireBroken(/over the 65536-byte limit; aborted/, { maxBytes: 65_536, timeoutMs: 15_000, maxItems: 200, maxTitleChars: 300, maxLinkChars: 2048 });
    });

    it('a response that never comes times out on the clock', async () => {
      server.serve('/markets/rss', { kind: 'hang' });
      open();
      for (const d of allSources()) sources.add(d);
      const wirePoll = sources.pollNow('wire');
      await waitFor(() => server.requests.some((r) => r.startsWith('/markets/rss')), 'the feed request reached the server');
      for (const s of sources.statuses().filter((x) => x.id !== 'wire')) await sources.pollNow(s.id);
      clock.advance(15_000);
      await wirePoll;
      expect(sources.status('wire')).toMatchObject({ state: 'error', error: 'no response within 15000 ms' });
      for (const s of sources.statuses().filter((x) => x.id !== 'wire')) expect(s.state, s.id).toBe('connected');
    });

    it('HTTP errors, and rate limiting with Retry-After', async () => {
      server.serve('/markets/rss', body('text/plain', 'slow down', 429, { 'retry-after': '120' }));
      await onlyWireBroken(/HTTP 429 \(rate limited\)/);
      // The next attempt waits at least the two minutes the server asked for.
      expect(sources.status('wire')!.nextPollAt! - clock.now()).toBeGreaterThanOrEqual(120_000);
    });

    it('huge items: titles cut, item count capped', async () => {
      const items = Array.from({ length: 50 }, (_, i) => `<item><title>Bitcoin ${i} ${'very long words '.repeat(100)}</title><guid>g${i}</guid></item>`).join('');
      server.serve('/markets/rss', body(XML, `<rss version="2.0"><channel><title>x</title>${items}</channel></rss>`));
      open();
      sources.add(rssSource({ id: 'wire', url: `${server.url}/markets/rss`, limits: { maxItems: 10, maxTitleChars: 120 } }));
      await sources.pollNow('wire');
      const got = sources.latestForSource('wire', 100);
      expect(got).toHaveLength(10);
      for (const i of got) expect(i.title.length).toBeLessThanOrEqual(120);
      // No time in the items: they count from when they were first seen.
      expect(got[0]).toMatchObject({ ts: NOW, timeFromItem: false, firstSeen: NOW });
    });

    it('HTML and script in titles become plain text; javascript: links are dropped', async () => {
      const feed = `<rss version="2.0"><channel><title>x</title>
        <item><title>&lt;script&gt;alert(document.cookie)&lt;/script&gt;&lt;b&gt;ETH&lt;/b&gt; &amp;amp; friends &#x1F680;</title><link>javascript:alert(1)</link><guid>h1</guid></item>
        <item><title><![CDATA[<img src=x onerror=alert(1)>Bitcoin <script>steal()</script>rallies]]></title><link>https://ok.example.com/a</link><guid>h2</guid></item>
      </channel></rss>`;
      server.serve('/markets/rss', body(XML, feed));
      open();
      sources.add(rssSource({ id: 'wire', url: `${server.url}/markets/rss` }));
      await sources.pollNow('wire');
      const got = sources.latestForSource('wire', 10).sort((a, b) => a.guid!.localeCompare(b.guid!));
      expect(got[0]).toMatchObject({ title: 'ETH & friends 🚀', instruments: ['ETH-USDT'] });
      expect(got[0]!.link).toBeUndefined();
      expect(got[1]).toMatchObject({ title: 'Bitcoin rallies', link: 'https://ok.example.com/a', instruments: ['BTC-USDT'] });
    });

    it('JSON of the wrong shape', async () => {
      open();
      server.serve('/r/CryptoCurrency/new.json', body(JSON_TYPE, JSON.stringify({ kind: 'Listing', data: { children: [{ kind: 't3', data: { title: 5 } }] } })));
      server.serve('/fng/', body(JSON_TYPE, '{"data": [{"value": "high"}]}'));
      server.serve('/api/v1/posts/', body(JSON_TYPE, '<html>not json</html>'));
      for (const d of allSources()) sources.add(d);
      await pollAll();
      expect(sources.status('reddit')!.error).toMatch(/^Reddit response has an unexpected shape at data\.children\.0\.data\./);
      expect(sources.status('fng')!.error).toMatch(/^Fear & Greed response has an unexpected shape at data\.0\./);
      expect(sources.status('cryptopanic')!.error).toBe('CryptoPanic response is not JSON');
      expect(sources.status('wire')!.state).toBe('connected');
      expect(sources.status('chaindesk')!.state).toBe('connected');
    });

    it('a refused connection', async () => {
      open();
      const closed = createServer();
      await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
      const port = (closed.address() as AddressInfo).port;
      await new Promise((r) => closed.close(r));
      sources.add(rssSource({ id: 'gone', url: `http://127.0.0.1:${port}/feed` }));
      await sources.pollNow('gone');
      expect(sources.status('gone')).toMatchObject({ state: 'error', error: 'request failed (ECONNREFUSED)' });
    });
  });

  it('never puts the CryptoPanic token in a log line or a status, whatever fails', async () => {
    open();
    const failures = [
      body(JSON_TYPE, '{"results": "nope"}'),
      body('text/plain', 'Unauthorized', 401),
      { kind: 'hang' } as const,
      body(JSON_TYPE, CRYPTOPANIC_PAGE),
    ];
    const statuses: string[] = [];
    sources.onStatus((s) => statuses.push(JSON.stringify(s)));
    sources.add(cryptoPanicSource({ id: 'cryptopanic', authToken: TOKEN, baseUrl: server.url, maxRequestsPerMinute: 100, limits: { timeoutMs: 1000 } }));
    const asked = () => server.requests.filter((r) => r.startsWith('/api/v1/posts/')).length;
    for (const f of failures) {
      server.serve('/api/v1/posts/', f);
      const before = asked();
      const poll = sources.pollNow('cryptopanic');
      if (f.kind === 'hang') {
        await waitFor(() => asked() === before + 1, 'the request arrived');
        clock.advance(1000);
      }
      await poll;
    }
    expect(server.requests.filter((r) => r.includes(TOKEN)).length).toBeGreaterThanOrEqual(4); // it was sent
    expect(sources.status('cryptopanic')!.errorCount).toBe(3);
    const everything = JSON.stringify(logger.lines) + statuses.join('\n');
    expect(everything).toContain('HTTP 401');
    expect(everything).not.toContain(TOKEN);
    expect(everything).not.toContain(TOKEN.slice(0, 12));
  });

  it('polls on its interval, backs off after errors and keeps to its rate limit', async () => {
    serveAllGood();
    open();
    sources.add(rssSource({ id: 'wire', url: `${server.url}/markets/rss`, intervalMs: 30_000, maxRequestsPerMinute: 1 }));
    const hits = () => server.requests.filter((r) => r.startsWith('/markets/rss')).length;
    clock.advance(0); // the first poll is due at once
    await waitFor(() => sources.status('wire')?.state === 'connected', 'first poll');
    expect(hits()).toBe(1);
    // Interval 30 s, but one request a minute: the next poll waits for the window.
    expect(sources.status('wire')!.nextPollAt).toBe(NOW + 60_000);
    server.serve('/markets/rss', body(XML, 'broken <'));
    clock.advance(60_000);
    await waitFor(() => sources.status('wire')?.state === 'error', 'second poll fails');
    expect(hits()).toBe(2);
    expect(sources.status('wire')!.errorsInRow).toBe(1);
    server.serve('/markets/rss', body(XML, RSS_FEED));
    clock.advance(60_000);
    await waitFor(() => sources.status('wire')?.state === 'connected', 'recovers');
    expect(sources.status('wire')).toMatchObject({ errorsInRow: 0, errorCount: 1 });
    expect(sources.status('wire')!.error).toBeUndefined();
  });
});
