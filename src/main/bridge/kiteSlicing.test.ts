import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AccountView, CallName, Order } from '../../contract';
import { recordingLogger, SimulatedClock } from '../../engine/core';
import { PASSPHRASE, TEST_SCRYPT_N } from '../../engine/secrets/testSupport';
import { Terminal } from '../../engine/terminal';
import { waitFor } from '../../engine/terminal/testSupport';
import { startKiteLoopback } from '../../engine/venues/kite/testSupport';
import { Dispatcher } from './dispatcher';
import { createHandlers } from './handlers';
import { SessionRegistry } from './router';
import { Session } from './session';

/**
 * An order above the freeze quantity, sliced by us (not by Kite's autoslice) through the real bridge,
 * engine, risk and adapter against the loopback Kite venue: NIFTY's future freezes at 1800 units (24 lots
 * of 75), so 3600 units go as 1800 + 1800, each its own order with its own clientOrderId at Kite.
 */
const APP = { apiKey: 'kiteslicekey0001', apiSecret: 'kiteslicesecret000000000000001', redirectUrl: 'http://127.0.0.1:9/kite/redirect' };
/** Monday 7 December 2026, 10:00 IST: the market is open. */
const MONDAY_10_IST = Date.UTC(2026, 11, 7, 4, 30);
const NIFTY = 'NFO:NIFTY26DECFUT';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function loggedInRig() {
  const dataDir = mkdtempSync(join(tmpdir(), 'sq-kite-slice-'));
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  const clock = new SimulatedClock(MONDAY_10_IST);
  const logger = recordingLogger();
  const venue = await startKiteLoopback({ app: APP, clock, funds: { equity: '100000000' } });
  cleanups.push(() => venue.close());
  // Room for a sliced NIFTY order (Kite's margin is the venue's business); at most 4000 units long; the
  // double-click guard on (equal slices repeat each other's terms by design and must not trip it).
  const terminal = await Terminal.start({
    dataDir,
    clock,
    logger,
    mode: 'headless',
    seed: 7,
    vault: { scryptN: TEST_SCRYPT_N },
    riskDefaults: { maxOrderNotional: '100000000', maxLongPosition: '4000', duplicateWindowMs: 60_000 },
  });
  // Stopping waits for Kite calls in flight, which Kite's pacing holds on the simulated clock: it is moved along.
  cleanups.push(async () => {
    let stopped = false;
    const stopping = terminal.stop().finally(() => (stopped = true));
    await waitFor(() => stopped || (clock.advance(1_000), false), 'the terminal stopped');
    await stopping;
  });
  const sessions = new SessionRegistry();
  const session = new Session('test', () => {});
  sessions.add(session);
  const dispatcher = new Dispatcher(createHandlers(terminal, sessions), logger);
  const call = async (name: CallName, input: object = {}) => (await dispatcher.handle(session, name, input)) as { ok: boolean; value?: unknown; error?: { code: string; message: string } };
  await call('accounts.create', { passphrase: PASSPHRASE, confirm: PASSPHRASE });
  const view = (await call('accounts.add', { name: 'zerodha', venue: 'kite', apiKey: APP.apiKey, secret: APP.apiSecret, testnet: false, restUrl: venue.restUrl, streamUrl: venue.tickerUrl }))
    .value as AccountView;
  const { url } = (await call('accounts.kiteLoginUrl', { id: view.id })).value as { url: string };
  const landed = (await fetch(url, { redirect: 'manual' })).headers.get('location')!;
  expect((await call('accounts.kiteLogin', { id: view.id, redirect: landed })).ok).toBe(true);
  await waitFor(() => terminal.status().venues.find((v) => v.venue === 'zerodha')?.state === 'connected', 'the kite account connected');
  const kiteOrders = () => venue.control.orders() as { tag: string; quantity: number; status: string }[];
  const order = (clientOrderId: string): Order | undefined => {
    try {
      return terminal.history(clientOrderId).order;
    } catch {
      return undefined;
    }
  };
  return { terminal, call, venue, clock, kiteOrders, order };
}

const ticket = (qty: string, clientOrderId: string) => ({
  venue: 'zerodha',
  symbol: NIFTY,
  side: 'buy',
  type: 'limit',
  tif: 'DAY',
  price: '24100',
  qty,
  product: 'NRML',
  clientOrderId,
  source: 'ticket',
});

