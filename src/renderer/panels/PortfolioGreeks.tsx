import { Fragment, useState } from 'react';
import type { PortfolioGreeksView, UnderlyingGreeksView } from '../../contract/api';
import { Panel, Placeholder } from '../components/Panel';
import { usePortfolioGreeks } from '../state/portfolioGreeks';
import { deltaText, type GreeksCells, greeksCells, positionLabel, priceText, unitsText, unpricedText } from '../view/portfolioGreeks';
import { percentText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

const COLUMNS: { key: keyof GreeksCells; name: string; unit: (quote: string) => string; title: string }[] = [
  { key: 'delta', name: 'Delta', unit: () => 'units', title: 'Delta in units of the underlying (options × their delta, plus spot and futures)' },
  { key: 'deltaNotional', name: 'Δ notional', unit: (q) => q, title: 'Delta × the underlying price, in the quote currency' },
  { key: 'gamma', name: 'Gamma', unit: () => 'per 1', title: 'Change of delta (units of the underlying) per 1 quote-currency move of the underlying' },
  { key: 'vega', name: 'Vega', unit: (q) => `${q}/vol pt`, title: 'Quote currency per 1 vol point' },
  { key: 'theta', name: 'Theta', unit: (q) => `${q}/day`, title: 'Quote currency per calendar day' },
];

/**
 * Portfolio Greeks per underlying (venue by venue), each with its positions as child rows (shown until
 * collapsed), live from the engine's `portfolioGreeks` events. The conventions line says the units.
 */
export function PortfolioGreeks() {
  useFormatVersion(); // re-rendered when the Settings' number format or time zone changes
  const view = usePortfolioGreeks((s) => s.view);
  return (
    <Panel name="Portfolio Greeks">
      {view === null ? (
        <Placeholder>Reading the portfolio Greeks…</Placeholder>
      ) : view.underlyings.length === 0 ? (
        <Placeholder>No option positions: buy an option (Option chain tab) to see its Greeks here</Placeholder>
      ) : (
        <GreeksTable view={view} />
      )}
    </Panel>
  );
}

function GreeksTable({ view }: { view: PortfolioGreeksView }) {
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setCollapsed((s) => {
      const next = new Set(s);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  const quotes = [...new Set(view.underlyings.map((u) => u.quote))];
  const quote = quotes.length === 1 ? quotes[0]! : 'quote';
  return (
    <div className="greeks">
      <p className="greeks-conventions" aria-label="Greeks conventions">
        Delta in units of the underlying · Δ notional = delta × underlying price · gamma per 1 {quote} move · vega per 1 vol point · theta per calendar day ·
        IV from each option&apos;s mark · risk&apos;s max delta counts options only
      </p>
      <div className="greeks-scroll">
        <table className="greeks-table" aria-label="Portfolio Greeks">
          <thead>
            <tr>
              <th scope="col">Underlying / position</th>
              <th scope="col" className="num" title="Quantity in units of the underlying">
                Qty
              </th>
              <th scope="col" className="num" title="The underlying's price (the nearest expiry's spot or future)">
                Price
              </th>
              {COLUMNS.map((c) => (
                <th key={c.key} scope="col" className="num" title={c.title}>
                  {c.name}
                  <span className="unit">{c.unit(quote)}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {view.underlyings.map((u) => (
              <UnderlyingRows key={u.riskKey} u={u} open={!collapsed.has(u.riskKey)} onToggle={() => toggle(u.riskKey)} />
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}

function UnderlyingRows({ u, open, onToggle }: { u: UnderlyingGreeksView; open: boolean; onToggle: () => void }) {
  const cells = greeksCells(u);
  const problem = unpricedText(u);
  return (
    <Fragment>
      <tr className="greeks-underlying" data-underlying={u.riskKey}>
        <th scope="row">
          <button type="button" className="greeks-toggle" aria-expanded={open} onClick={onToggle} aria-label={`${u.underlying} on ${u.venue}: ${open ? 'hide' : 'show'} its positions`}>
            <span aria-hidden="true">{open ? '▾' : '▸'}</span> {u.underlying} <span className="greeks-venue">{u.venue}</span>
          </button>
          {problem !== undefined && (
            <span className="greeks-problem" role="status" title={problem}>
              {' '}
              ⚠ {problem}
            </span>
          )}
        </th>
        <td className="num" />
        <td className="num greeks-price">{priceText(u.underlyingPrice)}</td>
        {COLUMNS.map((c) => (
          <td key={c.key} className={`num greeks-${c.key}`} aria-label={`${u.underlying} ${c.name} ${cells[c.key]}`}>
            {cells[c.key]}
          </td>
        ))}
      </tr>
      {open &&
        u.positions.map((p) => {
          const pc = greeksCells(p);
          return (
            <tr key={`${p.venue}:${p.symbol}`} className="greeks-position" data-underlying-of={u.riskKey}>
              <th scope="row" title={`${p.displayName}${p.iv !== undefined ? ` · IV ${percentText(p.iv, 1)} · delta ${deltaText(p.unitDelta)} per unit` : ''}${p.problem ? ` · ${p.problem}` : ''}`}>
                {positionLabel(p)}
                {p.problem !== undefined && <span className="greeks-problem"> · not priced</span>}
              </th>
              <td className="num">{unitsText(p.units)}</td>
              <td className="num">{p.iv !== undefined ? `IV ${percentText(p.iv, 1)}` : ''}</td>
              {COLUMNS.map((c) => (
                <td key={c.key} className="num">
                  {pc[c.key]}
                </td>
              ))}
            </tr>
          );
        })}
    </Fragment>
  );
}
