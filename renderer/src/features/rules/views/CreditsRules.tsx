/**
 * A credits rule set as tables: categories, daily caps, the yearly minimum and the cycle, category
 * bounds over a cycle, title-evaluation thresholds by title and tenure, and the other checks.
 */
import { Table, Tag } from 'antd';
import { type CreditsRuleSet } from '@shared/domain/rules';
import { CREDITS_VIEW_TEXT, DETAIL_TEXT, ENUM_TEXT } from '../rules.strings';
import { Section, Settings } from './Section';

type DailyCap = CreditsRuleSet['dailyCaps'][number];
type Bound = CreditsRuleSet['categoryBounds'][number];
type TitleRule = CreditsRuleSet['titleRules'][number];

const T = CREDITS_VIEW_TEXT;

export function CreditsRules({ ruleSet }: { ruleSet: CreditsRuleSet }) {
  const categoryLabel = (code: string) =>
    ruleSet.categories.find((category) => category.code === code)?.label ?? code;
  const yesNo = (value: boolean) => (value ? DETAIL_TEXT.yes : DETAIL_TEXT.no);
  const hours = (value: number | null) => (value === null ? DETAIL_TEXT.none : T.hoursText(value));

  return (
    <>
      <Section title={T.basicsTitle}>
        <Settings
          testId="credits-basics"
          items={[
            {
              key: 'yearly',
              label: T.yearlyMinimum,
              value: T.hoursText(ruleSet.yearlyMinimum),
              testId: 'credits-yearly-minimum',
            },
            {
              key: 'cycle',
              label: T.cycle,
              value: T.cycleText(
                ruleSet.cycle.years,
                ruleSet.cycle.minimum,
                ruleSet.cycle.firstStartYear,
              ),
            },
            {
              key: 'requireYearly',
              label: T.requireYearly,
              value: yesNo(ruleSet.cycle.requireYearlyMinimum),
            },
            {
              key: 'windowMode',
              label: T.windowMode,
              value: ENUM_TEXT.windowMode[ruleSet.windowMode] ?? ruleSet.windowMode,
            },
          ]}
        />
      </Section>
      <Section title={T.dailyCapsTitle}>
        <Table<DailyCap>
          size="small"
          bordered
          rowKey={(row) => (row.categories ?? ['*']).join(',')}
          pagination={false}
          dataSource={ruleSet.dailyCaps}
          data-testid="credits-daily-caps"
          columns={[
            {
              title: T.dailyCapColumns.categories,
              dataIndex: 'categories',
              render: (codes: string[] | null) =>
                codes ? codes.map(categoryLabel).join('、') : T.allCategories,
            },
            {
              title: T.dailyCapColumns.max,
              dataIndex: 'max',
              width: 140,
              align: 'right',
              render: (max: number) => T.hoursText(max),
            },
          ]}
        />
      </Section>
      {ruleSet.categoryBounds.length > 0 && (
        <Section title={T.boundsTitle}>
          <Table<Bound>
            size="small"
            bordered
            rowKey="label"
            pagination={false}
            dataSource={ruleSet.categoryBounds}
            data-testid="credits-bounds"
            columns={[
              { title: T.boundColumns.label, dataIndex: 'label', width: 180 },
              {
                title: T.boundColumns.categories,
                dataIndex: 'categories',
                render: (codes: string[]) => codes.map(categoryLabel).join('、'),
              },
              {
                title: T.boundColumns.maxCounted,
                dataIndex: 'maxCounted',
                width: 130,
                align: 'right',
                render: hours,
              },
              {
                title: T.boundColumns.minRequired,
                dataIndex: 'minRequired',
                width: 130,
                align: 'right',
                render: hours,
              },
            ]}
          />
        </Section>
      )}
      {ruleSet.titleRules.length > 0 && (
        <Section title={T.titlesTitle}>
          <Table<TitleRule>
            size="small"
            bordered
            rowKey={(row) => `${row.title}-${row.minTenureYears}`}
            pagination={false}
            dataSource={ruleSet.titleRules}
            data-testid="credits-titles"
            columns={[
              { title: T.titleColumns.title, dataIndex: 'title', width: 120 },
              {
                title: T.titleColumns.tenure,
                dataIndex: 'minTenureYears',
                width: 130,
                render: (years: number) => T.tenureText(years),
              },
              {
                title: T.titleColumns.lookback,
                dataIndex: 'lookbackYears',
                width: 110,
                render: (years: number) => T.lookbackText(years),
              },
              {
                title: T.titleColumns.minimum,
                dataIndex: 'minimum',
                width: 120,
                align: 'right',
                render: (minimum: number) => T.hoursText(minimum),
              },
              {
                title: T.titleColumns.bounds,
                dataIndex: 'applyCategoryBounds',
                render: (apply: boolean) => yesNo(apply),
              },
            ]}
          />
        </Section>
      )}
      <Section title={T.otherTitle}>
        <Settings
          items={[
            {
              key: 'certificate',
              label: T.certificate,
              value: ruleSet.certificateRenewal
                ? T.certificateText(ruleSet.certificateRenewal.applyCategoryBounds)
                : T.notApplicable,
            },
            {
              key: 'honours',
              label: T.honours,
              value: ruleSet.honours
                ? T.honoursText(
                    ruleSet.honours.lookbackYears,
                    ruleSet.honours.minimum,
                    ruleSet.honours.applyCategoryBounds,
                  )
                : T.notApplicable,
            },
            {
              key: 'personalized',
              label: T.personalized,
              value: ruleSet.personalizedTraining
                ? T.personalizedText(
                    ruleSet.personalizedTraining.minimumTimes,
                    ruleSet.personalizedTraining.years,
                  )
                : T.notApplicable,
            },
          ]}
        />
      </Section>
      <Section title={T.categoriesTitle}>
        <Table
          size="small"
          bordered
          rowKey="code"
          pagination={false}
          dataSource={ruleSet.categories}
          columns={[
            {
              title: T.categoryColumns.label,
              dataIndex: 'label',
              render: (label: string) => <Tag>{label}</Tag>,
            },
          ]}
        />
      </Section>
    </>
  );
}
