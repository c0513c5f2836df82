import { describe, expect, it } from 'vitest';
import { csvFileName } from './download';

describe('CSV download name', () => {
  it("uses the engine's suggested name", () => {
    expect(csvFileName('audit-sq1-1-20300102.csv')).toBe('audit-sq1-1-20300102.csv');
  });

  it('keeps only the file name, never a folder part', () => {
    expect(csvFileName('../../etc/audit.csv')).toBe('audit.csv');
    expect(csvFileName('C:\\Users\\x\\audit.csv')).toBe('audit.csv');
  });

  it('replaces characters a file system refuses and drops leading dots', () => {
    expect(csvFileName('audit 2030-01-02T10:00:00.csv')).toBe('audit 2030-01-02T10_00_00.csv');
    expect(csvFileName('..hidden.csv')).toBe('hidden.csv');
  });

  it('adds the extension when missing and falls back when nothing usable is left', () => {
    expect(csvFileName('audit')).toBe('audit.csv');
    expect(csvFileName('AUDIT.CSV')).toBe('AUDIT.CSV');
    expect(csvFileName('')).toBe('audit.csv');
    expect(csvFileName('../', 'audit-sq1-1.csv')).toBe('audit-sq1-1.csv');
    expect(csvFileName(undefined, 'x.csv')).toBe('x.csv');
  });
});
