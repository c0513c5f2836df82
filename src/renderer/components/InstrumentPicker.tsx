import { useId } from 'react';
import { market, useMarket } from '../state/market';
import { instrumentKey } from '../state/reducers';

export function InstrumentPicker() {
  const id = useId();
  const instruments = useMarket((s) => s.instruments);
  const focus = useMarket((s) => s.focus);
  const value = instrumentKey(focus.venue, focus.symbol);
  const known = instruments.some((i) => instrumentKey(i.venue, i.symbol) === value);
  return (
    <div className="field-inline">
      <label htmlFor={id}>Instrument</label>
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const inst = instruments.find((i) => instrumentKey(i.venue, i.symbol) === e.target.value);
          if (inst) market.setFocus({ venue: inst.venue, symbol: inst.symbol });
        }}
      >
        {!known && <option value={value}>{`${focus.symbol} · ${focus.venue}`}</option>}
        {instruments.map((i) => (
          <option key={instrumentKey(i.venue, i.symbol)} value={instrumentKey(i.venue, i.symbol)}>
            {`${i.symbol} · ${i.venue}`}
          </option>
        ))}
      </select>
    </div>
  );
}
