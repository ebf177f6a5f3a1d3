/**
 * The numbers and dates of a rule set that "clone and adjust" lets an office change in a form:
 * weights, marks, caps, thresholds, dates. Each field is a path into the JSON plus a Chinese label,
 * so the form writes back into the same structure the engine validates, and a validation error at
 * that path shows next to its field. Structure changes (a new component, another action) go through
 * the JSON editor instead.
 */
import {
  RULE_KIND_LABEL,
  type AssessmentRuleSet,
  type CalendarRuleSet,
  type CreditsRuleSet,
  type PartRuleSet,
  type PointsRuleSet,
  type QuotaPolicyRuleSet,
  type RuleSet,
} from '@shared/domain/rules';
import { type JsonPath } from './json-path';
import { ENUM_TEXT, FIELD_TEXT } from './rules.strings';

export type FieldKind = 'number' | 'integer' | 'date' | 'monthDay';

export interface FieldSpec {
  path: JsonPath;
  label: string;
  kind: FieldKind;
  /** Null is a valid value (e.g. no excellent mark): an empty box means "not set". */
  isNullable: boolean;
  min?: number;
  max?: number;
  unit?: string;
}

export interface FieldGroup {
  key: string;
  title: string;
  fields: FieldSpec[];
}

const U = FIELD_TEXT.units;

function num(
  path: JsonPath,
  label: string,
  options: Partial<Omit<FieldSpec, 'path' | 'label'>> = {},
): FieldSpec {
  return { path, label, kind: 'number', isNullable: false, min: 0, ...options };
}

function int(
  path: JsonPath,
  label: string,
  options: Partial<Omit<FieldSpec, 'path' | 'label'>> = {},
): FieldSpec {
  return { path, label, kind: 'integer', isNullable: false, min: 0, ...options };
}

function group(key: string, title: string, fields: FieldSpec[]): FieldGroup[] {
  return fields.length > 0 ? [{ key, title, fields }] : [];
}

function assessmentGroups(ruleSet: AssessmentRuleSet, at: JsonPath): FieldGroup[] {
  const scoring: FieldSpec[] = [];
  const metricUnit = (key: string): string =>
    ruleSet.metrics.find((metric) => metric.key === key)?.unit ?? '';
  if (ruleSet.scoring) {
    const s = [...at, 'scoring'];
    scoring.push(
      num([...s, 'passMark'], FIELD_TEXT.passMark, { isNullable: true, unit: U.points }),
      num([...s, 'excellentMark'], FIELD_TEXT.excellentMark, { isNullable: true, unit: U.points }),
      int([...s, 'decimals'], FIELD_TEXT.decimals, { max: 4, unit: U.decimals }),
    );
    ruleSet.scoring.components.forEach((component, i) => {
      const c = [...s, 'components', i];
      scoring.push(
        num([...c, 'maxPoints'], FIELD_TEXT.componentMax(component.label), { unit: U.points }),
      );
      if (component.type === 'target') {
        scoring.push(
          num([...c, 'target'], FIELD_TEXT.componentTarget(component.label), {
            unit: metricUnit(component.metric),
          }),
        );
      } else if (component.type === 'threshold') {
        scoring.push(
          num([...c, 'min'], FIELD_TEXT.componentMin(component.label), {
            min: undefined,
            unit: metricUnit(component.metric),
          }),
        );
      } else if (component.type === 'normalized') {
        scoring.push(
          num([...c, 'minPoints'], FIELD_TEXT.componentMinPoints(component.label), {
            unit: U.points,
          }),
          num([...c, 'whenAllEqual'], FIELD_TEXT.componentAllEqual(component.label), {
            unit: U.points,
          }),
        );
      }
    });
  }

  const gates: FieldSpec[] = [];
  ruleSet.gates.forEach((gate, i) => {
    const g = [...at, 'gates', i];
    switch (gate.type) {
      case 'courses':
        gates.push(int([...g, 'required'], FIELD_TEXT.gateRequired(gate.label), { min: 1 }));
        break;
      case 'replies':
        gates.push(
          int([...g, 'required'], FIELD_TEXT.gateRequired(gate.label), { min: 1 }),
          int([...g, 'minChars'], FIELD_TEXT.gateMinChars(gate.label)),
        );
        break;
      case 'best-attempt':
        gates.push(
          int([...g, 'maxAttempts'], FIELD_TEXT.gateMaxAttempts(gate.label), {
            min: 1,
            unit: U.times,
          }),
          num([...g, 'passScore'], FIELD_TEXT.gatePassScore(gate.label), {
            max: 100,
            unit: U.points,
          }),
        );
        break;
      case 'metric-at-least':
        gates.push(
          num([...g, 'min'], FIELD_TEXT.gateMin(gate.label), {
            min: undefined,
            unit: metricUnit(gate.metric),
          }),
        );
        break;
      case 'items': {
        gates.push(int([...g, 'minCount'], FIELD_TEXT.gateMinCount(gate.label), { min: 1 }));
        const range = (path: JsonPath, stage: string | null): void => {
          gates.push(
            num([...path, 'min'], FIELD_TEXT.gateEachMin(gate.label, stage), {
              isNullable: true,
              min: undefined,
              unit: gate.valueUnit,
            }),
            num([...path, 'max'], FIELD_TEXT.gateEachMax(gate.label, stage), {
              isNullable: true,
              min: undefined,
              unit: gate.valueUnit,
            }),
          );
        };
        range([...g, 'each'], null);
        for (const stage of Object.keys(gate.eachByStage ?? {})) {
          range([...g, 'eachByStage', stage], stage);
        }
        break;
      }
    }
  });

  const other: FieldSpec[] = [];
  if (ruleSet.plagiarism) {
    other.push(
      num([...at, 'plagiarism', 'maxPercent'], FIELD_TEXT.plagiarismMax, {
        max: 100,
        unit: U.percent,
      }),
    );
  }
  other.push(num([...at, 'creditHoursOnPass'], FIELD_TEXT.creditHoursOnPass, { unit: U.hours }));
  if (ruleSet.selection) {
    other.push(
      int([...at, 'selection', 'top'], FIELD_TEXT.selectionTop, { min: 1, unit: U.people }),
    );
  }
  ruleSet.groupLimits.forEach((limit, i) => {
    const label = ruleSet.metrics.find((metric) => metric.key === limit.metric)?.label;
    other.push(
      int([...at, 'groupLimits', i, 'max'], FIELD_TEXT.groupLimitMax(label ?? limit.metric), {
        min: 1,
        unit: U.people,
      }),
    );
  });

  return [
    ...group('scoring', FIELD_TEXT.groups.scoring, scoring),
    ...group('gates', FIELD_TEXT.groups.gates, gates),
    ...group('assessmentOther', FIELD_TEXT.groups.assessmentOther, other),
  ];
}

