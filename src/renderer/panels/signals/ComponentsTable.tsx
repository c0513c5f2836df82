import type { SignalSnapshot } from '../../../contract/api';
import { COMPONENTS, rawText, signalColour, signedText } from '../../view/signals';
import { decimalText } from '../../view/numbers';

/** Every component: its value (colour-scaled), the trader's weight, its contribution to the composite, freshness and the raw figure. */
export function ComponentsTable({ signal }: { signal: SignalSnapshot }) {
  const parts = new Map(signal.parts.map((p) => [p.name, p]));
  const readings = new Map(signal.components.map((c) => [c.name, c]));
  return (
    <table className="sig-table" aria-label="Signal components">
      <thead>
        <tr>
          <th scope="col">Component</th>
          <th scope="col" className="num">Value</th>
          <th scope="col" className="num" title="The weight you set (Sources & settings)">Weight</th>
          <th scope="col" className="num" title="Renormalised weight × value: the contributions sum to the composite">Contrib.</th>
          <th scope="col">Fresh</th>
          <th scope="col">Raw</th>
        </tr>
      </thead>
      <tbody>
        {COMPONENTS.map((c) => {
          const r = readings.get(c.name);
          const p = parts.get(c.name);
          const value = r?.value;
          return (
            <tr key={c.name} data-component={c.name}>
              <th scope="row" title={c.title}>
                {c.label}
              </th>
              <td className="num sig-cell" style={{ background: signalColour(r?.fresh ? value : undefined) }} aria-label={`${c.label} value ${signedText(value)}`} title={value !== undefined ? `${c.label}: ${value} (full precision)` : undefined}>
                {signedText(value)}
              </td>
              <td className="num">{p ? decimalText(p.weight, 2) : '–'}</td>
              <td className="num">{p && p.effectiveWeight > 0 ? signedText(p.contribution, 3) : '–'}</td>
              <td className={r?.fresh ? 'sig-fresh' : 'sig-stale'}>{r === undefined || r.value === undefined ? 'none' : r.fresh ? 'fresh' : 'stale'}</td>
              <td className="num sig-raw">{rawText(c.name, r?.raw)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
