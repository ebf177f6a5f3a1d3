/**
 * A batch calendar: its rules in words, and the batches it generates for a chosen year (computed by
 * the engine through `rules/evaluate`, so what is shown is exactly what enrollment will use).
 */
import { useState } from 'react';
import dayjs from 'dayjs';
import { Flex, InputNumber, Typography } from 'antd';
import { type CalendarOutput, type CalendarRuleSet } from '@shared/domain/rules';
import { useApiQuery } from '../../../api/use-api-query';
import { ErrorAlert } from '../../../components/errors';
import { BatchTable } from '../results/BatchTable';
import { CALENDAR_VIEW_TEXT, ENUM_TEXT } from '../rules.strings';
import { Section, Settings } from './Section';

const T = CALENDAR_VIEW_TEXT;

export function CalendarRules({ ruleSet }: { ruleSet: CalendarRuleSet }) {
  const [year, setYear] = useState(() => dayjs().year());
  const { data, error, isLoading, reload } = useApiQuery('rules/evaluate', {
    ruleSet,
    input: { year },
    now: dayjs().format('YYYY-MM-DD'),
  });
  // The core produced this output from the engine for a calendar rule set.
  const output = data?.output as CalendarOutput | undefined;
  const b = ruleSet.batches;

  return (
    <>
      <Section title={T.rulesTitle}>
        <Settings
          testId="calendar-rules"
          items={[
            {
              key: 'batches',
              label: T.batches,
              value:
                b.mode === 'regular'
                  ? T.regularText(b.firstStart, b.count, b.startDays.join('、'), b.lengthDays)
                  : T.explicitText(b.list.length),
            },
            {
              key: 'enrollment',
              label: T.enrollment,
              value: T.enrollmentText(
                ruleSet.enrollment.opensDaysBefore,
                ruleSet.enrollment.closesDaysBefore,
              ),
            },
            {
              key: 'change',
              label: T.changeCutoff,
              value: T.changeCutoffText(
                ENUM_TEXT.relativeTo[ruleSet.changeCutoff.relativeTo] ?? '',
                ruleSet.changeCutoff.offsetDays,
              ),
            },
            {
              key: 'quota',
              label: T.quotaDeadline,
              value: ruleSet.quotaDeadline
                ? T.quotaDeadlineText(
                    ruleSet.quotaDeadline.monthDay,
                    ruleSet.quotaDeadline.isInclusive,
                  )
                : T.noQuotaDeadline,
            },
            {
              key: 'repeat',
              label: T.repeat,
              value:
                ENUM_TEXT.repeatEnrollment[ruleSet.repeatEnrollment] ?? ruleSet.repeatEnrollment,
            },
          ]}
        />
      </Section>
      <Section
        title={T.generatedTitle(year)}
        extra={
          <Flex align="center" gap={8}>
            {output?.quotaDeadline && (
              <Typography.Text type="secondary">
                {T.quotaLastDay(output.quotaDeadline.lastDay)}
              </Typography.Text>
            )}
            <Typography.Text>{T.year}</Typography.Text>
            <InputNumber
              size="small"
              min={2000}
              max={2200}
              value={year}
              onChange={(value) => {
                if (typeof value === 'number') setYear(value);
              }}
              data-testid="calendar-year"
            />
          </Flex>
        }
      >
        {error ? (
          <ErrorAlert error={error} onRetry={reload} />
        ) : (
          <BatchTable batches={output?.batches ?? []} isLoading={isLoading} />
        )}
      </Section>
    </>
  );
}
