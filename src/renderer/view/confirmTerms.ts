import type { Instrument } from '../../contract/api';
import type { TicketRequest } from './ticket';

const typeWords = { limit: 'Limit', market: 'Market', stop_market: 'Stop', stop_limit: 'Stop limit' } as const;
const sideWord = (side: 'buy' | 'sell'): string => (side === 'buy' ? 'Buy' : 'Sell');

/**
 * The terms of what the ticket is about to send, one line per order, as the production-confirm
 * dialog shows them: exactly the decimals that will be sent, in the instrument's units.
 */
export function requestTerms(inst: Pick<Instrument, 'base' | 'quote'>, request: TicketRequest): string[] {
  const at = (price: string): string => `${price} ${inst.quote}`;
  switch (request.call) {
    case 'orders.submit':
    case 'orders.submitSliced': {
      const o = request.input;
      const parts = [`${sideWord(o.side)} ${o.qty} ${inst.base} ${o.symbol}`, typeWords[o.type]];
      if (o.stopPrice !== undefined) parts.push(`stop ${at(o.stopPrice)}`);
      if (o.price !== undefined) parts.push(`at ${at(o.price)}`);
      if (o.tif !== undefined) parts.push(o.tif);
      if (o.postOnly) parts.push('post-only');
      if (o.reduceOnly) parts.push('reduce-only');
      if (request.call === 'orders.submitSliced') parts.push('sliced at the freeze quantity');
      return [parts.join(' · ')];
    }
    case 'orders.submitBracket': {
      const o = request.input;
      const exit = sideWord(o.side === 'buy' ? 'sell' : 'buy');
      return [
        `${sideWord(o.side)} ${o.qty} ${inst.base} ${o.symbol} · ${o.entryType === 'limit' && o.entryPrice !== undefined ? `Limit at ${at(o.entryPrice)}` : 'Market'}`,
        `then ${exit} take-profit at ${at(o.takeProfitPrice)}`,
        `and ${exit} stop-loss at ${at(o.stopLossPrice)}${o.stopLossLimitPrice !== undefined ? ` (limit ${at(o.stopLossLimitPrice)})` : ''}`,
      ];
    }
    case 'orders.submitOco': {
      const o = request.input;
      return [
        `${sideWord(o.side)} ${o.qty} ${inst.base} ${o.symbol} · OCO`,
        `Limit at ${at(o.limitPrice)}`,
        `or Stop at ${at(o.stopPrice)}${o.stopLimitPrice !== undefined ? ` (limit ${at(o.stopLimitPrice)})` : ''}`,
      ];
    }
  }
}
