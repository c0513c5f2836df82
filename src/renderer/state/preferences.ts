import { create } from 'zustand';
import type { Watchlists } from '../../contract/api';
import { toggled } from '../view/instrumentSearch';
import { bridge } from './bridgeRef';
import { useSession } from './session';

interface PreferencesState {
  watchlists: Watchlists;
  /** Ask before each order to a production account. On until the engine says otherwise (fail safe). */
  confirmProductionOrders: boolean;
}

export const usePreferences = create<PreferencesState>()(() => ({ watchlists: {}, confirmProductionOrders: true }));

/** The engine keeps these: a change is shown at once and taken back if the engine could not keep it. */
export const preferences = {
  loadWatchlists(watchlists: Watchlists): void {
    usePreferences.setState({ watchlists });
  },
  loadConfirm(confirmProductionOrders: boolean): void {
    usePreferences.setState({ confirmProductionOrders });
  },
  async toggleFavourite(venue: string, symbol: string): Promise<void> {
    const before = usePreferences.getState().watchlists;
    const symbols = toggled(before[venue] ?? [], symbol);
    usePreferences.setState({ watchlists: { ...before, [venue]: symbols } });
    const reply = await bridge().call('watchlist.set', { account: venue, symbols });
    if (reply.ok) usePreferences.setState({ watchlists: reply.value });
    else {
      usePreferences.setState({ watchlists: before });
      useSession.setState({ lastError: `watchlist not saved: ${reply.error.message}` });
    }
  },
  async setConfirmProductionOrders(on: boolean): Promise<void> {
    const before = usePreferences.getState().confirmProductionOrders;
    usePreferences.setState({ confirmProductionOrders: on });
    const reply = await bridge().call('preferences.set', { confirmProductionOrders: on });
    if (reply.ok) usePreferences.setState({ confirmProductionOrders: reply.value.confirmProductionOrders });
    else {
      usePreferences.setState({ confirmProductionOrders: before });
      useSession.setState({ lastError: `setting not saved: ${reply.error.message}` });
    }
  },
};
