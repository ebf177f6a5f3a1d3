/** The id of a cloned rule set is made from its name and always passes the id rules. */
import { describe, expect, it } from 'vitest';
import {
  asciiSlug,
  randomIdSuffix,
  ruleSetIdFromName,
} from '../../../renderer/src/features/rules/rule-set-id';

const ID_RULE = /^[a-z0-9][a-z0-9-]{1,63}$/;

describe('ruleSetIdFromName', () => {
  it('keeps the ASCII words of the name', () => {
    expect(ruleSetIdFromName('Jiangsu Online 2025', 'assessment', 'ab12')).toBe(
      'jiangsu-online-2025-ab12',
    );
    expect(asciiSlug('R5 调整（２０２４版）')).toBe('r5-2024');
  });

  it('falls back to the kind for a Chinese name, keeping its numbers', () => {
    expect(ruleSetIdFromName('青岛继续教育学分（2024 调整）', 'credits', 'k3f9')).toBe(
      'credits-2024-k3f9',
    );
    expect(ruleSetIdFromName('中小学教师继续教育学分（副本）', 'credits', 'k3f9')).toBe(
      'credits-k3f9',
    );
    expect(ruleSetIdFromName('', 'quota-policy', 'zz00')).toBe('quota-policy-zz00');
  });

  it('stays within 64 characters and the id rules', () => {
    const long = `${'Very Long Rule Set Name '.repeat(6)}2025`;
    const id = ruleSetIdFromName(long, 'points', 'q7w8');
    expect(id.length).toBeLessThanOrEqual(64);
    expect(id).toMatch(ID_RULE);
    expect(id.endsWith('-q7w8')).toBe(true);
    for (const name of ['-', '---a', '（）', 'ÄÖÜ', '２０２５']) {
      expect(ruleSetIdFromName(name, 'bundle', randomIdSuffix())).toMatch(ID_RULE);
    }
  });

  it('draws the suffix from lowercase letters and digits', () => {
    expect(randomIdSuffix(() => 0)).toBe('aaaa');
    expect(randomIdSuffix(() => 0.9999)).toBe('9999');
    expect(randomIdSuffix()).toMatch(/^[a-z0-9]{4}$/);
  });
});