function pointsGroups(ruleSet: PointsRuleSet, at: JsonPath): FieldGroup[] {
  const window: FieldSpec[] = ruleSet.window
    ? [
        {
          path: [...at, 'window', 'from'],
          label: FIELD_TEXT.windowFrom,
          kind: 'date',
          isNullable: false,
        },
        {
          path: [...at, 'window', 'to'],
          label: FIELD_TEXT.windowTo,
          kind: 'date',
          isNullable: false,
        },
      ]
    : [];

  const actions: FieldSpec[] = [];
  ruleSet.actions.forEach((action, i) => {
    const a = [...at, 'actions', i];
    if (action.tiers) {
      action.tiers.forEach((tier, t) => {
        actions.push(
          num([...a, 'tiers', t, 'minRate'], FIELD_TEXT.tierMinRate(action.label, t + 1), {
            max: 100,
            unit: U.percent,
          }),
          int([...a, 'tiers', t, 'points'], FIELD_TEXT.tierPoints(action.label, tier.minRate), {
            min: -10_000,
            max: 10_000,
            unit: U.points,
          }),
        );
      });
    } else {
      actions.push(
        int([...a, 'points'], FIELD_TEXT.actionPoints(action.label), {
          min: -10_000,
          max: 10_000,
          unit: U.points,
        }),
      );
    }
    if (action.minDuration) {
      actions.push(
        num([...a, 'minDuration', 'minutes'], FIELD_TEXT.minDuration(action.label), {
          unit: U.minutes,
        }),
      );
    }
    if (action.minQuantity) {
      actions.push(
        int([...a, 'minQuantity', 'value'], FIELD_TEXT.minQuantity(action.label), {
          min: 1,
          unit: action.minQuantity.unit,
        }),
      );
    }
    if (action.timing?.type === 'within-days-after-deadline') {
      actions.push(
        int([...a, 'timing', 'days'], FIELD_TEXT.timingDays(action.label), {
          min: 1,
          unit: U.days,
        }),
      );
    }
    if (action.streak) {
      actions.push(
        int([...a, 'streak', 'fromDay'], FIELD_TEXT.streakFrom(action.label), {
          min: 2,
          max: 366,
          unit: U.days,
        }),
        int([...a, 'streak', 'points'], FIELD_TEXT.streakPoints(action.label), {
          min: -10_000,
          max: 10_000,
          unit: U.points,
        }),
      );
    }
  });

  const labelOf = (code: string): string =>
    ruleSet.actions.find((action) => action.code === code)?.label ?? code;
  const caps: FieldSpec[] = ruleSet.caps.map((cap, i) =>
    int(
      [...at, 'caps', i, 'max'],
      FIELD_TEXT.capMax(
        cap.label ??
          `${ENUM_TEXT.period[cap.per] ?? cap.per} · ${cap.actions.map(labelOf).join('、')}`,
      ),
      { min: 1, unit: U.points },
    ),
  );

  const conversion: FieldSpec[] = [];
  if (ruleSet.conversion) {
    conversion.push(
      int([...at, 'conversion', 'pointsPerStep'], FIELD_TEXT.pointsPerStep, {
        min: 1,
        unit: U.points,
      }),
      num([...at, 'conversion', 'hoursPerStep'], FIELD_TEXT.hoursPerStep, { unit: U.hours }),
    );
  }
  ruleSet.levels.forEach((level, i) => {
    conversion.push(
      int([...at, 'levels', i, 'minPoints'], FIELD_TEXT.levelMin(level.name), {
        min: 1,
        unit: U.points,
      }),
    );
  });

  const awards: FieldSpec[] = ruleSet.awards.map((award, i) =>
    num([...at, 'awards', i, 'sharePercent'], FIELD_TEXT.awardShare(award.label), {
      max: 100,
      unit: U.percent,
    }),
  );
  if (ruleSet.normalization) {
    const n = [...at, 'normalization'];
    awards.push(
      num([...n, 'minScore'], FIELD_TEXT.normMin, { unit: U.points }),
      num([...n, 'maxScore'], FIELD_TEXT.normMax, { unit: U.points }),
      num([...n, 'whenAllEqual'], FIELD_TEXT.normAllEqual, { unit: U.points }),
      int([...n, 'decimals'], FIELD_TEXT.normDecimals, { max: 4, unit: U.decimals }),
    );
  }

  return [
    ...group('window', FIELD_TEXT.groups.window, window),
    ...group('actions', FIELD_TEXT.groups.actions, actions),
    ...group('caps', FIELD_TEXT.groups.caps, caps),
    ...group('conversion', FIELD_TEXT.groups.conversion, conversion),
    ...group('awards', FIELD_TEXT.groups.awards, awards),
  ];
}

