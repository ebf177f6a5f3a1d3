/** Org units: placement rules, uniqueness, deletion guards, and the org-list import. */
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type OrgNode } from '@shared/api/org.contract';
import { jobId, openTestCore, type TestCore } from '../support/core-harness';
import { ENGINES } from '../support/engines';
import { type Engine } from '../../electron/db/database';

let t: TestCore;
/** Set by each engine's suite. */
let engine: Engine = 'sqlite';

beforeEach(async () => {
  t = await openTestCore({ engine });
});

afterEach(async () => {
  await t.close();
});

async function errorCode(method: string, input: unknown): Promise<string | null> {
  const result = await t.raw(method, input);
  return result.ok ? null : result.error.code;
}

async function writeSheet(file: string, rows: (string | null)[][]): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('单位');
  for (const row of rows) sheet.addRow(row);
  await workbook.xlsx.writeFile(file);
}

describe.each(ENGINES)('on %s', (onEngine) => {
  beforeAll(() => {
    engine = onEngine;
  });
  afterAll(() => {
    engine = 'sqlite';
  });

  describe('org units', () => {
    it('builds province → city → district → school and counts teachers up the tree', async () => {
      // The installation's province (the harness's first-run setup) is the top of the scope.
      const province = { id: t.rootId };
      // Nothing goes beside or above it.
      expect(
        await errorCode('org/create', { name: '示范省', kind: 'province', parentId: null }),
      ).toBe('INVALID_INPUT');
      const city = await t.call<OrgNode>('org/create', {
        name: '示范市',
        kind: 'city',
        parentId: province.id,
        code: '3201',
      });
      const district = await t.call<OrgNode>('org/create', {
        name: '东湖区',
        kind: 'district',
        parentId: city.id,
      });
      const school = await t.call<OrgNode>('org/create', {
        name: '东湖区实验小学',
        kind: 'school',
        parentId: district.id,
      });
      const direct = await t.call<OrgNode>('org/create', {
        name: '示范市第一中学',
        kind: 'school',
        parentId: city.id,
      });
      expect(school.parentId).toBe(district.id);
      expect(direct.parentId).toBe(city.id);

      expect(
        await errorCode('org/create', { name: '西湖区', kind: 'district', parentId: province.id }),
      ).toBe('RULE_VIOLATION');
      expect(
        await errorCode('org/create', { name: '某校', kind: 'school', parentId: school.id }),
      ).toBe('RULE_VIOLATION');
      expect(
        await errorCode('org/create', { name: '东湖区', kind: 'district', parentId: city.id }),
      ).toBe('CONFLICT');
      expect(
        await errorCode('org/create', {
          name: '另一个市',
          kind: 'city',
          parentId: province.id,
          code: '3201',
        }),
      ).toBe('CONFLICT');
      expect(await errorCode('org/delete', { id: city.id })).toBe('CONFLICT');
      expect(await errorCode('org/delete', { id: 'no-such-id' })).toBe('NOT_FOUND');

      const renamed = await t.call<OrgNode>('org/update', {
        id: school.id,
        name: '东湖区实验小学（本部）',
      });
      expect(renamed.name).toBe('东湖区实验小学（本部）');
      await t.call('org/delete', { id: direct.id });
      const tree = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
      expect(tree.map((n) => n.name).sort()).toEqual(
        ['东湖区', '东湖区实验小学（本部）', '示范市', '测试省'].sort(),
      );

      const audit = await t.rows<{ action: string }>(
        `SELECT action FROM audit_log WHERE action LIKE 'org.%' ORDER BY seq`,
      );
      expect(audit.map((a) => a.action)).toEqual([
        'org.create',
        'org.create',
        'org.create',
        'org.create',
        'org.update',
        'org.delete',
      ]);
      // Every change has its outbox row, written with it, for the platform sync.
      const outbox = await t.rows<{ op_id: string; method: string; entity: string; actor: string }>(
        `SELECT op_id, method, entity, actor FROM outbox WHERE method LIKE 'org/%' ORDER BY op_id`,
      );
      expect(outbox.map((o) => o.method)).toEqual([
        'org/create',
        'org/create',
        'org/create',
        'org/create',
        'org/update',
        'org/delete',
      ]);
      expect(outbox.every((o) => o.entity === 'org_unit' && o.actor === '测试员（tester）')).toBe(
        true,
      );
      expect(new Set(outbox.map((o) => o.op_id)).size).toBe(6);
      // A refused change leaves neither an audit entry nor an outbox row.
      expect(await t.count('outbox', `method LIKE 'org/%'`)).toBe(audit.length);
    });

    it('counts teachers of every school under a unit', async () => {
      const demo = await openTestCore({ engine, setup: { demo: 500 } });
      const nodes = (await demo.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
      await demo.close();
      const root = nodes.find((n) => n.parentId === null) as OrgNode;
      expect(root.teacherCount).toBe(500);
      const districts = nodes.filter((n) => n.kind === 'district');
      const cityDirect = nodes.filter(
        (n) => n.kind === 'school' && nodes.find((p) => p.id === n.parentId)?.kind === 'city',
      );
      const sum = [...districts, ...cityDirect].reduce((acc, d) => acc + d.teacherCount, 0);
      expect(sum).toBe(500);
    });
  });

  describe('org-list import', () => {
    it('previews, then inserts parents before children, whatever the row order', async () => {
      const file = path.join(t.dir, 'orgs.xlsx');
      await writeSheet(file, [
        ['示范市单位名单'],
        ['单位名称', '类型', '上级单位', '代码'],
        ['东湖区实验小学', '小学', '东湖区', 'S001'],
        ['东湖区', '区', '示范市', 'D01'],
        // Under the operator's own unit (the installation's province), named as a parent.
        ['示范市', '市', '测试省', '3201'],
        // The operator's own unit itself: already there, unchanged.
        ['测试省', '省', null, null],
        ['西湖区', '县', '不存在的市', null],
        ['东湖区幼儿园', '幼儿园', '东湖区', null],
      ]);
      const preview = await t.call<{
        importId: string;
        total: number;
        new: number;
        errors: { row: number; code: string }[];
      }>('org/importPreview', { jobId: jobId(), file: t.fileIn(file) });
      expect(preview.total).toBe(6);
      expect(preview.new).toBe(4);
      expect(preview.errors).toEqual([expect.objectContaining({ row: 7, code: 'PARENT_UNKNOWN' })]);
      expect((await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes).toHaveLength(1);

      expect(
        await t.call('org/importCommit', { jobId: jobId(), importId: preview.importId }),
      ).toEqual({ inserted: 4 });
      const nodes = (await t.call<{ nodes: OrgNode[] }>('org/tree')).nodes;
      const byName = new Map(nodes.map((n) => [n.name, n]));
      expect(byName.get('示范市')?.parentId).toBe(t.rootId);
      expect(byName.get('东湖区实验小学')?.parentId).toBe(byName.get('东湖区')?.id);
      expect(byName.get('东湖区幼儿园')?.kind).toBe('school');

      const again = await t.call<{ new: number; unchanged: number }>('org/importPreview', {
        jobId: jobId(),
        file: t.fileIn(file),
      });
      expect(again).toMatchObject({ new: 0, unchanged: 5 });
    });
  });
});
