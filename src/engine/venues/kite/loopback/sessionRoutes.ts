/**
 * Login, session and user endpoints: GET /connect/login (302 to the app's redirect URL with a
 * request_token and any `redirect_params`: the loopback plays a user who approves at once), POST /session/token
 * (generate_session.json's shape), DELETE /session/token (session_logout.json), GET /user/profile
 * (profile.json), GET /user/margins and /user/margins/:segment (margins.json).
 */
import type { KiteUserConfig } from './config';
import { errors, isKiteError } from './kiteErrors';
import { kiteTimestamp } from './marketHours';
import { marginTotal } from './portfolio';
import { data, route, type Route } from './routeKit';
import type { KiteSessions } from './sessions';
import { rupees } from './units';
import type { KiteVenue } from './venue';

const EXCHANGES = ['NSE', 'NFO', 'BFO', 'CDS', 'BSE', 'MCX', 'BCD', 'MF'];
const PRODUCTS = ['CNC', 'NRML', 'MIS', 'BO', 'CO'];
const ORDER_TYPES = ['MARKET', 'LIMIT', 'SL', 'SL-M'];

function profile(user: KiteUserConfig): Record<string, unknown> {
  return {
    user_id: user.userId,
    user_type: 'individual',
    email: user.email,
    user_name: user.userName,
    user_shortname: user.userName.split(' ')[0],
    broker: 'ZERODHA',
    exchanges: EXCHANGES,
    products: PRODUCTS,
    order_types: ORDER_TYPES,
    avatar_url: null,
    meta: { demat_consent: 'physical' },
  };
}

/** One segment of GET /user/margins. */
export function segmentMargins(venue: KiteVenue, commodity: boolean): Record<string, unknown> {
  const cash = commodity ? venue.funds.commodity : venue.funds.equity;
  const used = commodity ? { span: 0, exposure: 0, optionPremium: 0, delivery: 0 } : venue.portfolio.positionMargins();
  const realised = venue.portfolio.realisedTotal(commodity);
  const blocked = venue.blockedByOrders(commodity);
  const net = venue.marginNet(commodity);
  return {
    enabled: true,
    net: rupees(net),
    available: { adhoc_margin: 0, cash: rupees(cash), opening_balance: rupees(cash), live_balance: rupees(net), collateral: 0, intraday_payin: 0 },
    utilised: {
      debits: rupees(marginTotal(used) + blocked - realised),
      exposure: rupees(used.exposure),
      m2m_realised: rupees(realised),
      m2m_unrealised: 0,
      option_premium: rupees(used.optionPremium),
      payout: 0,
      span: rupees(used.span + blocked),
      holding_sales: 0,
      turnover: 0,
      liquid_collateral: 0,
      stock_collateral: 0,
      delivery: rupees(used.delivery),
    },
  };
}

export function sessionRoutes(sessions: KiteSessions, venue: KiteVenue): Route[] {
  const user = sessions.user;
  return [
    route(
      'GET',
      '/connect/login',
      'none',
      ({ params }) => {
        if (params.get('v') !== '3') return errors.invalid('v');
        const requestToken = sessions.login(params.get('api_key'));
        if (isKiteError(requestToken)) return requestToken;
        const to = new URL(sessions.app.redirectUrl);
        // Kite appends the app's own `redirect_params` (a URL-encoded query string) to the redirect.
        for (const [k, v] of new URLSearchParams(params.get('redirect_params') ?? '')) to.searchParams.set(k, v);
        to.searchParams.set('request_token', requestToken);
        to.searchParams.set('action', 'login');
        to.searchParams.set('type', 'login');
        to.searchParams.set('status', 'success');
        return { kind: 'redirect', location: to.toString() };
      },
      { auth: 'none' },
    ),
    route(
      'POST',
      '/session/token',
      'other',
      ({ params, now }) => {
        const s = sessions.exchange(params.get('api_key'), params.get('request_token'), params.get('checksum'));
        if (isKiteError(s)) return s;
        return data({
          ...profile(user),
          avatar_url: null,
          api_key: s.apiKey,
          access_token: s.accessToken,
          public_token: s.publicToken,
          enctoken: s.enctoken,
          refresh_token: '',
          silo: '',
          login_time: kiteTimestamp(now),
        });
      },
      { auth: 'version' },
    ),
    route(
      'DELETE',
      '/session/token',
      'other',
      ({ params }) => {
        const r = sessions.logout(params.get('api_key'), params.get('access_token'));
        return isKiteError(r) ? r : data(true);
      },
      { auth: 'version' },
    ),
    route('GET', '/user/profile', 'other', () => data(profile(user))),
    route('GET', '/user/margins', 'other', () => data({ equity: segmentMargins(venue, false), commodity: segmentMargins(venue, true) })),
    route('GET', '/user/margins/:segment', 'other', ({ path }) => {
      if (path.segment !== 'equity' && path.segment !== 'commodity') return errors.invalid('segment');
      return data(segmentMargins(venue, path.segment === 'commodity'));
    }),
  ];
}
