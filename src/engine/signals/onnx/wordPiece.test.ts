import { describe, expect, it } from 'vitest';
import { basicTokens, encodeBatch, parseVocabulary, tokenIds, wordPieceIds } from './wordPiece';

const vocab = parseVocabulary(['[PAD]', '[UNK]', '[CLS]', '[SEP]', 'un', '##aff', '##able', 'want', '##want', '##ed', 'runn', '##ing', ',', 'the', 'cafe', '中', '国', 'hello', '!', '$', '🚀', '##🚀'].join('\n') + '\n');
const id = (t: string): number => vocab.ids.get(t) as number;

describe('BERT basic tokenizer', () => {
  it('splits punctuation off words and lowercases', () => {
    expect(basicTokens('  Hello,World!  BTC$100 ')).toEqual(['hello', ',', 'world', '!', 'btc', '$', '100']);
  });
  it('strips accents only when lowercasing (uncased models)', () => {
    expect(basicTokens('Café RÉSUMÉ naïve')).toEqual(['cafe', 'resume', 'naive']);
    expect(basicTokens('Café RÉSUMÉ', false)).toEqual(['Café', 'RÉSUMÉ']);
  });
  it('spaces out CJK ideographs but not kana or Hangul', () => {
    expect(basicTokens('中国股市')).toEqual(['中', '国', '股', '市']);
    expect(basicTokens('ビットコイン 비트코인', false)).toEqual(['ビットコイン', '비트코인']);
    // Uncased BERT decomposes and drops combining marks, the kana voicing mark too (ビ → ヒ), and so must we.
    expect(basicTokens('ビットコイン')).toEqual(['ヒットコイン']);
  });
  it('drops control and format characters and treats tabs, newlines and Unicode spaces as whitespace', () => {
    // U+200B (zero-width space) is a format character (Cf) to BERT, removed rather than a separator.
    expect(basicTokens('a\u0000b\tc\nd\u00a0e\u200bf\ufffd')).toEqual(['ab', 'c', 'd', 'ef']);
  });
  it('treats ASCII symbols that Unicode does not call punctuation as punctuation, as BERT does', () => {
    expect(basicTokens('a^b`c~d')).toEqual(['a', '^', 'b', '`', 'c', '~', 'd']);
  });
});

describe('WordPiece', () => {
  it('splits "unaffable" greedily into un ##aff ##able', () => {
    expect(wordPieceIds('unaffable', vocab)).toEqual([id('un'), id('##aff'), id('##able')]);
    expect(tokenIds('UNwanted running', vocab)).toEqual([id('un'), id('##want'), id('##ed'), id('runn'), id('##ing')]);
  });
  it('makes a word that cannot be covered one [UNK], not a partial match', () => {
    expect(wordPieceIds('unwantedx', vocab)).toEqual([vocab.unk]);
    expect(tokenIds('the bitcoin, hello', vocab)).toEqual([id('the'), vocab.unk, id(','), id('hello')]);
  });
  it('makes an over-long word [UNK] without trying', () => {
    expect(wordPieceIds('un'.repeat(60), vocab)).toEqual([vocab.unk]);
    expect(wordPieceIds('unaff', vocab, 4)).toEqual([vocab.unk]);
  });
  it('counts and cuts words in code points, so an emoji is one character', () => {
    expect(tokenIds('hello 🚀🚀', vocab)).toEqual([id('hello'), id('🚀'), id('##🚀')]);
    expect(wordPieceIds('🚀🚀', vocab, 2)).toEqual([id('🚀'), id('##🚀')]);
    expect(wordPieceIds('🚀🚀🚀', vocab, 2)).toEqual([vocab.unk]);
  });
  it('handles accents and CJK through the basic pass', () => {
    expect(tokenIds('Café 中国', vocab)).toEqual([id('cafe'), id('中'), id('国')]);
  });
});

describe('encodeBatch', () => {
  it('wraps in [CLS]/[SEP], pads with [PAD] and masks the padding', () => {
    const batch = encodeBatch(['hello!', ''], vocab, 6);
    expect(Array.from(batch.inputIds, Number)).toEqual([2, id('hello'), id('!'), 3, 0, 0, 2, 3, 0, 0, 0, 0]);
    expect(Array.from(batch.attentionMask, Number)).toEqual([1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 0, 0]);
    expect(Array.from(batch.tokenTypeIds, Number)).toEqual(new Array(12).fill(0));
  });
  it('truncates the tokens (not [SEP]) to fit maxLength', () => {
    const batch = encodeBatch(['unaffable hello the'], vocab, 4);
    expect(Array.from(batch.inputIds, Number)).toEqual([2, id('un'), id('##aff'), 3]);
    expect(Array.from(batch.attentionMask, Number)).toEqual([1, 1, 1, 1]);
  });
  it('stops tokenising once maxLength is reached', () => {
    expect(tokenIds('hello the hello the', vocab, {}, 3)).toEqual([id('hello'), id('the'), id('hello')]);
    expect(tokenIds('unaffable', vocab, {}, 2)).toEqual([id('un'), id('##aff')]);
  });
  it('refuses a maxLength with no room for [CLS] and [SEP]', () => {
    expect(() => encodeBatch(['x'], vocab, 1)).toThrow(/maxLength/);
  });
});

describe('parseVocabulary', () => {
  it('numbers tokens by line, accepts CRLF files, and needs the special tokens', () => {
    const v = parseVocabulary('[PAD]\r\n[UNK]\r\n[CLS]\r\n[SEP]\r\nbtc\r\n');
    expect(v.ids.get('btc')).toBe(4);
    expect(v.ids.size).toBe(5);
    expect(() => parseVocabulary('[PAD]\n[CLS]\n[SEP]\n')).toThrow(/no \[UNK\] token/);
  });
});
