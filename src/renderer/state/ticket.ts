import { create } from 'zustand';
import type { Side } from '../../contract/api';
import type { OrderKind } from '../view/ticket';

export interface TicketState {
  side: Side;
  type: OrderKind;
  price: string;
  /** Price holds what the trader typed or clicked on the ladder, not a prefill: never overwrite it. */
  priceChosen: boolean;
  /** Prefill Price from the touch as soon as a book is there (at start and after switching instrument). */
  prefillPending: boolean;
  qty: string;
}

export const useTicket = create<TicketState>()(() => ({
  side: 'buy',
  type: 'limit',
  price: '',
  priceChosen: false,
  prefillPending: true,
  qty: '',
}));

export const ticket = {
  /** A click on a ladder row: that price, as a limit order. */
  pickPrice(price: string): void {
    useTicket.setState({ type: 'limit', price, priceChosen: true, prefillPending: false });
  },
  /** A different instrument: its prices and sizes are not comparable, start over. */
  resetForInstrument(): void {
    useTicket.setState({ price: '', qty: '', priceChosen: false, prefillPending: true });
  },
};
