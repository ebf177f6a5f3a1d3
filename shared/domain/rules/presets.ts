/**
 * Presets: the rules of the source notices (docs/domain-rules.md R1–R5) written as rule sets, with
 * stable ids. They are examples an office clones and adjusts for next year's project; every
 * choice (选择) of docs/domain-rules.md is a field here, set as described there.
 */
import type { AssessmentRuleSet } from './assessment';
import type { CalendarRuleSet } from './calendar';
import type { RuleSource } from './common';
import type { CreditsRuleSet } from './credits';
import type { PointsAction, PointsAward, PointsCap, PointsRuleSet } from './points';
import type { QuotaPolicyRuleSet } from './quota-policy';
import { kindsOf, type PartKind, type RuleSet } from './rule-set';

// ---------------------------------------------------------------------------------------------
// R1 Provincial online subject training (Jiangsu S20230304)

const jiangsuSource: RuleSource = {
  title: '关于做好2023年省中小学（幼儿园）教师学科类在线学习的通知',
  reference: '苏师干训〔2023〕25号',
  issuer: null,
  date: null,
};

const jiangsuAssessment: AssessmentRuleSet = {
  kind: 'assessment',
  version: 1,
  id: 'jiangsu-online-2023-assessment',
  name: '省学科类在线学习考核（2023）',
  description:
    '观看课程学习时间 50%（达到项目设定学时得满分，未达按比例），课程作业 32%（客观题 10%、主观题 20%、优秀作业 2%），互动交流 18%；80 分及以上合格，90 分及以上可评优秀学员（另需人工评定定性条件）。作业引用超过 30% 判为抄袭：本次不合格，本年度内不得参加其他省级教师在线培训项目。要求学时为示例值（30 学时 × 60 分钟），请按项目设定修改。',
  source: jiangsuSource,
  metrics: [
    { key: 'watchMinutes', label: '观看时长', unit: '分钟', type: 'number' },
    { key: 'homeworkObjective', label: '客观题作业得分', unit: '分', type: 'number' },
    { key: 'homeworkSubjective', label: '主观题作业得分', unit: '分', type: 'number' },
    { key: 'isExcellentHomework', label: '优秀作业', unit: '', type: 'flag' },
    { key: 'interactionScore', label: '互动交流得分', unit: '分', type: 'number' },
    { key: 'quotedPercent', label: '作业引用比例', unit: '%', type: 'number' },
  ],
  scoring: {
    components: [
      {
        key: 'watch',
        label: '观看课程学习时间',
        section: null,
        maxPoints: 50,
        isBonus: false,
        type: 'target',
        metric: 'watchMinutes',
        target: 1800,
        belowTarget: 'proportional',
      },
      {
        key: 'homeworkObjective',
        label: '课程作业：客观题',
        section: '课程作业',
        maxPoints: 10,
        isBonus: false,
        type: 'percent',
        metric: 'homeworkObjective',
      },
      {
        key: 'homeworkSubjective',
        label: '课程作业：主观题',
        section: '课程作业',
        maxPoints: 20,
        isBonus: false,
        type: 'percent',
        metric: 'homeworkSubjective',
      },
      {
        key: 'excellentHomework',
        label: '课程作业：优秀作业',
        section: '课程作业',
        maxPoints: 2,
        isBonus: false,
        type: 'flag',
        metrics: ['isExcellentHomework'],
      },
      {
        key: 'interaction',
        label: '互动交流、参与活动',
        section: null,
        maxPoints: 18,
        isBonus: false,
        type: 'percent',
        metric: 'interactionScore',
      },
    ],
    passMark: 80,
    excellentMark: 90,
    excellentNeedsReview: true,
    decimals: 2,
  },
  gates: [],
  plagiarism: {
    metric: 'quotedPercent',
    maxPercent: 30,
    ban: 'rest-of-calendar-year',
    banScope: '其他省级教师在线培训项目',
  },
  creditHoursOnPass: 0,
  selection: null,
  groupLimits: [],
};

const jiangsuCalendar: CalendarRuleSet = {
  kind: 'calendar',
  version: 1,
  id: 'jiangsu-online-2023-calendar',
  name: '省学科类在线学习批次日历（2023）',
  description:
    '7月16日至12月5日共 9 期，每期 20 天，开班日为每月 1 日或 16 日；开班日前 5 天内完成报名（开班前第 5 天至前 1 天）；当期结束前可换人或退回报名；7月7日之前提交全年各期配额；同一教师原则上不得连续 2 年参加同一项目（提醒，管理员可说明理由后继续）。',
  source: jiangsuSource,
  batches: { mode: 'regular', firstStart: '07-16', count: 9, startDays: [1, 16], lengthDays: 20 },
  enrollment: { opensDaysBefore: 5, closesDaysBefore: 1 },
  changeCutoff: { relativeTo: 'end', offsetDays: 0 },
  quotaDeadline: { monthDay: '07-07', isInclusive: false },
  repeatEnrollment: 'warn',
};

