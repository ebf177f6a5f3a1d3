/**
 * The what-if table of each rule kind: which columns a record has (derived from the rule set, so an
 * assessment shows its own metrics and gates), a small sample, and the translation of the rows into
 * the engine's input (docs/rules.md). Engine errors come back with paths such as
 * `records[1].testScores[0]`; `locateError` turns them into "第 2 行「测试成绩」".
 */
import { stage as stageSchema } from '@shared/api/common.schemas';
import {
  type AssessmentRuleSet,
  type CalendarRuleSet,
  type CreditsRuleSet,
  type PartKind,
  type PartRuleSet,
  type PointsRuleSet,
  type QuotaPolicyRuleSet,
} from '@shared/domain/rules';
import { teacherTitles } from '@shared/domain/rules/credits';
import { COLUMN_TEXT, ENUM_TEXT, SAMPLE_TEXT } from '../rules.strings';
import {
  isBlank,
  readBoolean,
  readDate,
  readDateTime,
  readInteger,
  readNumber,
  readNumberList,
  readOption,
  type CellValue,
  type ColumnOption,
  type ColumnType,
  type Read,
} from './cell-values';

export interface RecordColumn {
  field: string;
  label: string;
  type: ColumnType;
  options?: ColumnOption[];
  isRequired?: boolean;
  width?: number;
}

export type RecordRow = Record<string, CellValue> & { rowId: string };

/** A cell the builder could not read; `row` is 1-based as people count rows. */
export interface CellError {
  row: number;
  column: string;
  message: string;
}

/** Values outside the table: the quota total, the calendar year. */
export interface TableExtras {
  total: number | null;
  year: number | null;
}

export interface BuiltInput {
  input: unknown;
  errors: CellError[];
  /** Engine path prefix of each record (`records[0]`, `teachers[1].records[2]`) → 1-based row. */
  rowOfPath: Map<string, number>;
}

export interface RecordTable {
  kind: PartKind;
  columns: RecordColumn[];
  /** Extra inputs the toolbar shows for this kind. */
  extras: (keyof TableExtras)[];
  sample: (now: string) => { rows: Record<string, CellValue>[]; extras: Partial<TableExtras> };
  build: (rows: readonly RecordRow[], extras: TableExtras) => BuiltInput;
  /**
   * Column label for the rest of an engine path after the record prefix it was found under
   * (`.metrics.x` under `records[0]` → 观看时长).
   */
  columnOfPath: (rest: string, prefix: string) => string | null;
}

const STAGE_OPTIONS: ColumnOption[] = stageSchema.options.map((value) => ({ value, label: value }));

// ---------------------------------------------------------------------------------------------
// Reading a row

class RowReader {
  readonly errors: CellError[] = [];

  constructor(
    private readonly row: RecordRow,
    private readonly rowNumber: number,
    private readonly columns: Map<string, RecordColumn>,
  ) {}

  private fail(field: string, message: string): undefined {
    this.errors.push({
      row: this.rowNumber,
      column: this.columns.get(field)?.label ?? field,
      message,
    });
    return undefined;
  }

  private read<T>(field: string, reader: (value: CellValue) => Read<T>): T | undefined {
    const value = this.row[field] ?? null;
    if (isBlank(value)) {
      if (this.columns.get(field)?.isRequired) return this.fail(field, '必填');
      return undefined;
    }
    const parsed = reader(value);
    return parsed.ok ? parsed.value : this.fail(field, parsed.message);
  }

  text(field: string): string | undefined {
    return this.read(field, (value) => ({ ok: true, value: String(value).trim() }));
  }
  number(field: string): number | undefined {
    return this.read(field, readNumber);
  }
  integer(field: string): number | undefined {
    return this.read(field, readInteger);
  }
  boolean(field: string): boolean | undefined {
    return this.read(field, readBoolean);
  }
  list(field: string): number[] | undefined {
    return this.read(field, readNumberList);
  }
  date(field: string): string | undefined {
    return this.read(field, readDate);
  }
  dateTime(field: string, offsetMinutes: number): string | undefined {
    return this.read(field, (value) => readDateTime(value, offsetMinutes));
  }
  option(field: string): string | undefined {
    const options = this.columns.get(field)?.options ?? [];
    return this.read(field, (value) => readOption(value, options));
  }
}

function isEmptyRow(row: RecordRow, columns: readonly RecordColumn[]): boolean {
  return columns.every((column) => isBlank(row[column.field] ?? null));
}

