import { create } from 'zustand';
import type { PortfolioGreeksView } from '../../contract/api';

interface PortfolioGreeksState {
  /** The engine's last portfolio Greeks; null before the first. */
  view: PortfolioGreeksView | null;
}

export const usePortfolioGreeks = create<PortfolioGreeksState>()(() => ({ view: null }));

export const portfolioGreeks = {
  /** A reply overtaken by a newer event (priced later) does not replace it. */
  apply(view: PortfolioGreeksView): void {
    usePortfolioGreeks.setState((s) => (s.view && s.view.asOf > view.asOf ? s : { view }));
  },
};
