import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type SheetCell } from '@shared/domain/roster/cell';
import { parseStages, parseTitle } from '@shared/domain/roster/vocabulary';
import { type TeacherField } from '@shared/domain/roster/header-match';
import {
  cyrb53,
  cyrb53Pair,
  checkTeacherEdit,
  normalizeName,
  normalizeSubject,
  teacherRowHash,
  validateTeacherRow,
  type NormalizedTeacher,
} from '@shared/domain/roster/teacher-row';

const TODAY = '2025-06-01';
const text = (t: string): SheetCell => ({ type: 'text', text: t });
type Cells = Partial<Record<TeacherField, SheetCell>>;

const VALID: Cells = {
  name: text('张三'),
  idNumber: text('110105198507150091'),
  gender: text('男'),
  school: text('示范市东湖区实验小学'),
  stages: text('小学'),
  subject: text('数学'),
  title: text('一级教师'),
  mobile: text('13812345678'),
  employmentStatus: text('在职'),
};

function validate(overrides: Cells, labels: Partial<Record<TeacherField, string>> = {}) {
  return validateTeacherRow({ ...VALID, ...overrides }, 7, labels, TODAY);
}

function codes(overrides: Cells): string[] {
  return validate(overrides).errors.map((e) => e.code);
}

describe('validateTeacherRow', () => {
  it('normalises a valid row', () => {
    const { teacher, errors } = validate({
      name: text(' 张　三 '),
      idNumber: text('１１０１０５１９８５０７１５００９１'),
      school: text(' 示范市东湖区  实验小学 '),
      stages: text('初中、高中'),
      mobile: text('+86 138-1234-5678'),
    });
    expect(errors).toEqual([]);
    expect(teacher).toEqual({
      idNumber: '110105198507150091',
      name: '张三',
      gender: '男',
      birthDate: '1985-07-15',
      schoolName: '示范市东湖区 实验小学',
      stages: ['初中', '高中'],
      subject: '数学',
      title: '一级教师',
      mobile: '13812345678',
      employmentStatus: '在职',
    } satisfies NormalizedTeacher);
  });

  it('needs only the required columns; the rest default', () => {
    const { teacher, errors } = validateTeacherRow(
      { name: VALID.name, idNumber: VALID.idNumber, school: VALID.school, stages: VALID.stages },
      2,
      {},
      TODAY,
    );
    expect(errors).toEqual([]);
    expect(teacher).toMatchObject({
      subject: null,
      title: null,
      mobile: null,
      employmentStatus: '在职',
      gender: '男',
    });
  });

  it('uses the sheet row number and the header as written in the file', () => {
    const { teacher, errors } = validate(
      { idNumber: text('110105198507150092') },
      { idNumber: '证件号码（必填）' },
    );
    expect(teacher).toBeNull();
    expect(errors).toEqual([
      {
        row: 7,
        column: '证件号码（必填）',
        code: 'ID_CHECK_DIGIT',
        message: expect.stringMatching(/校验位/),
      },
    ]);
  });

  it('falls back to the canonical header when no label is given', () => {
    expect(validate({ stages: text('大学') }).errors[0]?.column).toBe('学段');
  });

  it.each<[string, Cells, string]>([
    ['empty name', { name: { type: 'empty' } }, 'NAME_EMPTY'],
    ['missing name column', { name: undefined }, 'NAME_EMPTY'],
    ['name too long', { name: text('张'.repeat(51)) }, 'NAME_TOO_LONG'],
    ['digits in name', { name: text('张三1') }, 'NAME_CHARS'],
    ['punctuation in name', { name: text('张三（代课）') }, 'NAME_CHARS'],
    ['name of dots', { name: text('··') }, 'NAME_CHARS'],
    ['empty ID', { idNumber: { type: 'empty' } }, 'ID_EMPTY'],
    ['15-digit ID', { idNumber: text('110105491231002') }, 'ID_OLD_15'],
    ['17-digit ID', { idNumber: text('11010519850715009') }, 'ID_LENGTH'],
    ['letters in ID', { idNumber: text('1101051985071500A1') }, 'ID_CHARS'],
    ['impossible birth date', { idNumber: text('110105199902300019') }, 'ID_BIRTH_DATE'],
    ['future birth date', { idNumber: text('510107202601010018') }, 'ID_BIRTH_DATE'],
    ['wrong check digit', { idNumber: text('110105198507150092') }, 'ID_CHECK_DIGIT'],
    [
      'ID stored as number',
      { idNumber: { type: 'number', value: Number('320102199003071234') } },
      'ID_STORED_AS_NUMBER',
    ],
    ['ID shown in scientific notation', { idNumber: text('3.20102E+17') }, 'ID_STORED_AS_NUMBER'],
    [
      '15-digit ID stored as number',
      { idNumber: { type: 'number', value: 110105491231002 } },
      'ID_OLD_15',
    ],
    ['formula in ID', { idNumber: { type: 'formula', formula: 'A1&B1' } }, 'FORMULA_CELL'],
    [
      'formula in name',
      { name: { type: 'formula', formula: '=VLOOKUP(A2,B:C,2,0)' } },
      'FORMULA_CELL',
    ],
    ['formula in subject', { subject: { type: 'formula', formula: 'UPPER(B2)' } }, 'FORMULA_CELL'],
    ['Excel error value', { school: { type: 'error', text: '#N/A' } }, 'CELL_ERROR'],
    ['garbled school name', { school: text('示范市东湖区\ufffd验小学') }, 'CELL_GARBLED'],
    ['garbled name', { name: text('许\ufffd\ufffd飞') }, 'CELL_GARBLED'],
    ['garbled subject', { subject: text('数\ufffd') }, 'CELL_GARBLED'],
    ['unknown gender', { gender: text('未知') }, 'GENDER_INVALID'],
    ['gender contradicts ID', { gender: text('女') }, 'GENDER_MISMATCH'],
    ['empty school', { school: text('  ') }, 'SCHOOL_EMPTY'],
    ['school name too long', { school: text('学'.repeat(101)) }, 'SCHOOL_TOO_LONG'],
    ['empty stage', { stages: { type: 'empty' } }, 'STAGE_EMPTY'],
    ['unknown stage', { stages: text('大学') }, 'STAGE_INVALID'],
    ['ambiguous stage', { stages: text('中学') }, 'STAGE_AMBIGUOUS'],
    ['subject too long', { subject: text('数'.repeat(51)) }, 'SUBJECT_TOO_LONG'],
    ['unknown title', { title: text('教授') }, 'TITLE_INVALID'],
    ['honorary title', { title: text('特级教师') }, 'TITLE_HONORARY'],
    ['ambiguous title', { title: text('初级') }, 'TITLE_AMBIGUOUS'],
    ['short mobile', { mobile: text('1381234567') }, 'MOBILE_FORMAT'],
    ['landline as mobile', { mobile: text('0571-88886666') }, 'MOBILE_LANDLINE'],
    ['mobile with letters', { mobile: text('138abc45678') }, 'MOBILE_FORMAT'],
    ['unknown status', { employmentStatus: text('失联') }, 'STATUS_INVALID'],
  ])('%s → %s', (_label, overrides, code) => {
    const { teacher, errors } = validate(overrides);
    expect(teacher).toBeNull();
    expect(errors.map((e) => e.code)).toEqual([code]);
    expect(errors[0]?.message).toMatch(/[\u4e00-\u9fff]/);
  });

  it('reports every problem of a row, not only the first', () => {
    expect(
      codes({
        name: { type: 'empty' },
        idNumber: text('123'),
        stages: text('大学'),
        mobile: text('123'),
      }),
    ).toEqual(['NAME_EMPTY', 'ID_LENGTH', 'STAGE_INVALID', 'MOBILE_FORMAT']);
  });

  it('explains an ID stored as a number: lost digits, no guessing, set the column to text', () => {
    const { errors } = validate({
      idNumber: { type: 'number', value: Number('320102199003071234') },
    });
    const message = errors[0]?.message ?? '';
    expect(message).toContain('3.20102E+17');
    expect(message).toMatch(/数值/);
    expect(message).toMatch(/已经丢失/);
    expect(message).toMatch(/不会猜测/);
    expect(message).toMatch(/文本/);
  });

  it('shows the formula of a formula cell', () => {
    const { errors } = validate({ name: { type: 'formula', formula: 'VLOOKUP(A2,B:C,2,0)' } });
    expect(errors[0]?.message).toContain('=VLOOKUP(A2,B:C,2,0)');
  });

  it('checks the gender column only when it has a value', () => {
    expect(validate({ gender: { type: 'empty' } }).errors).toEqual([]);
    expect(validate({ gender: text('男性') }).errors).toEqual([]);
    expect(validate({ gender: text(' 男 ') }).errors).toEqual([]);
  });

  it('does not report a gender mismatch when the ID itself is invalid', () => {
    expect(codes({ idNumber: text('110105198507150092'), gender: text('女') })).toEqual([
      'ID_CHECK_DIGIT',
    ]);
  });

  it('says which gender the ID number gives', () => {
    expect(validate({ gender: text('女') }).errors[0]?.message).toMatch(/第 17 位表示“男”/);
  });

  it('accepts a mobile stored as a number (11 digits are exact)', () => {
    expect(validate({ mobile: { type: 'number', value: 13812345678 } }).teacher?.mobile).toBe(
      '13812345678',
    );
  });

  it('cuts hostile cell text short in messages', () => {
    const { errors } = validate({ title: text('职'.repeat(1_000_000)) });
    expect(errors[0]?.code).toBe('TITLE_INVALID');
    expect(errors[0]?.message.length).toBeLessThan(400);
  });
});

