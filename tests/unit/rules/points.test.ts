/** R3 research points and R4 depth-application index: caps, tiers, streaks, weeks, awards. */
import { describe, expect, it } from 'vitest';
import {
  evaluatePoints,
  pointsInputSchema,
  type PointsAction,
  type PointsEvent,
  type PointsInput,
  type PointsOutput,
  type PointsPerson,
  type PointsRuleSet,
} from '@shared/domain/rules/points';
import { parseWith } from '@shared/domain/rules/common';
import { at, pointsOf } from './helpers';

const owner = pointsOf('taizhou-lifecloud-owner-2020');
const member = pointsOf('taizhou-lifecloud-member-2020');
const depth = pointsOf('licheng-depth-index-2022');

type EventSpec = Omit<PointsEvent, 'personId'> & { personId?: string };

function run(ruleSet: PointsRuleSet, events: EventSpec[], people?: PointsPerson[]): PointsOutput {
  const input: PointsInput = { events: events.map((event) => ({ personId: 'P1', ...event })) };
  if (people) input.people = people;
  return evaluatePoints(ruleSet, input);
}

/** Points and reasons of P1's entries in time order. */
function entries(output: PointsOutput, personId = 'P1'): [number, string][] {
  const person = output.people.find((p) => p.personId === personId);
  return (person?.days ?? []).flatMap((day) =>
    day.entries.map((entry): [number, string] => [entry.points, entry.reason]),
  );
}

/** An action without any limit, to give people exact totals. */
const plainAction = (code: string, label: string, points: number): PointsAction => ({
  code,
  label,
  points,
  roles: null,
  tiers: null,
  minDuration: null,
  minQuantity: null,
  oncePer: null,
  timing: null,
  streak: null,
});

const ownerPeople: PointsPerson[] = [{ personId: 'P1', role: 'owner' }];
const memberPeople: PointsPerson[] = [{ personId: 'P1', role: 'member' }];

