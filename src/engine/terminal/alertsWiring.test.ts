import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Fill, SimulatedClock, silentLogger } from '../core';
import { formatPrice } from '../instruments';
import type { Notice } from './alerts';
import { Terminal } from './terminal';
import { runUntil, waitFor } from './testSupport';

/**
 * Alerts and notices in the whole engine on the SIM venue and a simulated clock: rules fire from the
 * venue's own trades, the books' mids and the analytics, and are still there (and as they were) after a
 * restart on the same data directory; fills, the venue's refusals and breaker trips come as notices.
 */
const T0 = 1_700_000_000_000;
let terminal: Terminal | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await terminal?.stop();
  terminal = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

async function start(dataDir: string, clock: SimulatedClock) {
  terminal = await Terminal.start({ dataDir, clock, logger: silentLogger, mode: 'headless', seed: 11, warmUpMs: 10 * 60_000 });
  const t = terminal;
  const notices: Notice[] = [];
  const fills: Fill[] = [];
  t.events.on('notice', (n) => notices.push(n));
  t.events.on('fill', (f) => fills.push(f));
  await waitFor(() => t.instruments().every((i) => t.marketSnapshot(i.venue, i.symbol, 60, 1).book?.stale === false), 'books live');
  return { t, notices, fills };
}

function freshDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'sq-alerts-wiring-'));
  dirs.push(dir);
  return dir;
}

describe('alerts in the terminal', () => {
  it('fire from trades, mids and analytics with no view watching, and are restored as they were after a restart', async () => {
    const dir = freshDir();
    const clock = new SimulatedClock(T0);
    const { t, notices } = await start(dir, clock);
    const sol = t.instruments().find((i) => i.symbol === 'SOL-USDT')!;
    const oneTick = formatPrice(sol, 1);
    const last = t.alerts.add({ venue: 'SIM', symbol: 'SOL-USDT', kind: 'price', condition: 'above', price: oneTick, sound: true, note: 'any trade' });
    const mid = t.alerts.add({ venue: 'SIM', symbol: 'SOL-USDT', kind: 'price', condition: 'below', price: '1000000', source: 'mid' });
    const spread = t.alerts.add({ venue: 'SIM', symbol: 'SOL-USDT', kind: 'analytics', metric: 'spread', condition: 'above', value: 1 });
    const later = t.alerts.add({ venue: 'SIM', symbol: 'SOL-USDT', kind: 'price', condition: 'crosses', price: '1000000' });

    await runUntil(clock, () => notices.filter((n) => n.kind === 'alert').length >= 3, 'three alerts fired');
    const alerts = notices.filter((n) => n.kind === 'alert');
    expect(alerts.map((n) => n.alertId).sort()).toEqual([last.id, mid.id, spread.id].sort());
    expect(alerts.find((n) => n.alertId === last.id)).toMatchObject({ venue: 'SIM', symbol: 'SOL-USDT', title: 'Alert SIM SOL-USDT: any trade', sound: true });
    expect(alerts.find((n) => n.alertId === last.id)!.text).toMatch(new RegExp(`^last \\d+\\.\\d{2} at or above ${oneTick.replace('.', '\\.')}$`));
    expect(alerts.find((n) => n.alertId === mid.id)!.text).toMatch(/^mid \d+\.\d{2,3} at or below 1000000\.00$/);
    // Each "once" rule fired once however long the market keeps meeting it.
    for (let i = 0; i < 40; i++) clock.advance(50);
    expect(notices.filter((n) => n.kind === 'alert')).toHaveLength(3);
    const log = t.alerts.firedLog();
    expect(log.map((e) => e.alertId)).toEqual(alerts.map((n) => n.alertId).reverse());

    await t.stop();
    terminal = undefined;
    const again = await start(dir, clock);
    expect(again.t.alerts.state().rules.map((r) => [r.id, r.armed, r.firedCount])).toEqual([
      [last.id, false, 1],
      [mid.id, false, 1],
      [spread.id, false, 1],
      [later.id, true, 0],
    ]);
    expect(again.t.alerts.firedLog()).toEqual(log);
    // Re-armed, it fires again on the restarted engine's trades.
    again.t.alerts.rearm(last.id);
    await runUntil(clock, () => again.notices.some((n) => n.alertId === last.id), 're-armed alert fired');
  });

  it('refuses a rule on an instrument the terminal does not list', async () => {
    const { t } = await start(freshDir(), new SimulatedClock(T0));
    expect(() => t.alerts.add({ venue: 'SIM', symbol: 'DOGE-USDT', kind: 'price', condition: 'above', price: '1' })).toThrow('alert not added: unknown instrument SIM:DOGE-USDT');
    expect(() => t.alerts.add({ venue: 'NOPE', symbol: 'SOL-USDT', kind: 'move', percent: '2', windowSec: 300 })).toThrow(/unknown instrument NOPE:SOL-USDT/);
    expect(t.alerts.state().rules).toEqual([]);
  });
});

