import { describe, expect, it } from 'vitest';
import { rowClick } from './ladderClick';
import { priceText } from './numbers';
import { btc } from './testing';

const text = (p: number) => priceText(btc, p);

describe('a click on a ladder row', () => {
  it('acts on the price when the press and the click were on the same price', () => {
    expect(rowClick(950_629, 950_629, text, 'sent')).toEqual({ act: true, price: 950_629 });
  });

  it('refuses, saying both prices, when the book moved the row to another price between press and click', () => {
    const r = rowClick(950_629, 950_631, text, 'sent');
    expect(r.act).toBe(false);
    expect(!r.act && r.text).toBe('Price moved under the click (95062.9 → 95063.1): nothing sent');
    const picked = rowClick(950_631, 950_629, text, 'picked');
    expect(!picked.act && picked.text).toMatch(/: nothing picked$/);
  });

  it('acts on the price shown when no press came before (Enter or Space on the price button)', () => {
    expect(rowClick(undefined, 950_631, text, 'sent')).toEqual({ act: true, price: 950_631 });
  });
});
