import WebSocket from 'ws';
import type { CallName, CallOutput, Reply } from '../src/contract';

/**
 * A second client of the host's bridge, for asserting what the engine itself holds (e.g. that an
 * invalid ticket sent nothing). Speaks the same wire protocol as the renderer.
 */
export async function bridgeCall<N extends CallName>(hostUrl: string, name: N, input: object = {}): Promise<Reply<CallOutput<N>>> {
  const url = new URL(hostUrl);
  const ws = new WebSocket(`ws://${url.host}/bridge?token=${url.searchParams.get('token')}`);
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return await new Promise((resolve) => {
      ws.on('message', (data) => {
        const msg = JSON.parse(data.toString()) as { t: string; id: number } & Reply<CallOutput<N>>;
        if (msg.t === 'reply' && msg.id === 1) resolve(msg);
      });
      ws.send(JSON.stringify({ t: 'call', id: 1, name, input }));
    });
  } finally {
    ws.close();
  }
}
