/**
 * A points rule set as tables: the action catalogue (points or tiers, caps it shares, once-per
 * rules, durations, deadlines, streaks), the caps, conversion to credit hours, levels, awards and
 * the min–max normalization.
 */
import { Table, Tag } from 'antd';
import { type PointsRuleSet } from '@shared/domain/rules';
import { DETAIL_TEXT, ENUM_TEXT, POINTS_VIEW_TEXT } from '../rules.strings';
import { Section, Settings } from './Section';

type Action = PointsRuleSet['actions'][number];
type Cap = PointsRuleSet['caps'][number];
type Award = PointsRuleSet['awards'][number];

const T = POINTS_VIEW_TEXT;

function pointsText(action: Action): string {
  if (action.tiers)
    return T.tiers(action.tiers.map((t) => T.tierRow(t.minRate, t.points)).join('，'));
  return action.points < 0 ? T.penalty(action.points) : T.plus(action.points);
}

function conditionLines(action: Action): string[] {
  const lines: string[] = [];
  if (action.minDuration)
    lines.push(T.minDuration(action.minDuration.minutes, action.minDuration.isInclusive));
  if (action.minQuantity)
    lines.push(T.minQuantity(action.minQuantity.value, action.minQuantity.unit));
  if (action.timing?.type === 'by-deadline') lines.push(T.byDeadline);
  if (action.timing?.type === 'within-days-after-deadline')
    lines.push(T.withinDays(action.timing.days));
  if (action.streak) lines.push(T.streak(action.streak.fromDay, action.streak.points));
  return lines;
}