const jiangsuQuota: QuotaPolicyRuleSet = {
  kind: 'quota-policy',
  version: 1,
  id: 'jiangsu-online-2023-quota',
  name: '省学科类在线学习配额（2023）',
  description:
    '市项目办向区县、区县向学校下发配额：按教师人数比例、最大余数法分配；各级下发合计不得超过本级配额；各市参训人数不低于本市教师总数的 10%。',
  source: jiangsuSource,
  allocation: { basis: 'teachers', tieBreak: 'larger-basis-then-id', defaultMinimum: 0 },
  checkChildSums: true,
  coverageFloor: { orgKind: 'city', minPercent: 10, measure: 'participants' },
};

const jiangsuOnline2023: RuleSet = {
  kind: 'bundle',
  version: 1,
  id: 'jiangsu-online-2023',
  name: '江苏省中小学（幼儿园）教师学科类在线学习（2023）',
  description:
    '考核（80 分合格、90 分优秀、抄袭判定）、9 期批次日历与报名时限、配额分配与 10% 参训覆盖下限。',
  source: jiangsuSource,
  parts: [jiangsuAssessment, jiangsuCalendar, jiangsuQuota],
};

// ---------------------------------------------------------------------------------------------
// R2 Taizhou Shishuo all-staff online training

const taizhouShishuo2023: AssessmentRuleSet = {
  kind: 'assessment',
  version: 1,
  id: 'taizhou-shishuo-2023',
  name: '《泰州师说》全员网络培训考核（2023）',
  description:
    '三项全部合格才算完成：学时考核（本学段九门课程全部完成）、讨论考核（至少 10 条有效回帖，每条不少于 20 个字符，须在主题截止时间前发表，自己发起的主题不计）、客观题考核（最多 3 次，最好成绩 60 分及以上）。合格获 25 学时市级继续教育学时。',
  source: {
    title: '关于组织开展2023年《泰州师说》全员培训活动的通知',
    reference: null,
    issuer: '泰州市教育局办公室',
    date: '2023-07-04',
  },
  metrics: [],
  scoring: null,
  gates: [
    { key: 'courses', label: '学时考核', type: 'courses', required: 9, ownStageOnly: true },
    {
      key: 'discussion',
      label: '讨论考核',
      type: 'replies',
      required: 10,
      minChars: 20,
      charCounting: 'all',
      isDeadlineInclusive: true,
      countsTopics: false,
    },
    { key: 'test', label: '客观题考核', type: 'best-attempt', maxAttempts: 3, passScore: 60 },
  ],
  plagiarism: null,
  creditHoursOnPass: 25,
  selection: null,
  groupLimits: [],
};

// ---------------------------------------------------------------------------------------------
// R3 Taizhou Education Life Cloud research points

const lifecloudSource: RuleSource = {
  title:
    '市教育局关于印发《“泰州教育生活云”平台研修积分办法（试行）》和《“泰州教育生活云”平台研修积分激励办法（试行）》的通知',
  reference: '泰教师〔2020〕14号',
  issuer: '泰州市教育局',
  date: null,
};

type ActionSpec = Omit<
  PointsAction,
  'roles' | 'tiers' | 'minDuration' | 'minQuantity' | 'oncePer' | 'timing' | 'streak'
> &
  Partial<PointsAction>;

function action(spec: ActionSpec): PointsAction {
  return {
    roles: null,
    tiers: null,
    minDuration: null,
    minQuantity: null,
    oncePer: null,
    timing: null,
    streak: null,
    ...spec,
  };
}

function cap(
  id: string,
  per: PointsCap['per'],
  max: number,
  actions: string[],
  label: string | null = null,
): PointsCap {
  return { id, label, per, max, actions };
}

