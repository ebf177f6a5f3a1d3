// The password fields' messages: the shared policy (as the core applies it) and the confirmation.
import { describe, expect, it } from 'vitest';
import { confirmProblem, passwordProblem } from '../../../renderer/src/components/password-model';

describe('passwordProblem', () => {
  it('asks for a password when there is none', () => {
    expect(passwordProblem('', 'zhang')).toBe('请输入密码');
  });

  it('says what the policy misses, in Chinese', () => {
    expect(passwordProblem('abc', 'zhang')).toContain('至少需要 8 个字符');
    expect(passwordProblem('12345678', 'zhang')).toContain('不能全是数字');
    expect(passwordProblem('ZhangSan01', 'zhangsan01')).toContain('不能与用户名相同');
  });

  it('accepts a password that meets the policy', () => {
    expect(passwordProblem('spring-2025', 'zhang')).toBeNull();
  });
});

describe('confirmProblem', () => {
  it('asks for the repetition, then for a match', () => {
    expect(confirmProblem('spring-2025', '')).toBe('请再输入一次密码');
    expect(confirmProblem('spring-2025', 'spring-2026')).toBe('两次输入的密码不一致');
    expect(confirmProblem('spring-2025', 'spring-2025')).toBeNull();
  });
});
