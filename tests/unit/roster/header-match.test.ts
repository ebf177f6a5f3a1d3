import { describe, expect, it } from 'vitest';
import {
  describeHeaderProblems,
  detectHeader,
  matchHeader,
  normalizeHeaderText,
  ORG_FIELDS,
  TEACHER_FIELDS,
  type FieldSpec,
} from '@shared/domain/roster/header-match';

describe('normalizeHeaderText', () => {
  it.each([
    ['姓名', '姓名'],
    [' 姓 名 ', '姓名'],
    ['*姓名', '姓名'],
    ['＊姓名', '姓名'],
    ['姓名*', '姓名'],
    ['**姓名**', '姓名'],
    ['身份证号（必填）', '身份证号'],
    ['身份证号(必填)', '身份证号'],
    ['*身份证号（必填）', '身份证号'],
    ['学科（选填）', '学科'],
    ['身份证\n号码', '身份证号码'],
    ['身份证号\r\n（必填）', '身份证号'],
    ['手机号码（１１位）', '手机号码(11位)'],
    ['ＩＤ', 'id'],
    ['\u3000学段\u3000', '学段'],
  ])('%j → %j', (input, expected) => {
    expect(normalizeHeaderText(input)).toBe(expected);
  });
});

describe('matchHeader', () => {
  it.each([
    ['姓名', 'name'],
    ['教师姓名', 'name'],
    ['身份证号', 'idNumber'],
    ['身份证号码', 'idNumber'],
    ['证件号码', 'idNumber'],
    ['身份证', 'idNumber'],
    ['性别', 'gender'],
    ['学校', 'school'],
    ['单位', 'school'],
    ['学校名称', 'school'],
    ['所在学校', 'school'],
    ['单位名称', 'school'],
    ['人事关系所在学校', 'school'],
    ['学段', 'stages'],
    ['任教学段', 'stages'],
    ['学科', 'subject'],
    ['任教学科', 'subject'],
    ['职称', 'title'],
    ['专业技术职称', 'title'],
    ['职称等级', 'title'],
    ['手机', 'mobile'],
    ['手机号', 'mobile'],
    ['手机号码', 'mobile'],
    ['联系电话', 'mobile'],
    ['联系方式', 'mobile'],
    ['电话', 'mobile'],
    ['在职状态', 'employmentStatus'],
    ['任职状态', 'employmentStatus'],
    ['状态', 'employmentStatus'],
    ['手机号码（11位）', 'mobile'],
    ['学段【可多选】', 'stages'],
    ['性别(男/女)', 'gender'],
  ])('%s → %s', (header, field) => {
    expect(matchHeader(header, TEACHER_FIELDS)).toBe(field);
  });

  it.each(['毕业学校', '学校类型', '出生日期', '备注', '序号', '', '   ', '姓名姓名'])(
    'does not match %j',
    (header) => {
      expect(matchHeader(header, TEACHER_FIELDS)).toBeNull();
    },
  );

  it('has no synonym shared by two fields', () => {
    for (const fields of [TEACHER_FIELDS, ORG_FIELDS] as FieldSpec<string>[][]) {
      const seen = new Map<string, string>();
      for (const spec of fields) {
        for (const name of [spec.label, ...spec.synonyms]) {
          const key = normalizeHeaderText(name);
          expect(seen.get(key) ?? spec.field, `${name} used twice`).toBe(spec.field);
          seen.set(key, spec.field);
        }
      }
    }
  });

  it('marks name, ID number, school and stages as required', () => {
    expect(
      TEACHER_FIELDS.filter((f) => f.required)
        .map((f) => f.field)
        .sort(),
    ).toEqual(['idNumber', 'name', 'school', 'stages'].sort());
  });
});