const ownerActions: PointsAction[] = [
  action({ code: 'login', label: '每日登录', points: 1 }),
  action({
    code: 'cityActivity',
    label: '组织参加市、市（区）研修活动',
    points: 0,
    tiers: [
      { minRate: 60, points: 5 },
      { minRate: 70, points: 7 },
      { minRate: 80, points: 9 },
      { minRate: 90, points: 15 },
    ],
    timing: { type: 'by-deadline' },
  }),
  action({
    code: 'ownActivity',
    label: '发布并开展工作坊研修活动',
    points: 0,
    tiers: [
      { minRate: 60, points: 2 },
      { minRate: 70, points: 3 },
      { minRate: 80, points: 4 },
      { minRate: 90, points: 6 },
    ],
    timing: { type: 'by-deadline' },
  }),
  action({
    code: 'briefReport',
    label: '上传活动简报',
    points: 3,
    timing: { type: 'within-days-after-deadline', days: 7 },
  }),
  action({ code: 'recommendResource', label: '推荐成员上传的优质资源', points: 2 }),
  action({ code: 'acceptedAnswer', label: '回答求助被采纳', points: 1 }),
  action({ code: 'shareHotTopic', label: '分享已采纳求助到热点问题', points: 1 }),
  action({ code: 'unansweredRequest', label: '成员求助 1 天未获回答', points: -1 }),
];

const ownerCaps: PointsCap[] = [
  cap('loginDaily', 'day', 1, ['login']),
  cap('cityActivityEach', 'activity', 15, ['cityActivity']),
  cap('ownActivityMonthly', 'month', 10, ['ownActivity']),
  cap('briefReportDaily', 'day', 3, ['briefReport']),
  cap('recommendDaily', 'day', 6, ['recommendResource']),
  // docs/domain-rules.md R3 (choice): the unanswered-request penalty counts inside the 5 / day net cap.
  cap('answerDaily', 'day', 5, ['acceptedAnswer', 'shareHotTopic', 'unansweredRequest']),
];

const memberActions: PointsAction[] = [
  action({ code: 'login', label: '每日登录', points: 1 }),
  action({
    code: 'cityTask',
    label: '按时完成市、市（区）研修活动任务',
    points: 10,
    timing: { type: 'by-deadline' },
  }),
  action({
    code: 'workshopTask',
    label: '按时完成工作坊研修活动任务',
    points: 5,
    timing: { type: 'by-deadline' },
  }),
  action({
    code: 'readDocument',
    label: '有效阅读文档资源',
    points: 1,
    minDuration: { minutes: 3, isInclusive: true },
    oncePer: 'resource',
  }),
  action({
    code: 'watchVideo',
    label: '有效观看视频资源',
    points: 2,
    minDuration: { minutes: 5, isInclusive: true },
  }),
  action({ code: 'uploadDocument', label: '上传文档资源到共享资源', points: 1 }),
  action({
    code: 'uploadVideo',
    label: '上传视频资源（大于 5 分钟）到共享资源',
    points: 3,
    minDuration: { minutes: 5, isInclusive: false },
  }),
  action({ code: 'uploadRecommended', label: '上传资源被坊主推荐', points: 3 }),
  action({ code: 'requestShared', label: '已采纳的求助被坊主推荐分享', points: 2 }),
  action({ code: 'requestNoResponse', label: '两天内未回应他人对求助的回答', points: -1 }),
  action({ code: 'acceptedAnswer', label: '回答他人求助被采纳', points: 1 }),
  action({ code: 'comment', label: '参与研修活动讨论发表意见', points: 1 }),
];

const memberCaps: PointsCap[] = [
  cap('loginDaily', 'day', 1, ['login']),
  cap('taskDaily', 'day', 15, ['cityTask', 'workshopTask']),
  cap('readDaily', 'day', 5, ['readDocument']),
  cap('videoDaily', 'day', 6, ['watchVideo']),
  cap('uploadDaily', 'day', 6, ['uploadDocument', 'uploadVideo', 'uploadRecommended']),
  cap('requestDaily', 'day', 4, ['requestShared', 'requestNoResponse']),
  cap('answerDaily', 'day', 4, ['acceptedAnswer']),
  cap('commentDaily', 'day', 3, ['comment']),
];

const lifecloudLevels: PointsRuleSet['levels'] = [
  { minPoints: 500, name: '网络研修二级教师' },
  { minPoints: 1000, name: '网络研修一级教师' },
  { minPoints: 5000, name: '网络研修高级教师' },
  { minPoints: 10000, name: '网络研修正高级教师' },
  { minPoints: 15000, name: '网络研修特级教师' },
];

const lifecloudConversion: PointsRuleSet['conversion'] = {
  pointsPerStep: 100,
  hoursPerStep: 5,
  rounding: 'floor-steps',
};

