/**
 * A focused driver for profiling our Binance depth path (frame bytes -> scanner -> sync -> ladder), the
 * "ours" side of `npm run bench -- venue` without ccxt, timed over chunks of events:
 *
 *   node --import tsx bench/profileDepth.ts [rounds] [hot]
 *   node --cpu-prof --import tsx bench/profileDepth.ts 30 hot     (then open the .cpuprofile)
 *
 * `hot` hands over each chunk of 50 frames as fresh copies, as a socket would (see Delivery in venue.ts);
 * without it the frames are read cold out of the stream's array. Prints the p10/p25/p50 of ns per event
 * over all chunks of all rounds but the first (a warm-up), which on a shared machine is steadier than
 * the best round.
 */
import { createL2Book } from '../src/engine/book';
import { applyToLadder, buildStream, ourFeed, readRecording } from './venue';
import { nowNs } from './stats';

const stream = buildStream(readRecording());
const rounds = Number(process.argv[2] ?? 20);
const HOT = process.argv[3] === 'hot';
const CHUNK = HOT ? 50 : 1000;
const chunks: number[] = [];
for (let r = 0; r < rounds; r++) {
  const ours = await ourFeed(stream, applyToLadder(createL2Book()), 'scanner');
  const frames = stream.combinedBytes;
  for (let c = 0; c < frames.length; c += CHUNK) {
    const batch = HOT ? frames.slice(c, c + CHUNK).map((f) => Buffer.from(f)) : frames.slice(c, c + CHUNK);
    const t0 = nowNs();
    for (let i = 0; i < CHUNK; i++) ours.onFrame(batch[i]!);
    if (r > 0) chunks.push(Number(nowNs() - t0) / CHUNK);
  }
  if (ours.failure()) throw new Error(ours.failure());
}
chunks.sort((a, b) => a - b);
const q = (p: number) => chunks[Math.floor(p * (chunks.length - 1))]!.toFixed(0);
console.log(`ns/event over ${CHUNK}-event chunks: p10 ${q(0.1)} p25 ${q(0.25)} p50 ${q(0.5)}`);
