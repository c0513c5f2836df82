import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocketServer } from 'ws';
import { recordingLogger } from '../../../core';
import { SignedRestClient } from '../signedRest';
import { usdmSetup, waitFor } from './usdmAdapter.fixture';
import { UserDataStream } from './userDataStream';

const servers: WebSocketServer[] = [];
const streams: UserDataStream[] = [];
afterEach(async () => {
  for (const s of streams.splice(0)) await s.stop();
  for (const w of servers.splice(0)) {
    for (const c of w.clients) c.terminate();
    await new Promise<void>((r) => w.close(() => r()));
  }
});

/** A socket server that accepts and then says nothing, not even a pong: a half-open network path. */
async function silentServer(): Promise<string> {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', autoPong: false });
  servers.push(wss);
  await new Promise<void>((r) => wss.once('listening', () => r()));
  return `ws://127.0.0.1:${(wss.address() as AddressInfo).port}`;
}

describe('the USD-M user data stream', () => {
  it('treats a socket that stays silent between two heartbeat checks as lost, and opens a new one', async () => {
    const s = await usdmSetup();
    const rest = new SignedRestClient({ restUrl: s.venue.restUrl, apiKey: s.alice.apiKey, secret: s.alice.secret, clock: s.clock, logger: recordingLogger(), timePath: '/fapi/v1/time' });
    const states: string[] = [];
    const stream = new UserDataStream({
      rest,
      streamUrl: await silentServer(),
      clock: s.clock,
      logger: recordingLogger(),
      random: () => 0.5,
      heartbeatMs: 60_000,
      onMessage: () => {},
      onState: (state, reason) => states.push(reason === undefined ? state : `${state}: ${reason}`),
    });
    streams.push(stream);
    await stream.start();
    expect(states).toEqual(['connected']);
    s.clock.advance(60_000); // first check: the socket was just opened, so it is pinged
    expect(states).toEqual(['connected']);
    s.clock.advance(60_000); // second check: no pong came
    expect(states).toEqual(['connected', 'disconnected: user data stream silent: no message or pong between two checks']);
    s.clock.advance(1000);
    await waitFor(() => states.length === 3, 'opened again');
    expect(states[2]).toBe('connected');
  });
});