describe('R3 owner (坊主)', () => {
  const deadline = at('2023-03-10', '23:59:59');

  it.each([
    { rate: 59.99, points: 0, reason: '完成率 59.99%，未达最低档 60%，不计分' },
    { rate: 60, points: 5, reason: '完成率 60% 达到 60% 档，计 5 分' },
    { rate: 69.99, points: 5, reason: '完成率 69.99% 达到 60% 档，计 5 分' },
    { rate: 70, points: 7, reason: '完成率 70% 达到 70% 档，计 7 分' },
    { rate: 80, points: 9, reason: '完成率 80% 达到 80% 档，计 9 分' },
    { rate: 89.99, points: 9, reason: '完成率 89.99% 达到 80% 档，计 9 分' },
    { rate: 90, points: 15, reason: '完成率 90% 达到 90% 档，计 15 分' },
    { rate: 100, points: 15, reason: '完成率 100% 达到 90% 档，计 15 分' },
  ])('city activity at $rate % completion → $points', ({ rate, points, reason }) => {
    const output = run(
      owner,
      [{ action: 'cityActivity', at: deadline, deadline, activityId: 'A1', completionRate: rate }],
      ownerPeople,
    );
    expect(entries(output)).toEqual([[points, reason]]);
  });

  it.each([
    { rate: 60, points: 2 },
    { rate: 75, points: 3 },
    { rate: 85, points: 4 },
    { rate: 95, points: 6 },
  ])('own activity at $rate % → $points', ({ rate, points }) => {
    const output = run(
      owner,
      [{ action: 'ownActivity', at: deadline, deadline, activityId: 'W1', completionRate: rate }],
      ownerPeople,
    );
    expect(output.people[0]?.total).toBe(points);
  });

  it('an extended activity earns nothing after the original deadline; one activity earns at most 15', () => {
    const output = run(
      owner,
      [
        {
          action: 'cityActivity',
          at: at('2023-03-20'),
          deadline,
          activityId: 'A1',
          completionRate: 95,
        },
        { action: 'cityActivity', at: deadline, deadline, activityId: 'A2', completionRate: 95 },
        { action: 'cityActivity', at: deadline, deadline, activityId: 'A2', completionRate: 95 },
      ],
      ownerPeople,
    );
    expect(entries(output)).toEqual([
      [15, '完成率 95% 达到 90% 档，计 15 分'],
      [0, '完成率 95% 达到 90% 档，每次活动上限 15 分已满，不计分'],
      [0, '晚于活动原定截止时间，不计分'],
    ]);
  });

  it('own activities are capped at 10 a month, then a new month starts', () => {
    const output = run(
      owner,
      [
        {
          action: 'ownActivity',
          at: at('2023-03-05'),
          deadline: at('2023-03-05'),
          activityId: 'W1',
          completionRate: 95,
        },
        {
          action: 'ownActivity',
          at: at('2023-03-20'),
          deadline: at('2023-03-20'),
          activityId: 'W2',
          completionRate: 95,
        },
        {
          action: 'ownActivity',
          at: at('2023-03-31'),
          deadline: at('2023-03-31'),
          activityId: 'W3',
          completionRate: 95,
        },
        {
          action: 'ownActivity',
          at: at('2023-04-01'),
          deadline: at('2023-04-01'),
          activityId: 'W4',
          completionRate: 95,
        },
      ],
      ownerPeople,
    );
    expect(entries(output).map(([points]) => points)).toEqual([6, 4, 0, 6]);
    expect(entries(output)[1]?.[1]).toBe(
      '完成率 95% 达到 90% 档，受本月上限 10 分限制，只计 4 分（原应 6 分）',
    );
  });

  it('a brief report counts within 7 days after the deadline, 3 a day', () => {
    const output = run(
      owner,
      [
        { action: 'briefReport', at: at('2023-03-09'), deadline },
        { action: 'briefReport', at: at('2023-03-12'), deadline, activityId: 'A1' },
        { action: 'briefReport', at: at('2023-03-12', '10:00:00'), deadline, activityId: 'A2' },
        { action: 'briefReport', at: at('2023-03-17', '23:59:59'), deadline },
        { action: 'briefReport', at: at('2023-03-18', '00:00:00'), deadline },
      ],
      ownerPeople,
    );
    expect(entries(output)).toEqual([
      [0, '不在活动截止后 7 天内，不计分'],
      [3, '计 3 分'],
      [0, '当日上限 3 分已满，不计分'],
      [3, '计 3 分'],
      [0, '不在活动截止后 7 天内，不计分'],
    ]);
  });

  it('the unanswered-request penalty counts inside the 5-a-day cap', () => {
    const day = '2023-03-01';
    const output = run(
      owner,
      [
        ...[1, 2, 3, 4, 5].map((h) => ({ action: 'acceptedAnswer', at: at(day, `0${h}:00:00`) })),
        { action: 'unansweredRequest', at: at(day, '07:00:00') },
        { action: 'shareHotTopic', at: at(day, '08:00:00') },
        { action: 'acceptedAnswer', at: at(day, '09:00:00') },
      ],
      ownerPeople,
    );
    const list = entries(output);
    expect(list.map(([points]) => points)).toEqual([1, 1, 1, 1, 1, -1, 1, 0]);
    expect(list[5]?.[1]).toBe(
      '扣 1 分（计入当日上限 5 分（回答求助被采纳、分享已采纳求助到热点问题、成员求助 1 天未获回答共用））',
    );
    expect(list[7]?.[1]).toBe(
      '当日上限 5 分（回答求助被采纳、分享已采纳求助到热点问题、成员求助 1 天未获回答共用）已满，不计分',
    );
    expect(output.people[0]?.total).toBe(5);
  });

  it('counts days in China time whatever offset the timestamp carries', () => {
    const output = run(
      owner,
      [
        { action: 'login', at: '2023-03-01T15:59:00Z' },
        { action: 'login', at: '2023-03-01T16:01:00Z' },
        { action: 'login', at: '2023-03-02T08:00:00+08:00' },
      ],
      ownerPeople,
    );
    expect(output.people[0]?.days.map((d) => [d.date, d.points])).toEqual([
      ['2023-03-01', 1],
      ['2023-03-02', 1],
    ]);
    expect(entries(output)[2]).toEqual([0, '当日上限 1 分已满，不计分']);
  });
});

