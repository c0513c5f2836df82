import { Panel, Placeholder } from '../../components/Panel';
import { UsageBar } from '../../components/UsageBar';
import { useMarket } from '../../state/market';
import { useRisk } from '../../state/risk';
import { barWidth, type LimitUse, rateUse, shortUsageText, usageLevel, usagePercent, withoutUnit } from '../../view/risk';

/** A limit in a narrow table cell: a thin bar over "used / limit". */
function CellUsage(props: { label: string; use: LimitUse }) {
  const { use } = props;
  const pct = usagePercent(use.fraction);
  const text = shortUsageText(use);
  return (
    <div className={`cell-usage usage-${usageLevel(use.fraction)}`} title={pct === undefined ? text : `${text} (${pct}%)`}>
      <span className="num">{text}</span>
      {pct === undefined ? (
        <span className="usage-track" aria-hidden="true" />
      ) : (
        <span className="usage-track" role="meter" aria-label={props.label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={Math.min(pct, 100)} aria-valuetext={`${text} (${pct}%)`}>
          <span className="usage-fill" style={{ width: `${barWidth(use.fraction)}%` }} />
        </span>
      )}
    </div>
  );
}

const rateDetail = (r: { perSecond: number; burst: number } | undefined): string | undefined =>
  r ? `bucket of ${r.burst}, refills ${r.perSecond}/s` : undefined;

/** How close the account, each venue, currency and instrument are to their limits. */
export function RiskUtilisation() {
  const u = useRisk((s) => s.state?.utilisation);
  const focus = useMarket((s) => s.focus);
  if (!u) {
    return (
      <Panel name="Utilisation">
        <Placeholder>Waiting for risk…</Placeholder>
      </Panel>
    );
  }
  // The focused instrument first: it is the one being traded.
  const isFocus = (i: { venue: string; symbol: string }) => i.venue === focus.venue && i.symbol === focus.symbol;
  const instruments = [...u.instruments].sort((a, b) => Number(isFocus(b)) - Number(isFocus(a)));
  return (
    <Panel name="Utilisation">
      <div className="risk-scroll">
        <div className="usage-list">
          <UsageBar label="Account orders" use={u.account.openOrders} />
          <UsageBar label="Account rate" use={rateUse(u.account.orderRate)} detail={rateDetail(u.account.orderRate)} />
          {u.currencies.flatMap((c) => [
            <UsageBar
              key={`${c.currency}-loss`}
              label={`${c.currency} daily loss`}
              use={c.dailyLoss}
              detail={c.dailyPnl !== undefined ? `P&L today ${c.dailyPnl}` : undefined}
            />,
            <UsageBar key={`${c.currency}-gross`} label={`${c.currency} gross exp.`} use={c.grossExposure} />,
          ])}
          {u.venues.flatMap((v) => [
            <UsageBar key={`${v.venue}-orders`} label={`${v.venue} orders`} use={v.openOrders} />,
            <UsageBar key={`${v.venue}-rate`} label={`${v.venue} rate`} use={rateUse(v.orderRate)} detail={rateDetail(v.orderRate)} />,
          ])}
        </div>
        {/* Option Greeks first: with options listed the instrument list is long. */}
        {u.options.length > 0 && (
          <table className="risk-table usage-table" aria-label="Option limits in use">
            <thead>
              <tr>
                <th>Underlying</th>
                <th title="Portfolio delta of the option positions, units of the underlying">Delta</th>
                <th title="Portfolio vega of the option positions, quote currency per vol point">Vega</th>
              </tr>
            </thead>
            <tbody>
              {u.options.map((o) => (
                <tr key={o.underlying}>
                  <th scope="row" title={o.unpriced > 0 ? `${o.underlying}: ${o.unpriced} option position(s) not priced now` : o.underlying}>
                    {o.underlying}
                    {o.unpriced > 0 && <span className="risk-warn-inline"> ⚠</span>}
                  </th>
                  <td>
                    <CellUsage label={`${o.underlying} option delta`} use={o.delta} />
                  </td>
                  <td>
                    <CellUsage label={`${o.underlying} option vega`} use={o.vega} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <table className="risk-table usage-table">
          <thead>
            <tr>
              <th>Instrument</th>
              <th className="value">Position</th>
              <th>Long</th>
              <th>Short</th>
              <th>Orders</th>
            </tr>
          </thead>
          <tbody>
            {instruments.map((i) => (
              <tr key={`${i.venue}:${i.symbol}`} className={isFocus(i) ? 'focused' : undefined}>
                <th scope="row" title={`${i.venue}:${i.symbol}`}>
                  {i.symbol}
                </th>
                <td className="value num" title={i.position}>
                  {withoutUnit(i.position)}
                </td>
                <td>
                  <CellUsage label={`${i.symbol} long`} use={i.long} />
                </td>
                <td>
                  <CellUsage label={`${i.symbol} short`} use={i.short} />
                </td>
                <td>
                  <CellUsage label={`${i.symbol} open orders`} use={i.openOrders} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Panel>
  );
}
