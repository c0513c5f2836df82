import { colorSchemeDark, colorSchemeLight, themeQuartz } from 'ag-grid-community';
import { useSettings } from '../state/settings';
import { gridPalette } from '../view/settings';

/** AG Grid dressed like the rest of the terminal: same palette, 12px type, 22px rows, no chrome. */
export const gridTheme = themeQuartz.withPart(colorSchemeDark).withParams({
  backgroundColor: '#101419',
  foregroundColor: '#d5dbe3',
  headerBackgroundColor: '#131820',
  headerTextColor: '#7f8a98',
  oddRowBackgroundColor: '#0d1116',
  borderColor: '#232a34',
  rowBorder: { color: '#1a2029' },
  columnBorder: false,
  headerColumnBorder: false,
  wrapperBorder: false,
  wrapperBorderRadius: 0,
  accentColor: '#4aa3ff',
  rowHoverColor: '#1a2029',
  fontFamily: "Inter, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'Liberation Sans', sans-serif",
  fontSize: 12,
  headerFontSize: 10.5,
  headerFontWeight: 500,
  rowHeight: 22,
  headerHeight: 22,
  spacing: 3,
  cellHorizontalPadding: 7,
});

/** The light theme's grid: the same sizes, view/settings.ts's colours. */
export const gridThemeLight = gridTheme.withPart(colorSchemeLight).withParams(gridPalette('light'));

/** The grid theme for the Settings screen's theme: grids follow a change live. */
export function useGridTheme(): typeof gridTheme {
  return useSettings((s) => s.settings.theme) === 'light' ? gridThemeLight : gridTheme;
}
