/**
 * A KiteTicker client for the loopback venue's tests: connects with api_key and access_token, keeps
 * every message (binary frames as Buffers, text parsed as JSON), and waits for one with a bounded
 * number of polls (never a fixed sleep).
 */
import { WebSocket } from 'ws';
import { waitFor } from './loopback.fixture';
import type { KiteLoopback } from './server';

export type TickerMessage = { binary: true; data: Buffer } | { binary: false; data: any };

export class TickerClient {
  readonly messages: TickerMessage[] = [];
  closed: { code: number } | undefined;
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (raw: Buffer, isBinary) => this.messages.push(isBinary ? { binary: true, data: raw } : { binary: false, data: JSON.parse(raw.toString()) }));
    ws.on('close', (code) => (this.closed = { code }));
  }

  /** Opens a socket; rejects with the HTTP status when the handshake is refused. */
  static connect(venue: KiteLoopback, apiKey: string, accessToken: string): Promise<TickerClient> {
    const ws = new WebSocket(`${venue.tickerUrl}?api_key=${apiKey}&access_token=${accessToken}`);
    return new Promise((resolve, reject) => {
      ws.once('open', () => resolve(new TickerClient(ws)));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused: ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(msg: unknown): void {
    this.ws.send(JSON.stringify(msg));
  }

  /** The first message from `from` on that matches, waiting for it; returns it and its index. */
  async next(match: (m: TickerMessage) => boolean, what: string, from = 0): Promise<TickerMessage> {
    let found: TickerMessage | undefined;
    await waitFor(() => (found = this.messages.slice(from).find(match)), what);
    return found!;
  }

  async waitClosed(): Promise<{ code: number }> {
    await waitFor(() => this.closed, 'ticker socket closed');
    return this.closed!;
  }

  close(): void {
    this.ws.terminate();
  }
}

export const binaryOfLength = (packetLength: number) => (m: TickerMessage) => m.binary && m.data.length === 2 + 2 + packetLength;
export const orderUpdate = (status: string) => (m: TickerMessage) => !m.binary && m.data.type === 'order' && m.data.data.status === status;
