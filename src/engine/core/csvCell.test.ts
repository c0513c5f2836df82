import { describe, expect, it } from 'vitest';
import { csvCell } from './csvCell';

describe('csvCell (the audit and TCA exports)', () => {
  it('shows a formula-like cell as text, keeps a negative number a number, and quotes per RFC 4180', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(' +1')).toBe("' +1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tx')).toBe("'\tx");
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('-12.5x')).toBe("'-12.5x");
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell('BTC-USDT')).toBe('BTC-USDT');
    expect(csvCell('')).toBe('');
  });
});
