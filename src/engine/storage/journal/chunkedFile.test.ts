import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { ChunkedFile } from './chunkedFile';
import { removeTempDirs, tempDataDir } from './testSupport';

afterEach(removeTempDirs);

describe('chunked file reading', () => {
  it('hands out exactly the file, whatever the chunk size and the sizes asked for', () => {
    const dir = tempDataDir();
    fc.assert(
      fc.property(
        fc.uint8Array({ maxLength: 2000 }),
        fc.integer({ min: 1, max: 64 }),
        fc.array(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 100 }),
        (content, chunkBytes, asks) => {
          const file = path.join(dir, 'f.bin');
          fs.writeFileSync(file, content);
          const chunk = new ChunkedFile(chunkBytes);
          chunk.open(file);
          const seen: number[] = [];
          for (const ask of asks) {
            const offset = chunk.fileOffset();
            const available = chunk.need(ask);
            expect(available).toBe(offset + ask <= content.length);
            const take = available ? ask : chunk.end - chunk.start;
            expect(take).toBe(Math.min(ask, content.length - offset));
            seen.push(...chunk.buf.subarray(chunk.start, chunk.start + take));
            chunk.start += take;
          }
          chunk.close();
          expect(seen).toEqual([...content.subarray(0, seen.length)]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
