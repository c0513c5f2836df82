import { KiteTicker } from 'kiteconnect';
import { describe, expect, it } from 'vitest';
import { recordedJson, recordedText } from './recordings';
import { encodeFrame, encodePacket, PACKET_LENGTH, wireTickFromJson } from './tickEncoder';

const recordedPacket = (name: string) => Buffer.from(recordedText(name).trim(), 'base64');

describe('KiteTicker tick encoder', () => {
  it('encodes ticker_full.json to exactly the recorded 184-byte packet', () => {
    const packet = encodePacket(wireTickFromJson(recordedJson('ticker_full.json')), 'full');
    expect(packet.length).toBe(PACKET_LENGTH.full);
    expect(packet.toString('base64')).toBe(recordedPacket('ticker_full.packet').toString('base64'));
  });

  it('encodes ticker_quote.json to exactly the recorded 44-byte packet', () => {
    const packet = encodePacket(wireTickFromJson(recordedJson('ticker_quote.json')), 'quote');
    expect(packet.length).toBe(PACKET_LENGTH.quote);
    expect(packet.equals(recordedPacket('ticker_quote.packet'))).toBe(true);
  });

  it('frames packets as kiteconnect parses them: ltp, quote, full, index quote and index full', () => {
    const full = wireTickFromJson(recordedJson('ticker_full.json'));
    const index = { ...wireTickFromJson({ instrument_token: 256265, last_price: 24102.35, ohlc: { open: 24050.1, high: 24150.8, low: 23990.25, close: 24012.6 } }), timestamp: 1_765_000_000 };
    const frame = encodeFrame([encodePacket(full, 'ltp'), encodePacket(full, 'quote'), encodePacket(full, 'full'), encodePacket(index, 'quote'), encodePacket(index, 'full')]);
    expect(frame.readUInt16BE(0)).toBe(5);
    const bytes = new Uint8Array(frame).buffer as ArrayBuffer;
    const ticks = (KiteTicker.prototype as unknown as { parseBinary(b: ArrayBuffer): any[] }).parseBinary.call({}, bytes);
    expect(ticks.map((t) => t.mode)).toEqual(['ltp', 'quote', 'full', 'quote', 'full']);
    expect(ticks[0].last_price).toBe(1573.7);
    expect(ticks[2].depth.sell[4]).toEqual({ price: 1573.95, quantity: 724, orders: 5 });
    expect(ticks[2].last_trade_time).toEqual(new Date('2021-07-05T10:41:27+05:30'));
    expect(ticks[3]).toMatchObject({ tradable: false, instrument_token: 256265, last_price: 24102.35, ohlc: { high: 24150.8, low: 23990.25, open: 24050.1, close: 24012.6 } });
    expect(ticks[4].exchange_timestamp).toEqual(new Date(1_765_000_000 * 1000));
  });

  it('writes CDS prices in units of 1/10,000,000 rupee', () => {
    const cds = wireTickFromJson({ instrument_token: 412675 /* USDINR, segment 3 */, last_price: 72.755 });
    expect(encodePacket(cds, 'ltp').readInt32BE(4)).toBe(727_550_000);
  });
});
