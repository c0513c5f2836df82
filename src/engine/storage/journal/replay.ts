import path from 'node:path';
import { checkRecord, checkSegmentHeader, MAX_PAYLOAD_BYTES, RECORD_HEADER_BYTES, readU32, SEGMENT_HEADER_BYTES } from './format';
import { ChunkedFile } from './chunkedFile';
import type { SegmentRef } from './journalWriter';
import { describeDamage } from './recovery';

/**
 * Receives each replayed record. `payload` is a view into a read buffer that is reused after the
 * call returns: decode it (or copy it) inside the callback, do not keep it.
 */
export type RecordVisitor = (seq: number, type: number, payload: Uint8Array) => void;

/**
 * Calls `visit` for every record with fromSeq <= seq <= toSeq, in sequence order, checking each
 * one's framing (length bounds, type, sequence) and, with `verifyCrc`, its CRC. Returns how many
 * were visited.
 *
 * Every byte replayed was either CRC-verified when this process opened the journal or written by
 * this process, which is why the CRC is not recomputed by default (it is most of replay's cost).
 * Damage found here means the files changed under the running engine (a disk fault or another
 * process): that is thrown, not returned, because no caller can carry on from it.
 */
export function replaySegments(
  segments: readonly SegmentRef[],
  fromSeq: number,
  toSeq: number,
  visit: RecordVisitor,
  verifyCrc = false,
): number {
  const chunk = new ChunkedFile();
  let visited = 0;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const next = segments[i + 1];
    if (next && next.firstSeq <= fromSeq) continue;
    if (segment.firstSeq > toSeq) break;
    visited += replaySegment(chunk, segment, fromSeq, toSeq, visit, verifyCrc);
  }
  return visited;
}

function replaySegment(
  chunk: ChunkedFile,
  segment: SegmentRef,
  fromSeq: number,
  toSeq: number,
  visit: RecordVisitor,
  verifyCrc: boolean,
): number {
  const name = path.basename(segment.file);
  const damaged = (what: string): Error => new Error(`journal replay: ${name} ${what} since it was opened`);
  chunk.open(segment.file);
  try {
    if (!chunk.need(SEGMENT_HEADER_BYTES)) throw damaged('lost its header');
    const header = checkSegmentHeader(chunk.buf.subarray(chunk.start, chunk.start + SEGMENT_HEADER_BYTES), segment.firstSeq);
    if (!header.ok) throw damaged(`has a bad header (${header.reason})`);
    chunk.start += SEGMENT_HEADER_BYTES;
    let visited = 0;
    for (let seq = segment.firstSeq; seq <= toSeq; seq++) {
      if (!chunk.need(RECORD_HEADER_BYTES)) {
        if (chunk.start === chunk.end) break; // end of the segment
        throw damaged(`ends inside a record header at byte ${chunk.fileOffset()}`);
      }
      const length = readU32(chunk.buf, chunk.start + 4);
      if (length > MAX_PAYLOAD_BYTES || !chunk.need(RECORD_HEADER_BYTES + length)) {
        throw damaged(`is damaged at byte ${chunk.fileOffset()} (${describeDamage(length > MAX_PAYLOAD_BYTES ? 'length' : 'incomplete')})`);
      }
      const at = chunk.start;
      const size = checkRecord(chunk.buf, at, chunk.end, seq, verifyCrc && seq >= fromSeq);
      if (typeof size !== 'number') throw damaged(`is damaged at byte ${chunk.fileOffset()} (${describeDamage(size)})`);
      chunk.start += size;
      if (seq < fromSeq) continue;
      // A plain Uint8Array view: Buffer#subarray costs several times more per record.
      visit(seq, chunk.buf[at + 16]!, new Uint8Array(chunk.buf.buffer, chunk.buf.byteOffset + at + RECORD_HEADER_BYTES, length));
      visited++;
    }
    return visited;
  } finally {
    chunk.close();
  }
}
