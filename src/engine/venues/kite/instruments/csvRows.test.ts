import { describe, expect, it } from 'vitest';
import { csvRows } from './csvRows';

const rows = (text: string) => [...csvRows(text)];

describe('CSV rows', () => {
  it('splits plain rows, skips blank lines, accepts CRLF and numbers lines from 1', () => {
    expect(rows('a,b\r\n\r\n1,2\n,\n')).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 3, fields: ['1', '2'] },
      { line: 4, fields: ['', ''] },
    ]);
  });

  it('reads quoted fields with commas and doubled quotes', () => {
    expect(rows('1,"A, B ""C"" D",3\n"",x,""')).toEqual([
      { line: 1, fields: ['1', 'A, B "C" D', '3'] },
      { line: 2, fields: ['', 'x', ''] },
    ]);
  });

  it('spoils only the row with broken quoting', () => {
    const [bad1, bad2, bad3, good] = rows('1,"open\n1,"x"y,2\n1,a"b\n4,5');
    expect(bad1).toMatchObject({ line: 1, error: 'unterminated quote' });
    expect(bad2).toMatchObject({ line: 2, error: 'text after a closing quote' });
    expect(bad3).toMatchObject({ line: 3, error: 'a quote inside an unquoted field' });
    expect(good).toEqual({ line: 4, fields: ['4', '5'] });
  });
});
