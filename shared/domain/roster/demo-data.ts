/**
 * A deterministic fictional workspace (示范省 → 示范市 → districts → schools → teachers) so that a
 * newcomer sees a working app at once, and tests and benchmarks have realistic data. All ID numbers
 * use the unallocated province code 39 and all mobiles the 140/141/144 prefixes, which are not
 * issued as 11-digit phone numbers: the data can never be a real person's.
 */
import { type EmploymentStatus, type OrgKind, type Stage } from '@shared/api/common.schemas';
import { buildIdNumber, daysInMonth, type Gender } from './id-number';
import { type NormalizedTeacher } from './teacher-row';

export interface DemoUnit {
  key: string;
  parentKey: string | null;
  name: string;
  kind: OrgKind;
  code: string;
}

export type DemoTeacher = NormalizedTeacher & { schoolKey: string };

export interface DemoWorkspace {
  units: DemoUnit[];
  teachers: DemoTeacher[];
}

/** mulberry32: tiny, fast, good enough for fixtures, and identical on every platform. */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class Rng {
  private readonly next: () => number;
  constructor(seed: number) {
    this.next = mulberry32(seed);
  }
  float(): number {
    return this.next();
  }
  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
  /** Index biased towards the start of the list (common surnames first). */
  pickSkewed<T>(items: readonly T[], power = 1.8): T {
    const item = items[Math.floor(this.next() ** power * items.length)];
    if (item === undefined) throw new RangeError('pick from an empty list');
    return item;
  }
  weighted<T>(choices: readonly (readonly [T, number])[]): T {
    const total = choices.reduce((sum, [, w]) => sum + w, 0);
    let r = this.next() * total;
    for (const [value, w] of choices) {
      r -= w;
      if (r < 0) return value;
    }
    const last = choices[choices.length - 1];
    if (last === undefined) throw new RangeError('weighted pick from an empty list');
    return last[0];
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i -= 1) {
      const j = Math.floor(this.next() * (i + 1));
      [out[i], out[j]] = [out[j] as T, out[i] as T];
    }
    return out;
  }
}

// ---------------------------------------------------------------------------------------------
// People

const SURNAMES = Array.from(
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤',
);
const GIVEN_FEMALE = Array.from(
  '芳娜敏静丽艳娟霞燕玲婷雪慧颖琳洁倩莉萍红梅兰晶琴英秀华玉佳欣怡悦蕾露瑶璐薇菲月丹宁雯',
);
const GIVEN_MALE = Array.from(
  '伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊峰建国文志林东海龙博晨阳宁帆毅锋昊',
);
const GIVEN_ANY = Array.from('子思雨晓嘉一梓佳文明新春秋安清泽');

/** Year used to turn birth dates into ages for titles; fixed so the data never depends on the clock. */
const REFERENCE_YEAR = 2025;
const BIRTH_FROM = 1965;
const BIRTH_TO = 2001;
/** Places of birth: the fictional province's cities and districts (unallocated code 39). */
const OTHER_AREAS = [
  '390202',
  '390203',
  '390221',
  '390302',
  '390322',
  '390402',
  '390423',
  '390502',
];

export type DemoSchoolType =
  'kindergarten' | 'primary' | 'junior' | 'senior' | 'complete' | 'vocational';

const SUBJECTS: Record<DemoSchoolType, readonly string[]> = {
  kindergarten: ['学前教育'],
  primary: [
    '语文',
    '语文',
    '语文',
    '数学',
    '数学',
    '数学',
    '英语',
    '科学',
    '道德与法治',
    '音乐',
    '体育',
    '美术',
    '信息科技',
    '综合实践',
  ],
  junior: [
    '语文',
    '语文',
    '数学',
    '数学',
    '英语',
    '英语',
    '物理',
    '化学',
    '生物',
    '历史',
    '地理',
    '道德与法治',
    '音乐',
    '体育',
    '美术',
    '信息科技',
    '心理健康',
  ],
  senior: [
    '语文',
    '语文',
    '数学',
    '数学',
    '英语',
    '英语',
    '物理',
    '化学',
    '生物',
    '历史',
    '地理',
    '思想政治',
    '音乐',
    '体育',
    '美术',
    '信息技术',
    '通用技术',
    '心理健康',
  ],
  complete: [
    '语文',
    '数学',
    '英语',
    '物理',
    '化学',
    '生物',
    '历史',
    '地理',
    '道德与法治',
    '思想政治',
    '体育',
    '音乐',
    '美术',
    '信息技术',
  ],
  vocational: [
    '语文',
    '数学',
    '英语',
    '计算机应用',
    '机电技术应用',
    '会计事务',
    '电子商务',
    '汽车运用与维修',
    '护理',
    '数控技术应用',
    '旅游服务与管理',
  ],
};