const excellentOwners: PointsAward = {
  id: 'excellentOwner',
  label: '优秀工作坊坊主',
  subject: 'person',
  groupBy: null,
  roles: ['owner'],
  sharePercent: 30,
  measure: 'total',
  tieRule: 'include-ties',
};

const excellentLearners: PointsAward = {
  id: 'excellentLearner',
  label: '优秀学员',
  subject: 'person',
  groupBy: 'projectId',
  roles: null,
  sharePercent: 10,
  measure: 'total',
  tieRule: 'include-ties',
};

const excellentSchools: PointsAward = {
  id: 'excellentSchool',
  label: '优秀组织学校',
  subject: 'group',
  groupBy: 'schoolId',
  roles: null,
  sharePercent: 30,
  measure: 'mean',
  tieRule: 'include-ties',
};

const excellentWorkshops: PointsAward = {
  id: 'excellentWorkshop',
  label: '优秀工作坊',
  subject: 'group',
  groupBy: 'workshopId',
  roles: null,
  sharePercent: 30,
  measure: 'mean',
  tieRule: 'include-ties',
};

const lifecloudIncentives =
  '年底每满 100 分认定 5 个市级继续教育学时（不足 100 分的部分不折算）；积分达 500 / 1000 / 5000 / 10000 / 15000 分分别晋升网络研修二级、一级、高级、正高级、特级教师。评选按积分排名，取前 n × 比例名（向上取整），名额边界并列者均入选。';

const lifecloudOwner: PointsRuleSet = {
  kind: 'points',
  version: 1,
  id: 'taizhou-lifecloud-owner-2020',
  name: '“泰州教育生活云”研修积分：工作坊坊主（2020 试行）',
  description: `坊主积分：每日登录 1 分；组织参加市、市（区）活动按成员完成率 60%/70%/80%/90% 计 5/7/9/15 分（每次上限 15 分）；发布活动按完成率计 2/3/4/6 分（每月上限 10 分）；活动截止后一周内上传简报 3 分（每日上限 3 分）；推荐资源 2 分（每日上限 6 分）；回答被采纳、分享热点各 1 分，成员求助 1 天无人回答扣 1 分，三项合计每日上限 5 分（扣分计入上限）。延期活动只按原定截止时间计分。${lifecloudIncentives}优秀坊主：坊主积分前 30%。`,
  source: lifecloudSource,
  timeZoneOffsetMinutes: 480,
  weekStartsOn: 1,
  window: null,
  roles: [{ code: 'owner', label: '坊主' }],
  actions: ownerActions,
  caps: ownerCaps,
  conversion: lifecloudConversion,
  levels: lifecloudLevels,
  awards: [excellentOwners],
  normalization: null,
};

const lifecloudMember: PointsRuleSet = {
  kind: 'points',
  version: 1,
  id: 'taizhou-lifecloud-member-2020',
  name: '“泰州教育生活云”研修积分：工作坊成员（2020 试行）',
  description: `坊员积分：每日登录 1 分；截止前完成市、市（区）活动任务 10 分、工作坊活动任务 5 分（合计每日上限 15 分）；有效阅读文档（不少于 3 分钟，同一资源只计 1 次）1 分（每日上限 5 分）；有效观看视频（不少于 5 分钟）2 分（每日上限 6 分）；上传文档 1 分、上传大于 5 分钟的视频 3 分、上传被坊主推荐 3 分（合计每日上限 6 分）；求助被推荐分享 2 分、两天内未回应扣 1 分（合计每日上限 4 分）；回答被采纳 1 分（每日上限 4 分）；参与讨论 1 分（每日上限 3 分）。${lifecloudIncentives}优秀学员：按研修项目取积分前 10%；优秀组织学校：学校教师平均积分前 30%。`,
  source: lifecloudSource,
  timeZoneOffsetMinutes: 480,
  weekStartsOn: 1,
  window: null,
  roles: [{ code: 'member', label: '坊员' }],
  actions: memberActions,
  caps: memberCaps,
  conversion: lifecloudConversion,
  levels: lifecloudLevels,
  awards: [excellentLearners, excellentSchools],
  normalization: null,
};

/** Both catalogues in one rule set, actions scoped by role, so workshop means cover everyone. */
function scoped(
  role: string,
  actions: PointsAction[],
  caps: PointsCap[],
): { actions: PointsAction[]; caps: PointsCap[] } {
  const code = (value: string) => `${role}-${value}`;
  return {
    actions: actions.map((entry) => ({ ...entry, code: code(entry.code), roles: [role] })),
    caps: caps.map((entry) => ({ ...entry, id: code(entry.id), actions: entry.actions.map(code) })),
  };
}

