/**
 * Adding and deleting a teacher by hand, on both engines: the same checks as an imported row (ID
 * number, name, school), no second teacher with one ID number, and an audit entry either way that
 * keeps who was added or removed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { type TeacherRow } from '@shared/api/roster.contract';
import { buildIdNumber, maskIdNumber } from '@shared/domain/roster/id-number';
import { openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';

describe.each(ENGINES)('adding and deleting a teacher on %s', (engine) => {
  let t: TestCore;
  let school: OrgNode;
  let district: OrgNode;

  beforeAll(async () => {
    t = await openTestCore({ engine, setup: { demo: 100 } });
    const nodes = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
    school = nodes.find((n) => n.kind === 'school' && n.name.endsWith('小学')) as OrgNode;
    district = nodes.find((n) => n.kind === 'district') as OrgNode;
  });
  afterAll(async () => {
    await t.close();
  });

  const idNumber = buildIdNumber('390102', '1990-03-07', 17);
  const input = (extra: Record<string, unknown> = {}) => ({
    name: ' 王 小 明 ',
    idNumber: idNumber.toLowerCase(),
    schoolId: school.id,
    stages: ['小学'],
    mobile: '139 1234 5678',
    ...extra,
  });

  it('adds a teacher checked as an import would, with gender and birth date from the ID', async () => {
    const before = school.teacherCount;
    const created = await t.call<TeacherRow>('roster/create', input());
    expect(created).toMatchObject({
      name: '王小明',
      idNumberMasked: maskIdNumber(idNumber),
      birthDate: '1990-03-07',
      schoolId: school.id,
      stages: ['小学'],
      mobile: '13912345678',
      employmentStatus: '在职',
    });
    const after = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes.find(
      (n) => n.id === school.id,
    );
    expect(after?.teacherCount).toBe(before + 1);
    const [entry] = await t.rows<{ action: string; summary: string }>(
      'SELECT action, summary FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    expect(entry).toEqual({
      action: 'teacher.create',
      summary: expect.stringContaining('王小明') as string,
    });
    expect(entry?.summary).not.toContain(idNumber);
  });

  it.each([
    ['a second teacher with the same ID number', () => input(), 'CONFLICT', /已在花名册中/],
    [
      'a broken check digit',
      () => input({ idNumber: `${idNumber.slice(0, 17)}${idNumber.endsWith('0') ? '1' : '0'}` }),
      'INVALID_INPUT',
      /校验/,
    ],
    ['a name the importer refuses', () => input({ name: '张\u202E三' }), 'INVALID_INPUT', /姓名/],
    [
      'a unit that is not a school',
      () => input({ schoolId: district.id }),
      'INVALID_INPUT',
      /学校/,
    ],
  ])('refuses %s', async (_label, make, code, message) => {
    const result = await t.raw('roster/create', make());
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(message);
  });

  it('deletes a teacher; the audit log keeps who it was', async () => {
    const [row] = (
      await t.call<{ rows: TeacherRow[] }>('roster/list', { search: '王小明', limit: 5 })
    ).rows;
    expect(row).toBeDefined();
    await t.call('roster/delete', { id: row?.id });
    expect(
      (await t.call<{ total: number }>('roster/list', { search: '王小明', limit: 5 })).total,
    ).toBe(0);
    expect(await t.raw('roster/delete', { id: row?.id })).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' },
    });
    const [entry] = await t.rows<{ action: string; summary: string }>(
      'SELECT action, summary FROM audit_log ORDER BY seq DESC LIMIT 1',
    );
    expect(entry?.action).toBe('teacher.delete');
    expect(entry?.summary).toContain('王小明');
    expect(entry?.summary).toContain(maskIdNumber(idNumber));
  });
});
