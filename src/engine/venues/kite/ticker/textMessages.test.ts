import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readTextMessage } from './textMessages';
import { KITE_DATA } from './testSupport';

const postback = JSON.parse(readFileSync(new URL('postback.json', KITE_DATA), 'utf8')) as Record<string, unknown>;

describe('readTextMessage', () => {
  it('reads the recorded postback as an order update, every field kept', () => {
    const msg = readTextMessage(JSON.stringify({ type: 'order', data: postback }));
    expect(msg).toEqual({ kind: 'order', update: postback });
  });

  it('reads errors and notices from Kite', () => {
    expect(readTextMessage('{"type":"error","data":"Invalid instrument token"}')).toEqual({ kind: 'error', message: 'Invalid instrument token' });
    expect(readTextMessage('{"type":"message","data":"maintenance at 23:00"}')).toEqual({ kind: 'message', message: 'maintenance at 23:00' });
  });

  it('says why a message is not understood instead of throwing', () => {
    expect(readTextMessage('{"type":"order","data":{')).toEqual({ kind: 'malformed', reason: 'not JSON' });
    const noId = readTextMessage(JSON.stringify({ type: 'order', data: { ...postback, order_id: undefined } }));
    expect(noId).toMatchObject({ kind: 'malformed', reason: expect.stringContaining('data.order_id') });
    expect(readTextMessage('{"type":"quote","data":1}')).toMatchObject({ kind: 'malformed' });
    expect(readTextMessage('null')).toMatchObject({ kind: 'malformed' });
  });
});
