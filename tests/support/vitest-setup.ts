// Runs before every test file: exceljs must get its UTF-8 fix before any test imports it.
import { applyExcelJsUtf8Fix } from '../../electron/services/files/exceljs';

applyExcelJsUtf8Fix();