const FEMALE_SHARE: Record<DemoSchoolType, number> = {
  kindergarten: 0.97,
  primary: 0.76,
  junior: 0.62,
  senior: 0.52,
  complete: 0.55,
  vocational: 0.5,
};

export const STAGES_OF: Record<DemoSchoolType, readonly Stage[]> = {
  kindergarten: ['幼儿园'],
  primary: ['小学'],
  junior: ['初中'],
  senior: ['高中'],
  complete: ['初中', '高中'],
  vocational: ['中职'],
};

type Tier = 0 | 1 | 2 | 3 | 4 | 5;
const SCHOOL_TITLE_BY_TIER = [
  '未定级',
  '三级教师',
  '二级教师',
  '一级教师',
  '高级教师',
  '正高级教师',
] as const;
const VOCATIONAL_TITLE_BY_TIER = [
  '未定级',
  '教员',
  '助理讲师',
  '讲师',
  '高级讲师',
  '正高级讲师',
] as const;

export interface DemoPerson {
  idNumber: string;
  name: string;
  gender: Gender;
  birthDate: string;
  subject: string;
  title: string;
  mobile: string | null;
  employmentStatus: EmploymentStatus;
}

/**
 * Generates people with unique, valid ID numbers. Shared by the demo workspace and the roster
 * fixtures so both stay realistic in the same way.
 */
export class DemoPeople {
  private readonly rng: Rng;
  private readonly usedIds = new Set<string>();
  private readonly otherAreas: readonly string[];

  /**
   * `otherAreas`: birth-place codes used for about a third of the people (the rest are born where
   * they work). Callers that must never collide with the demo workspace pass codes of their own.
   */
  constructor(seed: number, otherAreas: readonly string[] = OTHER_AREAS) {
    this.rng = new Rng(seed ^ 0x5eed);
    this.otherAreas = otherAreas;
  }

  next(type: DemoSchoolType, homeArea: string): DemoPerson {
    const rng = this.rng;
    const gender: Gender = rng.float() < FEMALE_SHARE[type] ? '女' : '男';
    const year = rng.int(BIRTH_FROM, BIRTH_TO);
    const month = rng.int(1, 12);
    const day = rng.int(1, daysInMonth(year, month));
    const birthDate = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
    let idNumber = '';
    for (;;) {
      const area = rng.float() < 0.65 ? homeArea : rng.pick(this.otherAreas);
      const sequence = rng.int(0, 499) * 2 + (gender === '男' ? 1 : 0);
      idNumber = buildIdNumber(area, birthDate, sequence);
      if (!this.usedIds.has(idNumber)) break;
    }
    this.usedIds.add(idNumber);

    const pool = gender === '女' ? GIVEN_FEMALE : GIVEN_MALE;
    const given =
      rng.float() < 0.3
        ? rng.pick(pool)
        : (rng.float() < 0.3 ? rng.pick(GIVEN_ANY) : rng.pick(pool)) + rng.pick(pool);
    const name = rng.pickSkewed(SURNAMES) + given;

    const age = REFERENCE_YEAR - year;
    const tier: Tier =
      age < 25
        ? rng.weighted<Tier>([
            [0, 5],
            [1, 1],
            [2, 4],
          ])
        : age < 33
          ? rng.weighted<Tier>([
              [0, 0.5],
              [2, 6],
              [3, 3.5],
            ])
          : age < 46
            ? rng.weighted<Tier>([
                [2, 1],
                [3, 6],
                [4, 3],
              ])
            : rng.weighted<Tier>([
                [2, 0.2],
                [3, 4],
                [4, 5.5],
                [5, 0.3],
              ]);
    const title = (type === 'vocational' ? VOCATIONAL_TITLE_BY_TIER : SCHOOL_TITLE_BY_TIER)[tier];

    const mobile =
      rng.float() < 0.96
        ? `14${rng.pick(['0', '1', '4'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`
        : null;
    const employmentStatus: EmploymentStatus =
      year <= 1966 && rng.float() < 0.35
        ? '退休'
        : rng.weighted<EmploymentStatus>([
            ['在职', 94],
            ['借调', 2],
            ['离岗', 1.5],
            ['调出', 2.5],
          ]);
    return {
      idNumber,
      name,
      gender,
      birthDate,
      subject: rng.pick(SUBJECTS[type]),
      title,
      mobile,
      employmentStatus,
    };
  }

