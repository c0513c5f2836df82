import type { Side } from '../../contract/api';

/**
 * Which side the ticket prefills for. Radios named "Buy side"/"Sell side" so that "Buy" and "Sell"
 * stay the names of the two buttons that actually send an order.
 */
export function SideToggle(props: { side: Side; onChange: (s: Side) => void }) {
  return (
    <div className="side-toggle" role="radiogroup" aria-label="Side">
      {(['buy', 'sell'] as const).map((s) => (
        <label key={s} className={`${s}${props.side === s ? ' on' : ''}`}>
          <input
            type="radio"
            name="ticket-side"
            value={s}
            checked={props.side === s}
            onChange={() => props.onChange(s)}
            aria-label={s === 'buy' ? 'Buy side' : 'Sell side'}
          />
          {s === 'buy' ? 'BUY' : 'SELL'}
        </label>
      ))}
    </div>
  );
}
