/**
 * One place where AG Grid is set up for the whole app: Community modules registered once, one
 * quiet office theme matched to antd, and the Chinese locale text. Every grid imports from here.
 */
import { AllCommunityModule, ModuleRegistry, themeQuartz } from 'ag-grid-community';
import { GRID_LOCALE_TEXT } from '../components.strings';

ModuleRegistry.registerModules([AllCommunityModule]);

export const gridTheme = themeQuartz.withParams({
  fontFamily: 'inherit',
  fontSize: 13,
  headerFontSize: 13,
  headerFontWeight: 600,
  spacing: 6,
  rowHeight: 34,
  headerHeight: 36,
  accentColor: '#1f5fbf',
  foregroundColor: '#1f2329',
  borderColor: '#e4e7ec',
  headerBackgroundColor: '#f5f7fa',
  oddRowBackgroundColor: '#fbfcfd',
  rowHoverColor: '#eef4fc',
  selectedRowBackgroundColor: '#e3edfb',
  wrapperBorderRadius: 4,
  browserColorScheme: 'light',
});

export const gridLocaleText = GRID_LOCALE_TEXT;