/** Rows with content, each with its 1-based row number in the table. */
function filledRows(
  rows: readonly RecordRow[],
  columns: readonly RecordColumn[],
): { row: RecordRow; rowNumber: number }[] {
  return rows
    .map((row, index) => ({ row, rowNumber: index + 1 }))
    .filter(({ row }) => !isEmptyRow(row, columns));
}

function withDefined<T extends object>(entries: T): T {
  return Object.fromEntries(
    Object.entries(entries).filter(([, value]) => value !== undefined),
  ) as T;
}

function columnMap(columns: readonly RecordColumn[]): Map<string, RecordColumn> {
  return new Map(columns.map((column) => [column.field, column]));
}

function labelOf(columns: readonly RecordColumn[], field: string): string | null {
  return columns.find((column) => column.field === field)?.label ?? null;
}

/** `.metrics.watchMinutes` → `metrics`, `watchMinutes`; `.testScores[0]` → `testScores`. */
function pathHead(rest: string): { head: string; key: string | null } {
  const match = /^\.([A-Za-z]+)(?:\.([A-Za-z0-9_-]+))?/.exec(rest);
  return { head: match?.[1] ?? '', key: match?.[2] ?? null };
}

// ---------------------------------------------------------------------------------------------
// Assessment

const METRIC = 'metric:';
const ITEM = 'item:';

