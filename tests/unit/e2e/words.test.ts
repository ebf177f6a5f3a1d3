/** The allow-list of the E2E words-on-screen check: codes users type pass, code words do not. */
import { describe, expect, it } from 'vitest';
import { unexpectedLatinWords } from '../../e2e/words';

describe('unexpectedLatinWords', () => {
  it('lets through what users type or read as it is', () => {
    for (const text of [
      '教师 30,000 人',
      '390102********260X',
      '基于「中小学教师继续教育学分（青岛 2018）」（qingdao-credits-2024）',
      '数据目录：/tmp/traindesk-e2e-1/data',
      '已开始下载 教师花名册导入模板.xlsx',
      '格式为 YYYY-MM-DD，例如 2024-09-01',
      '培训项目 S20230304；H.264 25 fps',
      '5 +（x − 最低）/（最高 − 最低）× 35',
      'E2E实验小学',
    ]) {
      expect(unexpectedLatinWords(text), text).toEqual([]);
    }
  });

  it('finds the code words the issue lists', () => {
    expect(unexpectedLatinWords('rules.create')).toEqual(['rules', 'create']);
    expect(unexpectedLatinWords('rule_set')).toEqual(['rule_set']);
    expect(unexpectedLatinWords('修改教师信息：字段：name、mobile')).toEqual(['name', 'mobile']);
    expect(unexpectedLatinWords('RULES.md R1')).toEqual(['RULES', 'md']);
    expect(unexpectedLatinWords('InitialSchema1763800000000')).toEqual([
      'InitialSchema1763800000000',
    ]);
    expect(unexpectedLatinWords('按 docs/rules.md')).toEqual(['docs']);
    expect(unexpectedLatinWords('请在 JSON 中填写 tree')).toEqual(['tree']);
    expect(unexpectedLatinWords('cityActivity')).toEqual(['cityActivity']);
  });
});