  /** Stages of one teacher: a complete secondary school's teachers teach 初中, 高中 or both. */
  stagesFor(type: DemoSchoolType): Stage[] {
    if (type !== 'complete') return [...STAGES_OF[type]];
    return this.rng.weighted<Stage[]>([
      [['初中'], 4],
      [['高中'], 4],
      [['初中', '高中'], 2],
    ]);
  }
}

// ---------------------------------------------------------------------------------------------
// Org units

const DISTRICTS: readonly { name: string; county: boolean }[] = [
  { name: '东湖区', county: false },
  { name: '西岭区', county: false },
  { name: '南浦区', county: false },
  { name: '北塘区', county: false },
  { name: '新港区', county: false },
  { name: '青溪县', county: true },
  { name: '枫林县', county: true },
  { name: '云岭县', county: true },
];

const PLACES = Array.from(
  new Set(
    (
      '桂花 文昌 新华 育才 光明 城南 城北 城东 城西 红星 前进 解放路 人民路 建设路 和平 东风 朝阳 滨江 湖滨 青年路 ' +
      '府前 书院 梅园 柳营 桃源 杏坛 龙山 凤凰 花园 长青 星光 阳光 金桥 银湖 锦绣 紫荆 丹桂 清泉 松涛 白鹭 ' +
      '翠屏 望江 启明 明德 博文 崇文 尚德 致远 行知 新城 东城 南门 北门 西关 三里桥 五星 友谊 团结 胜利 幸福'
    ).split(' '),
  ),
);
const TOWNS =
  '城关 石桥 柳林 河口 新集 高岭 马坊 双溪 大营 黄土坡 白马 清水 桥头 杨家 李庄 东坝 西塘 南岗 北湾 上坪 下湾 三河 四方 五里 六合'.split(
    ' ',
  );

