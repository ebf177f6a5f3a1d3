// 新建培训项目 and the course editor: which rule sets may make a project, refusals by field, and the
// check before 保存课程.
import { describe, expect, it } from 'vitest';
import { type RuleSetSummary } from '@shared/api/rules.contract';
import { ApiError } from '../../../renderer/src/api/api-error';
import {
  coursesToSave,
  mergeCourses,
  type CourseDraft,
} from '../../../renderer/src/features/projects/course-rows';
import {
  calendarRuleSets,
  refusedField,
} from '../../../renderer/src/features/projects/project-form';

const summary = (id: string, kinds: RuleSetSummary['kinds']): RuleSetSummary => ({
  id,
  name: id,
  kinds,
  isPreset: true,
  basedOn: null,
  rule: null,
  document: null,
  summary: '',
  updatedAt: null,
});

describe('calendarRuleSets', () => {
  it('keeps only rule sets with a calendar part', () => {
    const items = [summary('a', ['assessment']), summary('b', ['calendar', 'quota-policy'])];
    expect(calendarRuleSets(items).map((i) => i.id)).toEqual(['b']);
  });
});

describe('refusedField', () => {
  it('reads the field the core named', () => {
    expect(refusedField(new ApiError('CONFLICT', '编号已被使用', { field: 'code' }))).toBe('code');
    expect(refusedField(new ApiError('CONFLICT', '编号已被使用'))).toBeNull();
    expect(
      refusedField(new ApiError('INVALID_INPUT', '输入有误', [{ path: ['code'] }])),
    ).toBeNull();
  });
});

describe('coursesToSave', () => {
  const text = { incomplete: (row: number) => `第${row}行`, duplicate: (code: string) => code };
  const draft = (code: string, name = '课程'): CourseDraft => ({
    key: code,
    code,
    name,
    stage: '小学',
    subject: ' ',
    hours: 10,
    capacity: null,
  });

  it('trims and sends the rows', () => {
    expect(coursesToSave([draft(' K1 ')], text)).toEqual({
      courses: [
        { code: 'K1', name: '课程', stage: '小学', subject: null, hours: 10, capacity: null },
      ],
    });
  });

  it('names the first incomplete row and a repeated code', () => {
    expect(coursesToSave([draft('K1'), draft('K2', ' ')], text)).toEqual({ problem: '第2行' });
    expect(coursesToSave([draft('K1'), draft('K1')], text)).toEqual({ problem: 'K1' });
  });
});

describe('mergeCourses', () => {
  const draft = (code: string, name: string): CourseDraft => ({
    key: `k-${code}`,
    code,
    name,
    stage: '小学',
    subject: '',
    hours: 10,
    capacity: null,
  });

  it('replaces rows by code in place and adds the new ones at the end', () => {
    let n = 0;
    const merged = mergeCourses(
      [draft('K1', '旧名称'), draft('K2', '保留')],
      [
        { code: 'K1', name: '新名称', stage: '初中', subject: '数学', hours: 20, capacity: 40 },
        { code: 'K3', name: '新增', stage: '小学', subject: null, hours: 8, capacity: null },
      ],
      () => `n${(n += 1)}`,
    );
    expect(merged).toEqual([
      {
        key: 'k-K1',
        code: 'K1',
        name: '新名称',
        stage: '初中',
        subject: '数学',
        hours: 20,
        capacity: 40,
      },
      draft('K2', '保留'),
      { key: 'n1', code: 'K3', name: '新增', stage: '小学', subject: '', hours: 8, capacity: null },
    ]);
  });
});
