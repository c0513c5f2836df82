import { Panel, Placeholder } from '../components/Panel';
import { usePanelInstrumentDef, usePanelMarket, useShowsMarket } from '../state/panelMarket';
import { LinkChip } from './watchlist/LinkChip';
import { priceText, qtyText, timeMsText, zoneText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

const SHOWN = 60;

/** The tape: recent prints, newest on top, green where a buyer lifted the offer, red where a seller hit the bid. */
export function Trades({ panel = 'tape' }: { panel?: string }) {
  useShowsMarket(panel);
  const inst = usePanelInstrumentDef(panel);
  const trades = usePanelMarket(panel, (s) => s.trades);
  useFormatVersion(); // written again when the Settings' format or zone changes
  return (
    <Panel name="Trades" extra={<LinkChip panel={panel} panelName="Trades" />}>
      {!inst || trades.length === 0 ? (
        <Placeholder>Waiting for market data…</Placeholder>
      ) : (
        <div className="tape">
          <div className="tape-cols" aria-hidden="true">
            <span>{`Price (${inst.quote})`}</span>
            <span>{`Size (${inst.base})`}</span>
            <span>{`Time (${zoneText(Date.now())})`}</span>
          </div>
          {trades.slice(0, SHOWN).map((t, i) => (
            <div className="tape-row num" key={`${t.ts}-${i}-${t.price}`}>
              <span className={t.aggressor === 'buy' ? 'bid' : 'ask'}>{priceText(inst, t.price)}</span>
              <span>{qtyText(inst, t.qty)}</span>
              <span className="time">{timeMsText(t.ts)}</span>
            </div>
          ))}
        </div>
      )}
    </Panel>
  );
}