describe('detectHeader', () => {
  const standard = ['姓名', '身份证号', '性别', '学校', '学段', '学科', '职称', '手机号码'];

  it('finds the header in the first row', () => {
    const result = detectHeader([standard, ['张三', '110105198507150040']], TEACHER_FIELDS);
    expect(result?.headerRowIndex).toBe(0);
    expect(result?.columns.map((c) => c.field)).toEqual([
      'name',
      'idNumber',
      'gender',
      'school',
      'stages',
      'subject',
      'title',
      'mobile',
    ]);
    expect(result?.unknownColumns).toEqual([]);
    expect(result?.missingRequired).toEqual([]);
    expect(result?.duplicateFields).toEqual([]);
  });

  it('skips title rows and notes above the header', () => {
    const rows = [
      ['示范市东湖区实验小学教师花名册', '', '', ''],
      [''],
      ['填表说明：身份证号请设置为文本格式'],
      ['*姓名', '身份证号（必填）', '学校', '学段'],
      ['张三', '110105198507150040', '实验小学', '小学'],
    ];
    const result = detectHeader(rows, TEACHER_FIELDS);
    expect(result?.headerRowIndex).toBe(3);
    expect(result?.columns.map((c) => c.header)).toEqual([
      '*姓名',
      '身份证号（必填）',
      '学校',
      '学段',
    ]);
    expect(result?.missingRequired).toEqual([]);
  });

  it('matches synonyms in any order and keeps the column indexes', () => {
    const rows = [['', '联系电话', '证件号码', '教师姓名', '', '任教学段', '单位名称']];
    const result = detectHeader(rows, TEACHER_FIELDS);
    expect(result?.columns).toEqual([
      { index: 1, header: '联系电话', field: 'mobile' },
      { index: 2, header: '证件号码', field: 'idNumber' },
      { index: 3, header: '教师姓名', field: 'name' },
      { index: 5, header: '任教学段', field: 'stages' },
      { index: 6, header: '单位名称', field: 'school' },
    ]);
  });

  it('handles line breaks inside header cells', () => {
    const rows = [['姓\n名', '身份证号\n（必填）', '学校\r\n名称', '任教\n学段']];
    const result = detectHeader(rows, TEACHER_FIELDS);
    expect(result?.columns.map((c) => c.field)).toEqual(['name', 'idNumber', 'school', 'stages']);
    expect(result?.columns[1]?.header).toBe('身份证号 （必填）');
  });

  it('reports unknown columns, but not the ones rosters commonly carry', () => {
    const rows = [['序号', '姓名', '身份证号', '学校', '学段', '毕业学校', '备注']];
    const result = detectHeader(rows, TEACHER_FIELDS);
    expect(result?.unknownColumns).toEqual(['毕业学校']);
    expect(result?.columns.find((c) => c.header === '毕业学校')?.field).toBeNull();
    expect(result?.columns.find((c) => c.header === '序号')?.field).toBeNull();
  });

  it("re-reads the app's own export without unrecognised columns", () => {
    // The header row roster export writes (electron/services/roster/roster.service.ts).
    const exported = ['姓名', '身份证号', '性别', '出生日期', '学校', '区县', '学段', '学科'];
    const result = detectHeader([[...exported, '职称', '手机号', '在职状态']], TEACHER_FIELDS);
    expect(result?.unknownColumns).toEqual([]);
    expect(result?.missingRequired).toEqual([]);
    expect(result?.columns.filter((c) => c.field === null).map((c) => c.header)).toEqual([
      '出生日期',
      '区县',
    ]);
  });

  it('ignores the known columns also with markers and hints, and only for the roster', () => {
    const rows = [['*姓名', '身份证号', '学校', '学段', '出生日期（YYYY-MM-DD）', '备 注']];
    expect(detectHeader(rows, TEACHER_FIELDS)?.unknownColumns).toEqual([]);
    const orgRows = [['单位名称', '类型', '上级单位', '序号']];
    expect(detectHeader(orgRows, ORG_FIELDS)?.unknownColumns).toEqual(['序号']);
  });

  it('reports missing required columns', () => {
    const result = detectHeader([['姓名', '性别', '学科']], TEACHER_FIELDS);
    expect(result?.missingRequired.map((f) => f.field)).toEqual(['idNumber', 'school', 'stages']);
    expect(describeHeaderProblems(result, TEACHER_FIELDS)).toMatch(
      /缺少必填列：身份证号、学校、学段/,
    );
  });

  it('reports fields named by two columns', () => {
    const rows = [['姓名', '身份证号', '学校', '单位', '学段']];
    const result = detectHeader(rows, TEACHER_FIELDS);
    expect(result?.duplicateFields).toEqual(['school']);
    expect(result?.columns.filter((c) => c.field === 'school').map((c) => c.index)).toEqual([2, 3]);
    expect(describeHeaderProblems(result, TEACHER_FIELDS)).toMatch(/“学校”和“单位”都表示“学校”/);
  });

  it('prefers the row that names the most fields, the earliest on a tie', () => {
    const rows = [
      ['姓名', '学校'],
      ['姓名', '身份证号', '学校', '学段'],
      ['姓名', '身份证号', '学校', '学段'],
    ];
    expect(detectHeader(rows, TEACHER_FIELDS)?.headerRowIndex).toBe(1);
  });

  it('returns null when no row names at least two fields', () => {
    expect(detectHeader([['花名册'], ['姓名', '张三'], ['甲', '乙']], TEACHER_FIELDS)).toBeNull();
    expect(detectHeader([], TEACHER_FIELDS)).toBeNull();
    expect(describeHeaderProblems(null, TEACHER_FIELDS)).toMatch(
      /没有找到表头.*姓名、身份证号、学校、学段/,
    );
  });

  it('looks only at the first 30 rows', () => {
    const rows: string[][] = Array.from({ length: 30 }, () => ['']);
    rows.push(['姓名', '身份证号', '学校', '学段']);
    expect(detectHeader(rows, TEACHER_FIELDS)).toBeNull();
    rows.splice(0, 1);
    expect(detectHeader(rows, TEACHER_FIELDS)?.headerRowIndex).toBe(29);
  });

  it('has nothing to report for a usable header', () => {
    const result = detectHeader([standard], TEACHER_FIELDS);
    expect(describeHeaderProblems(result, TEACHER_FIELDS)).toBeNull();
  });

  it('detects the org-unit list header', () => {
    const result = detectHeader([['单位名称', '类型', '上级单位', '单位代码']], ORG_FIELDS);
    expect(result?.columns.map((c) => c.field)).toEqual(['name', 'kind', 'parentName', 'code']);
    expect(result?.missingRequired).toEqual([]);
    const partial = detectHeader([['名称', '类别']], ORG_FIELDS);
    expect(partial?.missingRequired.map((f) => f.field)).toEqual(['parentName']);
  });
});

describe('normalizeHeaderText on hostile cells', () => {
  it('leaves a cell longer than any header as it is, instead of trimming it mark by mark', () => {
    const stars = `${'*'.repeat(30_000)}a`;
    expect(normalizeHeaderText(stars)).toBe(stars);
    const marks = '(必填)'.repeat(6000);
    expect(normalizeHeaderText(marks)).toBe(marks);
  });

  it('still strips the marks of a real header', () => {
    expect(normalizeHeaderText('**姓名(必填)*')).toBe('姓名');
  });
});

describe('detectHeader on hostile header cells', () => {
  it('lists an unknown column short and without bidi characters', () => {
    const long = `\u202E${'备注'.repeat(10_000)}`;
    const detection = detectHeader([['姓名', '身份证号', '学校', long]], TEACHER_FIELDS);
    expect(detection?.unknownColumns).toEqual([`${'备注'.repeat(20)}…`]);
  });
});
