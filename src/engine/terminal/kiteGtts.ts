import { SqError, type Product, type Side, type Symbol, type Ticks, type VenueId } from '../core';
import { parsePrice, parseQty, type Instrument, type InstrumentRegistry } from '../instruments';
import { KiteAdapter, type Gtt, type GttLeg, type GttRequest, type VenueAdapter } from '../venues';

/**
 * A Kite account's GTT triggers (single and OCO), as the views ask for them: tickets with amounts as
 * the trader typed them (decimal strings) parsed here against the instrument into ticks and lots, the
 * account's adapter asked, and Kite's refusals passed through in its words. After each change the list
 * is read again and returned, so a view never shows what Kite no longer holds; nothing here polls (Kite
 * allows 3 requests a second for all such calls together): a view asks again while it shows the list.
 */

/** A GTT as the views see it: the account's, prices in ticks, quantities in lots. */
export type GttView = Gtt & { venue: VenueId };

/** One leg as typed: its trigger, and the LIMIT order Kite places when the trigger is reached. */
export interface GttLegTicket {
  trigger: string;
  side: Side;
  qty: string;
  price: string;
  product: Product;
}

export interface GttTicket {
  venue: VenueId;
  symbol: Symbol;
  kind: 'single' | 'oco';
  /** The price now, which Kite checks the triggers against; absent: the instrument's mid from its book. */
  lastPrice?: string;
  legs: GttLegTicket[];
}

/** The list after a change; `listError` when the change was made but the list could not be read again. */
export interface GttChange {
  venue: VenueId;
  id: number;
  gtts?: GttView[];
  listError?: string;
}

export interface KiteGttDeps {
  registry: InstrumentRegistry;
  /** The running adapter of an account connected as a venue. */
  adapter(venue: VenueId): VenueAdapter | undefined;
  /** Which venue kind an account is (kite, binance-spot...), undefined when there is no such account. */
  accountVenue(venue: VenueId): string | undefined;
  /** Why an account is not connected now (its status line), if it says. */
  downReason(venue: VenueId): string | undefined;
  /** The instrument's price now in ticks (mid of its book), undefined when it has none. */
  priceNow(venue: VenueId, symbol: Symbol): Ticks | undefined;
}

export class KiteGtts {
  constructor(private readonly deps: KiteGttDeps) {}

  async list(venue: VenueId): Promise<GttView[]> {
    const adapter = this.kite(venue);
    return (await adapter.listGtts()).map((g) => ({ ...g, venue }));
  }

  async place(ticket: GttTicket): Promise<GttChange> {
    const adapter = this.kite(ticket.venue);
    const id = await adapter.placeGtt(this.request(ticket));
    return this.after(ticket.venue, id);
  }

  async modify(id: number, ticket: GttTicket): Promise<GttChange> {
    const adapter = this.kite(ticket.venue);
    await adapter.modifyGtt(id, this.request(ticket));
    return this.after(ticket.venue, id);
  }

  async delete(venue: VenueId, id: number): Promise<GttChange> {
    await this.kite(venue).deleteGtt(id);
    return this.after(venue, id);
  }

  /** The change is made: a failed read of the list afterwards must not look like a failed change. */
  private async after(venue: VenueId, id: number): Promise<GttChange> {
    try {
      return { venue, id, gtts: await this.list(venue) };
    } catch (e) {
      return { venue, id, listError: (e as Error).message };
    }
  }

  /** The account's Kite adapter, or a refusal that says what the account is instead. */
  private kite(venue: VenueId): KiteAdapter {
    const kind = this.deps.accountVenue(venue);
    const adapter = this.deps.adapter(venue);
    if (kind !== undefined && kind !== 'kite') throw new SqError('INVALID_INPUT', `${venue} is a ${kind} account: GTTs are Kite's`);
    if (adapter instanceof KiteAdapter) return adapter;
    if (kind === undefined && adapter !== undefined) throw new SqError('INVALID_INPUT', `${venue} is not a Kite account: GTTs are Kite's`);
    if (kind === undefined) throw new SqError('UNKNOWN_ACCOUNT', `no account named ${venue}`);
    const why = this.deps.downReason(venue);
    throw new SqError('VENUE_UNAVAILABLE', `${venue} is not connected${why ? `: ${why}` : ''}`);
  }

  private request(t: GttTicket): GttRequest {
    const inst = this.deps.registry.get(t.venue, t.symbol);
    if (!inst) throw new SqError('UNKNOWN_INSTRUMENT', `unknown instrument ${t.venue}:${t.symbol}`);
    const want = t.kind === 'single' ? 1 : 2;
    if (t.legs.length !== want) throw new SqError('INVALID_INPUT', `a ${t.kind === 'single' ? 'single' : 'OCO'} GTT has ${want} leg${want === 1 ? '' : 's'}, not ${t.legs.length}`);
    const legs = t.legs.map((l, i) => this.leg(inst, l, t.kind === 'oco' ? (i === 0 ? 'stop-loss ' : 'target ') : ''));
    // Kite names the lower trigger first; said here in the trader's terms before Kite says "invalid trigger_values".
    if (t.kind === 'oco' && legs[0]!.trigger >= legs[1]!.trigger) throw new SqError('INVALID_INPUT', 'the stop-loss trigger must be below the target trigger');
    let lastPrice: Ticks | undefined;
    if (t.lastPrice !== undefined) lastPrice = price(inst, t.lastPrice, 'last price');
    else lastPrice = this.deps.priceNow(t.venue, t.symbol);
    if (lastPrice === undefined) throw new SqError('INVALID_INPUT', `no price now for ${t.symbol} (its book is empty): give the last price`);
    return { symbol: t.symbol, kind: t.kind, lastPrice, legs };
  }

  private leg(inst: Instrument, l: GttLegTicket, name: string): GttLeg {
    return { trigger: price(inst, l.trigger, `${name}trigger price`), side: l.side, qty: qty(inst, l.qty, `${name}quantity`), price: price(inst, l.price, `${name}limit price`), product: l.product };
  }
}

function price(inst: Instrument, text: string, what: string): Ticks {
  const parsed = parsePrice(inst, text);
  if (!parsed.ok) throw new SqError('INVALID_INPUT', `${what} ${text}: ${parsed.reason}`);
  if (parsed.value <= 0) throw new SqError('INVALID_INPUT', `${what} ${text}: must be above zero`);
  return parsed.value;
}

function qty(inst: Instrument, text: string, what: string): number {
  const parsed = parseQty(inst, text);
  if (!parsed.ok) throw new SqError('INVALID_INPUT', `${what} ${text}: ${parsed.reason}`);
  if (parsed.value <= 0) throw new SqError('INVALID_INPUT', `${what} ${text}: must be above zero`);
  return parsed.value;
}
