import { themeQuartz } from 'ag-grid-community';

/** The CJK fonts the desks have (Debian: fonts-noto-cjk; Windows: YaHei); nothing is fetched. */
export const FONT_STACK = ['Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', 'sans-serif'];

/**
 * Calm and legible through a night shift: no pure white glare, dark slate text, one muted
 * blue accent, 14 px text with roomy rows. Setting fontFamily also keeps Quartz from asking
 * Google for IBM Plex Sans.
 */
export const gridTheme = themeQuartz.withParams({
  fontFamily: FONT_STACK,
  fontSize: 14,
  headerFontSize: 14,
  headerFontWeight: 600,
  rowHeight: 38,
  headerHeight: 40,
  spacing: 7,
  cellHorizontalPadding: 10,
  backgroundColor: '#fbfbf9',
  foregroundColor: '#1f2933',
  headerBackgroundColor: '#eef1f4',
  headerTextColor: '#27323d',
  oddRowBackgroundColor: '#f4f5f2',
  borderColor: '#d5dae0',
  accentColor: '#2f6690',
  selectedRowBackgroundColor: '#dce8f2',
  wrapperBorderRadius: 6,
  browserColorScheme: 'light',
});