function assessmentTable(ruleSet: AssessmentRuleSet): RecordTable {
  const gates = ruleSet.gates;
  const needsStage = gates.some((gate) => gate.type === 'items' && gate.eachByStage !== null);
  const needsSchool = ruleSet.groupLimits.length > 0;
  const columns: RecordColumn[] = [
    {
      field: 'teacherId',
      label: COLUMN_TEXT.teacherId,
      type: 'text',
      isRequired: true,
      width: 150,
    },
    { field: 'name', label: COLUMN_TEXT.name, type: 'text', width: 100 },
  ];
  if (needsStage)
    columns.push({
      field: 'stage',
      label: COLUMN_TEXT.stage,
      type: 'select',
      options: STAGE_OPTIONS,
      width: 90,
    });
  if (needsSchool)
    columns.push({ field: 'schoolId', label: COLUMN_TEXT.schoolId, type: 'text', width: 110 });
  for (const metric of ruleSet.metrics) {
    columns.push({
      field: METRIC + metric.key,
      label: COLUMN_TEXT.metric(metric.label, metric.unit),
      type: metric.type === 'flag' ? 'boolean' : 'number',
      width: metric.type === 'flag' ? 120 : 140,
    });
  }
  for (const gate of gates) {
    if (gate.type === 'courses')
      columns.push({
        field: 'completedCourses',
        label: COLUMN_TEXT.completedCourses,
        type: 'integer',
        width: 140,
      });
    else if (gate.type === 'replies')
      columns.push({
        field: 'validReplies',
        label: COLUMN_TEXT.validReplies,
        type: 'integer',
        width: 130,
      });
    else if (gate.type === 'best-attempt')
      columns.push({
        field: 'testScores',
        label: COLUMN_TEXT.testScores,
        type: 'numberList',
        width: 150,
      });
    else if (gate.type === 'items')
      columns.push({
        field: ITEM + gate.item,
        label: COLUMN_TEXT.items(gate.itemLabel, gate.valueUnit),
        type: 'numberList',
        width: 200,
      });
  }
  const byField = columnMap(columns);

  const sampleValue = (key: string, good: boolean): CellValue => {
    const metric = ruleSet.metrics.find((entry) => entry.key === key);
    if (metric?.type === 'flag') return good;
    if (ruleSet.plagiarism?.metric === key) return good ? 5 : 12;
    for (const component of ruleSet.scoring?.components ?? []) {
      if (component.type === 'flag' || component.metric !== key) continue;
      switch (component.type) {
        case 'target':
          return good ? component.target : Math.round(component.target * 0.8);
        case 'percent':
          return good ? 92 : 68;
        case 'points':
          return Math.round(component.maxPoints * (good ? 0.9 : 0.6) * 10) / 10;
        case 'threshold':
          return good ? component.min : Math.max(0, component.min - 1);
        case 'normalized':
          return good ? 80 : 60;
      }
    }
    const gate = gates.find((entry) => entry.type === 'metric-at-least' && entry.metric === key);
    if (gate?.type === 'metric-at-least') return good ? gate.min : gate.min - 1;
    return good ? 1 : 0;
  };

  return {
    kind: 'assessment',
    columns,
    extras: [],
    sample: () => {
      const rows = [true, false].map((good, i) => {
        const row: Record<string, CellValue> = {
          teacherId: `T00${i + 1}`,
          name: good ? SAMPLE_TEXT.teacherA : SAMPLE_TEXT.teacherB,
        };
        if (needsStage) row.stage = '小学';
        if (needsSchool) row.schoolId = 'S1';
        for (const metric of ruleSet.metrics)
          row[METRIC + metric.key] = sampleValue(metric.key, good);
        for (const gate of gates) {
          if (gate.type === 'courses')
            row.completedCourses = good ? gate.required : gate.required - 1;
          else if (gate.type === 'replies')
            row.validReplies = good ? gate.required : Math.max(0, gate.required - 3);
          else if (gate.type === 'best-attempt')
            row.testScores = good
              ? String(Math.min(100, gate.passScore + 15))
              : `${Math.max(0, gate.passScore - 12)}, ${Math.max(0, gate.passScore - 5)}`;
          else if (gate.type === 'items') {
            const range = gate.eachByStage?.['小学'] ?? gate.each;
            const value =
              range.min !== null && range.max !== null
                ? Math.round((range.min + range.max) / 2)
                : (range.min ?? range.max ?? 10);
            const count = good ? gate.minCount : gate.minCount - 1;
            row[ITEM + gate.item] = Array.from({ length: count }, () => value).join(', ');
          }
        }
        return row;
      });
      return { rows, extras: {} };
    },
    build: (rows) => {
      const errors: CellError[] = [];
      const rowOfPath = new Map<string, number>();
      const records = filledRows(rows, columns).map(({ row, rowNumber }, index) => {
        rowOfPath.set(`records[${index}]`, rowNumber);
        const read = new RowReader(row, rowNumber, byField);
        const metrics: Record<string, number | boolean> = {};
        for (const metric of ruleSet.metrics) {
          const field = METRIC + metric.key;
          const value = metric.type === 'flag' ? read.boolean(field) : read.number(field);
          if (value !== undefined) metrics[metric.key] = value;
        }
        const items: Record<string, number[]> = {};
        for (const gate of gates) {
          if (gate.type !== 'items') continue;
          const values = read.list(ITEM + gate.item);
          if (values !== undefined) items[gate.item] = values;
        }
        const record = withDefined({
          teacherId: read.text('teacherId'),
          name: read.text('name'),
          stage: byField.has('stage') ? read.option('stage') : undefined,
          schoolId: byField.has('schoolId') ? read.text('schoolId') : undefined,
          metrics: Object.keys(metrics).length > 0 ? metrics : undefined,
          completedCourses: byField.has('completedCourses')
            ? read.integer('completedCourses')
            : undefined,
          validReplies: byField.has('validReplies') ? read.integer('validReplies') : undefined,
          testScores: byField.has('testScores') ? read.list('testScores') : undefined,
          items: Object.keys(items).length > 0 ? items : undefined,
        });
        errors.push(...read.errors);
        return record;
      });
      return { input: { records }, errors, rowOfPath };
    },
    columnOfPath: (rest) => {
      const { head, key } = pathHead(rest);
      if (head === 'metrics' && key) return labelOf(columns, METRIC + key);
      if (head === 'items' && key) return labelOf(columns, ITEM + key);
      return labelOf(columns, head);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Points

function pointsTable(ruleSet: PointsRuleSet): RecordTable {
  const actions = ruleSet.actions;
  const caps = ruleSet.caps;
  const groupKeys = new Set<string>();
  for (const award of ruleSet.awards) if (award.groupBy) groupKeys.add(award.groupBy);
  if (ruleSet.normalization?.groupBy) groupKeys.add(ruleSet.normalization.groupBy);
  const needs = {
    role: ruleSet.roles.length > 0,
    resource: actions.some((action) => action.oncePer === 'resource'),
    activity:
      actions.some((action) => action.oncePer === 'activity') ||
      caps.some((cap) => cap.per === 'activity'),
    duration: actions.some((action) => action.minDuration !== null),
    quantity: actions.some((action) => action.minQuantity !== null),
    rate: actions.some((action) => action.tiers !== null),
    deadline: actions.some((action) => action.timing !== null),
  };
  const offset = ruleSet.timeZoneOffsetMinutes;
  const columns: RecordColumn[] = [
    { field: 'personId', label: COLUMN_TEXT.personId, type: 'text', isRequired: true, width: 120 },
    { field: 'name', label: COLUMN_TEXT.name, type: 'text', width: 90 },
  ];
  if (needs.role)
    columns.push({
      field: 'role',
      label: COLUMN_TEXT.role,
      type: 'select',
      options: ruleSet.roles.map((role) => ({ value: role.code, label: role.label })),
      width: 90,
    });
  if (groupKeys.has('schoolId'))
    columns.push({ field: 'schoolId', label: COLUMN_TEXT.schoolId, type: 'text', width: 110 });
  if (groupKeys.has('workshopId'))
    columns.push({ field: 'workshopId', label: COLUMN_TEXT.workshopId, type: 'text', width: 110 });
  if (groupKeys.has('projectId'))
    columns.push({ field: 'projectId', label: COLUMN_TEXT.projectId, type: 'text', width: 110 });
  columns.push(
    {
      field: 'action',
      label: COLUMN_TEXT.action,
      type: 'select',
      options: actions.map((action) => ({ value: action.code, label: action.label })),
      isRequired: true,
      width: 220,
    },
    { field: 'at', label: COLUMN_TEXT.at, type: 'dateTime', isRequired: true, width: 170 },
  );
  if (needs.resource)
    columns.push({ field: 'resourceId', label: COLUMN_TEXT.resourceId, type: 'text', width: 110 });
  if (needs.activity)
    columns.push({ field: 'activityId', label: COLUMN_TEXT.activityId, type: 'text', width: 110 });
  if (needs.duration)
    columns.push({
      field: 'durationMinutes',
      label: COLUMN_TEXT.durationMinutes,
      type: 'number',
      width: 120,
    });
  if (needs.quantity)
    columns.push({ field: 'quantity', label: COLUMN_TEXT.quantity, type: 'integer', width: 90 });
  if (needs.rate)
    columns.push({
      field: 'completionRate',
      label: COLUMN_TEXT.completionRate,
      type: 'number',
      width: 120,
    });
  if (needs.deadline)
    columns.push({ field: 'deadline', label: COLUMN_TEXT.deadline, type: 'dateTime', width: 170 });
  const byField = columnMap(columns);
  const personFields = ['name', 'role', 'schoolId', 'workshopId', 'projectId'] as const;

  return {
    kind: 'points',
    columns,
    extras: [],
    sample: (now) => {
      const day = ruleSet.window?.from ?? now;
      const next = (offsetDays: number): string => {
        const date = new Date(`${day}T00:00:00Z`);
        date.setUTCDate(date.getUTCDate() + offsetDays);
        return date.toISOString().slice(0, 10);
      };
      const rows: Record<string, CellValue>[] = [];
      const people = [
        { personId: 'T001', name: SAMPLE_TEXT.teacherA },
        { personId: 'T002', name: SAMPLE_TEXT.teacherB },
      ];
      people.forEach((person, p) => {
        actions.slice(0, p === 0 ? 4 : 2).forEach((action, a) => {
          // The first action three times (twice on one day, once the next), so the sample shows
          // what the once-per and cap rules do.
          for (let repeat = 0; repeat < (a === 0 ? 3 : 1); repeat += 1) {
            const row: Record<string, CellValue> = {
              ...person,
              action: action.code,
              at: `${next(repeat === 2 ? 1 : 0)} ${String(8 + a + repeat * 4).padStart(2, '0')}:${p === 0 ? '00' : '30'}`,
            };
            if (needs.role) row.role = action.roles?.[0] ?? ruleSet.roles[0]?.code ?? null;
            if (groupKeys.has('schoolId')) row.schoolId = 'S1';
            if (groupKeys.has('workshopId')) row.workshopId = 'W1';
            if (groupKeys.has('projectId')) row.projectId = 'P1';
            if (action.oncePer === 'resource') row.resourceId = `R${a + 1}`;
            if (needs.activity) row.activityId = 'A1';
            if (action.minDuration) row.durationMinutes = action.minDuration.minutes + 1;
            if (action.minQuantity) row.quantity = action.minQuantity.value;
            if (action.tiers)
              row.completionRate = action.tiers[action.tiers.length - 1]?.minRate ?? 100;
            if (action.timing) row.deadline = `${next(3)} 23:59`;
            rows.push(row);
          }
        });
      });
      return { rows, extras: {} };
    },
    build: (rows) => {
      const errors: CellError[] = [];
      const rowOfPath = new Map<string, number>();
      const people = new Map<string, Record<string, string>>();
      const events = filledRows(rows, columns).map(({ row, rowNumber }, index) => {
        rowOfPath.set(`events[${index}]`, rowNumber);
        const read = new RowReader(row, rowNumber, byField);
        const personId = read.text('personId');
        if (personId !== undefined) {
          const person = people.get(personId) ?? { personId };
          for (const field of personFields) {
            if (!byField.has(field) || person[field] !== undefined) continue;
            const value = field === 'role' ? read.option(field) : read.text(field);
            if (value !== undefined) person[field] = value;
          }
          people.set(personId, person);
        }
        const event = withDefined({
          personId,
          action: read.option('action'),
          at: read.dateTime('at', offset),
          resourceId: byField.has('resourceId') ? read.text('resourceId') : undefined,
          activityId: byField.has('activityId') ? read.text('activityId') : undefined,
          durationMinutes: byField.has('durationMinutes')
            ? read.number('durationMinutes')
            : undefined,
          quantity: byField.has('quantity') ? read.integer('quantity') : undefined,
          completionRate: byField.has('completionRate') ? read.number('completionRate') : undefined,
          deadline: byField.has('deadline') ? read.dateTime('deadline', offset) : undefined,
        });
        errors.push(...read.errors);
        return event;
      });
      return { input: { people: [...people.values()], events }, errors, rowOfPath };
    },
    columnOfPath: (rest) => labelOf(columns, pathHead(rest).head),
  };
}

// ---------------------------------------------------------------------------------------------
// Credits

function creditsTable(ruleSet: CreditsRuleSet): RecordTable {
  const columns: RecordColumn[] = [
    {
      field: 'teacherId',
      label: COLUMN_TEXT.teacherId,
      type: 'text',
      isRequired: true,
      width: 150,
    },
    { field: 'name', label: COLUMN_TEXT.name, type: 'text', width: 90 },
    {
      field: 'title',
      label: COLUMN_TEXT.title,
      type: 'select',
      options: teacherTitles.map((value) => ({ value, label: value })),
      width: 100,
    },
    { field: 'tenureYears', label: COLUMN_TEXT.tenureYears, type: 'integer', width: 100 },
    { field: 'date', label: COLUMN_TEXT.date, type: 'date', isRequired: true, width: 120 },
    {
      field: 'category',
      label: COLUMN_TEXT.category,
      type: 'select',
      options: ruleSet.categories.map((category) => ({
        value: category.code,
        label: category.label,
      })),
      isRequired: true,
      width: 140,
    },
    { field: 'hours', label: COLUMN_TEXT.hours, type: 'number', isRequired: true, width: 90 },
    { field: 'recordTitle', label: COLUMN_TEXT.recordTitle, type: 'text', width: 160 },
  ];
  if (ruleSet.personalizedTraining)
    columns.push({
      field: 'isPersonalized',
      label: COLUMN_TEXT.isPersonalized,
      type: 'boolean',
      width: 110,
    });
  const byField = columnMap(columns);
  const teacherFields = new Set(['teacherId', 'name', 'title', 'tenureYears']);

  return {
    kind: 'credits',
    columns,
    extras: [],
    sample: (now) => {
      const year = now.slice(0, 4);
      const first = ruleSet.categories[0]?.code ?? null;
      const last = ruleSet.categories[ruleSet.categories.length - 1]?.code ?? null;
      const teacher = {
        teacherId: 'T001',
        name: SAMPLE_TEXT.teacherA,
        title: '中级',
        tenureYears: 2,
      };
      const rows: Record<string, CellValue>[] = [
        {
          ...teacher,
          date: `${year}-03-02`,
          category: last,
          hours: 7,
          recordTitle: SAMPLE_TEXT.recordTitle,
        },
        { ...teacher, date: `${year}-03-09`, category: first, hours: 6 },
        { ...teacher, date: `${year}-03-09`, category: last, hours: 4 },
        { ...teacher, date: `${year}-04-15`, category: first, hours: 30.5 },
        {
          teacherId: 'T002',
          name: SAMPLE_TEXT.teacherB,
          title: '初级',
          tenureYears: 1,
          date: `${year}-05-06`,
          category: first,
          hours: 8,
        },
      ];
      return { rows, extras: {} };
    },
    build: (rows) => {
      const errors: CellError[] = [];
      const rowOfPath = new Map<string, number>();
      const teachers = new Map<
        string,
        { index: number; teacher: Record<string, unknown>; records: Record<string, unknown>[] }
      >();
      let orphan = 0;
      for (const { row, rowNumber } of filledRows(rows, columns)) {
        const read = new RowReader(row, rowNumber, byField);
        const teacherId = read.text('teacherId') ?? `#${(orphan += 1)}`;
        let entry = teachers.get(teacherId);
        if (!entry) {
          entry = { index: teachers.size, teacher: { teacherId }, records: [] };
          teachers.set(teacherId, entry);
          rowOfPath.set(`teachers[${entry.index}]`, rowNumber);
        }
        const t = entry.teacher;
        if (t.name === undefined) t.name = read.text('name');
        if (t.title === undefined) t.title = read.option('title');
        if (t.tenureYears === undefined) t.tenureYears = read.integer('tenureYears');
        rowOfPath.set(`teachers[${entry.index}].records[${entry.records.length}]`, rowNumber);
        entry.records.push(
          withDefined({
            date: read.date('date'),
            category: read.option('category'),
            hours: read.number('hours'),
            title: read.text('recordTitle'),
            isPersonalized: byField.has('isPersonalized')
              ? read.boolean('isPersonalized')
              : undefined,
          }),
        );
        errors.push(...read.errors);
      }
      const list = [...teachers.values()].map(({ teacher, records }) =>
        withDefined({ ...teacher, records }),
      );
      return { input: { teachers: list }, errors, rowOfPath };
    },
    columnOfPath: (rest, prefix) => {
      const head = pathHead(rest).head;
      // A record's `title` is what was trained (培训内容); a teacher's is the title applied for.
      if (prefix.includes('.records['))
        return labelOf(columns, head === 'title' ? 'recordTitle' : head);
      return teacherFields.has(head) ? labelOf(columns, head) : null;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Calendar

function calendarTable(ruleSet: CalendarRuleSet): RecordTable {
  const columns: RecordColumn[] = [
    {
      field: 'action',
      label: COLUMN_TEXT.checkAction,
      type: 'select',
      options: Object.entries(ENUM_TEXT.calendarAction).map(([value, label]) => ({ value, label })),
      isRequired: true,
      width: 120,
    },
    { field: 'batchNo', label: COLUMN_TEXT.batchNo, type: 'integer', width: 80 },
    { field: 'on', label: COLUMN_TEXT.on, type: 'date', isRequired: true, width: 130 },
    {
      field: 'tookSameProjectLastYear',
      label: COLUMN_TEXT.tookLastYear,
      type: 'boolean',
      width: 120,
    },
    { field: 'overrideReason', label: COLUMN_TEXT.overrideReason, type: 'text', width: 200 },
  ];
  const byField = columnMap(columns);
  const firstStart =
    ruleSet.batches.mode === 'regular'
      ? ruleSet.batches.firstStart
      : (ruleSet.batches.list[0]?.start ?? '01-01');

  return {
    kind: 'calendar',
    columns,
    extras: ['year'],
    sample: (now) => {
      const year = Number(now.slice(0, 4));
      const rows: Record<string, CellValue>[] = [
        { action: 'submit-quota', on: `${year}-${ruleSet.quotaDeadline?.monthDay ?? firstStart}` },
        {
          action: 'enroll',
          batchNo: 1,
          on: `${year}-${firstStart}`,
          tookSameProjectLastYear: true,
        },
        { action: 'withdraw', batchNo: 1, on: `${year}-${firstStart}` },
      ];
      return { rows, extras: { year } };
    },
    build: (rows, extras) => {
      const errors: CellError[] = [];
      const rowOfPath = new Map<string, number>();
      const checks = filledRows(rows, columns).map(({ row, rowNumber }, index) => {
        rowOfPath.set(`checks[${index}]`, rowNumber);
        const read = new RowReader(row, rowNumber, byField);
        const check = withDefined({
          action: read.option('action'),
          batchNo: read.integer('batchNo'),
          on: read.date('on'),
          tookSameProjectLastYear: read.boolean('tookSameProjectLastYear'),
          overrideReason: read.text('overrideReason'),
        });
        errors.push(...read.errors);
        return check;
      });
      const input = withDefined({ year: extras.year ?? undefined, checks });
      return { input, errors, rowOfPath };
    },
    columnOfPath: (rest) => labelOf(columns, pathHead(rest).head),
  };
}

// ---------------------------------------------------------------------------------------------
// Quota policy

function quotaTable(ruleSet: QuotaPolicyRuleSet): RecordTable {
  const columns: RecordColumn[] = [
    { field: 'id', label: COLUMN_TEXT.unitId, type: 'text', isRequired: true, width: 120 },
    { field: 'name', label: COLUMN_TEXT.unitName, type: 'text', width: 180 },
    {
      field: 'teachers',
      label: COLUMN_TEXT.teachers,
      type: 'integer',
      isRequired: true,
      width: 110,
    },
    { field: 'minimum', label: COLUMN_TEXT.minimum, type: 'integer', width: 110 },
  ];
  const byField = columnMap(columns);
  return {
    kind: 'quota-policy',
    columns,
    extras: ['total'],
    sample: () => {
      const [a, b, c] = SAMPLE_TEXT.units;
      return {
        rows: [
          { id: 'S1', name: a ?? null, teachers: 120, minimum: null },
          { id: 'S2', name: b ?? null, teachers: 75, minimum: null },
          {
            id: 'S3',
            name: c ?? null,
            teachers: 4,
            minimum: Math.max(2, ruleSet.allocation.defaultMinimum),
          },
        ],
        extras: { total: 20 },
      };
    },
    build: (rows, extras) => {
      const errors: CellError[] = [];
      const rowOfPath = new Map<string, number>();
      const children = filledRows(rows, columns).map(({ row, rowNumber }, index) => {
        rowOfPath.set(`split.children[${index}]`, rowNumber);
        const read = new RowReader(row, rowNumber, byField);
        const child = withDefined({
          id: read.text('id'),
          name: read.text('name'),
          teachers: read.integer('teachers'),
          minimum: read.integer('minimum'),
        });
        errors.push(...read.errors);
        return child;
      });
      return { input: { split: { total: extras.total ?? 0, children } }, errors, rowOfPath };
    },
    columnOfPath: (rest) => labelOf(columns, pathHead(rest).head),
  };
}

export function recordTableOf(part: PartRuleSet): RecordTable {
  switch (part.kind) {
    case 'assessment':
      return assessmentTable(part);
    case 'points':
      return pointsTable(part);
    case 'credits':
      return creditsTable(part);
    case 'calendar':
      return calendarTable(part);
    case 'quota-policy':
      return quotaTable(part);
  }
}

/** A sample org tree for the quota check, rooted at the coverage floor's kind. */
export function sampleQuotaTree(ruleSet: QuotaPolicyRuleSet): unknown {
  const kinds = ['province', 'city', 'district', 'school'] as const;
  const rootKind = ruleSet.coverageFloor?.orgKind ?? 'district';
  const childKind = kinds[Math.min(kinds.indexOf(rootKind) + 1, kinds.length - 1)];
  const [first, second] = SAMPLE_TEXT.treeChildren;
  return {
    id: 'U1',
    name: SAMPLE_TEXT.treeRoot,
    kind: rootKind,
    teachers: 800,
    quota: 60,
    children: [
      { id: 'U11', name: first, kind: childKind, quota: 40, participants: 38 },
      { id: 'U12', name: second, kind: childKind, quota: 25, participants: 20 },
    ],
  };
}

/**
 * Where an engine error points in the table: the row of the longest record prefix of its path and
 * the column of the rest. Paths outside any record (e.g. `split.total`) get no row.
 */
export function locateError(
  table: RecordTable,
  rowOfPath: ReadonlyMap<string, number>,
  path: string,
): { row: number | null; column: string | null } {
  let best: string | null = null;
  for (const prefix of rowOfPath.keys()) {
    if (
      (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`)) &&
      (best === null || prefix.length > best.length)
    )
      best = prefix;
  }
  if (best === null) return { row: null, column: null };
  return {
    row: rowOfPath.get(best) ?? null,
    column: table.columnOfPath(path.slice(best.length), best),
  };
}

let rowCounter = 0;

/** A fresh row id for the grid (rows are edited in place, so they need stable ids). */
export function newRowId(): string {
  rowCounter += 1;
  return `r${Date.now().toString(36)}-${rowCounter}`;
}

export function toRecordRows(rows: readonly Record<string, CellValue>[]): RecordRow[] {
  return rows.map((row) => ({ ...row, rowId: newRowId() }));
}
