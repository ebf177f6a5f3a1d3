/**
 * roster/update checks a teacher as the importer does: a name the import refuses (NUL, U+202E,
 * control characters, markup) is refused here too, and the values it keeps are normalised the
 * same way.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type TeacherRow } from '@shared/api/roster.contract';
import { normalizeName } from '@shared/domain/roster/teacher-row';
import { openTestCore, type TestCore } from '../support/core-harness';

let t: TestCore;
let teacher: TeacherRow;

beforeAll(async () => {
  t = await openTestCore({ setup: { demo: 100 } });
  teacher = (await t.call<{ rows: TeacherRow[] }>('roster/list', { limit: 1 }))
    .rows[0] as TeacherRow;
});

afterAll(async () => {
  await t.close();
});

describe('roster/update', () => {
  it.each([
    ['NUL', '张\u0000三'],
    ['right-to-left override', '张\u202E三'],
    ['markup', '<img src=x onerror=alert(1)>'],
    ['a control character', 'Anna\u0007Maria'],
    ['digits', '张三1'],
  ])('refuses a name with %s, as the importer does', async (_label, name) => {
    expect(normalizeName(name).ok).toBe(false);
    const result = await t.raw('roster/update', { id: teacher.id, patch: { name } });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT', details: { field: 'name' } },
    });
    // The message quotes the name, but never the characters that garble a line.
    if (!result.ok)
      expect(result.error.message).not.toSatisfy((message: string) =>
        ['\u0000', '\u0007', '\u202E'].some((c) => message.includes(c)),
      );
    const after = (await t.call<{ rows: TeacherRow[] }>('roster/list', { limit: 1 })).rows[0];
    expect(after?.name).toBe(teacher.name);
  });

  it('stores a name, subject and title normalised as the importer would', async () => {
    const updated = await t.call<TeacherRow>('roster/update', {
      id: teacher.id,
      patch: { name: '阿依古丽•买买提', subject: '  语文  ', title: '一级教师' },
    });
    expect(updated).toMatchObject({ name: '阿依古丽·买买提', subject: '语文', title: '一级教师' });
    // Zero-width characters are folded away, as the importer folds them: never stored.
    const folded = await t.call<TeacherRow>('roster/update', {
      id: teacher.id,
      patch: { name: '张\u200B三\uFEFF' },
    });
    expect(folded.name).toBe('张三');
  });

  it('refuses a subject with markup or bidi characters and a title the importer does not know', async () => {
    for (const patch of [
      { subject: '<b>数学</b>' },
      { subject: '数\u202E学' },
      { title: '宇宙教师' },
    ]) {
      const result = await t.raw('roster/update', { id: teacher.id, patch });
      expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
  });
});
