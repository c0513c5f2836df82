import type { ChainSideView, OptionChainView, OptionUnderlyingView, Reply } from '../../contract/api';
import { ticketFromQuote } from '../view/optionChain';
import { bridge } from './bridgeRef';
import { findInstrument, market, useMarket } from './market';
import { ticket, useTicket } from './ticket';

export function listUnderlyings(): Promise<Reply<OptionUnderlyingView[]>> {
  return bridge().call('options.underlyings', {});
}

export function readChain(venue: string, underlying: string, expiry: number | undefined, rate: number | undefined): Promise<Reply<OptionChainView>> {
  return bridge().call('options.chain', { venue, underlying, ...(expiry !== undefined ? { expiry } : {}), ...(rate !== undefined ? { rate } : {}) });
}

/** The panel left the screen: the engine stops streaming its chain for this window. */
export function closeChain(): void {
  void bridge().call('options.closeChain', {});
}

/**
 * A click on an option's bid or ask: the ticket on that option, selling at the bid or buying at the
 * ask, at that price (as a click on the ladder does). An option of a large venue's list (Kite's) is
 * looked up through the engine's search first. Resolves with why it could not, if it could not.
 */
export async function fillTicketFromQuote(chain: OptionChainView, side: ChainSideView, which: 'bid' | 'ask'): Promise<string | undefined> {
  const pick = ticketFromQuote(chain, side, which);
  if (!pick) return `no ${which} to trade at`;
  let inst = findInstrument(useMarket.getState().instruments, pick.venue, pick.symbol);
  if (!inst) {
    const reply = await bridge().call('instruments.search', { query: side.displayName, venue: pick.venue, limit: 20 });
    inst = reply.ok ? reply.value.instruments.find((i) => i.symbol === pick.symbol) : undefined;
    if (!inst) return `${pick.symbol} not found on ${pick.venue}`;
    market.addInstrument(inst);
  }
  // A new focus resets the ticket (synchronously): the side and price are set after it.
  market.setFocus({ venue: pick.venue, symbol: pick.symbol });
  useTicket.setState({ side: pick.side });
  ticket.pickPrice(pick.price);
  return undefined;
}
