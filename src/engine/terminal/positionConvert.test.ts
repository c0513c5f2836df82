import { describe, expect, it } from 'vitest';
import type { VenuePosition } from '../core';
import type { Instrument } from '../instruments';
import { conversionRequest, type ConvertTicket } from './positionConvert';

const base = { venue: 'zerodha', base: '', quote: 'INR', priceDecimals: 2, qtyDecimals: 0, tickSize: 5, lotSize: 1, minNotional: 0 };
const infy: Instrument = { ...base, symbol: 'NSE:INFY', venueSymbol: 'INFY', exchange: 'NSE', segment: 'NSE' };
const nifty: Instrument = { ...base, symbol: 'NFO:NIFTY26DECFUT', venueSymbol: 'NIFTY26DECFUT', exchange: 'NFO', segment: 'NFO-FUT', lotSize: 75, contract: { kind: 'future', expiry: 0 } };
const part = (product: 'MIS' | 'NRML' | 'CNC', netQty: number, dayQty: number, overnightQty: number) => ({ product, netQty, dayQty, overnightQty, m2m: '0', pnl: '0', realised: '0', unrealised: '0' });
const niftyReport: VenuePosition = { symbol: nifty.symbol, qty: 1, products: [part('NRML', 2, 0, 2), part('MIS', -1, -1, 0)] };
const ticket = (t: Partial<ConvertTicket>): ConvertTicket => ({ venue: 'zerodha', symbol: nifty.symbol, from: 'MIS', to: 'NRML', qty: 1, positionType: 'day', ...t });

describe('conversionRequest', () => {
  it("takes the side from the venue's position (a short converts sells), never from the view", () => {
    expect(conversionRequest(ticket({}), nifty, niftyReport)).toEqual({ symbol: nifty.symbol, side: 'sell', qty: 1, from: 'MIS', to: 'NRML', positionType: 'day' });
    expect(conversionRequest(ticket({ from: 'NRML', to: 'MIS', qty: 2, positionType: 'overnight' }), nifty, niftyReport)).toMatchObject({ side: 'buy', qty: 2 });
  });

  it('refuses what Kite does not convert, and more than the position holds, with the reason', () => {
    const refusal = (t: Partial<ConvertTicket>, inst = nifty, report: VenuePosition | undefined = niftyReport) => {
      try {
        conversionRequest(ticket(t), inst, report);
        return 'sent';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(refusal({ to: 'CNC' })).toBe('CNC (delivery) is for equity; NFO:NIFTY26DECFUT converts between MIS and NRML');
    expect(refusal({ from: 'NRML', to: 'CNC' })).toBe('NRML cannot be converted to CNC: convert through MIS (intraday)');
    expect(refusal({ qty: 2 })).toBe("at most 1 lots of the MIS today's position can be converted");
    expect(refusal({ from: 'NRML', to: 'MIS', positionType: 'day' })).toBe("the NRML position has no today's quantity to convert");
    expect(refusal({}, nifty, { symbol: nifty.symbol, qty: 0 })).toBe('zerodha reports no MIS position in NFO:NIFTY26DECFUT');
    expect(refusal({ symbol: infy.symbol, to: 'NRML' }, infy, { symbol: infy.symbol, qty: 3, products: [part('MIS', 3, 3, 0)] })).toBe('NRML is for futures and options; equity converts between MIS and CNC');
    expect(refusal({ symbol: infy.symbol, to: 'CNC', qty: 3 }, infy, { symbol: infy.symbol, qty: 3, products: [part('MIS', 3, 3, 0)] })).toBe('sent');
  });
});
