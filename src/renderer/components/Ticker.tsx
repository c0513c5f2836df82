import { useFocusedInstrument, useMarket } from '../state/market';
import { touch } from '../view/ladder';
import { bpsText, priceText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

/** Last price and touch of the focused instrument, always in sight. */
export function Ticker() {
  const inst = useFocusedInstrument();
  const book = useMarket((s) => s.book);
  const last = useMarket((s) => s.trades[0]);
  useFormatVersion(); // written again when the Settings' format changes
  if (!inst) return null;
  const { bid, ask } = touch(book);
  const dash = '—';
  return (
    <div className="ticker" aria-label="Market summary" role="group">
      <span>
        <span className="label">Last</span>
        <span className={`num last ${last ? (last.aggressor === 'buy' ? 'bid' : 'ask') : ''}`}>
          {last ? priceText(inst, last.price) : dash}
        </span>
      </span>
      <span>
        <span className="label">Bid</span>
        <span className="num bid">{bid !== undefined ? priceText(inst, bid) : dash}</span>
      </span>
      <span>
        <span className="label">Ask</span>
        <span className="num ask">{ask !== undefined ? priceText(inst, ask) : dash}</span>
      </span>
      <span>
        <span className="label">Spread</span>
        <span className="num">
          {bid !== undefined && ask !== undefined ? `${priceText(inst, ask - bid)} · ${bpsText(ask - bid, (ask + bid) / 2)}` : dash}
        </span>
      </span>
    </div>
  );
}
