import { describe, expect, it } from 'vitest';
import { isInstanceId, nextInstanceId, panelEntry, PANEL_ID } from './registry';

/** Second (third...) charts and order books: ids a stored layout and a pop-out URL can name, and nothing else. */
describe('panel instances', () => {
  it('names a second chart and order book after the first, in their home', () => {
    expect(panelEntry('chart-2')).toMatchObject({ id: 'chart-2', title: 'Chart 2', home: 'market' });
    expect(panelEntry('book-3')).toMatchObject({ id: 'book-3', title: 'Order book 3', home: 'market' });
    expect(panelEntry('chart-2')).toBe(panelEntry('chart-2'));
    expect(isInstanceId('chart-2')).toBe(true);
    expect(isInstanceId('chart')).toBe(false);
    expect(PANEL_ID.test('chart-12')).toBe(true);
  });

  it('knows no instance of a single panel, nor a first, zeroth or malformed one', () => {
    for (const id of ['ticket-2', 'risk-2', 'chart-1', 'chart-0', 'chart-02', 'chart-100', 'chart-', 'chart-2x', 'Chart-2']) expect(panelEntry(id)).toBeUndefined();
  });

  it('gives a new instance the lowest free number from 2', () => {
    expect(nextInstanceId('chart', ['chart', 'book'])).toBe('chart-2');
    expect(nextInstanceId('chart', ['chart', 'chart-2', 'chart-4'])).toBe('chart-3');
    expect(nextInstanceId('book', Array.from({ length: 98 }, (_, i) => `book-${i + 2}`))).toBeUndefined();
  });
});
