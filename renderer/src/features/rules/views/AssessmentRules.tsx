/**
 * An assessment rule set as an office reads it: the pass and excellent marks, the weighted
 * components with what earns their points, the all-of conditions, plagiarism and selection.
 */
import { Table, Tag, Typography } from 'antd';
import { type AssessmentRuleSet } from '@shared/domain/rules';
import { ASSESSMENT_VIEW_TEXT, DETAIL_TEXT, ENUM_TEXT } from '../rules.strings';
import { Section, Settings, type Setting } from './Section';

type Component = NonNullable<AssessmentRuleSet['scoring']>['components'][number];
type Gate = AssessmentRuleSet['gates'][number];

const T = ASSESSMENT_VIEW_TEXT;

function withUnit(value: number, unit: string): string {
  return unit ? `${value} ${unit}` : String(value);
}

export function componentRuleText(component: Component, ruleSet: AssessmentRuleSet): string {
  const metric = (key: string) => ruleSet.metrics.find((entry) => entry.key === key);
  switch (component.type) {
    case 'target':
      return T.rule.target(
        withUnit(component.target, metric(component.metric)?.unit ?? ''),
        component.belowTarget,
      );
    case 'percent':
      return T.rule.percent;
    case 'points':
      return T.rule.points;
    case 'flag':
      return T.rule.flag(
        component.metrics.map((key) => `「${metric(key)?.label ?? key}」`).join('或'),
      );
    case 'threshold':
      return T.rule.threshold(withUnit(component.min, metric(component.metric)?.unit ?? ''));
    case 'normalized':
      return T.rule.normalized(component.minPoints, component.maxPoints, component.whenAllEqual);
  }
}

export function gateRequirementText(gate: Gate, ruleSet: AssessmentRuleSet): string {
  switch (gate.type) {
    case 'courses':
      return T.gate.courses(gate.required, gate.ownStageOnly);
    case 'replies':
      return T.gate.replies(
        gate.required,
        gate.minChars,
        ENUM_TEXT.charCounting[gate.charCounting] ?? gate.charCounting,
        gate.isDeadlineInclusive,
        gate.countsTopics,
      );
    case 'best-attempt':
      return T.gate.bestAttempt(gate.maxAttempts, gate.passScore);
    case 'metric-at-least': {
      const metric = ruleSet.metrics.find((entry) => entry.key === gate.metric);
      return T.gate.metricAtLeast(metric?.label ?? gate.metric, gate.min);
    }
    case 'items': {
      const range = T.gate.range(gate.each.min, gate.each.max, gate.valueUnit);
      const byStage = Object.entries(gate.eachByStage ?? {})
        .map(([stage, value]) =>
          value ? T.gate.byStage(stage, T.gate.range(value.min, value.max, gate.valueUnit)) : '',
        )
        .filter((text) => text !== '')
        .join('；');
      return T.gate.items(gate.minCount, gate.countUnit, gate.itemLabel, byStage || range);
    }
  }
}