function creditsGroups(ruleSet: CreditsRuleSet, at: JsonPath): FieldGroup[] {
  const categoryLabel = (code: string): string =>
    ruleSet.categories.find((category) => category.code === code)?.label ?? code;
  const basics: FieldSpec[] = [
    num([...at, 'yearlyMinimum'], FIELD_TEXT.yearlyMinimum, { unit: U.credits }),
    int([...at, 'cycle', 'years'], FIELD_TEXT.cycleYears, { min: 1, max: 10, unit: U.years }),
    num([...at, 'cycle', 'minimum'], FIELD_TEXT.cycleMinimum, { unit: U.credits }),
    int([...at, 'cycle', 'firstStartYear'], FIELD_TEXT.cycleFirst, { min: 1900, max: 2200 }),
  ];
  const daily: FieldSpec[] = ruleSet.dailyCaps.map((cap, i) =>
    num(
      [...at, 'dailyCaps', i, 'max'],
      FIELD_TEXT.dailyCap(
        cap.label ??
          (cap.categories === null
            ? FIELD_TEXT.allCategories
            : cap.categories.map(categoryLabel).join('、')),
      ),
      { unit: U.credits },
    ),
  );
  const bounds: FieldSpec[] = [];
  ruleSet.categoryBounds.forEach((bound, i) => {
    const b = [...at, 'categoryBounds', i];
    bounds.push(
      num([...b, 'maxCounted'], FIELD_TEXT.boundMax(bound.label), {
        isNullable: true,
        unit: U.credits,
      }),
      num([...b, 'minRequired'], FIELD_TEXT.boundMin(bound.label), {
        isNullable: true,
        unit: U.credits,
      }),
    );
  });
  const titles: FieldSpec[] = [];
  ruleSet.titleRules.forEach((rule, i) => {
    const t = [...at, 'titleRules', i];
    titles.push(
      int([...t, 'minTenureYears'], FIELD_TEXT.titleTenure(rule.title, i + 1), {
        max: 60,
        unit: U.years,
      }),
      int([...t, 'lookbackYears'], FIELD_TEXT.titleLookback(rule.title, i + 1), {
        min: 1,
        max: 20,
        unit: U.years,
      }),
      num([...t, 'minimum'], FIELD_TEXT.titleMinimum(rule.title, i + 1), { unit: U.credits }),
    );
  });
  const other: FieldSpec[] = [];
  if (ruleSet.honours) {
    other.push(
      int([...at, 'honours', 'lookbackYears'], FIELD_TEXT.honoursYears, {
        min: 1,
        max: 20,
        unit: U.years,
      }),
      num([...at, 'honours', 'minimum'], FIELD_TEXT.honoursMinimum, { unit: U.credits }),
    );
  }
  if (ruleSet.personalizedTraining) {
    other.push(
      int([...at, 'personalizedTraining', 'minimumTimes'], FIELD_TEXT.personalizedTimes, {
        min: 1,
        unit: U.times,
      }),
      int([...at, 'personalizedTraining', 'years'], FIELD_TEXT.personalizedYears, {
        min: 1,
        max: 20,
        unit: U.years,
      }),
    );
  }
  return [
    ...group('creditsBasics', FIELD_TEXT.groups.creditsBasics, basics),
    ...group('dailyCaps', FIELD_TEXT.groups.dailyCaps, daily),
    ...group('bounds', FIELD_TEXT.groups.bounds, bounds),
    ...group('titles', FIELD_TEXT.groups.titles, titles),
    ...group('creditsOther', FIELD_TEXT.groups.creditsOther, other),
  ];
}

