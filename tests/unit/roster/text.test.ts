/**
 * The text folding every validator shares: the fast paths (return the text untouched when there is
 * nothing to fold) must give exactly what the full folding gives.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  charLength,
  collapseSpaces,
  removeAllSpaces,
  toHalfWidth,
} from '@shared/domain/roster/text';

const SPACES = /[\s\u200B-\u200D\u2060\uFEFF]+/gu;
const text = fc.string({
  unit: fc.oneof(
    fc.constantFrom(' ', '\u3000', '\u00a0', '\t', '\n', '\u200b', '\ufeff', 'Ａ', '１', '～', '-'),
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 16,
});

describe('text folding', () => {
  it('toHalfWidth folds full-width ASCII and the ideographic space, and nothing else', () => {
    expect(toHalfWidth('ＡＢＣ　１２３～')).toBe('ABC 123~');
    expect(toHalfWidth('张三')).toBe('张三');
    fc.assert(
      fc.property(text, (t) => {
        const reference = Array.from(t, (ch) => {
          const code = ch.codePointAt(0) ?? 0;
          if (code >= 0xff01 && code <= 0xff5e) return String.fromCodePoint(code - 0xfee0);
          return code === 0x3000 ? ' ' : ch;
        }).join('');
        expect(toHalfWidth(t)).toBe(reference);
      }),
    );
  });

  it('removeAllSpaces and collapseSpaces treat every kind of space alike', () => {
    expect(removeAllSpaces(' 张\u3000三\u200b ')).toBe('张三');
    expect(collapseSpaces('  实验\u00a0\u00a0小学\n')).toBe('实验 小学');
    fc.assert(
      fc.property(text, (t) => {
        expect(removeAllSpaces(t)).toBe(t.replace(SPACES, ''));
        expect(collapseSpaces(t)).toBe(t.replace(SPACES, ' ').trim());
      }),
    );
  });

  it('counts characters as people do', () => {
    expect(charLength('𠀀张')).toBe(2);
  });
});
