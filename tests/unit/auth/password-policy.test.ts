import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, checkUserName } from '@shared/domain/auth/password-policy';

describe('password policy', () => {
  it.each([
    ['short', 'abc1234', 'tester', '至少需要 8 个字符'],
    ['digits only', '12345678901', 'tester', '不能全是数字'],
    ['the user name', 'Zhangsan01', 'zhangsan01', '不能与用户名相同'],
    ['spaces around', ' pass-word-1 ', 'tester', '首尾不能是空格'],
    ['too long', 'a'.repeat(129), 'tester', '不能超过 128 个字符'],
  ])('refuses a password that is %s, saying why in Chinese', (_label, password, user, reason) => {
    const result = checkPasswordPolicy(password, user);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain(reason);
  });

  it.each([
    ['letters and digits', 'abcd1234'],
    ['exactly 8, with a symbol', '1234567!'],
    ['Chinese characters', '培训专干密码2026'],
    ['128 characters', 'b'.repeat(128)],
  ])('accepts %s', (_label, password) => {
    expect(checkPasswordPolicy(password, 'tester')).toEqual({ ok: true });
  });
});

describe('user names', () => {
  it('are compared without letter case, trimmed, stored in lower case', () => {
    expect(checkUserName('  ZhangSan ')).toEqual({ ok: true, value: 'zhangsan' });
    expect(checkUserName('wang.li_2-b')).toEqual({ ok: true, value: 'wang.li_2-b' });
  });

  it.each([['a'], ['x'.repeat(33)], ['张三'], ['-lead'], ['has space'], ['']])(
    'refuses %j with a Chinese reason',
    (name) => {
      const result = checkUserName(name);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.message).toMatch(/\p{Script=Han}/u);
    },
  );
});