export function AssessmentRules({ ruleSet }: { ruleSet: AssessmentRuleSet }) {
  const scoring = ruleSet.scoring;
  const metricLabel = (key: string) =>
    ruleSet.metrics.find((entry) => entry.key === key)?.label ?? key;

  const marks: Setting[] = [];
  if (scoring) {
    marks.push(
      {
        key: 'pass',
        label: T.passMark,
        value: scoring.passMark === null ? T.noMark : T.points(scoring.passMark),
        testId: 'assessment-pass-mark',
      },
      {
        key: 'excellent',
        label: T.excellentMark,
        value:
          scoring.excellentMark === null
            ? DETAIL_TEXT.none
            : `${T.points(scoring.excellentMark)}${scoring.excellentNeedsReview ? `（${T.excellentNeedsReview}）` : ''}`,
        testId: 'assessment-excellent-mark',
      },
      { key: 'decimals', label: T.decimals, value: T.decimalsText(scoring.decimals) },
    );
  } else {
    marks.push({
      key: 'pass',
      label: T.passMark,
      value: T.noScoring,
      testId: 'assessment-pass-mark',
    });
  }
  marks.push({
    key: 'hours',
    label: T.creditHours,
    value: ruleSet.creditHoursOnPass > 0 ? T.hours(ruleSet.creditHoursOnPass) : DETAIL_TEXT.none,
  });
  if (ruleSet.plagiarism) {
    const p = ruleSet.plagiarism;
    marks.push({
      key: 'plagiarism',
      label: T.plagiarism,
      value: T.plagiarismText(
        metricLabel(p.metric),
        p.maxPercent,
        ENUM_TEXT.ban[p.ban] ?? p.ban,
        p.banScope,
      ),
    });
  }
  if (ruleSet.selection) {
    const s = ruleSet.selection;
    marks.push({
      key: 'selection',
      label: T.selection,
      value: T.selectionText(s.top, ENUM_TEXT.tieRule[s.tieRule] ?? s.tieRule, s.requirePass),
    });
  }

  const base = scoring?.components.filter((c) => !c.isBonus).reduce((a, c) => a + c.maxPoints, 0);
  const bonus = scoring?.components.filter((c) => c.isBonus).reduce((a, c) => a + c.maxPoints, 0);
  const hasSections = scoring?.components.some((c) => c.section !== null) ?? false;
  const c = T.columns;
  const g = T.gateColumns;
  const m = T.metricColumns;

  return (
    <>
      <Section title={T.marksTitle}>
        <Settings items={marks} testId="assessment-marks" />
      </Section>
      {scoring && (
        <Section
          title={T.componentsTitle}
          extra={
            <Typography.Text type="secondary">
              {T.componentsTotal(base ?? 0, bonus ?? 0)}
            </Typography.Text>
          }
        >
          <Table<Component>
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={scoring.components}
            data-testid="assessment-components"
            columns={[
              ...(hasSections
                ? [
                    {
                      title: c.section,
                      dataIndex: 'section',
                      width: 170,
                      render: (section: string | null) => section ?? '',
                    },
                  ]
                : []),
              {
                title: c.label,
                dataIndex: 'label',
                render: (label: string, row: Component) => (
                  <>
                    {label}
                    {row.isBonus && (
                      <Tag color="gold" style={{ marginInlineStart: 6 }}>
                        {T.bonus}
                      </Tag>
                    )}
                  </>
                ),
              },
              {
                title: c.type,
                dataIndex: 'type',
                width: 110,
                render: (type: string) => ENUM_TEXT.componentType[type] ?? type,
              },
              {
                title: c.metric,
                key: 'metric',
                width: 180,
                render: (_: unknown, row: Component) =>
                  row.type === 'flag'
                    ? row.metrics.map(metricLabel).join('、')
                    : metricLabel(row.metric),
              },
              {
                title: c.maxPoints,
                dataIndex: 'maxPoints',
                width: 110,
                align: 'right',
                render: (points: number) => T.points(points),
              },
              {
                title: c.rule,
                key: 'rule',
                render: (_: unknown, row: Component) => componentRuleText(row, ruleSet),
              },
            ]}
          />
        </Section>
      )}
      {ruleSet.gates.length > 0 && (
        <Section title={T.gatesTitle}>
          <Table<Gate>
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={ruleSet.gates}
            data-testid="assessment-gates"
            columns={[
              { title: g.label, dataIndex: 'label', width: 160 },
              {
                title: g.type,
                dataIndex: 'type',
                width: 110,
                render: (type: string) => ENUM_TEXT.gateType[type] ?? type,
              },
              {
                title: g.requirement,
                key: 'requirement',
                render: (_: unknown, row: Gate) => gateRequirementText(row, ruleSet),
              },
            ]}
          />
        </Section>
      )}
      {ruleSet.groupLimits.length > 0 && (
        <Section title={T.groupLimitsTitle}>
          <ul className="rules-plain-list">
            {ruleSet.groupLimits.map((limit) => (
              <li key={limit.metric}>{T.groupLimit(metricLabel(limit.metric), limit.max)}</li>
            ))}
          </ul>
        </Section>
      )}
      {ruleSet.metrics.length > 0 && (
        <Section title={T.metricsTitle}>
          <Table
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={ruleSet.metrics}
            columns={[
              { title: m.label, dataIndex: 'label' },
              { title: m.unit, dataIndex: 'unit', width: 90 },
              {
                title: m.type,
                dataIndex: 'type',
                width: 90,
                render: (type: string) => ENUM_TEXT.metricType[type] ?? type,
              },
            ]}
          />
        </Section>
      )}
    </>
  );
}
