import { beforeEach, describe, expect, it } from 'vitest';
import { linking, panelInstrument, useLinking } from './linking';
import { market, useMarket } from './market';

const BTC = { venue: 'SIM', symbol: 'BTC-USDT' };
const ETH = { venue: 'SIM', symbol: 'ETH-USDT' };
const SOL = { venue: 'SIM', symbol: 'SOL-USDT' };
const shown = (panel: string) => panelInstrument(useLinking.getState(), useMarket.getState().focus, panel);

describe('instrument linking by colour group', () => {
  beforeEach(() => {
    useLinking.setState({ groupOf: {}, groups: {}, own: {} });
    market.setFocus(BTC);
  });

  it('by default every panel is in one group that follows the market focus, as before', () => {
    linking.setInstrument('watchlist', ETH);
    expect(useMarket.getState().focus).toEqual(ETH);
    expect(shown('orderBook')).toEqual(ETH);
    expect(shown('chart')).toEqual(ETH);
  });

  it('a second group follows its own instrument and leaves the focus alone', () => {
    linking.setGroup('chart2', 'green');
    expect(shown('chart2')).toEqual(BTC); // starts on what it showed
    linking.setGroup('watchlist', 'green');
    linking.setInstrument('watchlist', SOL);
    expect(shown('chart2')).toEqual(SOL);
    expect(useMarket.getState().focus).toEqual(BTC);
    expect(shown('orderBook')).toEqual(BTC);
  });

  it('a panel in no group keeps its instrument whatever the groups do', () => {
    linking.setGroup('ladder2', null);
    market.setFocus(ETH);
    expect(shown('ladder2')).toEqual(BTC);
    linking.setInstrument('ladder2', SOL);
    expect(shown('ladder2')).toEqual(SOL);
    expect(useMarket.getState().focus).toEqual(ETH);
    linking.setGroup('ladder2', 'red');
    expect(shown('ladder2')).toEqual(ETH);
  });
});