describe('R3 member (坊员)', () => {
  const deadline = at('2023-03-10', '23:59:59');
  const day = '2023-03-01';

  it('city and workshop tasks share 15 a day', () => {
    const output = run(
      member,
      [
        { action: 'cityTask', at: at(day, '08:00:00'), deadline },
        { action: 'workshopTask', at: at(day, '09:00:00'), deadline },
        { action: 'workshopTask', at: at(day, '10:00:00'), deadline },
        { action: 'cityTask', at: at('2023-03-11'), deadline },
      ],
      memberPeople,
    );
    expect(entries(output)).toEqual([
      [10, '计 10 分'],
      [5, '计 5 分'],
      [
        0,
        '当日上限 15 分（按时完成市、市（区）研修活动任务、按时完成工作坊研修活动任务共用）已满，不计分',
      ],
      [0, '晚于活动原定截止时间，不计分'],
    ]);
  });

  it('reading: at least 3 minutes, once per resource, 5 a day', () => {
    const output = run(
      member,
      [
        { action: 'readDocument', at: at(day, '08:00:00'), resourceId: 'R0', durationMinutes: 2.9 },
        { action: 'readDocument', at: at(day, '08:10:00'), resourceId: 'R1', durationMinutes: 3 },
        { action: 'readDocument', at: at(day, '08:20:00'), resourceId: 'R1', durationMinutes: 30 },
        ...[2, 3, 4, 5, 6].map((n) => ({
          action: 'readDocument',
          at: at(day, `1${n}:00:00`),
          resourceId: `R${n}`,
          durationMinutes: 5,
        })),
        { action: 'readDocument', at: at('2023-03-02'), resourceId: 'R6', durationMinutes: 5 },
        {
          action: 'readDocument',
          at: at('2023-03-02', '10:00:00'),
          resourceId: 'R1',
          durationMinutes: 5,
        },
      ],
      memberPeople,
    );
    expect(entries(output)).toEqual([
      [0, '时长 2.9 分钟，不足 3 分钟，不计分'],
      [1, '计 1 分'],
      [0, '同一资源已计过分，不再计分'],
      [1, '计 1 分'],
      [1, '计 1 分'],
      [1, '计 1 分'],
      [1, '计 1 分'],
      [0, '当日上限 5 分已满，不计分'],
      [1, '计 1 分'],
      [0, '同一资源已计过分，不再计分'],
    ]);
  });

  it('videos: watching ≥ 5 min earns 2; an upload must be longer than 5 min', () => {
    const output = run(
      member,
      [
        { action: 'watchVideo', at: at(day, '08:00:00'), durationMinutes: 4.9 },
        { action: 'watchVideo', at: at(day, '08:10:00'), durationMinutes: 5 },
        { action: 'uploadVideo', at: at(day, '09:00:00'), durationMinutes: 5 },
        { action: 'uploadVideo', at: at(day, '09:10:00'), durationMinutes: 5.5 },
        { action: 'uploadRecommended', at: at(day, '09:20:00') },
        { action: 'uploadDocument', at: at(day, '09:30:00') },
      ],
      memberPeople,
    );
    expect(entries(output)).toEqual([
      [0, '时长 4.9 分钟，不足 5 分钟，不计分'],
      [2, '计 2 分'],
      [0, '时长 5 分钟，未超过 5 分钟，不计分'],
      [3, '计 3 分'],
      [3, '计 3 分'],
      [
        0,
        '当日上限 6 分（上传文档资源到共享资源、上传视频资源（大于 5 分钟）到共享资源、上传资源被坊主推荐共用）已满，不计分',
      ],
    ]);
  });

  it('the no-response penalty counts inside the 4-a-day request cap', () => {
    const output = run(
      member,
      [
        { action: 'requestShared', at: at(day, '08:00:00') },
        { action: 'requestShared', at: at(day, '09:00:00') },
        { action: 'requestNoResponse', at: at(day, '10:00:00') },
        { action: 'requestShared', at: at(day, '11:00:00') },
      ],
      memberPeople,
    );
    expect(entries(output).map(([points]) => points)).toEqual([2, 2, -1, 1]);
    expect(output.people[0]?.total).toBe(4);
  });

  it('an action of the other role earns nothing', () => {
    const combined = pointsOf('taizhou-lifecloud-2020');
    const output = run(combined, [{ action: 'owner-login', at: at(day) }], memberPeople);
    expect(entries(output)).toEqual([[0, '此项只适用于坊主，不计分']]);
  });
});