describe('stages', () => {
  it.each([
    ['幼儿园', ['幼儿园']],
    ['学前', ['幼儿园']],
    ['学前教育', ['幼儿园']],
    ['小学', ['小学']],
    ['初中', ['初中']],
    ['普高', ['高中']],
    ['职高', ['中职']],
    ['中专', ['中职']],
    ['职业高中', ['中职']],
    ['初中、高中', ['初中', '高中']],
    ['高中，初中', ['初中', '高中']],
    ['小学,初中', ['小学', '初中']],
    ['小学/初中', ['小学', '初中']],
    ['初中；高中', ['初中', '高中']],
    ['初中;高中', ['初中', '高中']],
    ['初中 高中', ['初中', '高中']],
    ['初高中', ['初中', '高中']],
    ['小学、小学', ['小学']],
    ['中职、幼儿园、小学', ['幼儿园', '小学', '中职']],
  ])('%s → %j', (input, expected) => {
    expect(validate({ stages: text(input) }).teacher?.stages).toEqual(expected);
  });

  it('lists the allowed stages when one is unknown', () => {
    expect(validate({ stages: text('大学') }).errors[0]?.message).toContain(
      '幼儿园、小学、初中、高中、中职',
    );
  });
});

describe('titles', () => {
  it.each([
    ['未定级', '未定级'],
    ['三级教师', '三级教师'],
    ['二级教师', '二级教师'],
    ['一级教师', '一级教师'],
    ['高级教师', '高级教师'],
    ['正高级教师', '正高级教师'],
    ['无', '未定级'],
    ['暂无', '未定级'],
    ['正高', '正高级教师'],
    ['副高', '高级教师'],
    ['高级', '高级教师'],
    ['中级', '一级教师'],
    ['一级', '一级教师'],
    ['二级', '二级教师'],
    ['中学高级教师', '高级教师'],
    ['中学一级教师', '一级教师'],
    ['中学二级教师', '二级教师'],
    ['中学三级教师', '三级教师'],
    ['小学中学高级教师', '高级教师'],
    ['小学高级教师', '一级教师'],
    ['小学一级教师', '二级教师'],
    ['小学二级教师', '三级教师'],
    ['小学三级教师', '三级教师'],
    ['幼儿园高级教师', '一级教师'],
    ['中小学高级教师', '高级教师'],
    ['一级教师（中学）', '一级教师'],
    ['高级职称', '高级教师'],
    [' 一级 教师 ', '一级教师'],
    ['讲师', '讲师'],
    ['高级讲师', '高级讲师'],
    ['高级实习指导教师', '高级实习指导教师'],
  ])('%s → %s', (input, expected) => {
    expect(validate({ title: text(input) }).teacher?.title).toBe(expected);
  });

  it('leaves an empty title empty (not 未定级)', () => {
    expect(validate({ title: { type: 'empty' } }).teacher?.title).toBeNull();
  });

  it('lists the allowed titles when one is unknown', () => {
    const message = validate({ title: text('教授') }).errors[0]?.message ?? '';
    expect(message).toContain('未定级、三级教师、二级教师、一级教师、高级教师、正高级教师');
  });
});

