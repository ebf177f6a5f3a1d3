/**
 * Scopes: an operator sees and changes the subtree under their home unit only. A district office
 * cannot read, count, change or export a neighbouring district's teachers through any method, and
 * an id outside the scope answers NOT_FOUND, as an id that does not exist.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { type ImportPreview, type SavedFile, type TeacherRow } from '@shared/api/roster.contract';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { type Caller, jobId, openTestCore, type TestCore } from '../support/core-harness';

let t: TestCore;
let nodes: OrgNode[];
let districtA: OrgNode;
let districtB: OrgNode;
let schoolA: OrgNode;
let schoolB: OrgNode;
let district: Caller;
let officer: Caller;
let teacherB: TeacherRow;

const under = (rootId: string): Set<string> => {
  const ids = new Set([rootId]);
  for (let grew = true; grew;) {
    grew = false;
    for (const n of nodes) {
      if (n.parentId && ids.has(n.parentId) && !ids.has(n.id)) {
        ids.add(n.id);
        grew = true;
      }
    }
  }
  return ids;
};

function codeOf(envelope: { ok: boolean; error?: { code: string } }): string {
  return envelope.ok ? 'OK' : (envelope.error?.code ?? '?');
}

beforeAll(async () => {
  t = await openTestCore({ setup: { demo: 2000 } });
  nodes = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
  // The demo's `district` account is the project office of the first district with a school.
  district = await t.loginAs('district', 'demo1234');
  officer = await t.loginAs('school', 'demo1234');
  const home = (await district.call<{ me: { homeUnit: { id: string } } }>('auth/state')).me;
  districtA = nodes.find((n) => n.id === home.homeUnit.id) as OrgNode;
  districtB = nodes.find(
    (n) => n.kind === 'district' && n.id !== districtA.id && n.teacherCount > 0,
  ) as OrgNode;
  const officerHome = (await officer.call<{ me: { homeUnit: { id: string } } }>('auth/state')).me;
  schoolA = nodes.find((n) => n.id === officerHome.homeUnit.id) as OrgNode;
  schoolB = nodes.find((n) => n.kind === 'school' && n.parentId === districtB.id) as OrgNode;
  teacherB = (await t.call<{ rows: TeacherRow[] }>('roster/list', { orgId: schoolB.id, limit: 1 }))
    .rows[0] as TeacherRow;
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('a district office', () => {
  it('sees its own subtree as the whole tree, with its district on top', async () => {
    const own = (await district.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
    const expected = under(districtA.id);
    expect(new Set(own.map((n) => n.id))).toEqual(expected);
    expect(own.find((n) => n.id === districtA.id)?.parentId).toBeNull();
    expect(own.find((n) => n.id === districtB.id)).toBeUndefined();
  });

  it('lists, counts and charts only its own teachers', async () => {
    const list = await district.call<{ rows: TeacherRow[]; total: number }>('roster/list', {
      limit: 1000,
    });
    expect(list.total).toBe(districtA.teacherCount);
    expect(list.rows.every((r) => r.districtName === districtA.name)).toBe(true);
    const stats = await district.call<{ total: number }>('roster/stats', {});
    expect(stats.total).toBe(districtA.teacherCount);
    const info = await district.call<{ teacherCount: number }>('system/info');
    expect(info.teacherCount).toBe(districtA.teacherCount);
    // Searching by a neighbour's name finds nothing of the neighbour's.
    const searched = await district.call<{ rows: TeacherRow[] }>('roster/list', {
      search: teacherB.name,
    });
    expect(searched.rows.every((r) => r.districtName === districtA.name)).toBe(true);
  });

  it('gets NOT_FOUND for a neighbour, as for a unit or teacher that does not exist', async () => {
    for (const orgId of [districtB.id, schoolB.id, 'no-such-unit']) {
      expect(codeOf(await district.raw('roster/list', { orgId }))).toBe('NOT_FOUND');
      expect(codeOf(await district.raw('roster/stats', { orgId }))).toBe('NOT_FOUND');
      expect(codeOf(await district.raw('org/update', { id: orgId, name: '改名' }))).toBe(
        'NOT_FOUND',
      );
      expect(
        codeOf(await district.raw('org/create', { name: '新校', kind: 'school', parentId: orgId })),
      ).toBe('NOT_FOUND');
    }
    const notThere = await district.raw('roster/update', {
      id: 'no-such-teacher',
      patch: { title: '一级教师' },
    });
    const neighbour = await district.raw('roster/update', {
      id: teacherB.id,
      patch: { title: '一级教师' },
    });
    expect(neighbour).toEqual(notThere);
    expect(codeOf(await district.raw('roster/delete', { id: teacherB.id }))).toBe('NOT_FOUND');
    // Moving one of its own teachers out of the district is refused as well.
    const own = (await district.call<{ rows: TeacherRow[] }>('roster/list', { limit: 1 }))
      .rows[0] as TeacherRow;
    expect(
      codeOf(await district.raw('roster/update', { id: own.id, patch: { schoolId: schoolB.id } })),
    ).toBe('INVALID_INPUT');
    // The neighbour's teacher is untouched.
    const still = await t.call<{ rows: TeacherRow[] }>('roster/list', { orgId: schoolB.id });
    expect(still.rows.some((r) => r.id === teacherB.id)).toBe(true);
  });

  it('cannot add a teacher to a neighbour, nor learn where a known ID number is registered', async () => {
    const [row] = await t.rows<{ id_number: string }>(
      'SELECT id_number FROM teacher WHERE id = ?',
      [teacherB.id],
    );
    const idNumber = row?.id_number ?? '';
    expect(
      codeOf(
        await district.raw('roster/create', {
          name: '新教师',
          idNumber: '110101199003074514',
          schoolId: schoolB.id,
          stages: ['小学'],
        }),
      ),
    ).toBe('INVALID_INPUT');
    const duplicate = await district.raw('roster/create', {
      name: '新教师',
      idNumber,
      schoolId: schoolA.id,
      stages: ['小学'],
    });
    expect(codeOf(duplicate)).toBe('CONFLICT');
    const message = duplicate.ok ? '' : duplicate.error.message;
    expect(message).toContain('管辖范围以外');
    expect(message).not.toContain(teacherB.name);
    expect(message).not.toContain(teacherB.schoolName);
  });

  it('exports only its own teachers, and the audit entry names the scope and the count', async () => {
    const saved = await district.call<SavedFile>('roster/export', {
      jobId: jobId(),
      target: t.fileOut(path.join(t.dir, 'district.xlsx')),
    });
    expect(saved.rows).toBe(districtA.teacherCount);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(t.savedPath(saved));
    const sheet = workbook.worksheets[0] as ExcelJS.Worksheet;
    const schoolColumn = (sheet.getRow(1).values as unknown[]).indexOf('学校');
    const ownSchools = new Set(
      nodes.filter((n) => n.kind === 'school' && under(districtA.id).has(n.id)).map((n) => n.name),
    );
    const schools: string[] = [];
    sheet.eachRow((r, n) => {
      if (n > 1) schools.push(String(r.getCell(schoolColumn).value));
    });
    expect(schools).toHaveLength(districtA.teacherCount);
    expect(schools.every((s) => ownSchools.has(s))).toBe(true);
    const [entry] = await t.rows<{ actor: string; actor_id: string | null; details: string }>(
      `SELECT actor, actor_id, details FROM audit_log WHERE action = 'roster.export' ORDER BY seq DESC LIMIT 1`,
    );
    expect(entry?.actor).toBe('区县项目办（演示）（district）');
    expect(entry?.actor_id).not.toBeNull();
    expect(JSON.parse(entry?.details ?? '{}')).toMatchObject({
      rows: districtA.teacherCount,
      scopeRootId: districtA.id,
    });
  });

  it("imports into its own schools only: a neighbour's teacher or school is a row error", async () => {
    const [row] = await t.rows<{ id_number: string }>(
      'SELECT id_number FROM teacher WHERE id = ?',
      [teacherB.id],
    );
    const own = [...makeRosterRows(3, 4242, [schoolA.name])];
    const file = path.join(t.dir, 'scoped.xlsx');
    await writeRosterWorkbook(file, [
      ...own,
      { ...own[0], 身份证号: row?.id_number ?? '', 姓名: '借用', 性别: teacherB.gender },
      ...makeRosterRows(1, 77, [schoolB.name]),
    ] as Record<string, string | number | null>[]);
    const preview = await district.call<ImportPreview>('roster/importPreview', {
      jobId: jobId(),
      file: t.fileIn(file),
    });
    expect(preview).toMatchObject({ total: 5, new: 3, errorRowCount: 2, transfers: [] });
    expect(preview.errors.map((e) => e.code).sort()).toEqual(['OUTSIDE_SCOPE', 'UNKNOWN_SCHOOL']);
    // Where the borrowed ID number is registered, and under which name, stays unsaid.
    const outside = preview.errors.find((e) => e.code === 'OUTSIDE_SCOPE');
    expect(outside?.message).not.toContain(teacherB.schoolName);
    expect(outside?.message).not.toContain(teacherB.name);
    expect(preview.transfers).toEqual([]);
    // Another operator cannot page, download or commit this preview.
    const importId = preview.importId;
    expect(codeOf(await officer.raw('roster/importErrors', { importId }))).toBe('NOT_FOUND');
    expect(codeOf(await officer.raw('roster/exportErrors', { importId }))).toBe('NOT_FOUND');
    expect(codeOf(await t.raw('roster/importCommit', { jobId: jobId(), importId }))).toBe(
      'NOT_FOUND',
    );
    const committed = await district.call<{ inserted: number }>('roster/importCommit', {
      jobId: jobId(),
      importId,
    });
    expect(committed.inserted).toBe(3);
  });
});

describe('a school officer', () => {
  it('sees one school and its teachers, and no accounts', async () => {
    const own = (await officer.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
    expect(own.map((n) => n.id)).toEqual([schoolA.id]);
    const list = await officer.call<{ total: number }>('roster/list', {});
    const schoolNow = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes.find(
      (n) => n.id === schoolA.id,
    );
    expect(list.total).toBe(schoolNow?.teacherCount);
    expect(codeOf(await officer.raw('operators/list'))).toBe('FORBIDDEN');
  });
});

describe('a district administrator', () => {
  it('manages the accounts of its own subtree only', async () => {
    const admin = await t.operator('admin-a', ['admin'], districtA.id);
    const inB = await t.operator('officer-b', ['school_officer'], schoolB.id);
    const listed = await admin.caller.call<{ rows: { userName: string }[] }>('operators/list');
    expect(listed.rows.map((r) => r.userName)).toContain('school');
    expect(listed.rows.map((r) => r.userName)).not.toContain('officer-b');
    expect(listed.rows.map((r) => r.userName)).not.toContain('admin');
    expect(
      codeOf(await admin.caller.raw('operators/update', { id: inB.id, isActive: false })),
    ).toBe('NOT_FOUND');
    expect(
      codeOf(
        await admin.caller.raw('operators/create', {
          userName: 'sneaky',
          displayName: '越权',
          roles: ['project_admin'],
          homeUnitId: districtB.id,
          password: 'sneaky-pass-1',
        }),
      ),
    ).toBe('NOT_FOUND');
  });
});