const ownerScoped = scoped('owner', ownerActions, ownerCaps);
const memberScoped = scoped('member', memberActions, memberCaps);

const lifecloudCombined: PointsRuleSet = {
  kind: 'points',
  version: 1,
  id: 'taizhou-lifecloud-2020',
  name: '“泰州教育生活云”研修积分：坊主与坊员合并（2020 试行）',
  description: `坊主与坊员两套积分规则合在一起，用于需要全体人员积分的评选：优秀工作坊（坊主与坊员平均积分前 30%）、优秀坊主（前 30%）、优秀学员（按项目前 10%）、优秀组织学校（教师平均积分前 30%）。${lifecloudIncentives}`,
  source: lifecloudSource,
  timeZoneOffsetMinutes: 480,
  weekStartsOn: 1,
  window: null,
  roles: [
    { code: 'owner', label: '坊主' },
    { code: 'member', label: '坊员' },
  ],
  actions: [...ownerScoped.actions, ...memberScoped.actions],
  caps: [...ownerScoped.caps, ...memberScoped.caps],
  conversion: lifecloudConversion,
  levels: lifecloudLevels,
  awards: [excellentWorkshops, excellentOwners, excellentLearners, excellentSchools],
  normalization: null,
};

// ---------------------------------------------------------------------------------------------
// R4 Licheng excellent online learning space

const lichengSource: RuleSource = {
  title: '泉州市鲤城区教育局关于开展2022年度鲤城区优秀教师网络学习空间征集活动的通知',
  reference: null,
  issuer: '泉州市鲤城区教育局',
  date: null,
};

const weekly = (id: string, max: number, actions: string[]) => cap(id, 'week', max, actions);

const lichengDepthIndex: PointsRuleSet = {
  kind: 'points',
  version: 1,
  id: 'licheng-depth-index-2022',
  name: '教师深度应用指数（鲤城 2022）',
  description:
    '统计期 2022年1月1日至11月10日，按周（周一至周日）封顶：登录每天 1 分，连续第 8 天起每天 2 分，中断重新计算（每周上限 14）；信息完善 20 分、班级组建（不少于 10 人）50 分每年各 1 次；资源上传、空间记录、成果传播、习惯养成各 1 分（每周上限 5）；教学成果文章 5 分（每周 1 次）；互动授课（不少于 15 分钟）、导学检测（不少于 10 人）、练习批阅（不少于 10 人）、班级通知（不少于 10 个账号）各 5 分（每周 2 次）；收藏教材资源（不少于 5 个）2 分（每周 1 次）；原创课件 10 分（每周 1 次）；班级活动、教研活动各 5 分（每周 1 次）；校园办公 1 分（每周上限 10）。空间深度应用指数得分 = 5 +（指数 − 最低指数）/（最高指数 − 最低指数）× 35；全体指数相同时均得 40 分。',
  source: lichengSource,
  timeZoneOffsetMinutes: 480,
  weekStartsOn: 1,
  window: { from: '2022-01-01', to: '2022-11-10' },
  roles: [],
  actions: [
    action({
      code: 'login',
      label: '空间登录',
      points: 1,
      oncePer: 'day',
      streak: { fromDay: 8, points: 2 },
    }),
    action({ code: 'profileComplete', label: '信息完善', points: 20, oncePer: 'year' }),
    action({ code: 'resourceUpload', label: '资源建设（上传并公开）', points: 1 }),
    action({ code: 'albumPost', label: '空间记录（相册/班级圈）', points: 1 }),
    action({ code: 'outcomeArticle', label: '教学成果文章', points: 5 }),
    action({ code: 'outcomeShare', label: '成果传播', points: 1 }),
    action({
      code: 'interactiveLesson',
      label: '互动授课',
      points: 5,
      minDuration: { minutes: 15, isInclusive: true },
    }),
    action({
      code: 'guidedTest',
      label: '导学检测',
      points: 5,
      minQuantity: { value: 10, unit: '人' },
    }),
    action({
      code: 'grading',
      label: '练习批阅',
      points: 5,
      minQuantity: { value: 10, unit: '人' },
    }),
    action({
      code: 'textbookFavourites',
      label: '资源检索（收藏教材资源）',
      points: 2,
      minQuantity: { value: 5, unit: '个' },
    }),
    action({ code: 'courseware', label: '原创课件制作', points: 10 }),
    action({
      code: 'classFormed',
      label: '班级组建',
      points: 50,
      oncePer: 'year',
      minQuantity: { value: 10, unit: '人' },
    }),
    action({
      code: 'classNotice',
      label: '班级通知',
      points: 5,
      minQuantity: { value: 10, unit: '个账号' },
    }),
    action({ code: 'classActivity', label: '班级活动', points: 5 }),
    action({ code: 'habitCheckIn', label: '习惯养成打卡', points: 1 }),
    action({ code: 'researchActivity', label: '教研活动', points: 5 }),
    action({ code: 'campusOffice', label: '校园办公', points: 1 }),
  ],
  caps: [
    weekly('loginWeekly', 14, ['login']),
    weekly('resourceUploadWeekly', 5, ['resourceUpload']),
    weekly('albumPostWeekly', 5, ['albumPost']),
    weekly('outcomeArticleWeekly', 5, ['outcomeArticle']),
    weekly('outcomeShareWeekly', 5, ['outcomeShare']),
    weekly('interactiveLessonWeekly', 10, ['interactiveLesson']),
    weekly('guidedTestWeekly', 10, ['guidedTest']),
    weekly('gradingWeekly', 10, ['grading']),
    weekly('textbookFavouritesWeekly', 2, ['textbookFavourites']),
    weekly('coursewareWeekly', 10, ['courseware']),
    weekly('classNoticeWeekly', 10, ['classNotice']),
    weekly('classActivityWeekly', 5, ['classActivity']),
    weekly('habitCheckInWeekly', 5, ['habitCheckIn']),
    weekly('researchActivityWeekly', 5, ['researchActivity']),
    weekly('campusOfficeWeekly', 10, ['campusOffice']),
  ],
  conversion: null,
  levels: [],
  awards: [],
  normalization: { minScore: 5, maxScore: 40, whenAllEqual: 40, decimals: 2, groupBy: null },
};

