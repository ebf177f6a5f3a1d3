import { describe, expect, it } from 'vitest';
import { nameSortKey } from '@shared/domain/roster/name-key';

const byKey = (names: string[]): string[] =>
  [...names].sort((a, b) => (nameSortKey(a) < nameSortKey(b) ? -1 : 1));

describe('nameSortKey', () => {
  it('orders names by pinyin, not by code point', () => {
    // By code point: 丁 万 严 张 李 王; by pinyin: 丁 李 万 王 严 张.
    expect(byKey(['丁一', '万二', '严三', '张四', '李五', '王六'])).toEqual([
      '丁一',
      '李五',
      '万二',
      '王六',
      '严三',
      '张四',
    ]);
  });

  it('reads the surname as a surname', () => {
    expect(nameSortKey('曾国藩').startsWith('zeng1 ')).toBe(true);
    expect(nameSortKey('单田芳').startsWith('shan4 ')).toBe(true);
    // The same character as a given name keeps its usual reading.
    expect(nameSortKey('李曾').split('\u0001')[0]).toBe('li3 ceng2');
  });

  it('orders same-sounding names by tone, then keeps equal readings apart by the name', () => {
    expect(byKey(['王芳', '王方', '王放'])).toEqual(['王方', '王芳', '王放']);
    expect(nameSortKey('王方')).not.toBe(nameSortKey('王芳'));
  });

  it('keeps letters and digits, lowercased, and sorts them with pinyin', () => {
    expect(nameSortKey('Anna Li').split('\u0001')[0]).toBe('a n n a   l i');
    expect(byKey(['张三', 'Anna', '艾米'])).toEqual(['Anna', '艾米', '张三']);
  });
});