describe('notices', () => {
  it('tell of a fill, of the venue refusing an order in its own words, and of the breaker that refusal tripped', async () => {
    const clock = new SimulatedClock(T0);
    const { t, notices, fills } = await start(freshDir(), clock);
    const limits = t.riskState().limits;
    // The market buy's acknowledgement and then one refusal: 1 of 2 answers rejected (50 %) trips the breakers.
    t.setRiskLimits({ ...limits, breakers: { defaults: { maxRejectPct: 40, rejectMinSamples: 1 } } });

    const buy = t.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '2' }, 'ticket');
    await runUntil(clock, () => fills.reduce((sum, f) => sum + f.qty, 0) === 200, 'market buy filled');
    // One notice per fill, each saying what was bought at what price.
    expect(notices.filter((n) => n.kind === 'fill')).toHaveLength(fills.length);
    for (const n of notices.filter((x) => x.kind === 'fill')) {
      expect(n).toMatchObject({ venue: 'SIM', symbol: 'SOL-USDT', clientOrderId: buy.clientOrderId });
      expect(n.title).toMatch(/^Bought \d+(\.\d+)? SOL-USDT at \d+\.\d{2}$/);
      expect(n.text).toMatch(new RegExp(`^SIM, order ${buy.clientOrderId} \\((maker|taker)\\)`));
    }

    // A post-only buy at the ask would take liquidity: the SIM venue refuses it.
    const ask = t.marketSnapshot('SIM', 'SOL-USDT', 60, 1).book!.asks[0]![0];
    const sol = t.instruments().find((i) => i.symbol === 'SOL-USDT')!;
    const refused = t.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'limit', postOnly: true, price: formatPrice(sol, ask), qty: '1' }, 'ticket');
    await runUntil(clock, () => notices.some((n) => n.kind === 'rejected') && notices.some((n) => n.kind === 'breaker'), 'rejection and breaker notices');
    expect(notices.find((n) => n.kind === 'rejected')).toMatchObject({
      venue: 'SIM',
      symbol: 'SOL-USDT',
      clientOrderId: refused.clientOrderId,
      title: 'Order rejected: buy 1.00 SOL-USDT',
      text: 'post-only order would cross',
    });
    const breakers = notices.filter((n) => n.kind === 'breaker');
    expect(breakers.map((n) => n.title).sort()).toEqual(['Circuit breaker open: SIM SOL-USDT', 'Circuit breaker open: venue SIM']);
    for (const b of breakers) expect(b.text).toMatch(/reject/);
    // Refused by risk at submit: the caller is told in its answer, so no notice repeats it.
    const before = notices.length;
    expect(() => t.submit({ venue: 'SIM', symbol: 'SOL-USDT', side: 'buy', type: 'market', qty: '1' }, 'ticket')).toThrow(/circuit breaker OPEN/);
    clock.advance(50);
    expect(notices.slice(before).filter((n) => n.kind === 'rejected')).toEqual([]);
    // One stream, numbered in order.
    expect(notices.map((n) => n.seq)).toEqual(notices.map((_, i) => i + 1));
  });
});