describe('an order above the freeze quantity, sliced by the terminal (Kite)', () => {
  it('the instrument carries its freeze quantity; Auto-slice sends 1800 + 1800 as two orders of one group, and a resent ticket does not double them', async () => {
    const rig = await loggedInRig();
    expect(rig.terminal.instruments().find((i) => i.venue === 'zerodha' && i.symbol === NIFTY)?.freezeLots).toBe(24);

    // Without slicing, Kite's one-order rule refuses it at the adapter, before sending, with the way out.
    const whole = await rig.call('orders.submit', ticket('2250', 'slicewhole1'));
    expect(whole.ok).toBe(true);
    await waitFor(() => rig.order('slicewhole1')?.status === 'rejected', 'the unsliced order refused');
    expect(rig.order('slicewhole1')?.rejectReason).toMatch(/freeze limit of 1800 \(24 lots\)/);
    expect(rig.kiteOrders()).toEqual([]);

    const sliced = await rig.call('orders.submitSliced', ticket('3600', 'slicebuy1'));
    expect(sliced.error).toBeUndefined();
    const children = sliced.value as Order[];
    expect(children.map((o) => [o.clientOrderId, o.qty, o.groupId, o.role, o.status])).toEqual([
      ['slicebuy1.1', 24, 'slicebuy1', undefined, 'submitted'],
      ['slicebuy1.2', 24, 'slicebuy1', undefined, 'submitted'],
    ]);
    // Each slice is its own Kite order, tagged with its own clientOrderId (Kite's pacing waits on the simulated clock).
    await waitFor(() => rig.kiteOrders().length === 2 || (rig.clock.advance(200), false), 'both slices at Kite');
    await waitFor(() => children.every((c) => rig.order(c.clientOrderId)?.status === 'accepted') || (rig.clock.advance(200), false), 'both slices accepted');
    expect(rig.kiteOrders().map((o) => [o.tag, o.quantity, o.status]).sort()).toEqual([
      ['slicebuy1Zb1', 1800, 'OPEN'],
      ['slicebuy1Zb2', 1800, 'OPEN'],
    ]);

    // The same ticket again (a double click, a resent command): the same two orders, nothing new sent.
    const again = await rig.call('orders.submitSliced', ticket('3600', 'slicebuy1'));
    expect((again.value as Order[]).map((o) => o.clientOrderId)).toEqual(['slicebuy1.1', 'slicebuy1.2']);
    // The same id with another quantity is another order, which it cannot be.
    const other = await rig.call('orders.submitSliced', ticket('2400', 'slicebuy1'));
    expect(other.error).toEqual({ code: 'INVALID_INPUT', message: 'clientOrderId slicebuy1.2 is already used by an order with other terms (qty differs)' });
    expect(rig.kiteOrders()).toHaveLength(2);

    // Canceling one slice leaves its sibling alone: a plain group has no contingent rule.
    expect((await rig.call('orders.cancel', { clientOrderId: 'slicebuy1.1' })).ok).toBe(true);
    await waitFor(() => rig.order('slicebuy1.1')?.status === 'canceled' || (rig.clock.advance(200), false), 'slice 1 canceled');
    expect(rig.order('slicebuy1.2')?.status).toBe('accepted');
  });

  it('all or none: a slice that risk refuses keeps every slice from being sent; more than 10 slices is refused with the reason', async () => {
    const rig = await loggedInRig();
    // 4500 units = 60 lots: 24 + 24 + 12. The first two are within 4000 long; with the third it is not.
    const refused = await rig.call('orders.submitSliced', ticket('4500', 'sliceall1'));
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/^slice 3 of 3 refused: long position/);
    for (const id of ['sliceall1.1', 'sliceall1.2']) expect(rig.order(id)).toMatchObject({ status: 'canceled', cancelReason: expect.stringMatching(/^never sent: slice 3 of 3 refused/) });
    expect(rig.order('sliceall1.3')).toMatchObject({ status: 'rejected' });
    rig.clock.advance(2_000);
    expect(rig.kiteOrders()).toEqual([]);
    // The same terms again within the double-click window are refused as a repeat: the dropped slices had
    // passed the guard (it remembers what passes), so a quick retry is taken for a double click.
    const repeat = await rig.call('orders.submitSliced', ticket('2250', 'sliceall2'));
    expect(repeat.error?.message).toMatch(/^slice 1 of 2 refused: .*(same|duplicate|repeat)/i);
    // At another price, and with the refused slices no longer counted as working, a sliced order within the limit goes.
    const fits = await rig.call('orders.submitSliced', { ...ticket('2250', 'sliceall3'), price: '24090' });
    expect(fits.error).toBeUndefined();
    await waitFor(() => rig.kiteOrders().length === 2 || (rig.clock.advance(200), false), 'both slices at Kite');

    // 11 x 1800 + 75 units: 12 slices, above Zerodha's 10; nothing is recorded.
    const tooMany = await rig.call('orders.submitSliced', ticket('19875', 'slicemany1'));
    expect(tooMany.error).toEqual({ code: 'INVALID_INPUT', message: 'Quantity needs 12 slices of at most 24 lots; at most 10 slices are allowed per order.' });
    expect(rig.order('slicemany1.1')).toBeUndefined();
  });
});
