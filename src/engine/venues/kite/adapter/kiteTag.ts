/**
 * Our clientOrderId carried in Kite's order `tag`, so that after a crash or a lost answer the orders
 * at Kite are matched to ours exactly (GET /orders returns each order's tag).
 *
 * Kite's rule for a tag: alphanumeric, at most 20 characters. Our ids (oms ClientOrderIds) are
 * `sq<base36 time>-<counter>` within [A-Za-z0-9._:/-]: the six punctuation characters do not fit, so
 * they are written as two-character escapes behind `Z` (and a literal `Z` as `ZZ`):
 *   `-` Za, `.` Zb, `_` Zc, `:` Zd, `/` Ze, `Z` ZZ
 * e.g. `sqmieabcd1-123` -> `sqmieabcd1Za123`. The mapping is one-to-one, so a tag read back decodes
 * to exactly the id that was sent; an id whose tag would exceed 20 characters is refused before
 * sending (the OMS's own ids stay far below: 2 + 8 + 2 + counter digits).
 */
export const KITE_TAG_MAX = 20;

const ESCAPES: Readonly<Record<string, string>> = { '-': 'a', '.': 'b', _: 'c', ':': 'd', '/': 'e', Z: 'Z' };
const UNESCAPES: Readonly<Record<string, string>> = Object.fromEntries(Object.entries(ESCAPES).map(([k, v]) => [v, k]));

export type TagResult = { ok: true; tag: string } | { ok: false; reason: string };

export function tagOf(clientOrderId: string): TagResult {
  let tag = '';
  for (const ch of clientOrderId) {
    const esc = ESCAPES[ch];
    if (esc !== undefined) tag += 'Z' + esc;
    else if (/^[A-Za-z0-9]$/.test(ch)) tag += ch;
    else return { ok: false, reason: `clientOrderId ${clientOrderId} has "${ch}", which Kite's order tag cannot carry` };
  }
  if (tag.length === 0) return { ok: false, reason: 'an empty clientOrderId cannot be carried in a Kite tag' };
  if (tag.length > KITE_TAG_MAX) return { ok: false, reason: `clientOrderId ${clientOrderId} is too long for Kite's ${KITE_TAG_MAX}-character order tag (it would be ${tag.length})` };
  return { ok: true, tag };
}

/** The clientOrderId a tag carries; undefined for a tag we did not write (an order placed elsewhere). */
export function clientOrderIdOfTag(tag: string | null | undefined): string | undefined {
  if (!tag || tag.length > KITE_TAG_MAX || !/^[A-Za-z0-9]+$/.test(tag)) return undefined;
  let id = '';
  for (let i = 0; i < tag.length; i++) {
    const ch = tag[i]!;
    if (ch !== 'Z') {
      id += ch;
      continue;
    }
    const un = UNESCAPES[tag[i + 1] ?? ''];
    if (un === undefined) return undefined;
    id += un;
    i++;
  }
  return id;
}

/**
 * The clientOrderId an order without our tag is known by (placed on Kite's web or app): reconciliation
 * adopts it under this name, and cancel/amend find its order id in it again.
 */
export const FOREIGN_PREFIX = 'kite.';
export const foreignClientOrderId = (orderId: string): string => `${FOREIGN_PREFIX}${orderId}`;
export const orderIdOfForeign = (clientOrderId: string): string | undefined =>
  clientOrderId.startsWith(FOREIGN_PREFIX) && /^\d+$/.test(clientOrderId.slice(FOREIGN_PREFIX.length)) ? clientOrderId.slice(FOREIGN_PREFIX.length) : undefined;