describe('employment status', () => {
  it.each([
    ['在职', '在职'],
    ['在岗', '在职'],
    ['在编', '在职'],
    ['借调', '借调'],
    ['借用', '借调'],
    ['离岗', '离岗'],
    ['病休', '离岗'],
    ['退休', '退休'],
    ['已退休', '退休'],
    ['调出', '调出'],
    ['调离', '调出'],
  ])('%s → %s', (input, expected) => {
    expect(validate({ employmentStatus: text(input) }).teacher?.employmentStatus).toBe(expected);
  });

  it('defaults to 在职 when empty', () => {
    expect(validate({ employmentStatus: { type: 'empty' } }).teacher?.employmentStatus).toBe(
      '在职',
    );
  });
});

describe('normalizeName', () => {
  it.each([
    ['张三', '张三'],
    [' 张  三 ', '张三'],
    ['张\u3000三', '张三'],
    ['欧阳 娜娜', '欧阳娜娜'],
    ['阿依古丽·买买提', '阿依古丽·买买提'],
    ['阿依古丽•买买提', '阿依古丽·买买提'],
    ['阿依古丽・买买提', '阿依古丽·买买提'],
    ['阿依古丽 · 买买提', '阿依古丽·买买提'],
    ['John  Smith', 'John Smith'],
    ['Ｊｏｈｎ', 'John'],
    ['𠀀明', '𠀀明'],
    ['张'.repeat(50), '张'.repeat(50)],
  ])('%j → %j', (input, expected) => {
    expect(normalizeName(input)).toEqual({ ok: true, name: expected });
  });

  it.each([
    ['', 'NAME_EMPTY'],
    ['   ', 'NAME_EMPTY'],
    ['张'.repeat(51), 'NAME_TOO_LONG'],
    ['张三2', 'NAME_CHARS'],
    ['·张三', 'NAME_CHARS'],
    ['张三·', 'NAME_CHARS'],
    ['张··三', 'NAME_CHARS'],
    ['张三@', 'NAME_CHARS'],
    ['=1+1', 'NAME_CHARS'],
  ])('%j → %s', (input, code) => {
    expect(normalizeName(input)).toMatchObject({ ok: false, code });
  });
});

