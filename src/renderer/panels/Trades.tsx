import { Panel, Placeholder } from '../components/Panel';
import { useRowsThatFit } from '../components/useRowsThatFit';
import { usePanelInstrumentDef, usePanelMarket, useShowsMarket } from '../state/panelMarket';
import { LinkChip } from './watchlist/LinkChip';
import { priceText, qtyText, timeMsText, zoneText } from '../view/numbers';
import { useFormatVersion } from '../state/settings';

const SHOWN = 60;
const ROW_PX = 16;

/** The tape: recent prints, newest on top, green where a buyer lifted the offer, red where a seller hit the bid. */
export function Trades({ panel = 'tape' }: { panel?: string }) {
  useShowsMarket(panel);
  const inst = usePanelInstrumentDef(panel);
  const trades = usePanelMarket(panel, (s) => s.trades);
  useFormatVersion(); // written again when the Settings' format or zone changes
  // Only the rows that show (and the one the bottom edge cuts): the rest were laid out and clipped on every print.
  const [rowsRef, fit] = useRowsThatFit(ROW_PX, SHOWN);
  const shown = Math.min(SHOWN, fit + 1);
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
          <div className="tape-rows" ref={rowsRef}>
            {/* Keyed by place: a new print rewrites the rows' text, it does not create and lay out a row for every one shown. */}
            {trades.slice(0, shown).map((t, i) => (
              <div className="tape-row num" key={i}>
                <span className={t.aggressor === 'buy' ? 'bid' : 'ask'}>{priceText(inst, t.price)}</span>
                <span>{qtyText(inst, t.qty)}</span>
                <span className="time">{timeMsText(t.ts)}</span>
              </div>
            ))}
          </div>
        </div>
      )}
    </Panel>
  );
}
