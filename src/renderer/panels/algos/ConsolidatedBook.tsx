import { useEffect, useMemo, useState } from 'react';
import type { ConsolidatedBookView } from '../../../contract/api';
import { Panel, Placeholder } from '../../components/Panel';
import { algos } from '../../state/algos';
import { useMarket } from '../../state/market';
import { priceText, qtyText } from '../../view/numbers';

const REFRESH_MS = 1000;

/** The focused symbol's book over every venue quoting it: each level's total and which venue holds what. */
export function ConsolidatedBook(props: { visible: boolean }) {
  const focus = useMarket((s) => s.focus);
  const instruments = useMarket((s) => s.instruments);
  const venues = useMemo(() => {
    const all = [...new Set(instruments.filter((i) => i.symbol === focus.symbol).map((i) => i.venue))];
    return [focus.venue, ...all.filter((v) => v !== focus.venue)];
  }, [instruments, focus.venue, focus.symbol]);
  const inst = instruments.find((i) => i.venue === focus.venue && i.symbol === focus.symbol);
  const [book, setBook] = useState<ConsolidatedBookView | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    if (!props.visible || venues.length < 2) return;
    let live = true;
    const load = () =>
      void algos.consolidatedBook(venues, focus.symbol).then((r) => {
        if (!live) return;
        setBook(r.ok ? r.value : null);
        setError(r.ok ? '' : r.error.message);
      });
    load();
    const t = setInterval(load, REFRESH_MS);
    return () => {
      live = false;
      clearInterval(t);
    };
  }, [props.visible, venues, focus.symbol]);
  if (venues.length < 2) return <Panel name="Consolidated book"><Placeholder>{focus.symbol} is quoted on one venue only</Placeholder></Panel>;
  const price = (p: number) => (inst ? priceText(inst, p) : String(p));
  const qty = (q: number) => (inst ? qtyText(inst, q) : String(q));
  const side = (name: string, levels: ConsolidatedBookView['bids']) => (
    <table aria-label={`Consolidated ${name}`}>
      <thead>
        <tr>
          <th>Price</th>
          <th>Qty</th>
          <th>Venues</th>
        </tr>
      </thead>
      <tbody>
        {levels.map((l) => (
          <tr key={l.price}>
            <td className="num">{price(l.price)}</td>
            <td className="num">{qty(l.qty)}</td>
            <td>{l.venues.map((v) => `${v.venue} ${qty(v.qty)}`).join(' · ')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
  return (
    <Panel name="Consolidated book" title={`Consolidated · ${focus.symbol} · ${venues.join('+')}`}>
      {error && <p role="alert">{error}</p>}
      {book && (
        <div className="consolidated-book">
          {side('bids', book.bids)}
          {side('asks', book.asks)}
          {book.excluded.length > 0 && <p className="muted">Left out: {book.excluded.map((e) => `${e.venue} (${e.reason})`).join('; ')}</p>}
        </div>
      )}
    </Panel>
  );
}
