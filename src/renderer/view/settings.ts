import type { ViewSettings } from '../../contract/api';

/**
 * The Settings screen's rules, pure: the colours each drawing surface takes for a theme (the CSS variables
 * cover the rest, in panels/settings/light.css), and how numbers and times read.
 */
export type Theme = ViewSettings['theme'];

/** lightweight-charts: layout and grid colours. */
export function chartPalette(theme: Theme) {
  return theme === 'light'
    ? { background: '#ffffff', text: '#4b5563', grid: '#eef1f5', border: '#d4d9e1' }
    : { background: '#101419', text: '#7f8a98', grid: '#161c24', border: '#232a34' };
}

/** The depth chart's canvas. */
export function depthPalette(theme: Theme) {
  return theme === 'light'
    ? { bid: '#0f9d62', ask: '#d63447', bidFill: 'rgba(15,157,98,0.16)', askFill: 'rgba(214,52,71,0.16)', stale: '#8a94a3', staleFill: 'rgba(138,148,163,0.18)', grid: '#eef1f5', axis: '#4b5563', mid: '#1f2937', cross: '#6b7280', warn: '#b86e00', border: '#d4d9e1', label: '#eef1f5' }
    : { bid: '#22c07a', ask: '#f04a5d', bidFill: 'rgba(34,192,122,0.16)', askFill: 'rgba(240,74,93,0.16)', stale: '#5d6672', staleFill: 'rgba(93,102,114,0.16)', grid: '#161c24', axis: '#7f8a98', mid: '#c4ccd6', cross: '#8a96a6', warn: '#e8a33d', border: '#232a34', label: '#1a2029' };
}

/** AG Grid theme params that change with the theme (sizes and fonts stay). */
export function gridPalette(theme: Theme) {
  return theme === 'light'
    ? { backgroundColor: '#ffffff', foregroundColor: '#1f2937', headerBackgroundColor: '#f3f5f8', headerTextColor: '#4b5563', oddRowBackgroundColor: '#f8f9fb', borderColor: '#d4d9e1', rowBorder: { color: '#e6e9ee' }, accentColor: '#1f6fd1', rowHoverColor: '#eaf1fb' }
    : { backgroundColor: '#101419', foregroundColor: '#d5dbe3', headerBackgroundColor: '#131820', headerTextColor: '#7f8a98', oddRowBackgroundColor: '#0d1116', borderColor: '#232a34', rowBorder: { color: '#1a2029' }, accentColor: '#4aa3ff', rowHoverColor: '#1a2029' };
}

export type NumberFormat = Pick<ViewSettings, 'thousands' | 'decimalComma'>;

/**
 * A number as text ("-12345.678") in the chosen format: thousands grouped, decimal comma. Only for text
 * that is read, never for a field the trader types into (those stay in the plain form the engine takes).
 */
export function localiseNumber(text: string, f: NumberFormat): string {
  if (!f.thousands && !f.decimalComma) return text;
  // A sign, then at most one currency mark ("₹950.5"), then the number; what follows it (" USDT", "%") stays.
  const m = /^([+-]?[^\d\s.,+-]?[+-]?)(\d+)(\.\d+)?(.*)$/.exec(text);
  if (!m) return text;
  const [, sign = '', whole = '', frac = '', rest] = m;
  const group = f.decimalComma ? '.' : ',';
  const grouped = f.thousands ? whole.replace(/\B(?=(\d{3})+(?!\d))/g, group) : whole;
  const decimals = frac === '' ? '' : (f.decimalComma ? ',' : '.') + frac.slice(1);
  return `${sign}${grouped}${decimals}${rest}`;
}

export type TimeZone = ViewSettings['timeZone'];

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** The parts of a time in the chosen zone. */
export function clockParts(ms: number, zone: TimeZone) {
  const d = new Date(ms);
  return zone === 'utc'
    ? { y: d.getUTCFullYear(), mo: d.getUTCMonth() + 1, d: d.getUTCDate(), h: d.getUTCHours(), mi: d.getUTCMinutes(), s: d.getUTCSeconds(), ms: d.getUTCMilliseconds() }
    : { y: d.getFullYear(), mo: d.getMonth() + 1, d: d.getDate(), h: d.getHours(), mi: d.getMinutes(), s: d.getSeconds(), ms: d.getMilliseconds() };
}

export const hms = (ms: number, zone: TimeZone): string => {
  const p = clockParts(ms, zone);
  return `${pad(p.h)}:${pad(p.mi)}:${pad(p.s)}`;
};

export const ymd = (ms: number, zone: TimeZone): string => {
  const p = clockParts(ms, zone);
  return `${p.y}-${pad(p.mo)}-${pad(p.d)}`;
};

/** "UTC", or the local offset as "UTC+05:30" so a time is never ambiguous. */
export function zoneLabel(ms: number, zone: TimeZone): string {
  if (zone === 'utc') return 'UTC';
  const offset = -new Date(ms).getTimezoneOffset();
  if (offset === 0) return 'local (UTC)';
  const a = Math.abs(offset);
  return `UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}
