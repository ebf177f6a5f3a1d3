/** The operation log shows names, not the codes the log stores. */
import { describe, expect, it } from 'vitest';
import {
  auditActorText,
  auditActionLabel,
  auditEntityIdText,
  auditEntityLabel,
  auditSummaryParts,
  auditSummaryText,
} from '../../../renderer/src/features/audit/audit-summary';

describe('audit display', () => {
  it('names every action and entity the core writes, and never shows an unknown code', () => {
    expect(auditActionLabel('rules.create')).toBe('新建规则集');
    expect(auditActionLabel('rules.delete')).toBe('删除规则集');
    expect(auditActionLabel('teacher.update')).toBe('修改教师信息');
    expect(auditActionLabel('sync.push')).toBe('其他操作');
    expect(auditEntityLabel('rule_set')).toBe('规则集');
    expect(auditEntityLabel('outbox')).toBe('其他');
  });

  it('turns the field codes of a teacher edit into their names', () => {
    expect(
      auditSummaryText('修改教师信息：张三（110101********1234），字段：name、mobile，调动学校'),
    ).toBe('修改教师信息：张三（110101********1234），字段：姓名、手机号码，调动学校');
    expect(auditSummaryText('新建单位：示范市第一中学')).toBe('新建单位：示范市第一中学');
  });

  it('names the program itself as an actor', () => {
    expect(auditActorText('system')).toBe('程序（自动）');
    expect(auditActorText('wangli')).toBe('wangli');
  });

  it('shows a rule set 编号 but not an internal id', () => {
    expect(auditEntityIdText('qingdao-credits-2024')).toBe('qingdao-credits-2024');
    expect(auditEntityIdText('0193f1e2-7c4d-7a01-8b2c-1234567890ab')).toBe('');
    expect(auditEntityIdText(null)).toBe('');
  });
});

describe('login names in summaries', () => {
  const names = (summary: string): string[] =>
    auditSummaryParts(summary)
      .filter((part) => part.isLoginName)
      .map((part) => part.text);

  it('finds the names the core writes after a name, a colon or in a refusal', () => {
    expect(names('登录：周管理（zhou.admin）')).toEqual(['zhou.admin']);
    expect(names('登录失败：密码错误（city，第 2 次）')).toEqual(['city']);
    expect(names('连续 5 次密码错误，账号锁定 15 分钟：e2e.officer')).toEqual(['e2e.officer']);
    expect(names('重置密码：王专干（wang-li）（下次登录须修改密码）')).toEqual(['wang-li']);
    expect(names('新建用户：王专干（e2e.officer），学校培训专干，示范市第一中学')).toEqual([
      'e2e.officer',
    ]);
  });

  it('keeps the rest as text, in order, and leaves summaries without names alone', () => {
    const summary = '退出登录：李明（li_ming）';
    expect(
      auditSummaryParts(summary)
        .map((p) => p.text)
        .join(''),
    ).toBe(summary);
    expect(auditSummaryParts('新建单位：示范市第一中学')).toEqual([
      { text: '新建单位：示范市第一中学', isLoginName: false },
    ]);
    expect(names('修改教师信息：张三（110101********1234），字段：姓名')).toEqual([]);
  });

  it('names the new actions and records of operators', () => {
    expect(auditActionLabel('auth.login')).toBe('登录');
    expect(auditActionLabel('operator.password.reset')).toBe('重置密码');
    expect(auditEntityLabel('api_token')).toBe('接口令牌');
  });
});