const NUMERALS = ['', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
/** 1–99 in Chinese numerals, as in 第十二中学. */
export function chineseNumber(n: number): string {
  if (n < 1 || n > 99 || !Number.isInteger(n)) throw new RangeError('chineseNumber: 1–99');
  if (n <= 10) return NUMERALS[n] ?? '';
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : (NUMERALS[tens] ?? '')}十${NUMERALS[ones] ?? ''}`;
}

interface SchoolPlan {
  type: DemoSchoolType;
  count: [number, number];
  /** Relative size (teachers per school). */
  size: number;
}

const SCHOOL_PLAN: readonly SchoolPlan[] = [
  { type: 'primary', count: [18, 26], size: 70 },
  { type: 'junior', count: [7, 10], size: 85 },
  { type: 'senior', count: [2, 3], size: 160 },
  { type: 'complete', count: [1, 2], size: 170 },
  { type: 'kindergarten', count: [12, 18], size: 22 },
  { type: 'vocational', count: [1, 1], size: 120 },
];

function schoolNameSuffix(
  type: DemoSchoolType,
  county: boolean,
  rng: Rng,
  ordinal: number,
): string {
  const place = county && rng.float() < 0.6 ? `${rng.pick(TOWNS)}镇` : rng.pick(PLACES);
  switch (type) {
    case 'primary':
      if (ordinal === 1) return '实验小学';
      if (ordinal <= 6) return `第${chineseNumber(ordinal - 1)}小学`;
      return place.endsWith('镇') ? `${place}中心小学` : `${place}小学`;
    case 'junior':
      if (ordinal === 1) return '实验初级中学';
      if (ordinal <= 4) return `第${chineseNumber(ordinal - 1)}初级中学`;
      return `${place}初级中学`;
    case 'senior':
      return `第${chineseNumber(ordinal)}高级中学`;
    case 'complete':
      return `第${chineseNumber(ordinal)}中学`;
    case 'kindergarten':
      if (ordinal === 1) return '实验幼儿园';
      if (ordinal <= 5) return `第${chineseNumber(ordinal - 1)}幼儿园`;
      return place.endsWith('镇') ? `${place}中心幼儿园` : `${place}幼儿园`;
    case 'vocational':
      return county ? '职业高级中学' : '中等职业学校';
  }
}

export interface DemoOptions {
  seed: number;
  /** About 30,000 for the demo workspace. */
  teachers: number;
}

/** The demo workspace's top unit: its presence means the demo data already exists. */
export const DEMO_ROOT_NAME = '示范省';

/** The whole fictional workspace; the same options always give the same output. */
export function generateDemoWorkspace(options: DemoOptions): DemoWorkspace {
  const rng = new Rng(options.seed);
  const units: DemoUnit[] = [
    { key: 'p', parentKey: null, name: DEMO_ROOT_NAME, kind: 'province', code: '390000' },
    { key: 'c', parentKey: 'p', name: '示范市', kind: 'city', code: '390100' },
  ];
  const schools: { unit: DemoUnit; type: DemoSchoolType; weight: number; area: string }[] = [];

  const districtCount = rng.int(6, 8);
  const districts = DISTRICTS.slice(0, districtCount);
  let nextDistrictCode = 2;
  let nextCountyCode = 21;
  districts.forEach((district, d) => {
    const areaCode = `3901${String(district.county ? nextCountyCode++ : nextDistrictCode++).padStart(2, '0')}`;
    const districtKey = `d${d + 1}`;
    units.push({
      key: districtKey,
      parentKey: 'c',
      name: `示范市${district.name}`,
      kind: 'district',
      code: areaCode,
    });
    const prefix = `示范市${district.name}`;
    const names = new Set<string>();
    let seq = 0;
    for (const plan of SCHOOL_PLAN) {
      const count = rng.int(plan.count[0], plan.count[1]);
      for (let ordinal = 1, made = 0, tries = 0; made < count && tries < count * 20; tries += 1) {
        const name = prefix + schoolNameSuffix(plan.type, district.county, rng, ordinal);
        if (names.has(name)) continue;
        names.add(name);
        ordinal += 1;
        made += 1;
        seq += 1;
        const unit: DemoUnit = {
          key: `${districtKey}s${seq}`,
          parentKey: districtKey,
          name,
          kind: 'school',
          code: `${areaCode}${String(seq).padStart(4, '0')}`,
        };
        units.push(unit);
        schools.push({
          unit,
          type: plan.type,
          weight: plan.size * (0.6 + rng.float() * 0.8),
          area: areaCode,
        });
      }
    }
  });

  // Teachers per school in proportion to the schools' sizes; the remainder goes to the largest.
  const totalWeight = schools.reduce((sum, s) => sum + s.weight, 0);
  const perSchool = schools.map((s) => Math.floor((options.teachers * s.weight) / totalWeight));
  let remainder = options.teachers - perSchool.reduce((sum, n) => sum + n, 0);
  const bySize = schools.map((s, i) => ({ i, w: s.weight })).sort((a, b) => b.w - a.w || a.i - b.i);
  for (let k = 0; remainder > 0; k = (k + 1) % bySize.length, remainder -= 1) {
    const i = bySize[k]?.i ?? 0;
    perSchool[i] = (perSchool[i] ?? 0) + 1;
  }

  const people = new DemoPeople(options.seed);
  const teachers: DemoTeacher[] = [];
  schools.forEach((school, i) => {
    for (let n = 0; n < (perSchool[i] ?? 0); n += 1) {
      const person = people.next(school.type, school.area);
      teachers.push({
        ...person,
        schoolName: school.unit.name,
        schoolKey: school.unit.key,
        stages: people.stagesFor(school.type),
      });
    }
  });
  return { units, teachers };
}
