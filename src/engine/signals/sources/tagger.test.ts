import { describe, expect, it } from 'vitest';
import { InstrumentTagger } from './tagger';
import { plainText, titleKey } from './text';

const tagger = new InstrumentTagger([
  { symbol: 'BTC-USDT', base: 'BTC', venueSymbol: 'BTCUSDT' },
  { symbol: 'BTC-USDT-PERP', base: 'BTC', venueSymbol: 'BTCUSDT' },
  { symbol: 'ETH-USDT', base: 'ETH', venueSymbol: 'ETHUSDT' },
  { symbol: 'NSE:RELIANCE', base: 'RELIANCE', venueSymbol: 'RELIANCE', exchange: 'NSE', name: 'RELIANCE INDUSTRIES' },
  { symbol: 'NSE:INFY', base: 'INFY', venueSymbol: 'INFY', exchange: 'NSE', name: 'INFOSYS' },
  // A derivative is not tagged by itself.
  { symbol: 'NFO:RELIANCE26DECFUT', base: 'RELIANCE', venueSymbol: 'RELIANCE26DECFUT', exchange: 'NFO', name: 'RELIANCE', contract: { kind: 'future', expiry: 0 } as never },
]);

describe('InstrumentTagger', () => {
  it.each([
    ['BTC breaks out', ['BTC-USDT', 'BTC-USDT-PERP']],
    ['$BTC to the moon', ['BTC-USDT', 'BTC-USDT-PERP']],
    ['bitcoin miners capitulate', ['BTC-USDT', 'BTC-USDT-PERP']],
    ['Ether and Ethereum; ETH/BTC ratio', ['BTC-USDT', 'BTC-USDT-PERP', 'ETH-USDT']],
    ['ETHICS board meets; Tether minted', []],
    ['Methane prices; BTCUSDT perp funding', []],
    ['RELIANCE hits upper circuit', ['NSE:RELIANCE']],
    ['Reliance Industries Q3 beats', ['NSE:RELIANCE']],
    ['reliance on banks grows', []],
    ['Infosys wins deal, INFY up', ['NSE:INFY']],
    ['eth is lower-case chatter', []],
  ])('%s', (title, want) => {
    expect(tagger.tag(title)).toEqual(want);
  });

  it('takes the currencies a source attached', () => {
    expect(tagger.tag('Exchange hack drains hot wallet', ['eth'])).toEqual(['ETH-USDT']);
  });
});

describe('headline text', () => {
  it('strips markup and scripts and decodes entities', () => {
    expect(plainText('&lt;b&gt;Bold&lt;/b&gt; &amp;amp; <script>x()</script> caf&eacute; &#8364;5 &#xD800;', 100)).toBe('Bold & caf&eacute; €5 \uFFFD'); // unknown names stay as written
    expect(plainText('a\u0000b\u0007c   d\n e', 100)).toBe('abc d e');
    expect(plainText('x'.repeat(50), 10)).toBe(`${'x'.repeat(9)}…`);
    expect(plainText('Bitcoin <script src=x', 100)).toBe('Bitcoin');
    expect(plainText('<script>a()</script >ok<style>p{}</style>', 100)).toBe('ok');
  });

  it('normalises titles for cross-source dedup', () => {
    expect(titleKey('Bitcoin climbs — above $98,000!')).toBe(titleKey('bitcoin CLIMBS above 98 000'));
    expect(titleKey('Café')).toBe('cafe');
  });
});
