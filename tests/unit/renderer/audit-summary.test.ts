/** The operation log shows names, not the codes the log stores. */
import { describe, expect, it } from 'vitest';
import {
  auditActorText,
  auditActionLabel,
  auditEntityIdText,
  auditEntityLabel,
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
