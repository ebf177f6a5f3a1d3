/**
 * The stored sort key of a person's name, so that the roster sorts names by pinyin (丁 ding,
 * 王 wang, 张 zhang…) on the server, on either database, as Chinese users expect and as the org
 * tree already sorts on screen. Neither SQLite nor every PostgreSQL server has a Chinese collation,
 * hence a key column compared byte by byte.
 *
 * The key is each character's pinyin with its tone number ("zhang1 san1"), the surname read as a
 * surname (曾 zeng, 单 shan, 解 xie). Characters are looked up one at a time and remembered: a
 * 100,000-row import costs a few milliseconds, where pinyin-pro on whole names (with its word
 * dictionary for polyphones) was measured at ≈ 600 ms per 100,000 names. Letters and digits keep
 * their place, lowercased; the name itself follows, so equal readings still sort the same way.
 */
import { pinyin } from 'pinyin-pro';

const given = new Map<string, string>();
const surnames = new Map<string, string>();

function syllable(ch: string, isSurname: boolean): string {
  const cache = isSurname ? surnames : given;
  let found = cache.get(ch);
  if (found === undefined) {
    found = /\p{Script=Han}/u.test(ch)
      ? pinyin(ch, { toneType: 'num', mode: isSurname ? 'surname' : 'normal' })
      : ch.toLowerCase();
    cache.set(ch, found);
  }
  return found;
}

/** The sort key of a name: its pinyin with tone numbers, then the name itself. */
export function nameSortKey(name: string): string {
  const parts: string[] = [];
  let index = 0;
  for (const ch of name) {
    parts.push(syllable(ch, index === 0));
    index += 1;
  }
  return `${parts.join(' ')}\u0001${name}`;
}

/**
 * The sort key of other Chinese text (unit names): every character read as in ordinary words
 * (no surname readings), then the text itself.
 */
export function textSortKey(text: string): string {
  const parts: string[] = [];
  for (const ch of text) parts.push(syllable(ch, false));
  return `${parts.join(' ')}\u0001${text}`;
}
