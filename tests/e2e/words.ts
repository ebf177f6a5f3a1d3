/**
 * Words on screen: users read Chinese. A Latin word on a page is a code word that leaked (an action
 * code, a field name, a class name, a docs path) unless it is one users really type or read as it
 * is: ID numbers, course codes, rule-set 编号, file and folder names, format hints like YYYY-MM-DD,
 * product names. Text inside `translate="no"` (JSON views, login names) and inside form fields is
 * the user's own and is not checked. Every web-tier test checks the page it ends on (fixtures.ts),
 * and words.spec.ts walks every page.
 */
import { type Page } from '@playwright/test';

/** Words a user may read on screen, as they are. */
export const ALLOWED_WORDS: ReadonlySet<string> = new Set([
  // Product and platform names.
  'TrainDesk',
  'Excel',
  'WPS',
  'Windows',
  'macOS',
  'Linux',
  'DPAPI',
  // File formats (WPS saves .et) and the expert input mode of rule sets.
  'xlsx',
  'xls',
  'et',
  'CSV',
  'JSON',
  'UTC',
  // Format hints (YYYY-MM-DD, MM-DD, HH:mm) and keys (Ctrl+V, ALT).
  'YYYY',
  'MM',
  'DD',
  'HH',
  'mm',
  'Ctrl',
  'V',
  'ALT',
  // The environment variable IT sets for the database key.
  'TRAINDESK_DB_KEY',
  // The check character of an ID number; variables of formulas (x − 最低, 前 n × 比例, 近 N 年).
  'X',
  'x',
  'n',
  'N',
  // Units of the R4 video requirements.
  'GB',
  'fps',
]);

/** Spans that are codes people type or read literally; removed before looking for words. */
const LITERAL_CODES: readonly RegExp[] = [
  // The notices' own classes of credits: A 类（市级）, B 类（区市级）.
  /\b[A-Z]\s?类/g,
  // Names the user gave, quoted: “Sheet1”, “某规则集”.
  /“[^”]*”/g,
  // URLs and file system paths (data folder, saved exports).
  /https?:\/\/\S+/g,
  /(?:[A-Za-z]:)?[\\/][^\s，。；、：）)」]+/g,
  // File names such as E2E花名册.xlsx.
  /\S+\.xlsx?\b/g,
  // Rule-set 编号 (qingdao-credits-2018) and similar hyphenated lowercase codes.
  /\b[a-z0-9]+(?:-[a-z0-9]+)+\b/g,
  // ID numbers, masked or not.
  /\b\d{6}[\d*]{8}\d{3}[\dXx]\b/g,
  // Course codes, standards and test prefixes: letters then digits (S20230304, H.264, E2E).
  /\b[A-Z]+\.?\d[A-Z0-9]*\b/g,
];

/** The Latin words in `text` that are not allowed on screen. */
export function unexpectedLatinWords(text: string): string[] {
  let rest = text;
  for (const pattern of LITERAL_CODES) rest = rest.replace(pattern, ' ');
  return (rest.match(/[A-Za-z][A-Za-z0-9_]*/g) ?? []).filter((word) => !ALLOWED_WORDS.has(word));
}

interface TextNode {
  nodeValue: string | null;
  parentElement: ElementLike | null;
}
interface ElementLike {
  closest(selector: string): ElementLike | null;
  checkVisibility(): boolean;
  getAttribute(name: string): string | null;
}
interface DocumentLike {
  body: unknown;
  createTreeWalker(root: unknown, whatToShow: number): { nextNode(): TextNode | null };
  querySelectorAll(selector: string): ArrayLike<ElementLike>;
}

/** The visible text of the page (and its visible placeholders), minus the user's own text. */
export async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: DocumentLike }).document;
    const skip = '[translate="no"], textarea, script, style, noscript';
    const texts: string[] = [];
    const SHOW_TEXT = 4;
    const walker = doc.createTreeWalker(doc.body, SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.nodeValue?.trim();
      const parent = node.parentElement;
      if (!text || !parent || parent.closest(skip) || !parent.checkVisibility()) continue;
      texts.push(text);
    }
    const fields = doc.querySelectorAll('input[placeholder], textarea[placeholder]');
    for (let i = 0; i < fields.length; i += 1) {
      const field = fields[i];
      const placeholder = field?.getAttribute('placeholder');
      if (field && placeholder && field.checkVisibility()) texts.push(placeholder);
    }
    return texts;
  });
}

/** Each visible text that holds a word not allowed on screen, with those words. */
export async function codeWordsOnScreen(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const text of await visibleTexts(page)) {
    const words = unexpectedLatinWords(text);
    if (words.length > 0) found.push(`${words.join(' ')} ← 「${text.slice(0, 80)}」`);
  }
  return [...new Set(found)];
}
