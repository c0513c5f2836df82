import { describe, expect, it } from 'vitest';
import { recordingLogger, type Symbol } from '../../core';
import { WatchedBooks } from './watchedBooks';

interface Spec {
  symbol: Symbol;
  venueSymbol: string;
}

interface Book {
  spec: Spec;
  /** Stands for the seq a real book carries on across unwatch/watch. */
  seq: number;
}

function watchedBooks(maxSymbols?: number) {
  const logger = recordingLogger();
  const removed: string[] = [];
  const added: Symbol[] = [];
  const specs: Spec[] = ['BTC-USDT', 'ETH-USDT', 'SOL-USDT'].map((symbol) => ({ symbol: symbol as Symbol, venueSymbol: symbol.replace('-', '') }));
  const books = new WatchedBooks<Spec, Book, 'depth' | 'trade'>({
    venue: 'test',
    logger,
    symbols: specs,
    create: (spec) => ({ spec, seq: 0 }),
    streams: (book) => [
      { name: `${book.spec.venueSymbol}@depth`, kind: 'depth' },
      { name: `${book.spec.venueSymbol}@trade`, kind: 'trade' },
    ],
    ...(maxSymbols === undefined ? {} : { maxSymbols, limit: 'two streams' }),
    added: (book) => added.push(book.spec.symbol),
    removed: (book, reason) => removed.push(`${book.spec.symbol}: ${reason}`),
  });
  return { books, logger, removed, added };
}

describe('WatchedBooks', () => {
  it('routes every stream of a watched symbol to its book, and logs symbols the feed does not carry', () => {
    const { books, logger } = watchedBooks();
    books.set(['BTC-USDT', 'DOGE-USDT', 'BTC-USDT'] as Symbol[]);
    expect(books.symbols).toEqual(['BTC-USDT']);
    expect(books.route('BTCUSDT@trade')).toMatchObject({ kind: 'trade', book: { spec: { symbol: 'BTC-USDT' } } });
    expect([...books.streamNames()]).toEqual(['BTCUSDT@depth', 'BTCUSDT@trade']);
    expect(logger.lines).toContainEqual(expect.objectContaining({ level: 'warn', fields: expect.objectContaining({ symbols: ['DOGE-USDT'], count: 1 }) }));
  });

  it('keeps the book of a symbol no longer watched, and gives it back when it is watched again', () => {
    const { books, removed, added } = watchedBooks();
    books.set(['BTC-USDT', 'ETH-USDT'] as Symbol[]);
    const btc = books.route('BTCUSDT@depth')!.book;
    btc.seq = 41;
    books.set(['ETH-USDT'] as Symbol[]);
    expect(removed).toEqual(['BTC-USDT: no longer watched']);
    // Its last messages may still arrive: known as leaving, not routed.
    expect(books.route('BTCUSDT@depth')).toBeUndefined();
    expect(books.isLeaving('BTCUSDT@depth')).toBe(true);
    books.set(['ETH-USDT', 'BTC-USDT'] as Symbol[]);
    expect(books.route('BTCUSDT@depth')!.book).toBe(btc);
    expect(btc.seq).toBe(41);
    expect(books.isLeaving('BTCUSDT@depth')).toBe(false);
    expect(added).toEqual(['BTC-USDT', 'ETH-USDT', 'BTC-USDT']);
  });

  it('forgets leaving streams on a new connection', () => {
    const { books } = watchedBooks();
    books.set(['SOL-USDT'] as Symbol[]);
    books.unwatch(books.route('SOLUSDT@depth')!.book, 'venue refused the subscription');
    expect(books.isLeaving('SOLUSDT@trade')).toBe(true);
    books.connected();
    expect(books.isLeaving('SOLUSDT@trade')).toBe(false);
  });

  it('answers a snapshot request only for a watched symbol, and says why otherwise', () => {
    const { books, logger } = watchedBooks();
    books.set(['BTC-USDT'] as Symbol[]);
    books.set([]);
    expect(books.forSnapshot('BTC-USDT' as Symbol)).toBeUndefined();
    expect(books.forSnapshot('DOGE-USDT' as Symbol)).toBeUndefined();
    expect(logger.lines.map((l) => [l.level, l.message])).toEqual([
      ['debug', 'snapshot requested for a symbol no longer watched: ignored'],
      ['warn', 'snapshot requested for a symbol this feed does not stream'],
    ]);
  });

  it('refuses the symbols past one connection’s limit with an error', () => {
    const { books, logger } = watchedBooks(2);
    books.set(['BTC-USDT', 'ETH-USDT', 'SOL-USDT'] as Symbol[]);
    expect(books.symbols).toEqual(['BTC-USDT', 'ETH-USDT']);
    const error = logger.lines.find((l) => l.level === 'error');
    expect(error?.fields).toMatchObject({ max: 2, left: ['SOL-USDT'], count: 1 });
    expect(error?.message).toContain('(two streams)');
  });
});
