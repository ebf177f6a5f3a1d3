/**
 * The closed vocabularies of the roster (stage, professional title, employment status, gender)
 * and the many ways offices write them. Values are folded to one canonical form so that counts,
 * filters and quotas agree across schools; anything not recognised is an error that lists the
 * accepted values, never a silent guess.
 */
import { type EmploymentStatus, type Stage } from '@shared/api/common.schemas';
import { type Gender } from './id-number';
import { collapseSpaces, quoteValue, removeAllSpaces, toHalfWidth } from './text';

export const STAGES: readonly Stage[] = ['幼儿园', '小学', '初中', '高中', '中职'];

type Parsed<T> = { ok: true; value: T } | { ok: false; code: string; message: string };

/** Distinct texts remembered per vocabulary; a roster column has a few dozen. */
const MEMO_LIMIT = 10_000;

/**
 * A roster repeats a handful of stages, titles and statuses 100,000 times: each distinct text is
 * parsed once. Results are frozen, since every row with that text shares them.
 */
function memoized<T>(parse: (text: string) => Parsed<T>): (text: string) => Parsed<T> {
  const cache = new Map<string, Parsed<T>>();
  return (text) => {
    let result = cache.get(text);
    if (result === undefined) {
      result = parse(text);
      if (result.ok && Array.isArray(result.value)) Object.freeze(result.value);
      Object.freeze(result);
      if (cache.size >= MEMO_LIMIT) cache.clear();
      cache.set(text, result);
    }
    return result;
  };
}

function key(text: string): string {
  return removeAllSpaces(toHalfWidth(text)).toLowerCase();
}

// ---------------------------------------------------------------------------------------------
// Stages

const STAGE_SYNONYMS: Record<string, Stage[]> = {
  幼儿园: ['幼儿园'],
  学前: ['幼儿园'],
  学前教育: ['幼儿园'],
  幼教: ['幼儿园'],
  幼儿: ['幼儿园'],
  小学: ['小学'],
  初中: ['初中'],
  初级中学: ['初中'],
  高中: ['高中'],
  普高: ['高中'],
  普通高中: ['高中'],
  高级中学: ['高中'],
  初高中: ['初中', '高中'],
  中职: ['中职'],
  职高: ['中职'],
  中专: ['中职'],
  职业高中: ['中职'],
  中等职业学校: ['中职'],
  中等职业教育: ['中职'],
  中职学校: ['中职'],
};

/** Words that name more than one stage; the user has to say which. */
const AMBIGUOUS_STAGES: Record<string, string> = {
  中学: '初中还是高中',
  中小学: '小学还是初中',
  完全中学: '初中还是高中',
  九年一贯制: '小学还是初中',
  十二年一贯制: '具体学段',
  义务教育: '小学还是初中',
};

const STAGE_SEPARATORS = /[、,/;|+\s]+/u;

/**
 * One or more stages, separated by 、，,/；; or spaces, in canonical order without duplicates.
 * 学前 → 幼儿园; 职高/中专/职业高中 → 中职; 普高 → 高中; 初高中 → 初中、高中.
 */
export const parseStages = memoized(function parseStages(text: string): Parsed<Stage[]> {
  const tokens = toHalfWidth(text)
    .split(STAGE_SEPARATORS)
    .map((t) => t.trim())
    .filter((t) => t !== '');
  if (tokens.length === 0) {
    return {
      ok: false,
      code: 'STAGE_EMPTY',
      message: `学段为空，请填写${STAGES.join('、')}中的一个或多个。`,
    };
  }
  const found = new Set<Stage>();
  for (const token of tokens) {
    const k = key(token);
    const ambiguous = AMBIGUOUS_STAGES[k];
    if (ambiguous !== undefined) {
      return {
        ok: false,
        code: 'STAGE_AMBIGUOUS',
        message: `学段${quoteValue(token)}不明确，请写明${ambiguous}（可填多个，用顿号分隔，如“初中、高中”）。`,
      };
    }
    const stages = STAGE_SYNONYMS[k];
    if (stages === undefined) {
      return {
        ok: false,
        code: 'STAGE_INVALID',
        message: `学段${quoteValue(token)}无法识别，可填写：${STAGES.join('、')}（多个用顿号分隔）。`,
      };
    }
    for (const stage of stages) found.add(stage);
  }
  return { ok: true, value: STAGES.filter((s) => found.has(s)) };
});

