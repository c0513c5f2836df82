import type { PositioningFigure, PositioningView } from '../../../contract/api';
import { compactNumber, fundingText } from '../../view/signals';
import { decimalText, timeText, zoneText } from '../../view/numbers';

function Row(props: { name: string; title: string; figure: PositioningFigure | undefined; text: (f: PositioningFigure) => string }) {
  const f = props.figure;
  return (
    <tr>
      <th scope="row" title={props.title}>
        {props.name}
      </th>
      <td className="num" aria-label={`${props.name} ${f ? props.text(f) : 'not available'}`}>
        {f ? props.text(f) : '–'}
      </td>
      <td className="sig-pos-src" title={f ? `${f.source}, ${timeText(f.ts)} ${zoneText(f.ts)}` : 'No source gives this figure for this instrument'}>
        {f ? `${f.source} · ${timeText(f.ts)}` : 'no source'}
      </td>
    </tr>
  );
}

/** What the crowd's positions say: funding, open interest, long/short, Fear & Greed, put-call ratio (each with its source and time). */
export function Positioning({ p }: { p: PositioningView }) {
  return (
    <table className="sig-table sig-positioning" aria-label="Positioning">
      <tbody>
        <Row name="Funding" title="Perpetual funding rate per funding interval" figure={p.fundingRate} text={(f) => fundingText(f.value)} />
        <Row name="Open interest" title="Open interest of the perpetual (contracts)" figure={p.openInterest} text={(f) => compactNumber(f.value)} />
        <Row name="Long/short" title="Long/short account ratio" figure={p.longShortRatio} text={(f) => decimalText(f.value, 2)} />
        <Row name="Fear & Greed" title="Crypto Fear & Greed index, 0 extreme fear … 100 extreme greed" figure={p.fearGreed} text={(f) => `${decimalText(f.value, 0)}${f.label ? ` ${f.label}` : ''}`} />
        <Row name="Put/call" title="Put open interest over call open interest, nearest expiry with OI" figure={p.putCallRatio} text={(f) => decimalText(f.value, 2)} />
      </tbody>
    </table>
  );
}
