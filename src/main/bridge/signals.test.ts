import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { SentimentView, SignalAlertView, SignalSettingsView, SignalSnapshot, SignalSourceView } from '../../contract';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { VAULT_FILE_NAME } from '../../engine/secrets';
import { PASSPHRASE, TEST_SCRYPT_N, testVault } from '../../engine/secrets/testSupport';
import { body, CRYPTOPANIC_PAGE, RSS_FEED, startFeedLoopback, type FeedLoopback } from '../../engine/signals/sources/testSupport';
import { Terminal, type TerminalOptions } from '../../engine/terminal';
import { waitFor } from '../../engine/terminal/testSupport';
import { defaultSymbols, newApiKey, startBinanceLoopback } from '../../engine/venues/binance/testSupport';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/**
 * The signals desk through the bridge, on a real terminal (SIM venue, simulated clock): the simulated
 * wire's headlines stored, tagged, scored and shown; trader-added feeds against a loopback HTTP server,
 * kept across a restart; a hostile feed confined to its own status; the CryptoPanic token kept out of
 * every log, setting and view; weights and alerts kept and refused when invalid; an alert crossing;
 * USD-M positioning from a connected account; the order-flow model from collecting to trained.
 */
const T0 = Date.UTC(2026, 11, 7, 14, 0);
const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

interface Rig {
  t: Terminal;
  clock: SimulatedClock;
  logger: ReturnType<typeof recordingLogger>;
  dir: string;
  events: { alerts: SignalAlertView[]; sources: SignalSourceView[][] };
  call<T>(name: string, input: unknown): Promise<T>;
  fail(name: string, input: unknown): Promise<{ code: string; message: string }>;
}

async function start(opts: Partial<TerminalOptions> = {}, reuse?: { dir: string; clock: SimulatedClock }): Promise<Rig> {
  const dir = reuse?.dir ?? mkdtempSync(join(tmpdir(), 'sq-signals-'));
  const clock = reuse?.clock ?? new SimulatedClock(T0);
  const logger = recordingLogger();
  const t = await Terminal.start({ dataDir: dir, clock, logger, mode: 'headless', seed: 5, vault: { scryptN: TEST_SCRYPT_N }, ...opts });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await t.stop();
  };
  cleanup.push(stop);
  if (!reuse) cleanup.unshift(() => rmSync(dir, { recursive: true, force: true }));
  const sessions = new SessionRegistry();
  const events: Rig['events'] = { alerts: [], sources: [] };
  const session = new Session('viewer', (event, payload) => {
    if (event === 'signalAlert') events.alerts.push(payload as SignalAlertView);
    if (event === 'signalSources') events.sources.push(payload as SignalSourceView[]);
  });
  sessions.add(session);
  // As engineHost forwards them: to every session.
  t.events.on('signalAlert', (a) => sessions.publish('signalAlert', a));
  t.events.on('signalSources', (s) => sessions.publish('signalSources', s));
  const dispatcher = new Dispatcher(createHandlers(t, sessions), logger);
  const call = async <T,>(name: string, input: unknown): Promise<T> => {
    const r = await dispatcher.handle(session, name, input);
    if (!r.ok) throw new Error(`${name}: ${r.error.code} ${r.error.message}`);
    return r.value as T;
  };
  const fail = async (name: string, input: unknown) => {
    const r = await dispatcher.handle(session, name, input);
    if (r.ok) throw new Error(`${name} was accepted`);
    return r.error;
  };
  return Object.assign({ t, clock, logger, dir, events, call, fail }, { stop });
}

/** Moves simulated time a second at a time (the SIM market steps with it), yielding to real I/O. */
async function advanceUntil(rig: Rig, done: () => Promise<boolean> | boolean, what: string, maxSeconds = 900): Promise<void> {
  for (let i = 0; i < maxSeconds; i++) {
    if (await done()) return;
    rig.clock.advance(1_000);
    await new Promise((r) => setTimeout(r, 1));
  }
  if (!(await done())) throw new Error(`${what}: not within ${maxSeconds} s of simulated time`);
}