const lichengSpaceEvaluation: AssessmentRuleSet = {
  kind: 'assessment',
  version: 1,
  id: 'licheng-space-evaluation-2022',
  name: '优秀教师网络学习空间评价（鲤城 2022）',
  description:
    '总分 100 + 加分 20：空间建设与融合应用 60（原创精品课程 25、线上交流互动 10、教学活动开展 15、特色创新 10，专家评分）；深度应用指数 40（5 +（指数 − 最低）/（最高 − 最低）× 35，全体相同时均得 40）；加分项 20（经验推广 5、校本支撑 5（超级管理员或特色应用负责人满一年，每校各限 1 人）、教研成果 5、班级应用 5 = 班级空间 1 + 班级资源 50 份以上 2 + 班级文章 20 篇以上 2）。前提：原创微课不少于 5 节且时长符合学段（幼儿园 5–10 分钟、小学 10–15 分钟、中学 15–20 分钟），教学活动不少于 2 项且每项作品不少于 10 个。区级评选 25 个空间，名额边界并列者均入选。',
  source: lichengSource,
  metrics: [
    { key: 'microCourseScore', label: '原创精品课程共享评分', unit: '分', type: 'number' },
    { key: 'interactionScore', label: '线上交流互动评分', unit: '分', type: 'number' },
    { key: 'activityScore', label: '教学活动开展评分', unit: '分', type: 'number' },
    { key: 'innovationScore', label: '特色创新评分', unit: '分', type: 'number' },
    { key: 'depthIndex', label: '深度应用指数', unit: '分', type: 'number' },
    { key: 'isInvitedLecturer', label: '受邀担任县级以上空间主题培训讲师', unit: '', type: 'flag' },
    { key: 'isSuperAdminOverOneYear', label: '学校超级管理员满一年', unit: '', type: 'flag' },
    {
      key: 'isFeatureLeadOverOneYear',
      label: '学校空间特色应用负责人满一年',
      unit: '',
      type: 'flag',
    },
    { key: 'hasResearchOutcome', label: '空间应用相关课题或论文', unit: '', type: 'flag' },
    { key: 'hasClassSpace', label: '班主任且建有特色班级空间', unit: '', type: 'flag' },
    { key: 'classResources', label: '2022 年班级资源共享量', unit: '份', type: 'number' },
    { key: 'classArticles', label: '班级文章', unit: '篇', type: 'number' },
  ],
  scoring: {
    components: [
      {
        key: 'microCourses',
        label: '原创精品课程共享',
        section: '空间建设与融合应用',
        maxPoints: 25,
        isBonus: false,
        type: 'points',
        metric: 'microCourseScore',
      },
      {
        key: 'interaction',
        label: '线上交流互动',
        section: '空间建设与融合应用',
        maxPoints: 10,
        isBonus: false,
        type: 'points',
        metric: 'interactionScore',
      },
      {
        key: 'activities',
        label: '教学活动开展',
        section: '空间建设与融合应用',
        maxPoints: 15,
        isBonus: false,
        type: 'points',
        metric: 'activityScore',
      },
      {
        key: 'innovation',
        label: '特色创新',
        section: '空间建设与融合应用',
        maxPoints: 10,
        isBonus: false,
        type: 'points',
        metric: 'innovationScore',
      },
      {
        key: 'depthIndex',
        label: '年度深度应用指数',
        section: '深度应用指数',
        maxPoints: 40,
        isBonus: false,
        type: 'normalized',
        metric: 'depthIndex',
        minPoints: 5,
        whenAllEqual: 40,
      },
      {
        key: 'experience',
        label: '经验推广',
        section: '社会影响力（加分项）',
        maxPoints: 5,
        isBonus: true,
        type: 'flag',
        metrics: ['isInvitedLecturer'],
      },
      {
        key: 'schoolSupport',
        label: '校本支撑',
        section: '社会影响力（加分项）',
        maxPoints: 5,
        isBonus: true,
        type: 'flag',
        metrics: ['isSuperAdminOverOneYear', 'isFeatureLeadOverOneYear'],
      },
      {
        key: 'research',
        label: '教研成果',
        section: '社会影响力（加分项）',
        maxPoints: 5,
        isBonus: true,
        type: 'flag',
        metrics: ['hasResearchOutcome'],
      },
      {
        key: 'classSpace',
        label: '班级应用：班级空间',
        section: '社会影响力（加分项）',
        maxPoints: 1,
        isBonus: true,
        type: 'flag',
        metrics: ['hasClassSpace'],
      },
      {
        key: 'classResources',
        label: '班级应用：班级资源 50 份以上',
        section: '社会影响力（加分项）',
        maxPoints: 2,
        isBonus: true,
        type: 'threshold',
        metric: 'classResources',
        min: 50,
      },
      {
        key: 'classArticles',
        label: '班级应用：班级文章 20 篇以上',
        section: '社会影响力（加分项）',
        maxPoints: 2,
        isBonus: true,
        type: 'threshold',
        metric: 'classArticles',
        min: 20,
      },
    ],
    passMark: null,
    excellentMark: null,
    excellentNeedsReview: false,
    decimals: 2,
  },
  gates: [
    {
      key: 'microCourseCount',
      label: '原创精品微课',
      type: 'items',
      item: 'microCourseMinutes',
      itemLabel: '原创微课',
      countUnit: '节',
      valueUnit: '分钟',
      minCount: 5,
      each: { min: null, max: null },
      eachByStage: {
        幼儿园: { min: 5, max: 10 },
        小学: { min: 10, max: 15 },
        初中: { min: 15, max: 20 },
        高中: { min: 15, max: 20 },
      },
    },
    {
      key: 'activityCount',
      label: '教学活动',
      type: 'items',
      item: 'activityWorks',
      itemLabel: '教学活动',
      countUnit: '项',
      valueUnit: '个作品',
      minCount: 2,
      each: { min: 10, max: null },
      eachByStage: null,
    },
  ],
  plagiarism: null,
  creditHoursOnPass: 0,
  selection: { top: 25, tieRule: 'include-ties', requirePass: true },
  groupLimits: [
    { metric: 'isSuperAdminOverOneYear', groupBy: 'schoolId', max: 1 },
    { metric: 'isFeatureLeadOverOneYear', groupBy: 'schoolId', max: 1 },
  ],
};

