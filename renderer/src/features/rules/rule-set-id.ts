/**
 * The 编号 of a cloned rule set, made from its name so nobody has to invent a lowercase ASCII id.
 * Names are Chinese, and pinyin would need a dictionary the app does not carry, so the id keeps
 * the ASCII words and numbers of the name (a year, a code) and falls back to the rule set's kind;
 * a short random suffix keeps two copies of one preset apart. Users may still type their own.
 */
import { type RuleSet } from '@shared/domain/rules';

const MAX_LENGTH = 64;
const SUFFIX_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** Four random lowercase letters or digits (1.7 million combinations per base). */
export function randomIdSuffix(random: () => number = Math.random): string {
  let suffix = '';
  for (let i = 0; i < 4; i += 1) {
    suffix += SUFFIX_ALPHABET[Math.floor(random() * SUFFIX_ALPHABET.length)] ?? 'x';
  }
  return suffix;
}

/** The ASCII words of `name`, lowercased and joined by '-' ("R5 调整 2024版" → "r5-2024"). */
export function asciiSlug(name: string): string {
  return (
    name
      .normalize('NFKC')
      .toLowerCase()
      .match(/[a-z0-9]+/g) ?? []
  ).join('-');
}

/**
 * `<slug of the name>-<suffix>`, or `<kind>-<numbers of the name>-<suffix>` when the name has no
 * ASCII letters; always within the id rules (lowercase letters, digits, '-', 2–64 characters).
 */
export function ruleSetIdFromName(name: string, kind: RuleSet['kind'], suffix: string): string {
  const slug = asciiSlug(name);
  const base = /[a-z]/.test(slug) ? slug : [kind, slug].filter(Boolean).join('-');
  const room = MAX_LENGTH - suffix.length - 1;
  const trimmed = base.slice(0, room).replace(/-+$/, '');
  return `${trimmed}-${suffix}`;
}
