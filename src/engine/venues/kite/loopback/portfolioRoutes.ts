/**
 * Portfolio endpoints: GET /portfolio/positions (positions.json: net and day), PUT
 * /portfolio/positions (convert_position.json: MIS <-> NRML / CNC), GET /portfolio/holdings
 * (holdings.json).
 */
import { errors } from './kiteErrors';
import type { Product } from './orderRecord';
import { netQuantity, Portfolio } from './portfolio';
import { data, route, type Route } from './routeKit';
import { rupees } from './units';
import type { KiteVenue } from './venue';

const PRODUCTS: readonly Product[] = ['CNC', 'MIS', 'NRML'];

export function portfolioRoutes(venue: KiteVenue): Route[] {
  const lastOf = (token: number, fallback: number) => venue.markets.get(token)?.lastPrice ?? fallback;
  const closeOf = (token: number) => venue.markets.get(token)?.ohlc.close ?? 0;
  return [
    route('GET', '/portfolio/positions', 'other', () => {
      const list = [...venue.portfolio.positions.values()].map((p) => Portfolio.positionJson(p, lastOf(p.instrument.token, 0), closeOf(p.instrument.token)));
      return data({ net: list, day: list });
    }),
    route('PUT', '/portfolio/positions', 'other', ({ params }) => {
      for (const name of ['exchange', 'tradingsymbol', 'transaction_type', 'position_type', 'quantity', 'old_product', 'new_product']) {
        if (params.get(name) === undefined) return errors.missing(name);
      }
      const instrument = venue.instrument(`${params.get('exchange')}:${params.get('tradingsymbol')}`);
      if (!instrument) return errors.noInstrument();
      const side = params.get('transaction_type');
      if (side !== 'BUY' && side !== 'SELL') return errors.invalid('transaction_type');
      if (params.get('position_type') !== 'day' && params.get('position_type') !== 'overnight') return errors.invalid('position_type');
      const from = params.get('old_product') as Product;
      const to = params.get('new_product') as Product;
      if (!PRODUCTS.includes(from) || !PRODUCTS.includes(to) || from === to) return errors.invalid('new_product');
      const quantity = Number(params.get('quantity'));
      if (!Number.isInteger(quantity) || quantity < 1) return errors.invalid('quantity');
      const old = venue.portfolio.existing(instrument, from);
      const net = old ? netQuantity(old) : 0;
      const available = side === 'BUY' ? net : -net;
      if (!old || available < quantity) return errors.noPosition();
      // The quantity leaves the old product and enters the new one at the old average price.
      const avg = Math.round(side === 'BUY' ? old.buyValue / old.buyQuantity : old.sellValue / old.sellQuantity);
      venue.portfolio.applyFill(instrument, from, side === 'BUY' ? 'SELL' : 'BUY', quantity, avg);
      venue.portfolio.applyFill(instrument, to, side, quantity, avg);
      return data(true);
    }),
    route('GET', '/portfolio/holdings', 'other', () =>
      data(
        venue.portfolio.holdings.map((h) => {
          const last = lastOf(h.instrument.token, h.averagePrice);
          const close = closeOf(h.instrument.token) || last;
          const qty = h.quantity + h.t1Quantity;
          return {
            tradingsymbol: h.instrument.tradingsymbol,
            exchange: h.instrument.exchange,
            instrument_token: h.instrument.token,
            isin: '',
            product: 'CNC',
            price: 0,
            quantity: h.quantity,
            used_quantity: h.usedQuantity,
            t1_quantity: h.t1Quantity,
            realised_quantity: h.quantity,
            authorised_quantity: 0,
            authorised_date: '',
            authorisation: {},
            opening_quantity: h.quantity,
            short_quantity: 0,
            collateral_quantity: 0,
            collateral_type: '',
            discrepancy: false,
            average_price: rupees(h.averagePrice),
            last_price: rupees(last),
            close_price: rupees(close),
            pnl: rupees((last - h.averagePrice) * qty),
            day_change: rupees(last - close),
            day_change_percentage: close ? ((last - close) * 100) / close : 0,
          };
        }),
      ),
    ),
  ];
}