// ---------------------------------------------------------------------------------------------
// R5 Qingdao credits

const qingdaoCredits2018: CreditsRuleSet = {
  kind: 'credits',
  version: 1,
  id: 'qingdao-credits-2018',
  name: '中小学教师继续教育学分（青岛 2018）',
  description:
    '1 小时 = 1 学时 = 1 学分，每天不超过 8 学分（校本培训每天不超过 6 学分）；五年一周期不少于 360 学分，其中校本培训最多计 120 学分、A 类（市级）不少于 240 学分；每年不少于 48 学分，仅用于年度考核（不足不得评为优秀）。职称评审：初级近 1 年 ≥ 72；中级任职 1 年近 1 年 ≥ 72、任职 3 年近 3 年 ≥ 216、任职 4 年及以上近 4 年 ≥ 288；高级、正高级近 5 年 ≥ 360。教师资格每五年注册需周期 360 学分，否则暂缓注册；评优评先需近 5 年 ≥ 360。每位教师 5 年内参加市级个性化培训不少于 3 次。“近 N 年”按申报日前 N 年滚动计算；任职 2 年的中级按任职 1 年的要求。',
  source: {
    title: '关于做好2018年中小学幼儿园教师培训工作的通知',
    reference: null,
    issuer: '青岛市市南区教育研究中心',
    date: '2018-04-13',
  },
  categories: [
    { code: 'A', label: 'A 类（市级）' },
    { code: 'B', label: 'B 类（区市级）' },
    { code: 'school', label: '校本培训' },
  ],
  dailyCaps: [
    { categories: null, max: 8, label: null },
    { categories: ['school'], max: 6, label: null },
  ],
  yearlyMinimum: 48,
  cycle: { years: 5, minimum: 360, firstStartYear: 2018, requireYearlyMinimum: false },
  categoryBounds: [
    { label: '校本培训学分', categories: ['school'], maxCounted: 120, minRequired: null },
    { label: 'A 类学分', categories: ['A'], maxCounted: null, minRequired: 240 },
  ],
  windowMode: 'rolling',
  titleRules: [
    { title: '初级', minTenureYears: 0, lookbackYears: 1, minimum: 72, applyCategoryBounds: false },
    { title: '中级', minTenureYears: 0, lookbackYears: 1, minimum: 72, applyCategoryBounds: false },
    {
      title: '中级',
      minTenureYears: 3,
      lookbackYears: 3,
      minimum: 216,
      applyCategoryBounds: false,
    },
    {
      title: '中级',
      minTenureYears: 4,
      lookbackYears: 4,
      minimum: 288,
      applyCategoryBounds: false,
    },
    { title: '高级', minTenureYears: 0, lookbackYears: 5, minimum: 360, applyCategoryBounds: true },
    {
      title: '正高级',
      minTenureYears: 0,
      lookbackYears: 5,
      minimum: 360,
      applyCategoryBounds: true,
    },
  ],
  certificateRenewal: { applyCategoryBounds: true },
  honours: { lookbackYears: 5, minimum: 360, applyCategoryBounds: true },
  personalizedTraining: { minimumTimes: 3, years: 5 },
};

