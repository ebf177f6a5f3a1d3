/**
 * Rule-engine figures for `npm run bench`: an assessment rule set on 100,000 learner records and a
 * points rule set on 1,000,000 point events, on synthetic data built from a seeded PRNG so every
 * run measures the same work. Validation (zod) is timed separately from evaluation, because the
 * app validates once at the boundary and dashboards re-evaluate already validated data.
 */
import { getPreset, partOf, parseWith } from '@shared/domain/rules';
import {
  assessmentInputSchema,
  evaluateAssessment,
  type AssessmentRecord,
  type AssessmentRuleSet,
} from '@shared/domain/rules/assessment';
import {
  evaluatePoints,
  pointsInputSchema,
  type PointsEvent,
  type PointsPerson,
  type PointsRuleSet,
} from '@shared/domain/rules/points';

const RECORDS = 100_000;
const EVENTS = 1_000_000;
const PEOPLE = 5_000;

/** mulberry32: small, fast, good enough for synthetic data. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function preset<K extends 'assessment' | 'points'>(
  id: string,
  kind: K,
): Extract<ReturnType<typeof partOf>, { kind: K }> {
  const ruleSet = getPreset(id);
  const part = ruleSet ? partOf(ruleSet, kind) : null;
  if (!part || part.kind !== kind) throw new Error(`preset ${id} has no ${kind} part`);
  return part as Extract<ReturnType<typeof partOf>, { kind: K }>;
}

function makeRecords(count: number, seed: number): AssessmentRecord[] {
  const random = prng(seed);
  const records: AssessmentRecord[] = new Array<AssessmentRecord>(count);
  for (let i = 0; i < count; i += 1) {
    records[i] = {
      teacherId: `T${String(i).padStart(7, '0')}`,
      metrics: {
        watchMinutes: Math.floor(random() * 2400),
        homeworkObjective: Math.floor(random() * 101),
        homeworkSubjective: Math.floor(random() * 101),
        isExcellentHomework: random() < 0.05,
        interactionScore: Math.floor(random() * 101),
        quotedPercent: Math.floor(random() * 40),
      },
    };
  }
  return records;
}

const pad = (value: number) => (value < 10 ? `0${value}` : String(value));

function stamp(ms: number): string {
  const date = new Date(ms);
  return (
    `${date.getUTCFullYear()}-${pad(date.getUTCMonth() + 1)}-${pad(date.getUTCDate())}T` +
    `${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())}+08:00`
  );
}

function makeEvents(
  ruleSet: PointsRuleSet,
  count: number,
  people: number,
  seed: number,
): { people: PointsPerson[]; events: PointsEvent[] } {
  const random = prng(seed);
  const codes = ruleSet.actions.map((action) => action.code);
  const start = Date.UTC(2023, 0, 1);
  const roster: PointsPerson[] = Array.from({ length: people }, (_, i) => ({
    personId: `P${String(i).padStart(5, '0')}`,
    role: 'member',
    workshopId: `W${i % 200}`,
    schoolId: `S${i % 300}`,
    projectId: `X${i % 3}`,
  }));
  const events: PointsEvent[] = new Array<PointsEvent>(count);
  for (let i = 0; i < count; i += 1) {
    const action = codes[Math.floor(random() * codes.length)] ?? 'login';
    // Local wall-clock time written with +08:00, like the platform's exports.
    const ms = start + Math.floor(random() * 365 * 24 * 60) * 60_000;
    const event: PointsEvent = {
      personId: roster[Math.floor(random() * people)]?.personId ?? 'P00000',
      action,
      at: stamp(ms),
    };
    if (action === 'readDocument' || action === 'watchVideo' || action === 'uploadVideo') {
      event.durationMinutes = Math.floor(random() * 12);
      event.resourceId = `R${Math.floor(random() * 500)}`;
    }
    if (action === 'cityTask' || action === 'workshopTask') {
      event.deadline = stamp(ms + Math.floor((random() - 0.2) * 5 * 86_400_000));
      event.activityId = `A${Math.floor(random() * 50)}`;
    }
    events[i] = event;
  }
  return { people: roster, events };
}

function seconds(since: number): string {
  return ((performance.now() - since) / 1000).toFixed(2);
}

/** CPU seconds of this process (all its threads, GC included) since `since`: tells a busy
 *  machine (wall ≫ CPU) from slow code. */
function cpuSeconds(since: NodeJS.CpuUsage): string {
  const used = process.cpuUsage(since);
  return ((used.user + used.system) / 1e6).toFixed(2);
}

export async function benchRules(): Promise<string[]> {
  const lines: string[] = [];

  const assessment: AssessmentRuleSet = preset('jiangsu-online-2023', 'assessment');
  // Through JSON, like data read from a file or the wire (and so with flat strings).
  const records = JSON.parse(JSON.stringify(makeRecords(RECORDS, 20230716))) as AssessmentRecord[];
  let started = performance.now();
  const validated = parseWith(assessmentInputSchema, { records });
  const validateAssessment = seconds(started);
  if (!validated.ok) throw new Error(validated.errors[0]?.message);
  started = performance.now();
  let cpu = process.cpuUsage();
  const assessed = evaluateAssessment(assessment, validated.data, { now: '2023-12-31' });
  const assessmentSeconds = seconds(started);
  const assessmentCpu = cpuSeconds(cpu);
  lines.push(
    `rules_assessment_100k: records=${assessed.records.length} seconds=${assessmentSeconds} ` +
      `cpu_seconds=${assessmentCpu} validate_seconds=${validateAssessment} passed=${assessed.summary.passed}`,
  );

  const points: PointsRuleSet = preset('taizhou-lifecloud-member-2020', 'points');
  const input = JSON.parse(
    JSON.stringify(makeEvents(points, EVENTS, PEOPLE, 20200101)),
  ) as ReturnType<typeof makeEvents>;
  started = performance.now();
  const checked = parseWith(pointsInputSchema, input);
  const validatePoints = seconds(started);
  if (!checked.ok) throw new Error(checked.errors[0]?.message);
  started = performance.now();
  cpu = process.cpuUsage();
  const ledger = evaluatePoints(points, checked.data, { detail: 'full' });
  const pointsSeconds = seconds(started);
  const pointsCpu = cpuSeconds(cpu);
  started = performance.now();
  const totals = evaluatePoints(points, checked.data, { detail: 'totals' });
  const totalsSeconds = seconds(started);
  if (totals.summary.totalPoints !== ledger.summary.totalPoints)
    throw new Error('ledger and totals disagree');
  lines.push(
    `rules_points_1m: events=${ledger.summary.events} people=${ledger.people.length} seconds=${pointsSeconds} ` +
      `cpu_seconds=${pointsCpu} ` +
      `totals_only_seconds=${totalsSeconds} validate_seconds=${validatePoints} points=${ledger.summary.totalPoints}`,
  );
  return lines;
}
