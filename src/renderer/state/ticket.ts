import { create } from 'zustand';
import type { Side } from '../../contract/api';
import { retarget, type TicketFields } from '../view/ticket';

export interface TicketState extends TicketFields {
  side: Side;
  /** Price holds what the trader typed or clicked on the ladder, not a prefill: never overwrite it. */
  priceChosen: boolean;
  /** Prefill Price from the touch as soon as a book is there (at start and after switching instrument). */
  prefillPending: boolean;
}

/** Every price field: what an instrument switch clears, since prices of two instruments are not comparable. */
const noPrices = { price: '', stopPrice: '', stopLimitPrice: '', takeProfit: '', stopLoss: '', stopLossLimit: '' } as const;

export const useTicket = create<TicketState>()(() => ({
  side: 'buy',
  mode: 'single',
  type: 'limit',
  ...noPrices,
  qty: '',
  tif: 'GTC',
  expires: '',
  postOnly: false,
  reduceOnly: false,
  product: '',
  afterMarket: false,
  autoSlice: false,
  priceChosen: false,
  prefillPending: true,
}));

export const ticket = {
  /**
   * A click on a ladder row: that price, as a limit order (a limit entry in a bracket; the limit leg of
   * an OCO, which has no type to change).
   */
  pickPrice(price: string): void {
    useTicket.setState((s) => ({
      ...(s.mode === 'oco' ? {} : retarget(s, { type: 'limit' })),
      price,
      priceChosen: true,
      prefillPending: false,
    }));
  },
  /** A different instrument: its prices and sizes are not comparable, start over. */
  resetForInstrument(): void {
    // Slicing is chosen for one instrument's order: it never carries over to another.
    useTicket.setState({ ...noPrices, qty: '', autoSlice: false, priceChosen: false, prefillPending: true });
  },
};
