import { type MouseEvent, type PointerEvent, useEffect, useMemo, useRef } from 'react';
import type { Order } from '../../../contract/api';
import { cancelOrders, moveOrders, placeQuick } from '../../hotkeys/quickActions';
import { quickTrading, useQuickTrading } from '../../hotkeys/quickTrading';
import { marketView, panelInstrumentDef } from '../../state/panelMarket';
import type { LadderRow } from '../../view/ladder';

/** What a ladder row does under the pointer while one-click trading is on. */
export interface RowTrading {
  click(row: LadderRow): void;
  contextMenu(row: LadderRow, e: MouseEvent): void;
  pointerDown(row: LadderRow, e: PointerEvent): void;
  pointerUp(row: LadderRow): void;
}

const orderSide = (row: LadderRow): Order['side'] => (row.side === 'bid' ? 'buy' : 'sell');

/**
 * One-click trading on the ladder: a click on a bid row places a buy limit at its price, on an ask row
 * a sell limit; right-click on a row holding our orders cancels them; pressing on such a row and
 * letting go on another row of the same side moves them there (an amend). A buy is never dragged into
 * the asks (it would trade at once) nor a sell into the bids. Escape drops a drag. Null while off: the
 * ladder then only fills the ticket's price.
 */
export function useLadderTrading(own: readonly Order[], panel = 'book'): RowTrading | null {
  const on = useQuickTrading((s) => s.oneClick);
  const drag = useRef<LadderRow | null>(null);
  const ownRef = useRef(own);
  ownRef.current = own;

  useEffect(() => {
    const drop = () => (drag.current = null);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && drag.current) {
        drag.current = null;
        quickTrading.tell({ kind: 'good', text: 'Move cancelled' });
      }
    };
    // A release anywhere ends a drag; a row's own pointerup runs first (it bubbles to window after).
    window.addEventListener('pointerup', drop);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('pointerup', drop);
      window.removeEventListener('keydown', onKey);
    };
  }, []);

  return useMemo(() => {
    if (!on) return null;
    const at = (row: LadderRow) => ownRef.current.filter((o) => o.side === orderSide(row) && o.price === row.price);
    return {
      click(row) {
        // The ladder's own instrument (its link group's), read at the click: never another panel's.
        void placeQuick(orderSide(row), { kind: 'limit', price: row.price }, 'ladder', { inst: panelInstrumentDef(panel), book: marketView(panel).book });
      },
      contextMenu(row, e) {
        const mine = at(row);
        if (mine.length === 0) return;
        e.preventDefault();
        void cancelOrders(mine);
      },
      pointerDown(row, e) {
        if (e.button !== 0 || at(row).length === 0) return;
        drag.current = row;
      },
      pointerUp(row) {
        const from = drag.current;
        drag.current = null;
        if (!from || from.price === row.price) return;
        if (from.side !== row.side) {
          quickTrading.tell({ kind: 'bad', text: `Not moved: a ${orderSide(from)} order stays on the ${from.side} side (across the spread it would trade at once)` });
          return;
        }
        void moveOrders(at(from), row.price, panelInstrumentDef(panel));
      },
    };
  }, [on, panel]);
}
