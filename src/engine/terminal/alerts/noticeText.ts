import { localiseNumber, type NumberFormat } from '../../core';
import { formatPrice, formatQty, type Instrument } from '../../instruments';
import type { NumberText } from './alertRules';

/**
 * The numbers of a notice or an alert's text as the trader reads them: the instrument's exact decimals
 * first (formatPrice/formatQty), then the Settings screen's number format (thousands, decimal comma),
 * the same rule the renderer applies to every number it shows (core/displayFormat.ts). The engine
 * writes these texts itself because they are shown with the window closed (OS notifications).
 */
export interface NoticeText {
  num: NumberText;
  /** A price in ticks; the tick count when the instrument is gone. */
  price(inst: Instrument | undefined, ticks: number): string;
  /** A quantity in lots; the lot count when the instrument is gone. */
  qty(inst: Instrument | undefined, lots: number): string;
}

export function noticeText(format: NumberFormat): NoticeText {
  const num: NumberText = (plain) => localiseNumber(plain, format);
  return {
    num,
    price: (inst, ticks) => {
      if (!inst) return `${ticks} ticks`;
      if (Number.isInteger(ticks)) return num(formatPrice(inst, ticks));
      // A mid between two ticks: one more digit so it does not read as either neighbour.
      return num(((ticks * inst.tickSize) / 10 ** inst.priceDecimals).toFixed(inst.priceDecimals + 1));
    },
    qty: (inst, lots) => (inst ? num(formatQty(inst, lots)) : `${lots} lots`),
  };
}
