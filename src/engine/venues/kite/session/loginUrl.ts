import { kiteLoginPage } from './endpoints';

/**
 * The URL that starts a Kite login for `apiKey` (Kite Connect v3): the trader signs in there and Kite
 * redirects the browser to the app's registered redirect URL with `request_token` and `status=success`.
 */
export function kiteLoginUrl(apiKey: string, restUrl?: string): string {
  const url = new URL(kiteLoginPage(restUrl));
  url.searchParams.set('v', '3');
  url.searchParams.set('api_key', apiKey);
  return url.toString();
}