describe('teacherRowHash', () => {
  const teacher = { ...(validate({}).teacher as NormalizedTeacher), schoolId: 's1' };

  it('is cyrb53 (reference vectors)', () => {
    expect(cyrb53('a')).toBe(7929297801672961);
    expect(cyrb53('b')).toBe(8684336938537663);
    expect(cyrb53('revenge')).toBe(4051478007546757);
    expect(cyrb53('revenue')).toBe(8309097637345594);
  });

  it('computes both seeds of cyrb53 in one pass, exactly as two calls would', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (text) => {
        expect(cyrb53Pair(text)).toBe(
          cyrb53(text, 1).toString(16).padStart(14, '0') +
            cyrb53(text, 2).toString(16).padStart(14, '0'),
        );
      }),
    );
    // Pinned: the fingerprints stored by earlier imports must keep matching.
    expect(
      teacherRowHash({
        idNumber: '110105198507150091',
        name: '张三',
        gender: '男',
        birthDate: '1985-07-15',
        schoolName: '任意',
        stages: ['小学'],
        subject: null,
        title: null,
        mobile: null,
        employmentStatus: '在职',
        schoolId: 's1',
      }),
    ).toBe('1ffc032816d54107f29c39ae8039');
  });

  it('is 28 hex digits and tells Chinese text and surrogate halves apart', () => {
    expect(teacherRowHash(teacher)).toMatch(/^[0-9a-f]{28}$/);
    expect(cyrb53('张三')).not.toBe(cyrb53('张四'));
    expect(cyrb53('𠀀')).not.toBe(cyrb53('\ud840'));
  });

  it('is deterministic and ignores the written school name', () => {
    expect(teacherRowHash(teacher)).toBe(teacherRowHash({ ...teacher }));
    expect(teacherRowHash({ ...teacher, schoolName: '别名' })).toBe(teacherRowHash(teacher));
  });

  it.each<[string, Partial<NormalizedTeacher & { schoolId: string }>]>([
    ['name', { name: '李四' }],
    ['school', { schoolId: 's2' }],
    ['stages', { stages: ['小学', '初中'] }],
    ['subject', { subject: '语文' }],
    ['subject removed', { subject: null }],
    ['title', { title: '高级教师' }],
    ['mobile', { mobile: '13900000000' }],
    ['status', { employmentStatus: '借调' }],
  ])('changes when the %s changes', (_label, change) => {
    expect(teacherRowHash({ ...teacher, ...change })).not.toBe(teacherRowHash(teacher));
  });
});

describe('vocabulary parsing is remembered per distinct text', () => {
  it('answers the same text with the same frozen result, so rows cannot change each other', () => {
    const first = parseStages('小学、初中');
    expect(first).toEqual({ ok: true, value: ['小学', '初中'] });
    expect(parseStages('小学、初中')).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first.ok && Object.isFrozen(first.value)).toBe(true);
    expect(parseTitle('一级教师')).toBe(parseTitle('一级教师'));
    // Different spellings are parsed on their own and agree.
    expect(parseStages('小学,初中')).toEqual(first);
  });
});

describe('checkTeacherEdit (roster/update uses the importer’s checks)', () => {
  it('normalises what the importer normalises and refuses what it refuses', () => {
    expect(
      checkTeacherEdit({ name: ' 张 三 ', subject: ' 语  文 ', title: null, mobile: '' }),
    ).toEqual({
      ok: true,
      value: { name: '张三', subject: '语 文', title: null, mobile: null },
    });
    expect(checkTeacherEdit({})).toEqual({ ok: true, value: {} });
    expect(checkTeacherEdit({ name: '李\u202E四' })).toMatchObject({ ok: false, field: 'name' });
    expect(checkTeacherEdit({ subject: '<script>' })).toMatchObject({
      ok: false,
      field: 'subject',
    });
    expect(checkTeacherEdit({ mobile: '12345' })).toMatchObject({ ok: false, field: 'mobile' });
    expect(normalizeSubject('x'.repeat(51))).toMatchObject({ ok: false, code: 'SUBJECT_TOO_LONG' });
  });
});
