import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseScaled, recordingLogger, SimulatedClock } from '../core';
import type { Instrument } from '../instruments';
import { Vault, VAULT_FILE_NAME } from '../secrets';
import { PASSPHRASE, TEST_SCRYPT_N } from '../secrets/testSupport';
import { newApiKey, startBinanceLoopback, type BinanceLoopback, type SpotLedger } from '../venues/binance/testSupport';
import { Terminal, type TerminalEvents } from './terminal';
import { runUntil, waitFor } from './testSupport';

/**
 * A running terminal trading a Binance spot account from its vault, against the loopback Binance venue
 * (real REST and WebSocket protocols, signatures checked): the account's name is its venue id.
 */
const T0 = 1_780_000_000_000;

interface Rig {
  clock: SimulatedClock;
  venue: BinanceLoopback<SpotLedger>;
  terminal: Terminal;
  logger: ReturnType<typeof recordingLogger>;
  dataDir: string;
  key: { apiKey: string; secret: string };
  events: { [K in keyof TerminalEvents]?: TerminalEvents[K][] };
}

let rigs: Rig[] = [];
afterEach(async () => {
  for (const rig of rigs) {
    await rig.terminal.stop();
    await rig.venue.stop();
    rmSync(rig.dataDir, { recursive: true, force: true });
  }
  rigs = [];
});

async function startRig(): Promise<Rig> {
  const clock = new SimulatedClock(T0);
  const key = { apiKey: newApiKey(), secret: newApiKey() };
  const taker = { apiKey: newApiKey(), secret: newApiKey() };
  const venue = await startBinanceLoopback({
    market: 'spot',
    clock,
    accounts: [
      { name: 'trader', keys: [{ apiKey: key.apiKey, hmacSecret: key.secret }], balances: { USDT: '100000', BTC: '2' } },
      { name: 'someone-else', keys: [{ apiKey: taker.apiKey, hmacSecret: taker.secret }], balances: { USDT: '100000', BTC: '5' } },
    ],
  });
  const logger = recordingLogger();
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-live-'));
  const terminal = await Terminal.start({ dataDir, clock, logger, mode: 'headless', seed: 3, vault: { scryptN: TEST_SCRYPT_N } });
  const events: Rig['events'] = {};
  for (const name of ['instruments', 'status', 'order', 'fill', 'position', 'kill', 'balances'] as const) {
    terminal.events.on(name, (payload) => ((events[name] ??= []) as unknown[]).push(payload));
  }
  const rig = { clock, venue, terminal, logger, dataDir, key, events };
  rigs.push(rig);
  return rig;
}

/** The vault created and a binance-spot account added, pointing at the loopback venue. */
async function withAccount(rig: Rig, name = 'main') {
  await rig.terminal.accounts.create(PASSPHRASE);
  return rig.terminal.accounts.add({
    name,
    venue: 'binance-spot',
    apiKey: rig.key.apiKey,
    secret: rig.key.secret,
    testnet: true,
    restUrl: rig.venue.restUrl,
    streamUrl: rig.venue.wsUrl,
    wsApiUrl: `${rig.venue.wsUrl}/ws-api/v3`,
  });
}

const line = (t: Terminal, venue: string) => t.status().venues.find((v) => v.venue === venue && v.account);
const connected = (t: Terminal, venue: string) => line(t, venue)?.state === 'connected';

function ticks(inst: Instrument, text: string): number {
  const p = parseScaled(text, inst.priceDecimals);
  if (!p.ok) throw new Error(p.reason);
  return p.value / inst.tickSize;
}

function lots(inst: Instrument, text: string): number {
  const q = parseScaled(text, inst.qtyDecimals);
  if (!q.ok) throw new Error(q.reason);
  return q.value / inst.lotSize;
}

async function liveBook(rig: Rig, venue: string, symbol: string) {
  rig.terminal.watch([{ venue, symbol, depth: 5 }]);
  const book = () => rig.terminal.marketSnapshot(venue, symbol, 60, 5).book;
  await runUntil(rig.clock, () => book() && !book()!.stale && book()!.bids.length > 0, `${venue} ${symbol} book live`);
  return book()!;
}

