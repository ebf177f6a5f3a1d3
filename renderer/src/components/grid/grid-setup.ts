/**
 * One place where AG Grid is set up for the whole app: the Community modules the app's grids use
 * registered once, one quiet office theme matched to antd, and the Chinese locale text. Every grid
 * imports from here.
 *
 * Only the modules in use, not AllCommunityModule: each registered module adds its services to
 * every grid and its code to the roster page's first load. A grid option that needs a module not
 * listed here makes AG Grid log its "missing module" error in the console.
 */
import {
  CellStyleModule,
  CheckboxEditorModule,
  ClientSideRowModelModule,
  ColumnApiModule,
  DateEditorModule,
  GridStateModule,
  InfiniteRowModelModule,
  LocaleModule,
  ModuleRegistry,
  NumberEditorModule,
  RenderApiModule,
  RowSelectionModule,
  RowStyleModule,
  SelectEditorModule,
  TextEditorModule,
  TooltipModule,
  themeQuartz,
} from 'ag-grid-community';
import { GRID_LOCALE_TEXT } from '../components.strings';

ModuleRegistry.registerModules([
  // Row models: the roster and import errors page in from the core; what-if rows live in the page.
  InfiniteRowModelModule,
  ClientSideRowModelModule,
  // What-if records are edited in place (text, number, choice, yes/no and date cells) and chosen
  // for deletion.
  TextEditorModule,
  NumberEditorModule,
  SelectEditorModule,
  CheckboxEditorModule,
  DateEditorModule,
  RowSelectionModule,
  // Column settings (shown columns, remembered widths and order), refreshing cells, cell classes,
  // tooltips, Chinese.
  ColumnApiModule,
  RenderApiModule,
  GridStateModule,
  CellStyleModule,
  // Row classes (the totals under a quota sheet).
  RowStyleModule,
  TooltipModule,
  LocaleModule,
]);

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