// ---------------------------------------------------------------------------------------------
// Professional titles

/** Titles of primary and secondary school teachers since the 2015 reform (人社部发〔2015〕79号). */
export const SCHOOL_TITLES = [
  '未定级',
  '三级教师',
  '二级教师',
  '一级教师',
  '高级教师',
  '正高级教师',
] as const;
/** Secondary vocational schools keep their own series (讲师 and 实习指导教师), not mapped to the above. */
export const VOCATIONAL_TITLES = [
  '教员',
  '助理讲师',
  '讲师',
  '高级讲师',
  '正高级讲师',
  '三级实习指导教师',
  '二级实习指导教师',
  '一级实习指导教师',
  '高级实习指导教师',
  '正高级实习指导教师',
] as const;
export const CANONICAL_TITLES: readonly string[] = [...SCHOOL_TITLES, ...VOCATIONAL_TITLES];

/**
 * Legacy and shorthand forms. The legacy mapping is the one fixed by the 2015 reform:
 * 中学高级 → 高级教师; 中学一级 and 小学高级 → 一级教师; 中学二级 and 小学一级 → 二级教师;
 * 中学三级, 小学二级 and 小学三级 → 三级教师. Kindergarten titles followed the primary series and
 * map the same way. 小学中学高级教师 (a primary teacher holding the secondary senior title) →
 * 高级教师. 中级 is the grade of 一级教师; 副高 that of 高级教师. 初级 is left as an error because it
 * covers both 二级 and 三级.
 */
const TITLE_SYNONYMS: Record<string, string> = {
  // not graded yet
  无: '未定级',
  暂无: '未定级',
  无职称: '未定级',
  未评: '未定级',
  未评级: '未定级',
  未评定: '未定级',
  未定职称: '未定级',
  暂未定级: '未定级',
  见习期: '未定级',
  试用期: '未定级',
  // shorthand of the current titles
  正高: '正高级教师',
  正高级: '正高级教师',
  中小学正高级教师: '正高级教师',
  高级: '高级教师',
  副高: '高级教师',
  副高级: '高级教师',
  副高级教师: '高级教师',
  中小学高级教师: '高级教师',
  一级: '一级教师',
  中级: '一级教师',
  中小学一级教师: '一级教师',
  二级: '二级教师',
  中小学二级教师: '二级教师',
  三级: '三级教师',
  中小学三级教师: '三级教师',
  // legacy secondary series
  中学高级教师: '高级教师',
  中学高级: '高级教师',
  中高: '高级教师',
  中学一级教师: '一级教师',
  中学一级: '一级教师',
  中一: '一级教师',
  中学二级教师: '二级教师',
  中学二级: '二级教师',
  中二: '二级教师',
  中学三级教师: '三级教师',
  中学三级: '三级教师',
  中三: '三级教师',
  // legacy primary series
  小学中学高级教师: '高级教师',
  小中高: '高级教师',
  小学高级教师: '一级教师',
  小学高级: '一级教师',
  小高: '一级教师',
  小学一级教师: '二级教师',
  小学一级: '二级教师',
  小一: '二级教师',
  小学二级教师: '三级教师',
  小学二级: '三级教师',
  小二: '三级教师',
  小学三级教师: '三级教师',
  小学三级: '三级教师',
  小三: '三级教师',
  // legacy kindergarten series (same steps as primary)
  幼儿园高级教师: '一级教师',
  幼儿园一级教师: '二级教师',
  幼儿园二级教师: '三级教师',
  幼儿园三级教师: '三级教师',
  // vocational shorthand
  正高级讲师: '正高级讲师',
  高讲: '高级讲师',
  助讲: '助理讲师',
};