describe('R3 incentives: conversion, levels', () => {
  const grant = (points: number): PointsRuleSet => ({
    ...member,
    actions: [...member.actions, plainAction('grant', '测试', points)],
  });

  it.each([
    { total: 99, hours: 0, level: null, next: { name: '网络研修二级教师', pointsNeeded: 401 } },
    { total: 100, hours: 5, level: null, next: { name: '网络研修二级教师', pointsNeeded: 400 } },
    { total: 199, hours: 5, level: null, next: { name: '网络研修二级教师', pointsNeeded: 301 } },
    { total: 200, hours: 10, level: null, next: { name: '网络研修二级教师', pointsNeeded: 300 } },
    {
      total: 500,
      hours: 25,
      level: '网络研修二级教师',
      next: { name: '网络研修一级教师', pointsNeeded: 500 },
    },
    {
      total: 1000,
      hours: 50,
      level: '网络研修一级教师',
      next: { name: '网络研修高级教师', pointsNeeded: 4000 },
    },
    {
      total: 4999,
      hours: 245,
      level: '网络研修一级教师',
      next: { name: '网络研修高级教师', pointsNeeded: 1 },
    },
    {
      total: 5000,
      hours: 250,
      level: '网络研修高级教师',
      next: { name: '网络研修正高级教师', pointsNeeded: 5000 },
    },
    {
      total: 10000,
      hours: 500,
      level: '网络研修正高级教师',
      next: { name: '网络研修特级教师', pointsNeeded: 5000 },
    },
    { total: 15000, hours: 750, level: '网络研修特级教师', next: null },
  ])('$total points → $hours hours, level $level', ({ total, hours, level, next }) => {
    const [person] = run(grant(total), [{ action: 'grant', at: at('2023-12-01') }]).people;
    expect(person?.total).toBe(total);
    expect(person?.creditHours).toBe(hours);
    expect(person?.level).toBe(level);
    expect(person?.nextLevel).toEqual(next);
  });

  it('explains the conversion', () => {
    const [person] = run(grant(199), [{ action: 'grant', at: at('2023-12-01') }]).people;
    expect(person?.conversionNote).toBe('199 分，每满 100 分认定 5 学时，计 5 学时');
  });
});

describe('R3 awards (taizhou-lifecloud-2020)', () => {
  const combined = pointsOf('taizhou-lifecloud-2020');
  const scoring: PointsRuleSet = {
    ...combined,
    actions: [...combined.actions, plainAction('p1', '1 分', 1), plainAction('p10', '10 分', 10)],
  };
  /** Events giving `total` points (as tens and ones). */
  const give = (personId: string, total: number): PointsEvent[] => [
    ...Array.from({ length: Math.floor(total / 10) }, () => ({
      personId,
      action: 'p10',
      at: at('2023-05-01'),
    })),
    ...Array.from({ length: total % 10 }, () => ({ personId, action: 'p1', at: at('2023-05-01') })),
  ];
  const people: (PointsPerson & { total: number })[] = [
    {
      personId: 'O1',
      role: 'owner',
      workshopId: 'W1',
      schoolId: 'S1',
      projectId: 'P1',
      total: 100,
    },
    { personId: 'O2', role: 'owner', workshopId: 'W2', schoolId: 'S2', projectId: 'P1', total: 90 },
    { personId: 'O3', role: 'owner', workshopId: 'W3', schoolId: 'S1', projectId: 'P1', total: 90 },
    { personId: 'O4', role: 'owner', workshopId: 'W4', schoolId: 'S3', projectId: 'P2', total: 50 },
    {
      personId: 'M1',
      role: 'member',
      workshopId: 'W1',
      schoolId: 'S1',
      projectId: 'P1',
      total: 10,
    },
    {
      personId: 'M2',
      role: 'member',
      workshopId: 'W1',
      schoolId: 'S2',
      projectId: 'P1',
      total: 20,
    },
    { personId: 'M3', role: 'member', workshopId: 'W2', schoolId: 'S2', projectId: 'P1', total: 0 },
    { personId: 'M4', role: 'member', workshopId: 'W3', schoolId: 'S3', projectId: 'P1', total: 5 },
    {
      personId: 'M5',
      role: 'member',
      workshopId: 'W4',
      schoolId: 'S3',
      projectId: 'P2',
      total: 60,
    },
  ];
  const output = evaluatePoints(scoring, {
    people: people.map(({ total: _total, ...person }) => person),
    events: people.flatMap((person) => give(person.personId, person.total)),
  });
  const award = (id: string) => output.awards.find((a) => a.id === id);

  it('reproduces the totals', () => {
    expect(output.people.map((p) => [p.personId, p.total])).toEqual(
      [...people]
        .sort((a, b) => (a.personId < b.personId ? -1 : 1))
        .map((p) => [p.personId, p.total]),
    );
  });

  it('owners top 30 %: ceil(4 × 30 %) = 2, the tie at the boundary is included', () => {
    const ranking = award('excellentOwner')?.rankings[0];
    expect(ranking?.quota).toBe(2);
    expect(ranking?.winners.map((w) => [w.id, w.rank])).toEqual([
      ['O1', 1],
      ['O2', 2],
      ['O3', 2],
    ]);
    expect(ranking?.note).toBe(
      '共 4 个参评对象，前 30% 取 2 个（向上取整）；名额边界处 2 个并列（90 分），按“并列均入选”规则全部入选',
    );
    expect(output.people.find((p) => p.personId === 'O1')?.awards).toEqual([
      '优秀工作坊坊主',
      '优秀学员',
    ]);
    expect(output.people.find((p) => p.personId === 'O3')?.awards).toEqual(['优秀工作坊坊主']);
  });

  it('teachers top 10 % per project: P1 has 7 → 1, P2 has 2 → 1', () => {
    const rankings = award('excellentLearner')?.rankings;
    expect(
      rankings?.map((r) => [r.scope, r.candidates, r.quota, r.winners.map((w) => w.id)]),
    ).toEqual([
      ['P1', 7, 1, ['O1']],
      ['P2', 2, 1, ['M5']],
    ]);
  });

  it('workshops by mean points of owner and members, top 30 % of 4 = 2', () => {
    // W1 (100+10+20)/3 = 43.33, W2 (90+0)/2 = 45, W3 (90+5)/2 = 47.5, W4 (50+60)/2 = 55
    const ranking = award('excellentWorkshop')?.rankings[0];
    expect(ranking?.winners.map((w) => [w.id, w.value])).toEqual([
      ['W4', 55],
      ['W3', 47.5],
    ]);
  });

  it('schools by mean teacher points, top 30 % of 3 = 1', () => {
    // S1 (100+90+10)/3 = 66.67, S2 (90+20+0)/3 = 36.67, S3 (50+5+60)/3 = 38.33
    expect(award('excellentSchool')?.rankings[0]?.winners).toEqual([
      { id: 'S1', name: null, value: 66.67, rank: 1 },
    ]);
  });
});

