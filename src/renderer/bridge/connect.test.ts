import { describe, expect, it } from 'vitest';
import { bridgeUrl } from './connect';

describe('bridgeUrl', () => {
  it('connects to the host that served the page, on the bridge path, with the run token', () => {
    expect(bridgeUrl({ protocol: 'http:', host: '127.0.0.1:5123', search: '?token=a%2Fb' })).toBe(
      'ws://127.0.0.1:5123/bridge?token=a%2Fb',
    );
  });

  it('uses a secure socket for a page served over https', () => {
    expect(bridgeUrl({ protocol: 'https:', host: 'example.test', search: '?x=1&token=abc' })).toBe(
      'wss://example.test/bridge?token=abc',
    );
  });
});
