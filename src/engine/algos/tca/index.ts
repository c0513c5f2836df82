/**
 * Transaction-cost analysis (issue 17 item 4): arrival, interval VWAP, average fill, slippage (positive =
 * cost), participation, fees, implementation shortfall and a per-child table, with CSV export.
 */
export {
  analyseParent,
  slippageBps,
  type ImplementationShortfall,
  type MarketTrade,
  type TcaChild,
  type TcaChildRow,
  type TcaFill,
  type TcaInput,
  type TcaReport,
} from './tca';
export { TCA_CHILD_CSV_COLUMNS, TCA_CSV_COLUMNS, tcaChildrenCsv, tcaCsv, type TcaUnits } from './tcaCsv';
