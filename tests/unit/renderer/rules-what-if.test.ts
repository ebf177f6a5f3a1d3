import { describe, expect, it } from 'vitest';
import {
  parseTabText,
  rowsFromPaste,
  guessMapping,
} from '../../../renderer/src/features/rules/what-if/table-text';
import {
  readDate,
  readDateTime,
  readNumberList,
  normalizeCell,
} from '../../../renderer/src/features/rules/what-if/cell-values';
import {
  recordTableOf,
  locateError,
  toRecordRows,
} from '../../../renderer/src/features/rules/what-if/record-tables';
import { fieldGroupsOf } from '../../../renderer/src/features/rules/clone-fields';
import { formatPath, getAt, setAt } from '../../../renderer/src/features/rules/json-path';
import { getPreset, listPresets, evaluateRuleSet, partOf, kindsOf } from '@shared/domain/rules';

describe('rules page helpers (paste, cells, record tables, clone fields, paths)', () => {
  it('parses tab-separated text pasted from Excel, with quoted cells', () => {
    expect(parseTabText('a\tb\r\n"x\ty"\t"say ""hi""\nz"\r\n')).toEqual([
      ['a', 'b'],
      ['x\ty', 'say "hi"\nz'],
    ]);
    expect(parseTabText('\n\n')).toEqual([]);
  });
  it('reads dates, date-times, number lists and booleans from cells', () => {
    expect(readDate('2024/3/4')).toEqual({ ok: true, value: '2024-03-04' });
    expect(readDate('2024-02-30').ok).toBe(false);
    expect(readDate('2024-03-04T00:00:00.000Z')).toEqual({ ok: true, value: '2024-03-04' });
    expect(readDateTime('2024-03-04 8:05', 480)).toEqual({
      ok: true,
      value: '2024-03-04T08:05:00+08:00',
    });
    expect(readDateTime('2024-03-04', 480).ok).toBe(false);
    expect(readDateTime('2024-03-04T08:00:00Z', 480)).toEqual({
      ok: true,
      value: '2024-03-04T08:00:00Z',
    });
    expect(readNumberList('72，58；90')).toEqual({ ok: true, value: [72, 58, 90] });
    expect(normalizeCell('是', 'boolean')).toBe(true);
    expect(normalizeCell('abc', 'number')).toBe('abc');
  });
  it('reads and writes JSON paths without mutating', () => {
    const o = { a: [{ b: 1 }] };
    expect(setAt(o, ['a', 0, 'b'], 2)).toEqual({ a: [{ b: 2 }] });
    expect(o.a[0]?.b).toBe(1);
    expect(setAt(o, ['x'], 2)).toBe(o);
    expect(getAt(o, ['a', 0, 'b'])).toBe(1);
    expect(formatPath(['parts', 0, 'scoring', 'passMark'])).toBe('parts[0].scoring.passMark');
  });
  it('has a form field for every number of every preset, and samples that evaluate', () => {
    for (const summary of listPresets()) {
      const rs = getPreset(summary.id);
      if (!rs) throw new Error(`preset ${summary.id} missing`);
      for (const g of fieldGroupsOf(rs))
        for (const f of g.fields)
          expect(getAt(rs, f.path), `${summary.id} ${formatPath(f.path)}`).not.toBeUndefined();
      for (const kind of kindsOf(rs)) {
        const part = partOf(rs, kind);
        if (!part) throw new Error(`${summary.id} has no ${kind} part`);
        const table = recordTableOf(part);
        const sample = table.sample('2024-09-01');
        const built = table.build(toRecordRows(sample.rows), {
          total: null,
          year: null,
          ...sample.extras,
        });
        expect(built.errors, `${summary.id} ${kind}`).toEqual([]);
        const result = evaluateRuleSet(part, built.input, { now: '2024-09-01' });
        expect(result.ok ? [] : result.errors, `${summary.id} ${kind}`).toEqual([]);
      }
    }
  });
  it('maps pasted rows to records and engine errors back to table rows', () => {
    const table = recordTableOf(getPreset('taizhou-shishuo-2023') as never);
    const pasted = rowsFromPaste(
      '教师编号\t姓名\t有效回帖\t测试成绩\nT1\t王\t7\t58, 75\n',
      table.columns,
    );
    expect(pasted.hasHeader).toBe(true);
    expect(pasted.rows[0]).toEqual({
      teacherId: 'T1',
      name: '王',
      validReplies: 7,
      testScores: '58, 75',
    });
    const built = table.build(toRecordRows(pasted.rows), { total: null, year: null });
    expect(locateError(table, built.rowOfPath, 'records[0].testScores[1]')).toEqual({
      row: 1,
      column: '测试成绩（依次）',
    });
    expect(guessMapping(['姓名', '教师编号'], table.columns)).toMatchObject({
      teacherId: 1,
      name: 0,
    });
    const credits = recordTableOf(getPreset('qingdao-credits-2018') as never);
    const c = credits.build(
      toRecordRows([
        { teacherId: 'T', date: '2024-01-01', category: 'A', hours: 1 },
        { teacherId: 'T', date: 'x', category: 'A', hours: 1 },
      ]),
      { total: null, year: null },
    );
    expect(c.errors).toEqual([{ row: 2, column: '日期', message: '“x”不是日期，应为 YYYY-MM-DD' }]);
    expect(locateError(credits, c.rowOfPath, 'teachers[0].records[1].title')).toEqual({
      row: 2,
      column: '培训内容',
    });
  });
});
