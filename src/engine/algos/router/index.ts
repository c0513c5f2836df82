/**
 * Smart order routing (issue 17 item 3): the common price grid of an instrument quoted on several
 * venues, the consolidated book (which venue holds each level) and the router planner that splits a
 * marketable parent across venues by depth, taker fees and latency. Pure: the algo runtime calls it.
 */
export { buildPriceGrid, gridPrice, gridQty, gridQuotePerTickLot, type GridSpec, type GridVenue, type PriceGrid } from './priceGrid';
export { readVenueBook, readVenueBooks, sideProblem, type Level, type VenueBook } from './venueBook';
export { consolidate, type ConsolidatedBook, type ConsolidatedLevel, type VenueShare } from './consolidatedBook';
export { centiBps, feeOf } from './takerFee';
export { CapCause, LeftOutCode, LeftOutLog, leftOutReason, leftOutText, MALFORMED_BIDS, MalformedWhat, type LeftOut, type LeftOutUnits } from './leftOut';
export {
  SmartRouter,
  type ChildPlan,
  type RoutePlan,
  type RouteRequest,
  type RouteVenue,
  type SmartRouterOptions,
} from './smartRouter';
