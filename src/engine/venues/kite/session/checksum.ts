import { createHash } from 'node:crypto';

/**
 * The checksum Kite's POST /session/token asks for: hex SHA-256 of api_key + request_token + api_secret.
 * It proves the caller holds the api secret without sending it.
 */
export function kiteChecksum(apiKey: string, requestToken: string, apiSecret: string): string {
  return createHash('sha256').update(apiKey + requestToken + apiSecret, 'utf8').digest('hex');
}
