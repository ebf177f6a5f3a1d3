/**
 * Formula-injection guard for exported spreadsheets. Text that starts with = + - @ (or with a
 * tab/CR, or with such a character after leading spaces) can be run as a formula once a user edits
 * the cell or saves the sheet as CSV; a leading apostrophe makes Excel and WPS keep it as text.
 * Applies to text cells only: real numbers are written as numbers.
 */

const DANGEROUS_START = /^(?:[\t\r]|[\s\u3000]*[=+\-@＝＋－＠])/u;

export function neutralizeFormulaText(text: string): string {
  return DANGEROUS_START.test(text) ? `'${text}` : text;
}