describe('R4 licheng-depth-index-2022', () => {
  // 2022-03-07 is a Monday.
  const days = (from: number, count: number) =>
    Array.from({ length: count }, (_, i) => `2022-03-${String(from + i).padStart(2, '0')}`);

  it('login: 1 a day, 2 from the 8th consecutive day, a gap restarts the count', () => {
    const output = run(depth, [
      ...days(7, 9).map((date) => ({ action: 'login', at: at(date) })),
      { action: 'login', at: at('2022-03-15', '20:00:00') },
      { action: 'login', at: at('2022-03-17') },
    ]);
    const list = entries(output);
    expect(list.map(([points]) => points)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 0, 1]);
    expect(list[6]?.[1]).toBe('连续第 7 天，计 1 分');
    expect(list[7]?.[1]).toBe('连续第 8 天，计 2 分');
    expect(list[9]?.[1]).toBe('当日已计过分，不再计分');
    expect(list[10]?.[1]).toBe('连续第 1 天，计 1 分');
    expect(output.people[0]?.days.map((d) => d.points)).toEqual([1, 1, 1, 1, 1, 1, 1, 2, 2, 1]);
  });

  it('a week runs Monday to Sunday: the cap resets on Monday (in China time)', () => {
    const output = run(depth, [
      ...[1, 2, 3, 4, 5, 6].map((h) => ({
        action: 'resourceUpload',
        at: at('2022-03-13', `1${h}:00:00`),
      })),
      { action: 'resourceUpload', at: '2022-03-13T16:30:00Z' },
      { action: 'resourceUpload', at: at('2022-03-14', '10:00:00') },
    ]);
    expect(entries(output).map(([points]) => points)).toEqual([1, 1, 1, 1, 1, 0, 1, 1]);
    expect(entries(output)[5]?.[1]).toBe('本周上限 5 分已满，不计分');
  });

  it.each([
    { action: 'interactiveLesson', extra: { durationMinutes: 14 }, points: 0 },
    { action: 'interactiveLesson', extra: { durationMinutes: 15 }, points: 5 },
    { action: 'grading', extra: { quantity: 9 }, points: 0 },
    { action: 'grading', extra: { quantity: 10 }, points: 5 },
    { action: 'textbookFavourites', extra: { quantity: 5 }, points: 2 },
    { action: 'classFormed', extra: { quantity: 10 }, points: 50 },
    { action: 'courseware', extra: {}, points: 10 },
  ])('$action $extra → $points', ({ action, extra, points }) => {
    expect(run(depth, [{ action, at: at('2022-05-05'), ...extra }]).people[0]?.total).toBe(points);
  });

  it('once-a-year items and weekly counts', () => {
    const output = run(depth, [
      { action: 'profileComplete', at: at('2022-05-02') },
      { action: 'profileComplete', at: at('2022-09-02') },
      { action: 'outcomeArticle', at: at('2022-05-02') },
      { action: 'outcomeArticle', at: at('2022-05-03') },
      ...[1, 2, 3].map(() => ({ action: 'grading', at: at('2022-05-04'), quantity: 30 })),
    ]);
    expect(entries(output).map(([points]) => points)).toEqual([20, 5, 0, 5, 5, 0, 0]);
    expect(entries(output)[6]?.[1]).toBe('本年已计过分，不再计分');
  });

  it('nothing counts outside 1 Jan – 10 Nov', () => {
    const output = run(depth, [
      { action: 'courseware', at: '2021-12-31T23:59:59+08:00' },
      { action: 'courseware', at: '2022-01-01T00:00:00+08:00', id: 'b' },
      { action: 'courseware', at: '2022-11-10T23:59:59+08:00' },
      { action: 'courseware', at: '2022-11-11T00:00:00+08:00' },
    ]);
    expect(entries(output)).toEqual([
      [0, '不在统计期 2022-01-01 至 2022-11-10 内，不计分'],
      [10, '计 10 分'],
      [10, '计 10 分'],
      [0, '不在统计期 2022-01-01 至 2022-11-10 内，不计分'],
    ]);
  });

  it('normalizes 5 + (x − min)/(max − min) × 35, and 40 for everyone when max = min', () => {
    const spread = run(depth, [
      { personId: 'A', action: 'courseware', at: at('2022-05-02') },
      { personId: 'B', action: 'courseware', at: at('2022-05-02') },
      { personId: 'B', action: 'courseware', at: at('2022-05-09') },
      { personId: 'C', action: 'courseware', at: at('2022-05-02') },
      { personId: 'C', action: 'courseware', at: at('2022-05-09') },
      { personId: 'C', action: 'courseware', at: at('2022-05-16') },
      { personId: 'C', action: 'courseware', at: at('2022-05-23') },
    ]);
    expect(spread.people.map((p) => [p.personId, p.total, p.normalizedScore])).toEqual([
      ['A', 10, 5],
      ['B', 20, 16.67],
      ['C', 40, 40],
    ]);
    expect(spread.summary.normalization).toEqual([{ scope: null, min: 10, max: 40 }]);
    const equal = run(depth, [
      { personId: 'A', action: 'courseware', at: at('2022-05-02') },
      { personId: 'B', action: 'courseware', at: at('2022-05-02') },
    ]);
    expect(equal.people.map((p) => p.normalizedScore)).toEqual([40, 40]);
  });
});

describe('points input', () => {
  it('rejects a timestamp without offset and unknown fields, in Chinese', () => {
    const parsed = parseWith(pointsInputSchema, {
      events: [{ personId: 'P', action: 'login', at: '2022-05-02 08:00', points: 3 }],
    });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.errors).toHaveLength(2);
    expect(parsed.errors).toEqual(
      expect.arrayContaining([
        { path: 'events[0]', message: '不认识的字段：points' },
        { path: 'events[0].at', message: '应为带时区的时间，例如 2023-07-16T08:30:00+08:00' },
      ]),
    );
  });

  it('says which data is missing instead of failing', () => {
    const output = run(
      member,
      [
        { action: 'readDocument', at: at('2023-03-01'), durationMinutes: 5 },
        { action: 'readDocument', at: at('2023-03-01'), resourceId: 'R' },
        { action: 'cityTask', at: at('2023-03-01') },
      ],
      memberPeople,
    );
    expect(entries(output).map(([, reason]) => reason)).toEqual([
      '缺少截止时间 deadline，不计分',
      '缺少资源编号 resourceId，不计分',
      '缺少时长 durationMinutes，不计分',
    ]);
  });
});
