/**
 * GTT endpoints: POST /gtt/triggers, GET /gtt/triggers, GET / PUT / DELETE /gtt/triggers/:id
 * (gtt_place_order.json, gtt_get_orders.json, gtt_get_order.json, gtt_modify_order.json,
 * gtt_delete_order.json).
 */
import { errors, isKiteError, type KiteError } from './kiteErrors';
import { data, route, type Route } from './routeKit';
import type { KiteVenue } from './venue';

export function gttRoutes(venue: KiteVenue): Route[] {
  const id = (text: string | undefined) => (/^\d{1,12}$/.test(text ?? '') ? Number(text) : undefined);
  const answer = (r: { trigger_id: number } | KiteError) => (isKiteError(r) ? r : data(r));
  return [
    route('POST', '/gtt/triggers', 'other', ({ params, now }) => answer(venue.gtt.place(params, now))),
    route('GET', '/gtt/triggers', 'other', () => data(venue.gtt.list().map((g) => venue.gtt.toJson(g)))),
    route('GET', '/gtt/triggers/:id', 'other', ({ path }) => {
      const n = id(path.id);
      const g = n === undefined ? undefined : venue.gtt.get(n);
      return g ? data(venue.gtt.toJson(g)) : errors.noTrigger();
    }),
    route('PUT', '/gtt/triggers/:id', 'other', ({ path, params, now }) => {
      const n = id(path.id);
      return n === undefined ? errors.noTrigger() : answer(venue.gtt.modify(n, params, now));
    }),
    route('DELETE', '/gtt/triggers/:id', 'other', ({ path, now }) => {
      const n = id(path.id);
      return n === undefined ? errors.noTrigger() : answer(venue.gtt.delete(n, now));
    }),
  ];
}
