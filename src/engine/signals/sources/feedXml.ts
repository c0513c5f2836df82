/**
 * RSS 2.0 and Atom 1.0 feeds (the formats a trader's news URLs serve): items with title, link,
 * published time and guid. The XML is validated first, so a broken feed is one clear error; entity
 * declarations are refused (an internal DTD is how "billion laughs" expansion attacks come).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { SourceError } from './http';
import { plainText } from './text';
import type { ParsedHeadline } from './types';

export interface HeadlineLimits {
  maxItems: number;
  maxTitleChars: number;
  maxLinkChars: number;
}

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  // Entities stay as written and are decoded by plainText: one decoder, no DTD expansion.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  // A title is kept as written (mixed text and markup, CDATA) and made plain text by plainText: the
  // object form would separate an Atom xhtml title's text from its inline elements and reorder it.
  stopNodes: ['*.title'],
  isArray: (name) => name === 'item' || name === 'entry' || name === 'link',
});

type Node = unknown;

/** The text of an element, whatever children it has (Atom type="xhtml" titles hold a div). */
function textOf(node: Node): string {
  if (node === undefined || node === null) return '';
  if (typeof node === 'string' || typeof node === 'number' || typeof node === 'boolean') return String(node);
  if (Array.isArray(node)) return node.map(textOf).join(' ');
  if (typeof node === 'object') {
    return Object.entries(node as Record<string, unknown>)
      .filter(([k]) => !k.startsWith('@_'))
      .map(([, v]) => textOf(v))
      .join(' ');
  }
  return '';
}

function timeOf(text: string): number | undefined {
  if (!text) return undefined;
  const t = Date.parse(text.trim());
  return Number.isFinite(t) ? t : undefined;
}

/** Only http(s) links are kept: a javascript: or data: link in a feed is never handed to the UI. */
export function safeLink(raw: string, maxChars: number): string | undefined {
  const s = raw.trim();
  if (!s || s.length > maxChars) return undefined;
  try {
    const u = new URL(s);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.toString() : undefined;
  } catch {
    return undefined;
  }
}

function atomLink(links: Node, maxChars: number): string | undefined {
  const list = Array.isArray(links) ? links : [];
  const attr = (l: Node, k: string) => (l && typeof l === 'object' ? String((l as Record<string, unknown>)[`@_${k}`] ?? '') : '');
  const chosen = list.find((l) => attr(l, 'rel') === '' || attr(l, 'rel') === 'alternate') ?? list[0];
  return chosen === undefined ? undefined : safeLink(attr(chosen, 'href') || textOf(chosen), maxChars);
}

function headline(title: string, link: string | undefined, guid: string, published: number | undefined, limits: HeadlineLimits): ParsedHeadline | undefined {
  const text = plainText(title, limits.maxTitleChars);
  if (!text) return undefined;
  const g = guid.trim().slice(0, limits.maxLinkChars);
  return { title: text, ...(g ? { guid: g } : {}), ...(link ? { link } : {}), ...(published !== undefined ? { publishedAt: published } : {}) };
}

/** Parses an RSS 2.0 or Atom document. Throws SourceError for anything that is neither. */
export function parseFeedXml(xml: string, limits: HeadlineLimits): ParsedHeadline[] {
  if (/<!ENTITY/i.test(xml)) throw new SourceError('feed declares XML entities (refused: entity expansion)');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) throw new SourceError(`feed is not well-formed XML: ${valid.err.msg.slice(0, 120)} (line ${valid.err.line})`);
  const doc = parser.parse(xml) as Record<string, Node>;
  const rss = doc.rss as Record<string, Node> | undefined;
  const feed = doc.feed as Record<string, Node> | undefined;
  const out: ParsedHeadline[] = [];
  if (rss && typeof rss === 'object') {
    const channel = rss.channel as Record<string, Node> | undefined;
    if (!channel || typeof channel !== 'object') throw new SourceError('RSS feed has no <channel>');
    const items = (Array.isArray(channel.item) ? channel.item : []) as Record<string, Node>[];
    for (const it of items.slice(0, limits.maxItems)) {
      const links = it.link as Node[] | undefined;
      const link = safeLink(textOf(links?.[0]), limits.maxLinkChars);
      const h = headline(textOf(it.title), link, textOf(it.guid), timeOf(textOf(it.pubDate) || textOf(it['dc:date'])), limits);
      if (h) out.push(h);
    }
    return out;
  }
  if (feed && typeof feed === 'object') {
    const entries = (Array.isArray(feed.entry) ? feed.entry : []) as Record<string, Node>[];
    for (const e of entries.slice(0, limits.maxItems)) {
      const h = headline(textOf(e.title), atomLink(e.link, limits.maxLinkChars), textOf(e.id), timeOf(textOf(e.published) || textOf(e.updated)), limits);
      if (h) out.push(h);
    }
    return out;
  }
  throw new SourceError('document is neither an RSS 2.0 <rss> nor an Atom <feed>');
}