// ---------------------------------------------------------------------------------------------
// Registry

interface PresetEntry {
  ruleSet: RuleSet;
  /** File in shared/seeds the rule comes from. */
  document: string;
  rule: string;
}

const PRESETS: readonly PresetEntry[] = [
  { ruleSet: jiangsuOnline2023, document: '003_9a74b9db192bba56.txt', rule: 'R1' },
  { ruleSet: taizhouShishuo2023, document: '001_c84ae349880cb980.txt', rule: 'R2' },
  { ruleSet: lifecloudOwner, document: '000_7429ecf55048db0c.txt', rule: 'R3' },
  { ruleSet: lifecloudMember, document: '000_7429ecf55048db0c.txt', rule: 'R3' },
  { ruleSet: lifecloudCombined, document: '000_7429ecf55048db0c.txt', rule: 'R3' },
  { ruleSet: lichengDepthIndex, document: '002_237a09908ba59cc1.txt', rule: 'R4' },
  { ruleSet: lichengSpaceEvaluation, document: '002_237a09908ba59cc1.txt', rule: 'R4' },
  { ruleSet: qingdaoCredits2018, document: '004_0a3503dc2640171d.txt', rule: 'R5' },
];

export interface PresetSummary {
  id: string;
  name: string;
  kinds: PartKind[];
  /** The section of docs/domain-rules.md it reproduces, e.g. R1. */
  rule: string;
  source: RuleSource | null;
  document: string;
  summary: string;
}

export function listPresets(): PresetSummary[] {
  return PRESETS.map(({ ruleSet, document, rule }) => ({
    id: ruleSet.id,
    name: ruleSet.name,
    kinds: kindsOf(ruleSet),
    rule,
    source: ruleSet.source,
    document,
    summary: ruleSet.description,
  }));
}

/** A fresh copy of a preset (callers may adjust it), or null for an unknown id. */
export function getPreset(id: string): RuleSet | null {
  const entry = PRESETS.find((preset) => preset.ruleSet.id === id);
  return entry ? (JSON.parse(JSON.stringify(entry.ruleSet)) as RuleSet) : null;
}