function calendarGroups(ruleSet: CalendarRuleSet, at: JsonPath): FieldGroup[] {
  const batches: FieldSpec[] = [];
  const b = [...at, 'batches'];
  const monthDay = (path: JsonPath, label: string): FieldSpec => ({
    path,
    label,
    kind: 'monthDay',
    isNullable: false,
  });
  if (ruleSet.batches.mode === 'regular') {
    batches.push(
      monthDay([...b, 'firstStart'], FIELD_TEXT.firstStart),
      int([...b, 'count'], FIELD_TEXT.batchCount, { min: 1, max: 60, unit: U.times }),
      int([...b, 'lengthDays'], FIELD_TEXT.lengthDays, { min: 1, max: 366, unit: U.days }),
    );
  } else {
    ruleSet.batches.list.forEach((_entry, i) => {
      batches.push(
        monthDay([...b, 'list', i, 'start'], FIELD_TEXT.explicitStart(i + 1)),
        monthDay([...b, 'list', i, 'end'], FIELD_TEXT.explicitEnd(i + 1)),
      );
    });
  }
  const enrollment: FieldSpec[] = [
    int([...at, 'enrollment', 'opensDaysBefore'], FIELD_TEXT.opensDaysBefore, {
      isNullable: true,
      max: 366,
      unit: U.days,
    }),
    int([...at, 'enrollment', 'closesDaysBefore'], FIELD_TEXT.closesDaysBefore, {
      max: 366,
      unit: U.days,
    }),
    int([...at, 'changeCutoff', 'offsetDays'], FIELD_TEXT.changeOffset, {
      min: -366,
      max: 366,
      unit: U.days,
    }),
  ];
  if (ruleSet.quotaDeadline) {
    enrollment.push(monthDay([...at, 'quotaDeadline', 'monthDay'], FIELD_TEXT.quotaMonthDay));
  }
  return [
    ...group('batches', FIELD_TEXT.groups.batches, batches),
    ...group('enrollment', FIELD_TEXT.groups.enrollment, enrollment),
  ];
}

function quotaGroups(ruleSet: QuotaPolicyRuleSet, at: JsonPath): FieldGroup[] {
  const fields: FieldSpec[] = [
    int([...at, 'allocation', 'defaultMinimum'], FIELD_TEXT.defaultMinimum, { unit: U.seats }),
  ];
  if (ruleSet.coverageFloor) {
    fields.push(
      num([...at, 'coverageFloor', 'minPercent'], FIELD_TEXT.coveragePercent, {
        max: 100,
        unit: U.percent,
      }),
    );
  }
  return group('quota', FIELD_TEXT.groups.quota, fields);
}

function partGroups(part: PartRuleSet, at: JsonPath): FieldGroup[] {
  switch (part.kind) {
    case 'assessment':
      return assessmentGroups(part, at);
    case 'points':
      return pointsGroups(part, at);
    case 'credits':
      return creditsGroups(part, at);
    case 'calendar':
      return calendarGroups(part, at);
    case 'quota-policy':
      return quotaGroups(part, at);
  }
}

/** The adjustable fields of a rule set; a bundle's parts each get their own titled groups. */
export function fieldGroupsOf(ruleSet: RuleSet): FieldGroup[] {
  if (ruleSet.kind !== 'bundle') return partGroups(ruleSet, []);
  return ruleSet.parts.flatMap((part, index) =>
    partGroups(part, ['parts', index]).map((entry) => ({
      ...entry,
      key: `parts-${index}-${entry.key}`,
      title: FIELD_TEXT.part(RULE_KIND_LABEL[part.kind], `${entry.title}`),
    })),
  );
}
