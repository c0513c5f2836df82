/**
 * Kite's part of the kill switch, beyond the OMS's cancel of every order it knows: every open order at
 * Kite is canceled (including those placed on Kite's web or app, AMOs and untriggered SL orders), the
 * active GTTs are deleted when the trader chose so, and intraday (MIS) positions are squared off with
 * market orders when flatten is on. Every call is made even when others fail, and the report names
 * each one that failed, in Kite's words.
 *
 * The square-off orders are the adapter's own, not the OMS's: they carry no tag of ours, so their fills
 * reach the terminal through the venue's positions (read again at the end) and the next
 * reconciliation, not as fills of a ticket.
 */
import type { Logger, Symbol, VenueId } from '../../../core';
import type { Instrument } from '../../../instruments';
import type { VenueKillReport } from '../../types';
import { AUTO_MARKET_PROTECTION } from './kiteOrderParams';
import type { KiteOrders } from './kiteOrders';
import { kiteWords } from './kiteOrders';
import type { KitePortfolio } from './kitePortfolio';
import { failureOf, type KiteRest } from './kiteRest';
import { kiteSymbol, type KitePositionWire } from './kiteWire';

export interface KiteKillOptions {
  /** Delete every active GTT too (the trader's setting). */
  deleteGtts: boolean;
  /** Square off intraday (MIS) positions (the kill switch's flatten setting). */
  squareOffIntraday: boolean;
}

export interface KiteKillFailure {
  /** The call, as Kite names it: "DELETE /orders/regular/2412...", "GET /gtt/triggers", ... */
  call: string;
  reason: string;
}

export interface KiteKillReport extends VenueKillReport {
  gttsDeleted: number[];
  /** Symbols whose MIS position got its square-off order placed. */
  squaredOff: Symbol[];
  failed: KiteKillFailure[];
}

export interface KiteKillDeps {
  venue: VenueId;
  rest: KiteRest;
  orders: KiteOrders;
  portfolio: KitePortfolio;
  instruments: readonly Instrument[];
  logger: Logger;
}

export async function kiteKillSwitch(deps: KiteKillDeps, options: KiteKillOptions): Promise<KiteKillReport> {
  const { rest, logger, venue } = deps;
  const report: KiteKillReport = { canceled: [], gttsDeleted: [], squaredOff: [], failed: [] };
  const fail = (call: string, e: unknown) => report.failed.push({ call, reason: kiteWords(failureOf(e), 'request') });

  const cancels = (async () => {
    let open;
    try {
      open = await deps.orders.allOpenOrders();
    } catch (e) {
      return fail('GET /orders', e);
    }
    await Promise.all(
      open.map(async (o) => {
        const call = `DELETE /orders/${o.variety}/${o.order_id}`;
        try {
          await rest.delete(`/orders/${o.variety}/${o.order_id}`, undefined, 'order');
          report.canceled.push(o.order_id);
        } catch (e) {
          fail(call, e);
        }
      }),
    );
  })();

  const gtts = (async () => {
    if (!options.deleteGtts) return;
    let ids: number[];
    try {
      ids = await deps.portfolio.activeGttIds();
    } catch (e) {
      return fail('GET /gtt/triggers', e);
    }
    await Promise.all(
      ids.map(async (id) => {
        try {
          await rest.delete(`/gtt/triggers/${id}`);
          report.gttsDeleted.push(id);
        } catch (e) {
          fail(`DELETE /gtt/triggers/${id}`, e);
        }
      }),
    );
  })();

  await Promise.all([cancels, gtts]);

  if (options.squareOffIntraday) {
    let net: KitePositionWire[] = [];
    try {
      net = (await rest.get<{ net: KitePositionWire[] }>('/portfolio/positions')).net ?? [];
    } catch (e) {
      fail('GET /portfolio/positions', e);
    }
    const known = new Set(deps.instruments.map((i) => i.symbol));
    await Promise.all(
      net
        .filter((p) => p.product === 'MIS' && p.quantity !== 0)
        .map(async (p) => {
          const symbol = kiteSymbol(p.exchange, p.tradingsymbol);
          try {
            await rest.post(
              '/orders/regular',
              {
                exchange: p.exchange,
                tradingsymbol: p.tradingsymbol,
                transaction_type: p.quantity > 0 ? 'SELL' : 'BUY',
                order_type: 'MARKET',
                quantity: Math.abs(p.quantity),
                product: 'MIS',
                validity: 'DAY',
                market_protection: AUTO_MARKET_PROTECTION,
              },
              'order',
            );
            report.squaredOff.push(symbol);
            if (!known.has(symbol)) logger.warn({ venue, symbol }, 'kill switch squared off a position on an instrument this account does not list');
          } catch (e) {
            // Never sent again by us: an answer that never came may still have placed the order.
            fail(`POST /orders/regular (square off ${symbol})`, e);
          }
        }),
    );
  }

  await deps.portfolio.refresh().catch((e: unknown) => logger.warn({ venue, reason: (e as Error).message }, 'kill switch: the portfolio could not be read afterwards'));
  if (report.failed.length > 0) logger.error({ venue, failed: report.failed }, 'kill switch: Kite calls failed');
  else logger.warn({ venue, canceled: report.canceled.length, gttsDeleted: report.gttsDeleted.length, squaredOff: report.squaredOff }, 'kill switch: Kite done');
  return report;
}
