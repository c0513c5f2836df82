import { formatPrice } from '../../contract/format';
import { useFocusedInstrument, useMarket } from '../state/market';
import { touch } from '../view/ladder';
import { bpsText } from '../view/numbers';

/** Last price and touch of the focused instrument, always in sight. */
export function Ticker() {
  const inst = useFocusedInstrument();
  const book = useMarket((s) => s.book);
  const last = useMarket((s) => s.trades[0]);
  if (!inst) return null;
  const { bid, ask } = touch(book);
  const dash = '—';
  return (
    <div className="ticker" aria-label="Market summary" role="group">
      <span>
        <span className="label">Last</span>
        <span className={`num last ${last ? (last.aggressor === 'buy' ? 'bid' : 'ask') : ''}`}>
          {last ? formatPrice(inst, last.price) : dash}
        </span>
      </span>
      <span>
        <span className="label">Bid</span>
        <span className="num bid">{bid !== undefined ? formatPrice(inst, bid) : dash}</span>
      </span>
      <span>
        <span className="label">Ask</span>
        <span className="num ask">{ask !== undefined ? formatPrice(inst, ask) : dash}</span>
      </span>
      <span>
        <span className="label">Spread</span>
        <span className="num">
          {bid !== undefined && ask !== undefined ? `${formatPrice(inst, ask - bid)} · ${bpsText(ask - bid, (ask + bid) / 2)}` : dash}
        </span>
      </span>
    </div>
  );
}
