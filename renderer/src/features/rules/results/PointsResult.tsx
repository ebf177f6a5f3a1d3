/**
 * What-if result of a points rule set: totals per person with credit hours, level and awards, a
 * chart of points per person, and per person an expandable ledger, day by day, of every event with
 * the points it earned and why (caps, once-per rules, deadlines…), as the engine explains it.
 */
import { useMemo } from 'react';
import { Flex, Table, Tag, Tooltip, Typography } from 'antd';
import {
  type LedgerDay,
  type LedgerEntry,
  type PersonPoints,
  type PointsOutput,
  type PointsRuleSet,
} from '@shared/domain/rules';
import { EChart, type ChartOption } from '../../../components/EChart';
import { RESULT_TEXT } from '../rules.strings';
import { offsetText } from '../what-if/cell-values';
import { Figures, PersonCell, resultPagination } from './Figures';

type AwardRow = {
  key: string;
  label: string;
  scope: string | null;
  candidates: number;
  quota: number;
  winners: string;
  note: string;
};

const T = RESULT_TEXT;
const L = T.ledgerColumns;

/** `2024-03-04T08:00:00+08:00` → `2024-03-04 08:00` when the offset is the rule set's own zone. */
function timeText(at: string, zone: string): string {
  const local = at.endsWith(zone) ? at.slice(0, -zone.length) : at;
  return local.replace('T', ' ').replace(/:00(?=$|[+-]\d{2}:\d{2}$|Z$)/, '');
}

function DayEntries({ day, zone }: { day: LedgerDay; zone: string }) {
  return (
    <Table<LedgerEntry>
      size="small"
      rowKey="index"
      pagination={false}
      dataSource={day.entries}
      columns={[
        {
          title: L.at,
          dataIndex: 'at',
          width: 190,
          className: 'cell-mono',
          render: (at: string) => timeText(at, zone),
        },
        { title: L.action, dataIndex: 'label', width: 220 },
        { title: L.requested, dataIndex: 'requested', width: 70, align: 'right' },
        {
          title: L.points,
          dataIndex: 'points',
          width: 70,
          align: 'right',
          render: (points: number, row) => (
            <span
              className={
                points < 0
                  ? 'rules-points-minus'
                  : points < row.requested
                    ? 'rules-points-cut'
                    : undefined
              }
            >
              {points}
            </span>
          ),
        },
        { title: L.reason, dataIndex: 'reason' },
      ]}
    />
  );
}

function PersonLedger({ person, zone }: { person: PersonPoints; zone: string }) {
  const b = T.byActionColumns;
  return (
    <Flex
      vertical
      gap={8}
      className="rules-result-detail"
      data-testid={`points-ledger-${person.personId}`}
    >
      {person.days.length > 0 && (
        <>
          <Typography.Text strong>{T.ledgerTitle}</Typography.Text>
          <Table<LedgerDay>
            size="small"
            bordered
            rowKey="date"
            pagination={person.days.length > 31 ? { pageSize: 31, showSizeChanger: false } : false}
            dataSource={person.days}
            expandable={{
              expandedRowRender: (day) => <DayEntries day={day} zone={zone} />,
              defaultExpandAllRows: person.days.length <= 3,
            }}
            columns={[
              { title: L.date, dataIndex: 'date', width: 140, className: 'cell-mono' },
              { title: L.dayPoints, dataIndex: 'points', width: 100, align: 'right' },
              {
                title: L.reason,
                key: 'summary',
                render: (_: unknown, day) =>
                  day.entries
                    .filter((entry) => entry.points !== entry.requested)
                    .map((entry) => `${entry.label}：${entry.reason}`)
                    .slice(0, 2)
                    .join('；'),
              },
            ]}
          />
        </>
      )}
      {person.byAction.length > 0 && (
        <>
          <Typography.Text strong>{T.byActionTitle}</Typography.Text>
          <Table
            size="small"
            bordered
            rowKey="action"
            pagination={false}
            dataSource={person.byAction}
            columns={[
              { title: b.label, dataIndex: 'label' },
              { title: b.count, dataIndex: 'count', width: 90, align: 'right' },
              { title: b.points, dataIndex: 'points', width: 90, align: 'right' },
            ]}
          />
        </>
      )}
    </Flex>
  );
}

function chartOf(people: readonly PersonPoints[]): ChartOption | null {
  if (people.length === 0) return null;
  const top = [...people].sort((a, b) => b.total - a.total).slice(0, 30);
  return {
    title: { text: T.chartPoints, left: 0, textStyle: { fontSize: 13, fontWeight: 600 } },
    tooltip: { trigger: 'axis' },
    grid: { left: 44, right: 12, top: 44, bottom: 24 },
    xAxis: { type: 'category', data: top.map((person) => person.name ?? person.personId) },
    yAxis: { type: 'value', minInterval: 1 },
    series: [
      {
        type: 'bar',
        barMaxWidth: 28,
        itemStyle: { color: '#5b8fd6' },
        data: top.map((person) => person.total),
      },
    ],
  };
}