describe('a terminal trading a Binance spot account from the vault', () => {
  it('connects the account under its name, streams a watched book, rests and cancels a limit order, fills a crossing one, and disconnects it when disabled', async () => {
    const rig = await startRig();
    const { terminal, venue } = rig;
    const view = await withAccount(rig);
    await waitFor(() => connected(terminal, 'main'), 'account connected');
    expect(line(terminal, 'main')).toMatchObject({ state: 'connected', account: { venue: 'binance-spot', environment: 'testnet', customEndpoints: true } });
    const listed = rig.events.instruments?.at(-1) ?? [];
    expect(listed.filter((i) => i.venue === 'main').map((i) => i.symbol).sort()).toEqual(['BTC-USDT', 'ETH-USDT']);
    expect(listed.some((i) => i.venue === 'SIM')).toBe(true);

    const btc = terminal.instruments().find((i) => i.venue === 'main' && i.symbol === 'BTC-USDT')!;
    const book = await liveBook(rig, 'main', 'BTC-USDT');
    // The BTC balance gets its value in USDT once the book is live, without waiting for a balance change.
    const btcValue = () => rig.events.balances?.filter((b) => b.venue === 'main').at(-1)?.balances.find((b) => b.asset === 'BTC')?.valueInQuote;
    await runUntil(rig.clock, () => btcValue() !== undefined, 'BTC valued in USDT');
    expect(btcValue()).toMatch(/^4000[01]\./);
    expect(book.bids[0]![0]).toBe(ticks(btc, '20000.00'));
    expect(book.asks[0]![0]).toBe(ticks(btc, '20001.00'));
    // The round trip is measured (a ping on the shared simulated clock: 0 ms) and shown once a second.
    await runUntil(rig.clock, () => line(terminal, 'main')?.latencyMs !== undefined, 'latency shown');

    const resting = terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'GTC', price: '19990.00', qty: '0.01' }, 'ticket');
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === resting.clientOrderId)?.status === 'accepted', 'limit order accepted');
    expect(venue.exchange.working('trader').map((o) => o.clientOrderId)).toEqual([resting.clientOrderId]);
    terminal.cancel(resting.clientOrderId, 'ticket');
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === resting.clientOrderId)?.status === 'canceled', 'limit order canceled');
    expect(venue.exchange.working('trader')).toEqual([]);

    const crossing = terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', price: '20001.00', qty: '0.01' }, 'ticket');
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === crossing.clientOrderId)?.status === 'filled', 'crossing order filled');
    await waitFor(() => terminal.fills().some((f) => f.venue === 'main'), 'fill stored');
    expect(terminal.fills().filter((f) => f.venue === 'main')).toEqual([expect.objectContaining({ clientOrderId: crossing.clientOrderId, price: ticks(btc, '20001.00') })]);
    expect(terminal.positions().find((p) => p.venue === 'main' && p.symbol === 'BTC-USDT')).toMatchObject({ qty: lots(btc, '0.01') });

    // Nothing on screen: the venue still streams what has a working order (ETH) or a position (BTC).
    terminal.watch([]);
    const eth = terminal.submit({ venue: 'main', symbol: 'ETH-USDT', side: 'buy', type: 'limit', tif: 'GTC', price: '1400.00', qty: '0.01' }, 'ticket');
    const ethBook = () => terminal.marketSnapshot('main', 'ETH-USDT', 60, 1).book;
    await runUntil(rig.clock, () => ethBook() && !ethBook()!.stale && ethBook()!.bids.length > 0, 'ETH book streamed for its working order');
    const btcBefore = terminal.marketSnapshot('main', 'BTC-USDT', 60, 1).book!.seq;
    venue.exchange.setLiquidity('BTCUSDT', 'BUY', '19995.00', '1.00000');
    await runUntil(rig.clock, () => terminal.marketSnapshot('main', 'BTC-USDT', 60, 1).book!.seq > btcBefore, 'BTC still streamed for its position');
    terminal.cancel(eth.clientOrderId, 'ticket');
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === eth.clientOrderId)?.status === 'canceled', 'ETH order canceled');

    terminal.accounts.setEnabled(view.id, false);
    await waitFor(() => !terminal.accountVenueIds().includes('main') && line(terminal, 'main') === undefined, 'account disconnected');
    expect(() => terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '19990.00', qty: '0.01' }, 'ticket')).toThrow('venue main is not connected to the OMS');
    // Its last book is not presented as the market any more.
    await waitFor(() => terminal.marketSnapshot('main', 'BTC-USDT', 60, 1).book?.stale === true, 'book stale once disconnected');

    // No key or secret in any file of the data directory or any log line.
    const needles = [rig.key.secret, rig.key.apiKey];
    const files = readdirSync(rig.dataDir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile());
    for (const f of files) {
      const bytes = readFileSync(join(f.parentPath, f.name));
      for (const needle of needles) expect(bytes.includes(Buffer.from(needle)), `${f.name}`).toBe(false);
    }
    const said = JSON.stringify(rig.logger.lines) + JSON.stringify(rig.events) + JSON.stringify(terminal.status());
    for (const needle of needles) expect(said).not.toContain(needle);
  });

  it('tests an account: its balances, or the venue\'s exact refusal of a wrong key', async () => {
    const rig = await startRig();
    const view = await withAccount(rig);
    const tested = await rig.terminal.accounts.test(view.id);
    expect(tested.account).toEqual(view);
    expect(tested.balances).toEqual([
      { asset: 'BTC', free: '2.00000000', locked: '0.00000000' },
      { asset: 'USDT', free: '100000.00000000', locked: '0.00000000' },
    ]);
    const wrong = rig.terminal.accounts.add({ name: 'wrong', venue: 'binance-spot', apiKey: rig.key.apiKey, secret: 'not-the-secret-0123456789', testnet: true, restUrl: rig.venue.restUrl });
    await expect(rig.terminal.accounts.test(wrong.id)).rejects.toThrow('wrong: Signature for this request is not valid. (Binance code -1022)');
    // A venue that cannot be reached: the test says so, and the account is shown, not connected, with the reason.
    const futures = rig.terminal.accounts.add({ name: 'perp', venue: 'binance-usdm', apiKey: rig.key.apiKey, secret: rig.key.secret, testnet: true, restUrl: 'http://127.0.0.1:2' });
    await expect(rig.terminal.accounts.test(futures.id)).rejects.toThrow(/^perp: .*ECONNREFUSED/);
    await waitFor(() => line(rig.terminal, 'perp')?.reason !== undefined, 'perp shown');
    expect(line(rig.terminal, 'perp')).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('ECONNREFUSED') });
    await waitFor(() => line(rig.terminal, 'wrong')?.reason !== undefined, 'wrong key shown');
    expect(line(rig.terminal, 'wrong')?.reason).toBe('account: Signature for this request is not valid.');
    expect(JSON.stringify(rig.logger.lines)).not.toContain(rig.key.secret);
  });

  it('locking the vault keeps a connected account trading; an account added while locked connects at the next unlock', async () => {
    const rig = await startRig();
    const { terminal } = rig;
    await withAccount(rig);
    await waitFor(() => connected(terminal, 'main'), 'account connected');
    await liveBook(rig, 'main', 'BTC-USDT');
    terminal.accounts.lock();
    await terminal.accountsSettled();
    expect(connected(terminal, 'main')).toBe(true);
    const order = terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '19990.00', qty: '0.01' }, 'ticket');
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'accepted', 'order accepted while locked');
    terminal.cancel(order.clientOrderId, 'ticket');
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'canceled', 'canceled while locked');

    await terminal.accounts.unlock(PASSPHRASE);
    terminal.accounts.add({ name: 'second', venue: 'binance-spot', apiKey: rig.key.apiKey, secret: rig.key.secret, testnet: true, restUrl: rig.venue.restUrl, streamUrl: rig.venue.wsUrl, wsApiUrl: `${rig.venue.wsUrl}/ws-api/v3` });
    await waitFor(() => connected(terminal, 'second'), 'second account connected');
    // The first was not reconnected by the unlock: nothing about it changed.
    expect(rig.logger.lines.filter((l) => l.message === 'account venue connecting').map((l) => (l.fields as { account: string }).account)).toEqual(['main', 'second']);
  });

  it('follows what another writer of the vault file (sq account) changes, without a restart', async () => {
    const rig = await startRig();
    const { terminal } = rig;
    await withAccount(rig);
    await waitFor(() => connected(terminal, 'main'), 'account connected');
    const shell = new Vault({ file: join(rig.dataDir, VAULT_FILE_NAME), clock: rig.clock, scryptN: TEST_SCRYPT_N });
    await shell.unlock(PASSPHRASE);
    shell.setEnabled('main', false);
    await runUntil(rig.clock, () => !terminal.accountVenueIds().includes('main'), 'disabled from the shell');
    shell.setEnabled('main', true);
    await runUntil(rig.clock, () => connected(terminal, 'main'), 'enabled again from the shell');
    shell.lock();
  });

  it('after a restart, an order left working on the account is reconciled once the account connects (filled while the terminal was down)', async () => {
    const rig = await startRig();
    await withAccount(rig);
    await waitFor(() => connected(rig.terminal, 'main'), 'account connected');
    await liveBook(rig, 'main', 'BTC-USDT');
    const bought = rig.terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', tif: 'IOC', price: '20001.00', qty: '0.02' }, 'ticket');
    await waitFor(() => rig.terminal.fills().some((f) => f.clientOrderId === bought.clientOrderId), 'first fill stored');
    const order = rig.terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '19990.00', qty: '0.01' }, 'ticket');
    await waitFor(() => rig.terminal.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'accepted', 'resting');
    await rig.terminal.stop();
    rig.venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '3.51', '19990.00');

    const logger = recordingLogger();
    const second = await Terminal.start({ dataDir: rig.dataDir, clock: rig.clock, logger, mode: 'headless', seed: 3, vault: { scryptN: TEST_SCRYPT_N, passphrase: PASSPHRASE } });
    rig.terminal = second;
    expect(second.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status).toBe('accepted');
    await waitFor(() => second.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'filled', 'filled once reconciled');
    await waitFor(() => second.fills().some((f) => f.clientOrderId === order.clientOrderId), 'fill stored');
    const btc = second.instruments().find((i) => i.venue === 'main' && i.symbol === 'BTC-USDT')!;
    // The fill from before the restart (booked once the account's instruments are known) and the one reconciled.
    await waitFor(() => second.positions().find((p) => p.venue === 'main' && p.symbol === 'BTC-USDT')?.qty === lots(btc, '0.03'), 'position of both fills');
  });

  it('refuses an account whose name is a simulated venue\'s id, saying why', async () => {
    const rig = await startRig();
    await withAccount(rig, 'SIM');
    await waitFor(() => line(rig.terminal, 'SIM')?.reason !== undefined, 'refusal shown');
    expect(line(rig.terminal, 'SIM')).toMatchObject({ state: 'disconnected', reason: expect.stringContaining('is the id of a simulated venue') });
    expect(rig.terminal.accountVenueIds()).toEqual([]);
    expect(rig.logger.lines.some((l) => l.message === 'account not connected')).toBe(true);
    // SIM still trades as before.
    expect(rig.terminal.status().venues.find((v) => v.venue === 'SIM' && !v.account)?.state).toBe('connected');
  });

  it('the kill switch cancels on SIM and on the account, and says which cancels could not be sent', async () => {
    const rig = await startRig();
    const { terminal } = rig;
    const view = await withAccount(rig);
    await waitFor(() => connected(terminal, 'main'), 'account connected');
    await liveBook(rig, 'main', 'BTC-USDT');
    const sim = terminal.marketSnapshot('SIM', 'BTC-USDT', 60, 1).book!;
    const simInst = terminal.instruments().find((i) => i.venue === 'SIM' && i.symbol === 'BTC-USDT')!;
    const bid = Math.round(sim.bids[0]![0] * 0.99); // 1 % under the market: rests while the SIM market moves
    const simOrder = terminal.submit({ venue: 'SIM', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: ((bid * simInst.tickSize) / 10 ** simInst.priceDecimals).toFixed(simInst.priceDecimals), qty: '0.01' }, 'ticket');
    const account = terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '19990.00', qty: '0.01' }, 'ticket');
    // The SIM venue answers on the simulated clock, the loopback over real sockets: time moves until both have.
    await runUntil(rig.clock, () => [simOrder, account].every((o) => terminal.orders().find((x) => x.clientOrderId === o.clientOrderId)?.status === 'accepted'), 'both resting');

    terminal.engageKillSwitch('ticket', 'test');
    await runUntil(rig.clock, () => terminal.killState().lastCancel !== undefined, 'cancel-all finished');
    expect(terminal.killState().lastCancel).toMatchObject({ requested: 2, canceled: 2, notCanceled: [] });
    expect(rig.venue.exchange.working('trader')).toEqual([]);
    terminal.resetKillSwitch('ticket');

    // An order left on an account that is no longer connected: its cancel cannot go, and the outcome says so.
    const left = terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '19990.00', qty: '0.01' }, 'ticket');
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === left.clientOrderId)?.status === 'accepted', 'resting again');
    terminal.accounts.setEnabled(view.id, false);
    await waitFor(() => !terminal.accountVenueIds().includes('main'), 'account disconnected');
    expect(terminal.orders().find((o) => o.clientOrderId === left.clientOrderId)?.status).toBe('accepted');
    terminal.engageKillSwitch('ticket', 'again');
    await runUntil(rig.clock, () => terminal.killState().lastCancel?.requested === 1, 'second cancel-all finished');
    expect(terminal.killState().lastCancel?.notCanceled).toEqual([{ venue: 'main', clientOrderId: left.clientOrderId, reason: 'cancel failed: main is not connected' }]);

    // Enabled again: reconciled (still open there) and, the switch being engaged, canceled at once.
    terminal.accounts.setEnabled(view.id, true);
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === left.clientOrderId)?.status === 'canceled', 'canceled on reconnect');
    expect(rig.venue.exchange.working('trader')).toEqual([]);
  });

  it('after the venue drops every socket, the reconnect reconciles: a fill that happened while down is booked', async () => {
    const rig = await startRig();
    const { terminal, venue } = rig;
    await withAccount(rig);
    await waitFor(() => connected(terminal, 'main'), 'account connected');
    await liveBook(rig, 'main', 'BTC-USDT');
    const order = terminal.submit({ venue: 'main', symbol: 'BTC-USDT', side: 'buy', type: 'limit', price: '19990.00', qty: '0.01' }, 'ticket');
    await waitFor(() => terminal.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'accepted', 'resting');

    venue.faults.dropAllSockets();
    await waitFor(() => line(terminal, 'main')?.state === 'disconnected', 'drop seen');
    // Someone sells into our bid while we cannot hear it.
    venue.exchange.takeLiquidity('BTCUSDT', 'SELL', '3.51', '19990.00'); // 1.5 at 20000, 2 at 19999, then ours
    expect(venue.exchange.working('trader')).toEqual([]);
    await runUntil(rig.clock, () => terminal.orders().find((o) => o.clientOrderId === order.clientOrderId)?.status === 'filled', 'fill recovered after reconnect');
    expect(connected(terminal, 'main')).toBe(true);
    await waitFor(() => terminal.fills().some((f) => f.clientOrderId === order.clientOrderId), 'fill stored');
    expect(terminal.fills().filter((f) => f.clientOrderId === order.clientOrderId)).toHaveLength(1);
    expect(rig.logger.lines.some((l) => l.message === 'reconciled with account venue' && (l.fields as { missedFills?: string[] }).missedFills?.length === 1)).toBe(true);
  });
});