export function PointsRules({ ruleSet }: { ruleSet: PointsRuleSet }) {
  const labelOf = (code: string) =>
    ruleSet.actions.find((action) => action.code === code)?.label ?? code;
  const roleOf = (code: string) => ruleSet.roles.find((role) => role.code === code)?.label ?? code;
  const capsOf = (action: Action): string[] => {
    const texts = ruleSet.caps
      .filter((cap) => cap.actions.includes(action.code))
      .map(
        (cap) =>
          T.capText(
            ENUM_TEXT.period[cap.per] ?? cap.per,
            cap.max,
            cap.actions
              .filter((code) => code !== action.code)
              .map(labelOf)
              .join('、'),
          ) + (action.points < 0 ? T.penaltyInCap : ''),
      );
    // docs/domain-rules.md R3: whether a penalty frees room in a cap is a choice; say which one applies.
    if (action.points < 0 && texts.length === 0) texts.push(T.penaltyOutsideCaps);
    return texts;
  };
  const a = T.actionColumns;
  const c = T.capColumns;
  const l = T.levelColumns;
  const w = T.awardColumns;
  const norm = ruleSet.normalization;

  return (
    <>
      <Section title={T.basicsTitle}>
        <Settings
          testId="points-basics"
          items={[
            {
              key: 'window',
              label: T.window,
              value: ruleSet.window
                ? T.windowText(ruleSet.window.from, ruleSet.window.to)
                : T.noWindow,
            },
            {
              key: 'week',
              label: T.weekStartsOn,
              value: ENUM_TEXT.weekday[ruleSet.weekStartsOn] ?? String(ruleSet.weekStartsOn),
            },
            {
              key: 'zone',
              label: T.timeZone,
              value: T.timeZoneText(ruleSet.timeZoneOffsetMinutes),
            },
            {
              key: 'roles',
              label: T.roles,
              value:
                ruleSet.roles.length > 0
                  ? ruleSet.roles.map((role) => role.label).join('、')
                  : T.everyone,
            },
            {
              key: 'conversion',
              label: T.conversion,
              value: ruleSet.conversion
                ? T.conversionText(
                    ruleSet.conversion.pointsPerStep,
                    ruleSet.conversion.hoursPerStep,
                    ENUM_TEXT.rounding[ruleSet.conversion.rounding] ?? ruleSet.conversion.rounding,
                  )
                : T.noConversion,
            },
            {
              key: 'normalization',
              label: T.normalization,
              value: norm
                ? T.normalizationText(
                    norm.minScore,
                    norm.maxScore,
                    norm.whenAllEqual,
                    norm.groupBy ? (ENUM_TEXT.groupBy[norm.groupBy] ?? norm.groupBy) : null,
                  )
                : T.noNormalization,
            },
          ]}
        />
      </Section>
      <Section title={T.actionsTitle}>
        <Table<Action>
          size="small"
          bordered
          rowKey="code"
          pagination={false}
          dataSource={ruleSet.actions}
          data-testid="points-actions"
          columns={[
            { title: a.label, dataIndex: 'label', width: 220 },
            {
              title: a.points,
              key: 'points',
              width: 200,
              render: (_: unknown, row: Action) => (
                <span style={{ color: row.points < 0 && !row.tiers ? '#c0392b' : undefined }}>
                  {pointsText(row)}
                </span>
              ),
            },
            {
              title: a.caps,
              key: 'caps',
              render: (_: unknown, row: Action) => {
                const caps = capsOf(row);
                return caps.length > 0 ? caps.join('；') : DETAIL_TEXT.none;
              },
            },
            {
              title: a.once,
              dataIndex: 'oncePer',
              width: 130,
              render: (once: string | null) =>
                once ? T.oncePer(ENUM_TEXT.period[once] ?? once) : DETAIL_TEXT.none,
            },
            {
              title: a.conditions,
              key: 'conditions',
              render: (_: unknown, row: Action) => {
                const lines = conditionLines(row);
                return lines.length > 0 ? lines.join('；') : DETAIL_TEXT.none;
              },
            },
            ...(ruleSet.roles.length > 0
              ? [
                  {
                    title: a.roles,
                    dataIndex: 'roles',
                    width: 100,
                    render: (roles: string[] | null) =>
                      roles ? roles.map(roleOf).join('、') : T.everyone,
                  },
                ]
              : []),
          ]}
        />
      </Section>
      {ruleSet.caps.length > 0 && (
        <Section title={T.capsTitle}>
          <Table<Cap>
            size="small"
            bordered
            rowKey="id"
            pagination={false}
            dataSource={ruleSet.caps}
            data-testid="points-caps"
            columns={[
              {
                title: c.actions,
                dataIndex: 'actions',
                render: (codes: string[], row) =>
                  `${row.label ? `${row.label}：` : ''}${codes.map(labelOf).join('、')}`,
              },
              {
                title: c.period,
                dataIndex: 'per',
                width: 100,
                render: (per: string) => ENUM_TEXT.period[per] ?? per,
              },
              { title: c.max, dataIndex: 'max', width: 90, align: 'right' },
            ]}
          />
        </Section>
      )}
      {ruleSet.levels.length > 0 && (
        <Section title={T.levelsTitle}>
          <Table
            size="small"
            bordered
            rowKey="minPoints"
            pagination={false}
            dataSource={ruleSet.levels}
            data-testid="points-levels"
            columns={[
              { title: l.minPoints, dataIndex: 'minPoints', width: 140, align: 'right' },
              { title: l.name, dataIndex: 'name' },
            ]}
          />
        </Section>
      )}
      {ruleSet.awards.length > 0 && (
        <Section title={T.awardsTitle}>
          <Table<Award>
            size="small"
            bordered
            rowKey="id"
            pagination={false}
            dataSource={ruleSet.awards}
            data-testid="points-awards"
            columns={[
              { title: w.label, dataIndex: 'label', width: 160 },
              {
                title: w.subject,
                dataIndex: 'subject',
                width: 70,
                render: (subject: string) => (
                  <Tag>{ENUM_TEXT.awardSubject[subject] ?? subject}</Tag>
                ),
              },
              {
                title: w.groupBy,
                dataIndex: 'groupBy',
                width: 130,
                render: (groupBy: string | null) =>
                  groupBy ? (ENUM_TEXT.groupBy[groupBy] ?? groupBy) : T.groupNone,
              },
              {
                title: w.roles,
                dataIndex: 'roles',
                width: 90,
                render: (roles: string[] | null) =>
                  roles ? roles.map(roleOf).join('、') : T.everyone,
              },
              {
                title: w.share,
                dataIndex: 'sharePercent',
                width: 170,
                render: (share: number) => T.shareText(share),
              },
              {
                title: w.measure,
                dataIndex: 'measure',
                width: 90,
                render: (measure: string) => ENUM_TEXT.measure[measure] ?? measure,
              },
              {
                title: w.tieRule,
                dataIndex: 'tieRule',
                render: (tie: string) => ENUM_TEXT.tieRule[tie] ?? tie,
              },
            ]}
          />
        </Section>
      )}
    </>
  );
}