export function PointsResult({
  output,
  ruleSet,
}: {
  output: PointsOutput;
  ruleSet: PointsRuleSet;
}) {
  const option = useMemo(() => chartOf(output.people), [output]);
  const zone = offsetText(ruleSet.timeZoneOffsetMinutes);
  const roleOf = (code: string | null) =>
    code === null ? '' : (ruleSet.roles.find((role) => role.code === code)?.label ?? code);
  const nameOf = (id: string) => output.people.find((person) => person.personId === id)?.name ?? id;
  const awardRows: AwardRow[] = output.awards.flatMap((award) =>
    award.rankings.map((ranking, i) => ({
      key: `${award.id}-${i}`,
      label: award.label,
      scope: ranking.scope,
      candidates: ranking.candidates,
      quota: ranking.quota,
      winners: ranking.winners
        .map((winner) =>
          T.winner(
            award.subject === 'person' ? nameOf(winner.id) : (winner.name ?? winner.id),
            winner.value,
            winner.rank,
          ),
        )
        .join('、'),
      note: ranking.note,
    })),
  );
  const p = T.pointsColumns;
  const w = T.awardColumns;
  const s = output.summary;
  const hasNormalization = ruleSet.normalization !== null;

  return (
    <Flex vertical gap={12} data-testid="points-result">
      <Flex gap={12} align="stretch" wrap>
        <div style={{ flex: '1 1 360px' }}>
          <Figures
            items={[
              { label: T.summary.people, value: s.people, testId: 'result-people' },
              { label: T.summary.events, value: s.events, testId: 'result-events' },
              { label: T.summary.totalPoints, value: s.totalPoints, testId: 'result-total-points' },
            ]}
          />
          {s.normalization.map((entry) => (
            <Typography.Text
              key={entry.scope ?? '*'}
              type="secondary"
              style={{ display: 'block', marginTop: 6 }}
            >
              {T.normalizationNote(entry.scope ?? T.allScope, entry.min, entry.max)}
            </Typography.Text>
          ))}
        </div>
        {option && (
          <div className="rules-chart" style={{ flex: '1 1 420px' }}>
            <EChart option={option} height={160} testId="result-chart" />
          </div>
        )}
      </Flex>
      <Table<PersonPoints>
        size="small"
        bordered
        rowKey="personId"
        dataSource={output.people}
        pagination={resultPagination(output.people.length)}
        expandable={{
          expandedRowRender: (person) => <PersonLedger person={person} zone={zone} />,
          rowExpandable: (person) => person.days.length > 0 || person.byAction.length > 0,
        }}
        data-testid="points-results"
        columns={[
          {
            title: p.person,
            key: 'person',
            width: 170,
            render: (_: unknown, row) => <PersonCell name={row.name} id={row.personId} />,
          },
          ...(ruleSet.roles.length > 0
            ? [{ title: p.role, dataIndex: 'role', width: 80, render: roleOf }]
            : []),
          {
            title: p.total,
            dataIndex: 'total',
            width: 90,
            align: 'right',
            render: (total: number) => <strong data-testid="result-total">{total}</strong>,
          },
          { title: p.events, dataIndex: 'eventCount', width: 80, align: 'right' },
          ...(ruleSet.conversion
            ? [
                {
                  title: p.creditHours,
                  dataIndex: 'creditHours',
                  width: 80,
                  align: 'right' as const,
                  render: (hours: number | null, row: PersonPoints) => (
                    <Tooltip title={row.conversionNote}>
                      <span>{hours ?? ''}</span>
                    </Tooltip>
                  ),
                },
              ]
            : []),
          ...(ruleSet.levels.length > 0
            ? [
                {
                  title: p.level,
                  dataIndex: 'level',
                  width: 150,
                  render: (level: string | null) =>
                    level ?? <Typography.Text type="secondary">{T.noLevel}</Typography.Text>,
                },
                {
                  title: p.nextLevel,
                  dataIndex: 'nextLevel',
                  width: 200,
                  render: (next: PersonPoints['nextLevel']) =>
                    next ? T.nextLevel(next.name, next.pointsNeeded) : T.topLevel,
                },
              ]
            : []),
          ...(hasNormalization
            ? [
                {
                  title: p.normalized,
                  dataIndex: 'normalizedScore',
                  width: 110,
                  align: 'right' as const,
                  render: (score: number | null) => score ?? '',
                },
              ]
            : []),
          {
            title: p.awards,
            dataIndex: 'awards',
            render: (awards: string[]) =>
              awards.map((award) => (
                <Tag key={award} color="gold">
                  {award}
                </Tag>
              )),
          },
        ]}
      />
      {awardRows.length > 0 && (
        <>
          <Typography.Text strong>{T.awardsTitle}</Typography.Text>
          <Table<AwardRow>
            size="small"
            bordered
            rowKey="key"
            pagination={false}
            dataSource={awardRows}
            data-testid="points-awards-result"
            columns={[
              { title: w.award, dataIndex: 'label', width: 150 },
              {
                title: w.scope,
                dataIndex: 'scope',
                width: 100,
                render: (scope: string | null) => scope ?? T.allScope,
              },
              { title: w.candidates, dataIndex: 'candidates', width: 70, align: 'right' },
              { title: w.quota, dataIndex: 'quota', width: 70, align: 'right' },
              { title: w.winners, dataIndex: 'winners' },
              { title: w.note, dataIndex: 'note', width: 280 },
            ]}
          />
        </>
      )}
    </Flex>
  );
}
