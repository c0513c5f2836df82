/**
 * Books to seed the loopback venue from the recordings in ../shared/data/binance: the REST snapshot
 * rows of the USD-M depth CSV (`update_type` = snap) and spot's depth_response.json.
 */
import { readFileSync } from 'node:fs';
import type { LevelText, LoopbackBook } from './config';

/** The first snapshot in a Binance futures depth CSV (symbol,timestamp,first_update_id,last_update_id,side,update_type,price,qty,pu). */
export function bookFromFuturesCsv(path: string, symbol: string): LoopbackBook {
  const lines = readFileSync(path, 'utf8').split('\n').filter((l) => l.trim() !== '');
  const header = lines[0]!.split(',');
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${path}: no column ${name}`);
    return i;
  };
  const [cSym, cLast, cSide, cType, cPrice, cQty] = ['symbol', 'last_update_id', 'side', 'update_type', 'price', 'qty'].map(col) as [number, number, number, number, number, number];
  const bids: LevelText[] = [];
  const asks: LevelText[] = [];
  let lastUpdateId: number | undefined;
  for (const line of lines.slice(1)) {
    const f = line.split(',');
    if (f[cSym] !== symbol || f[cType] !== 'snap') continue;
    const id = Number(f[cLast]);
    if (lastUpdateId === undefined) lastUpdateId = id;
    else if (id !== lastUpdateId) break;
    (f[cSide] === 'b' ? bids : asks).push([f[cPrice]!, f[cQty]!]);
  }
  if (lastUpdateId === undefined) throw new Error(`${path}: no snapshot rows for ${symbol}`);
  return { lastUpdateId, bids, asks };
}

/** A REST depth answer ({lastUpdateId, bids, asks}) as recorded. */
export function bookFromDepthJson(path: string): LoopbackBook {
  const d = JSON.parse(readFileSync(path, 'utf8')) as { lastUpdateId: number; bids: [string, string][]; asks: [string, string][] };
  return { lastUpdateId: d.lastUpdateId, bids: d.bids, asks: d.asks };
}