/** Waits in real time (the clock standing still) for an asynchronous condition; bounded by polls. */
async function waitUntil(done: () => Promise<boolean>, what: string, maxPolls = 500): Promise<void> {
  for (let i = 0; i < maxPolls; i++) {
    if (await done()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`${what}: not after ${maxPolls} polls 20 ms apart`);
}

async function loopback(): Promise<FeedLoopback> {
  const lb = await startFeedLoopback();
  cleanup.push(() => lb.stop());
  return lb;
}

const sourceOf = (list: SignalSourceView[], id: string) => list.find((s) => s.id === id);

describe('signals desk over the bridge', () => {
  it("stores the SIM wire's headlines, tagged and scored, labelled simulated, and the composite moves with them", async () => {
    const rig = await start();
    const sources = await rig.call<SignalSourceView[]>('signals.sources', {});
    expect(sourceOf(sources, 'sim-wire')).toMatchObject({ kind: 'simWire', simulated: true, automatic: true, enabled: true, target: 'SIM' });

    const sentiment = (instrument: string) => rig.call<SentimentView>('signals.sentiment', { instrument });
    await advanceUntil(rig, async () => (await sentiment('BTC-USDT')).headlines.length > 0 && (await sentiment('ETH-USDT')).headlines.length > 0, 'wire headlines for BTC and ETH');
    const btc = await sentiment('BTC-USDT');
    for (const h of btc.headlines) {
      expect(h.title.startsWith('[Simulated] ')).toBe(true);
      expect(h).toMatchObject({ simulated: true, source: 'sim-wire', sourceLabel: 'Simulated news' });
      expect(h.instruments).toContain('BTC-USDT');
      expect(h.score?.compound).toBeGreaterThanOrEqual(-1);
      expect(h.score?.compound).toBeLessThanOrEqual(1);
    }
    expect((await sentiment('ETH-USDT')).headlines.every((h) => h.instruments.includes('ETH-USDT'))).toBe(true);
    expect(btc.series.find((s) => s.source === 'sim-wire')).toMatchObject({ simulated: true, bucketMs: 15 * 60_000 });
    expect(btc.signal.components.find((c) => c.name === 'sentimentLevel')?.fresh).toBe(true);
    expect(btc.signal.composite).toBeDefined();
    // The live order-flow model of the SIM's BTC-USDT records a sample a second until it can be fitted.
    expect(btc.orderFlow).toMatchObject({ state: 'collecting', venue: 'SIM', samplesNeeded: 1_200, horizonMs: 10_000 });
    expect((btc.orderFlow as { samples: number }).samples).toBeGreaterThan(0);

    // New headlines move the composite: sentiment only, so nothing else moves it.
    await rig.call('signals.setWeights', { weights: { sentimentLevel: 1 } });
    const before = (await sentiment('BTC-USDT')).signal;
    const seen = new Set(btc.headlines.map((h) => h.id));
    await advanceUntil(
      rig,
      async () => {
        await rig.call('signals.pollSource', { id: 'sim-wire' });
        return (await sentiment('BTC-USDT')).headlines.some((h) => !seen.has(h.id) && h.score && h.score.compound !== 0);
      },
      'a new scored BTC headline',
    );
    const after = (await sentiment('BTC-USDT')).signal;
    expect(after.composite).not.toBe(before.composite);
    const overlay = await rig.call<{ points: { composite: number }[]; headlines: unknown[] }>('signals.overlay', { instrument: 'BTC-USDT' });
    expect(overlay.points.length).toBeGreaterThan(0);
    expect(overlay.headlines.length).toBeGreaterThan(0);
  });

  it('keeps an RSS source added through the bridge, with its items, across a restart; a hostile feed errors alone', async () => {
    const lb = await loopback();
    lb.serve('/markets/rss', body('application/rss+xml', RSS_FEED));
    lb.serve('/broken', body('application/rss+xml', `<rss><channel><item><title>${'x'.repeat(50)}</title><item></channel>`));
    const rig = await start();
    await rig.call('signals.addSource', { kind: 'rss', url: `${lb.url}/markets/rss`, label: 'Markets wire' });
    await rig.call('signals.addSource', { kind: 'rss', url: `${lb.url}/broken` });
    const list = await rig.call<SignalSourceView[]>('signals.sources', {});
    const good = list.find((s) => s.label === 'Markets wire')!;
    const bad = list.find((s) => s.target === `${lb.url}/broken`)!;
    expect(good).toMatchObject({ kind: 'rss', automatic: false, simulated: false, enabled: true, target: `${lb.url}/markets/rss` });

    expect(await rig.call('signals.pollSource', { id: good.id })).toMatchObject({ state: 'connected', itemsStored: 4 });
    const failed = await rig.call<SignalSourceView>('signals.pollSource', { id: bad.id });
    expect(failed.state).toBe('error');
    expect(failed.error).toBeTruthy();
    // Nothing else affected: the good feed and the wire stay as they were.
    const after = await rig.call<SignalSourceView[]>('signals.sources', {});
    expect(sourceOf(after, good.id)?.state).toBe('connected');
    expect(sourceOf(after, 'sim-wire')?.state).not.toBe('error');
    // Pushed as signalSources (throttled on the engine's clock: a flapping source cannot flood the views).
    await advanceUntil(rig, () => rig.events.sources.some((l) => sourceOf(l, bad.id)?.state === 'error'), 'the error pushed as signalSources', 5);

    const btc = await rig.call<SentimentView>('signals.sentiment', { instrument: 'BTC-USDT' });
    const climb = btc.headlines.find((h) => h.title.startsWith('Bitcoin climbs above $98,000'));
    expect(climb).toMatchObject({ source: good.id, sourceLabel: 'Markets wire', simulated: false, link: 'https://news.example.com/markets/2026/12/07/bitcoin-climbs-etf-inflows' });
    expect(climb!.score!.compound).toBeGreaterThan(0);
    // Whole words only: ETHICS is not ETH.
    const eth = await rig.call<SentimentView>('signals.sentiment', { instrument: 'ETH-USDT' });
    expect(eth.headlines.some((h) => h.title.includes('ETHICS'))).toBe(false);

    // Restart on the same data dir: the source comes back (not yet polled) with its stored items.
    const { dir, clock } = rig;
    await (rig as unknown as { stop(): Promise<void> }).stop();
    const again = await start({}, { dir, clock });
    const restored = sourceOf(await again.call<SignalSourceView[]>('signals.sources', {}), good.id);
    expect(restored).toMatchObject({ label: 'Markets wire', target: `${lb.url}/markets/rss`, itemsStored: 4 });
    const kept = await again.call<SentimentView>('signals.sentiment', { instrument: 'BTC-USDT' });
    expect(kept.headlines.some((h) => h.title.startsWith('Bitcoin climbs above $98,000'))).toBe(true);
    // ...and the level too (replayed from the store at start).
    expect(kept.signal.components.find((c) => c.name === 'sentimentLevel')?.value).toBeDefined();

    // Removal stops it; its items stay.
    await again.call('signals.removeSource', { id: good.id });
    expect(sourceOf(await again.call<SignalSourceView[]>('signals.sources', {}), good.id)).toBeUndefined();
    expect((await again.fail('signals.removeSource', { id: 'sim-wire' })).message).toMatch(/paused, not removed/);
  });

  it('keeps the CryptoPanic token in the vault only: it survives a restart and an unlock, pauses while locked, goes with its source, and is never in a log, setting, view, error or file', async () => {
    const lb = await loopback();
    lb.serve('/api/v1/posts/', body('application/json', CRYPTOPANIC_PAGE));
    const opts = { signals: { endpoints: { cryptopanic: lb.url } } };
    const rig = await start(opts);
    const token = `cp-${newApiKey()}`;
    const polledWithToken = () => lb.requests.filter((r) => r.includes(token)).length;
    const vaultFile = join(rig.dir, VAULT_FILE_NAME);
    /** What the vault file holds, read as another writer would (`sq account`): secret names only. */
    const namesInVault = async () => {
      const { vault } = testVault(vaultFile);
      await vault.unlock(PASSPHRASE);
      try {
        return vault.secretNames();
      } finally {
        vault.lock();
      }
    };
    const errors: unknown[] = [];
    const refused = await rig.fail('signals.addSource', { kind: 'cryptopanic', token });
    errors.push(refused);
    expect(refused).toEqual({ code: 'VAULT_LOCKED', message: 'unlock the vault to use CryptoPanic' });

    await rig.t.accounts.create(PASSPHRASE);
    const list = await rig.call<SignalSourceView[]>('signals.addSource', { kind: 'cryptopanic', token, currencies: ['BTC'] });
    const cp = list.find((s) => s.kind === 'cryptopanic')!;
    expect(cp.target).toBe(new URL(lb.url).host);
    const polled = await rig.call<SignalSourceView>('signals.pollSource', { id: cp.id });
    expect(polled.state).toBe('connected');
    expect(polledWithToken()).toBe(1); // it did reach the provider
    // In the vault, sealed: the file's bytes hold neither the token nor its base64.
    expect(await namesInVault()).toEqual([`signals:cryptopanic:${cp.id}`]);
    const fileBytes = readFileSync(vaultFile);
    expect(fileBytes.includes(token)).toBe(false);
    expect(fileBytes.includes(Buffer.from(token).toString('base64').slice(0, 20))).toBe(false);

    // Locked: the source pauses and says why; unlocked: it resumes with the token read from the vault.
    rig.t.accounts.lock();
    const locked = sourceOf(await rig.call<SignalSourceView[]>('signals.sources', {}), cp.id);
    expect(locked).toMatchObject({ state: 'error', error: 'unlock the vault to use CryptoPanic' });
    await rig.t.accounts.unlock(PASSPHRASE);
    expect(await rig.call('signals.pollSource', { id: cp.id })).toMatchObject({ state: 'connected' });
    expect(polledWithToken()).toBe(2);
    const views = [list, polled, locked, await rig.call('signals.sources', {}), await rig.call('signals.settings', {})];
    const lines = [...rig.logger.lines];
    const events = structuredClone(rig.events);
    await (rig as unknown as { stop(): Promise<void> }).stop();

    // A restart: the source is back, paused until the vault is unlocked, then polls with the kept token.
    const again = await start(opts, { dir: rig.dir, clock: rig.clock });
    const afterRestart = sourceOf(await again.call<SignalSourceView[]>('signals.sources', {}), cp.id);
    expect(afterRestart).toMatchObject({ kind: 'cryptopanic', state: 'error', error: 'unlock the vault to use CryptoPanic' });
    await again.t.accounts.unlock(PASSPHRASE);
    expect(sourceOf(await again.call<SignalSourceView[]>('signals.sources', {}), cp.id)?.state).not.toBe('error');
    expect(await again.call('signals.pollSource', { id: cp.id })).toMatchObject({ state: 'connected' });
    expect(polledWithToken()).toBe(3);

    // Removing it needs the vault (its token goes with it), and then deletes the token from the file.
    again.t.accounts.lock();
    const lockedRemove = await again.fail('signals.removeSource', { id: cp.id });
    errors.push(lockedRemove);
    expect(lockedRemove).toEqual({ code: 'VAULT_LOCKED', message: 'unlock the vault to remove a CryptoPanic source: its token is kept there and is deleted with it' });
    expect(sourceOf(await again.call<SignalSourceView[]>('signals.sources', {}), cp.id)).toBeDefined();
    await again.t.accounts.unlock(PASSPHRASE);
    await again.call('signals.removeSource', { id: cp.id });
    expect(sourceOf(await again.call<SignalSourceView[]>('signals.sources', {}), cp.id)).toBeUndefined();
    expect(await namesInVault()).toEqual([]);

    // "No token" only when the vault truly lacks it: here another writer deleted it from the file.
    const [readded] = (await again.call<SignalSourceView[]>('signals.addSource', { kind: 'cryptopanic', token })).filter((s) => s.kind === 'cryptopanic');
    {
      const { vault } = testVault(vaultFile);
      await vault.unlock(PASSPHRASE);
      expect(vault.removeSecret(`signals:cryptopanic:${readded!.id}`)).toBe(true);
      vault.lock();
    }
    again.t.accounts.lock();
    await again.t.accounts.unlock(PASSPHRASE);
    const noToken = sourceOf(await again.call<SignalSourceView[]>('signals.sources', {}), readded!.id);
    expect(noToken).toMatchObject({ state: 'error', error: 'the vault holds no CryptoPanic token for this source: remove it and add it again with the token' });
    expect(polledWithToken()).toBe(3);

    const shown = JSON.stringify({
      lines: [...lines, ...again.logger.lines], events: [events, again.events], views, afterRestart, noToken, errors,
      settings: await again.call('signals.settings', {}), accounts: again.t.accounts.state(),
    });
    expect(shown).toContain('signals:cryptopanic:'); // the logs name the secret...
    expect(shown).not.toContain(token); // ...never its value
    await (again as unknown as { stop(): Promise<void> }).stop();
    // Every file of the data directory (the vault, the settings and signal stores, the journal, logs): no token.
    for (const f of readdirSync(rig.dir, { recursive: true }) as string[]) {
      const path = join(rig.dir, f);
      try {
        expect(readFileSync(path).includes(token), f).toBe(false);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EISDIR') throw error;
      }
    }
  });

  it("feeds each minute's close to the technicals once that minute is over, not before", async () => {
    const rig = await start();
    const rsiAt = async () => {
      const [snapshot] = await rig.call<SignalSnapshot[]>('signals.list', { instruments: ['BTC-USDT'] });
      return snapshot!.components.find((c) => c.name === 'rsi')!.ts;
    };
    // RSI needs 15 closes of the SIM's BTC-USDT minutes.
    await advanceUntil(rig, async () => (await rsiAt()) !== undefined, 'an RSI from the 1-minute closes', 30 * 60);
    const lastClose = (await rsiAt())!;
    expect(lastClose % 60_000).toBe(0);
    const nextMinuteEnd = lastClose + 60_000;
    // The next bar is still forming until its minute ends: no close from it yet.
    rig.clock.advance(nextMinuteEnd - 1 - rig.clock.now());
    expect(await rsiAt()).toBe(lastClose);
    // Its close is taken once the minute is over (and a trade of its last instant has had time to arrive).
    await advanceUntil(rig, async () => (await rsiAt()) === nextMinuteEnd, "the next minute's close", 10);
  });

  it('keeps weights and alert rules across a restart, refuses invalid ones naming every problem, and fires signalAlert on a crossing', async () => {
    const lb = await loopback();
    lb.serve('/feed', body('application/rss+xml', rss(['Bitcoin crashes as exchange hack wipes out traders, terrible losses'])));
    const rig = await start();
    await rig.call('signals.setSourceEnabled', { id: 'sim-wire', enabled: false });

    const badWeights = await rig.fail('signals.setWeights', { weights: { sentimentLevel: -1, moonPhase: 2 } });
    expect(badWeights.code).toBe('INVALID_INPUT');
    expect(badWeights.message).toMatch(/sentimentLevel: weight must be ≥ 0/);
    expect(badWeights.message).toMatch(/moonPhase/);
    const badAlert = await rig.fail('signals.addAlert', { instrument: 'BTC-USDT', signal: 'astrology', direction: 'above', threshold: 0.2 });
    expect(badAlert).toMatchObject({ code: 'INVALID_INPUT' });
    expect(badAlert.message).toMatch(/signal/);

    const weights = { sentimentLevel: 1, fearGreed: 0.5 };
    expect((await rig.call<SignalSettingsView>('signals.setWeights', { weights })).weights).toEqual(weights);
    const settings = await rig.call<SignalSettingsView>('signals.addAlert', { id: 'btc-up', instrument: 'BTC-USDT', signal: 'composite', direction: 'above', threshold: 0, hysteresis: 0.1 });
    expect(settings.alerts).toEqual([{ id: 'btc-up', instrument: 'BTC-USDT', signal: 'composite', direction: 'above', threshold: 0, hysteresis: 0.1 }]);

    // The scripted crossing: a bearish story sets the side, then a run of bullish ones crosses zero.
    const [source] = await rig.call<SignalSourceView[]>('signals.addSource', { kind: 'rss', url: `${lb.url}/feed` }).then((l) => l.filter((s) => s.kind === 'rss'));
    await rig.call('signals.pollSource', { id: source!.id });
    expect((await rig.call<SentimentView>('signals.sentiment', { instrument: 'BTC-USDT' })).signal.composite).toBeLessThan(0);
    expect(rig.events.alerts).toEqual([]);
    rig.clock.advance(60_000);
    lb.serve('/feed', body('application/rss+xml', rss([
      'Bitcoin rallies to a record high, bullish traders celebrate great gains',
      'Bitcoin surges as ETF approval sparks a strong, bullish breakout',
      'Bitcoin soars: excellent adoption news lifts the market',
    ])));
    // The trader reads numbers with a decimal comma: the message (an OS notification, the window maybe closed) is written so.
    await rig.call('settings.set', { decimalComma: true });
    await rig.call('signals.pollSource', { id: source!.id });
    await waitFor(() => rig.events.alerts.length > 0, 'signalAlert');
    expect(rig.events.alerts[0]).toMatchObject({ ruleId: 'btc-up', instrument: 'BTC-USDT', signal: 'composite', direction: 'above', threshold: 0 });
    expect(rig.events.alerts[0]!.message).toMatch(/^BTC-USDT composite crossed above 0,000 \(now -?\d,\d{3}\)$/);

    const { dir, clock } = rig;
    await (rig as unknown as { stop(): Promise<void> }).stop();
    const again = await start({}, { dir, clock });
    const kept = await again.call<SignalSettingsView>('signals.settings', {});
    expect(kept.weights).toEqual(weights);
    expect(kept.alerts.map((a) => a.id)).toEqual(['btc-up']);
    expect(sourceOf(await again.call<SignalSourceView[]>('signals.sources', {}), 'sim-wire')).toMatchObject({ enabled: false, state: 'stopped' });
    await again.call('signals.removeAlert', { id: 'btc-up' });
    expect((await again.call<SignalSettingsView>('signals.settings', {})).alerts).toEqual([]);
  });

  it("reads Binance USD-M positioning for a connected account's watched perpetual, at the account's REST base", async () => {
    const clock = new SimulatedClock(T0);
    const key = { apiKey: newApiKey(), secret: newApiKey() };
    const [btc, eth] = defaultSymbols('usdm');
    const venue = await startBinanceLoopback({
      market: 'usdm', clock,
      accounts: [{ name: 'trader', keys: [{ apiKey: key.apiKey, hmacSecret: key.secret }], balances: { USDT: '50000' } }],
      symbols: [{ ...btc!, positioning: { lastFundingRate: '0.00012500', openInterest: '10659.509', longAccount: '0.6442' } }, eth!],
    });
    cleanup.push(() => venue.stop());
    const rig = await start({}, { dir: mkdtempSync(join(tmpdir(), 'sq-signals-usdm-')), clock });
    cleanup.unshift(() => rmSync(rig.dir, { recursive: true, force: true }));
    await rig.t.accounts.create(PASSPHRASE);
    rig.t.accounts.add({ name: 'futs', venue: 'binance-usdm', apiKey: key.apiKey, secret: key.secret, testnet: true, restUrl: venue.restUrl, streamUrl: venue.wsUrl });
    await waitFor(() => rig.t.status().venues.find((v) => v.venue === 'futs')?.state === 'connected', 'the USD-M account connected');
    rig.t.watch([{ venue: 'futs', symbol: 'BTC-USDT-PERP', depth: 5 }]);
    const positioning = () => rig.call<SignalSourceView[]>('signals.sources', {}).then((l) => l.find((s) => s.kind === 'binancePositioning'));
    await waitUntil(async () => (await positioning())?.target === 'futs: BTCUSDT', 'a positioning source for the watched perpetual');
    const p = (await positioning())!;
    expect(p).toMatchObject({ automatic: true, simulated: false });
    expect(await rig.call('signals.pollSource', { id: p.id })).toMatchObject({ state: 'connected' });
    const view = await rig.call<SentimentView>('signals.sentiment', { instrument: 'BTC-USDT' });
    expect(view.positioning.fundingRate?.value).toBeCloseTo(0.000125, 9);
    expect(view.positioning.openInterest?.value).toBeCloseTo(10659.509, 6);
    expect(view.positioning.longShortRatio?.value).toBeGreaterThan(1);
    expect(view.signal.components.find((c) => c.name === 'fundingRate')?.fresh).toBe(true);
  });

  it('shows the order-flow model collecting, then trained walk-forward (on simulated data at start)', async () => {
    const rig = await start({ simOptions: true, signals: { trainSimulatedAtStart: true } });
    const view = () => rig.call<SentimentView>('signals.sentiment', { instrument: 'BTC-USDT' }).then((v) => v.orderFlow);
    const first = await view();
    if (first.state === 'collecting') expect(first).toMatchObject({ venue: 'SIM', samplesNeeded: 1_200, horizonMs: 10_000 });
    await waitUntil(async () => (await view()).state === 'trained', 'the simulated fit');
    const trained = await view();
    expect(trained).toMatchObject({ state: 'trained', data: 'simulated', samples: 1_200 });
    if (trained.state !== 'trained') throw new Error('unreachable');
    expect(trained.stats.folds).toBeGreaterThan(0);
    expect(trained.stats.testSamples).toBeGreaterThan(0);
    // Live predictions start once the SIM book is two-sided.
    await advanceUntil(rig, async () => (await view()).state === 'trained' && (await view() as { pUp?: number }).pUp !== undefined, 'a live prediction', 30);
    // The SIM lists options with open interest: the put-call ratio of BTC's nearest expiry is shown beside positioning.
    const pcr = (await rig.call<SentimentView>('signals.sentiment', { instrument: 'BTC-USDT' })).positioning.putCallRatio;
    expect(pcr).toMatchObject({ source: 'SIM' });
    expect(pcr!.value).toBeGreaterThan(0);
    expect(pcr!.label).toMatch(/^expiry 2026-12-\d\d$/);
    // Too few live samples: asking to train again keeps the model it has.
    expect((await rig.call<{ state: string }>('signals.trainOrderFlow', { instrument: 'BTC-USDT' })).state).toBe('trained');
    expect((await rig.call<{ state: string; reason?: string }>('signals.trainOrderFlow', { instrument: 'DOGE-USDT' }))).toMatchObject({ state: 'unavailable' });
  });
});

function rss(titles: string[]): string {
  const items = titles.map((t, i) => `<item><title>${t}</title><guid>g-${t.length}-${i}</guid><pubDate>Mon, 07 Dec 2026 13:5${i}:00 GMT</pubDate></item>`).join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${items}</channel></rss>`;
}
