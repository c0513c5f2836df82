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

/**
 * How numbers and times read: one rule shared with the engine, which writes notices and OS notifications
 * in the same format (src/engine/core/displayFormat.ts, through the contract).
 */
export { clockParts, hms, localiseNumber, type NumberFormat, type TimeZone, ymd, zoneLabel } from '../../contract/format';