/** Empty text means "no title given" (null), which is not the same as 未定级. */
export const parseTitle = memoized(function parseTitle(text: string): Parsed<string | null> {
  const k = key(text);
  if (k === '') return { ok: true, value: null };
  const candidates = [k, k.replace(/\([^()]*\)$/u, ''), k.replace(/职称$/u, '')];
  for (const candidate of candidates) {
    if (CANONICAL_TITLES.includes(candidate)) return { ok: true, value: candidate };
    const mapped = TITLE_SYNONYMS[candidate];
    if (mapped !== undefined) return { ok: true, value: mapped };
  }
  if (k.startsWith('特级教师')) {
    return {
      ok: false,
      code: 'TITLE_HONORARY',
      message: '“特级教师”是荣誉称号，不是职称，请填写本人的职称（如“高级教师”“正高级教师”）。',
    };
  }
  if (k === '初级' || k === '初级职称') {
    return {
      ok: false,
      code: 'TITLE_AMBIGUOUS',
      message: '职称“初级”包括二级教师和三级教师，请写明是哪一级。',
    };
  }
  return {
    ok: false,
    code: 'TITLE_INVALID',
    message:
      `职称${quoteValue(collapseSpaces(text))}无法识别。中小学可填写：${SCHOOL_TITLES.join('、')}；` +
      `中职可填写：${VOCATIONAL_TITLES.join('、')}；也可以填写改革前的旧称（如“中学一级教师”“小学高级教师”）。`,
  };
});

// ---------------------------------------------------------------------------------------------
// Employment status

export const EMPLOYMENT_STATUSES: readonly EmploymentStatus[] = [
  '在职',
  '借调',
  '离岗',
  '退休',
  '调出',
];

const STATUS_SYNONYMS: Record<string, EmploymentStatus> = {
  在职: '在职',
  在岗: '在职',
  在编: '在职',
  在编在岗: '在职',
  正常: '在职',
  现职: '在职',
  借调: '借调',
  借用: '借调',
  外借: '借调',
  借出: '借调',
  离岗: '离岗',
  离岗待退: '离岗',
  内退: '离岗',
  病休: '离岗',
  长病假: '离岗',
  长期病假: '离岗',
  退休: '退休',
  已退休: '退休',
  离休: '退休',
  调出: '调出',
  已调出: '调出',
  调离: '调出',
  已调离: '调出',
  调走: '调出',
};

/** Empty means the default, 在职: most rosters only list serving staff and have no such column. */
export const parseEmploymentStatus = memoized(function parseEmploymentStatus(
  text: string,
): Parsed<EmploymentStatus> {
  const k = key(text);
  if (k === '') return { ok: true, value: '在职' };
  const value = STATUS_SYNONYMS[k];
  if (value !== undefined) return { ok: true, value };
  return {
    ok: false,
    code: 'STATUS_INVALID',
    message: `在职状态${quoteValue(collapseSpaces(text))}无法识别，可填写：${EMPLOYMENT_STATUSES.join('、')}。`,
  };
});

// ---------------------------------------------------------------------------------------------
// Gender

const GENDER_SYNONYMS: Record<string, Gender> = {
  男: '男',
  男性: '男',
  m: '男',
  male: '男',
  女: '女',
  女性: '女',
  f: '女',
  female: '女',
};

export const parseGender = memoized(function parseGender(text: string): Parsed<Gender> {
  const value = GENDER_SYNONYMS[key(text)];
  if (value !== undefined) return { ok: true, value };
  return {
    ok: false,
    code: 'GENDER_INVALID',
    message: `性别${quoteValue(collapseSpaces(text))}无法识别，请填写“男”或“女”。`,
  };
});
