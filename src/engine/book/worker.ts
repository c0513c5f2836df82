/**
 * The book worker's entry file (bundled as bookWorker.mjs). It owns the full L2 books; the main
 * thread reads their top K from shared memory, so the only messages are batches going in and
 * gaps / query answers coming out.
 */
import { parentPort } from 'node:worker_threads';
import { BookEngine } from './bookEngine';
import type { ToWorker } from './protocol';

const port = parentPort;
if (!port) throw new Error('the book worker must run in a worker thread');

let engine: BookEngine | undefined;

port.on('message', (message: ToWorker) => {
  if (message.type === 'init') {
    engine = new BookEngine(message.sab, (reply, transfer) => port.postMessage(reply, transfer ?? []));
    return;
  }
  // A message before init is a bug in BookService: crash loudly so it is restarted and seen.
  if (!engine) throw new Error(`book worker received '${message.type}' before 'init'`);
  engine.handle(message);
});
