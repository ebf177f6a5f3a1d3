/**
 * 报名: pick teachers and a course, 检查 (`enrollment/check`, nothing saved) shows every accept and
 * reject with the core's reasons, 确认报名 (`enrollment/enroll`) saves the accepted ones. A teacher
 * refused only for want of seats may be put on the waitlist from the results.
 */
import { useState } from 'react';
import { Alert, App, Button, Flex, Input, Modal, Select, Table, Tag, Typography } from 'antd';
import { type BatchRow, type EnrollmentResult } from '@shared/api/projects.contract';
import { type TeacherRow } from '@shared/api/roster.contract';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { useErrorNotice } from '../../components/errors';
import {
  asksRepeatReason,
  blockedOnlyByRepeat,
  countOutcomes,
  mayWaitlist,
  reasonLines,
} from './enrollment-results';
import { ENROLLMENT_TEXT } from './enrollment.strings';
import { TeacherPicker } from './TeacherPicker';

interface EnrollDialogProps {
  batch: BatchRow;
  isOpen: boolean;
  onClose: () => void;
  onDone: () => void;
}

type Stage = 'pick' | 'checked' | 'enrolled';

export function ResultTable({
  results,
  isFinal,
  onWaitlist,
  waitlisted,
  reasons,
  onReason,
}: {
  results: readonly EnrollmentResult[];
  isFinal: boolean;
  onWaitlist?: (result: EnrollmentResult) => void;
  waitlisted?: ReadonlySet<string>;
  /** Override reasons typed per teacher (R1's repeat rule), editable when `onReason` is given. */
  reasons?: Readonly<Record<string, string>>;
  onReason?: (teacherId: string, reason: string) => void;
}) {
  const t = ENROLLMENT_TEXT.result;
  const hasRepeat = onReason !== undefined && results.some(asksRepeatReason);
  return (
    <Table<EnrollmentResult>
      size="small"
      rowKey="teacherId"
      dataSource={[...results]}
      pagination={results.length > 10 ? { pageSize: 10, size: 'small' } : false}
      data-testid="enroll-results"
      columns={[
        { title: t.teacher, dataIndex: 'teacherName', width: 100 },
        {
          title: t.outcome,
          dataIndex: 'isAccepted',
          width: 100,
          render: (isAccepted: boolean) =>
            isAccepted ? (
              <Tag color="success">{isFinal ? t.enrolled : t.accepted}</Tag>
            ) : (
              <Tag color="error">{t.rejected}</Tag>
            ),
        },
        {
          title: t.reasons,
          key: 'reasons',
          render: (_: unknown, row) => {
            const lines = reasonLines(row);
            if (lines.length === 0) return t.none;
            return (
              <ul style={{ margin: 0, paddingInlineStart: 16 }} data-testid="enroll-reasons">
                {lines.map((line) => (
                  <li key={line}>{line}</li>
                ))}
              </ul>
            );
          },
        },
        ...(hasRepeat
          ? [
              {
                title: t.overrideReason,
                key: 'overrideReason',
                width: 220,
                render: (_: unknown, row: EnrollmentResult) =>
                  asksRepeatReason(row) ? (
                    <Input
                      size="small"
                      maxLength={200}
                      value={reasons?.[row.teacherId] ?? ''}
                      placeholder={t.overridePlaceholder}
                      onChange={(e) => onReason?.(row.teacherId, e.target.value)}
                      aria-label={`${row.teacherName}${t.overrideReason}`}
                      data-testid="enroll-override-reason"
                    />
                  ) : null,
              },
            ]
          : []),
        ...(onWaitlist
          ? [
              {
                title: '',
                key: 'waitlist',
                width: 100,
                render: (_: unknown, row: EnrollmentResult) =>
                  mayWaitlist(row) && !waitlisted?.has(row.teacherId) ? (
                    <Button size="small" onClick={() => onWaitlist(row)}>
                      {t.waitlist}
                    </Button>
                  ) : null,
              },
            ]
          : []),
      ]}
    />
  );
}

export function EnrollDialog({ batch, isOpen, onClose, onDone }: EnrollDialogProps) {
  const t = ENROLLMENT_TEXT;
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const courses = useApiQuery('projects/courses', { batchId: batch.id }, { isEnabled: isOpen });
  const [courseId, setCourseId] = useState<string | undefined>(undefined);
  const [teachers, setTeachers] = useState<TeacherRow[]>([]);
  const [step, setStep] = useState<Stage>('pick');
  const [results, setResults] = useState<EnrollmentResult[]>([]);
  const [isBusy, setBusy] = useState(false);
  const [waitlisted, setWaitlisted] = useState<Set<string>>(new Set());
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const courseRows = courses.data?.rows ?? [];
  const chosenCourse = courseId ?? (courseRows.length === 1 ? courseRows[0]?.id : undefined);

  const entries = (): { teacherId: string; courseId: string; overrideReason?: string }[] =>
    chosenCourse
      ? teachers.map((row) => {
          const reason = reasons[row.id]?.trim();
          return {
            teacherId: row.id,
            courseId: chosenCourse,
            ...(reason ? { overrideReason: reason } : {}),
          };
        })
      : [];

  const run = async (method: 'enrollment/check' | 'enrollment/enroll'): Promise<void> => {
    const list = entries();
    if (list.length === 0) {
      void message.warning(t.picker.pickTeachers);
      return;
    }
    setBusy(true);
    try {
      const answer = await call(method, { batchId: batch.id, entries: list });
      setResults(answer.results);
      if (method === 'enrollment/enroll') {
        setStep('enrolled');
        const { accepted } = countOutcomes(answer.results);
        if (accepted > 0) void message.success(t.result.enrolledDone(accepted));
        onDone();
      } else {
        setStep('checked');
      }
    } catch (caught) {
      showError(caught);
    } finally {
      setBusy(false);
    }
  };

  const waitlist = async (result: EnrollmentResult): Promise<void> => {
    try {
      await call('enrollment/waitlist', {
        batchId: batch.id,
        teacherId: result.teacherId,
        courseId: result.courseId,
        ...(reasons[result.teacherId]?.trim()
          ? { overrideReason: reasons[result.teacherId]?.trim() }
          : {}),
      });
      setWaitlisted((current) => new Set(current).add(result.teacherId));
      void message.success(t.result.waitlisted(result.teacherName));
      onDone();
    } catch (caught) {
      showError(caught);
    }
  };

  const close = (): void => {
    setStep('pick');
    setResults([]);
    setTeachers([]);
    setWaitlisted(new Set());
    setReasons({});
    onClose();
  };

  const outcome = countOutcomes(results);
  const hasRepeat = results.some(asksRepeatReason);
  // A teacher held back only by the repeat rule gets in once a reason is given.
  const explained = results.filter(
    (r) => blockedOnlyByRepeat(r) && (reasons[r.teacherId]?.trim() ?? '') !== '',
  ).length;
  const footer =
    step === 'pick' ? (
      <Flex justify="end" gap={8}>
        <Button onClick={close}>{t.picker.cancel}</Button>
        <Button
          type="primary"
          loading={isBusy}
          disabled={teachers.length === 0 || !chosenCourse}
          onClick={() => void run('enrollment/check')}
          data-testid="enroll-check"
        >
          {t.picker.check}
        </Button>
      </Flex>
    ) : step === 'checked' ? (
      <Flex justify="end" gap={8}>
        <Button onClick={() => setStep('pick')}>{t.picker.back}</Button>
        {hasRepeat && (
          <Button
            loading={isBusy}
            onClick={() => void run('enrollment/check')}
            data-testid="enroll-recheck"
          >
            {t.result.recheck}
          </Button>
        )}
        <Button
          type="primary"
          loading={isBusy}
          disabled={outcome.accepted + explained === 0}
          onClick={() => void run('enrollment/enroll')}
          data-testid="enroll-confirm"
        >
          {t.picker.confirm}
        </Button>
      </Flex>
    ) : (
      <Flex justify="end">
        <Button type="primary" onClick={close}>
          {t.confirm}
        </Button>
      </Flex>
    );

  return (
    <Modal
      open={isOpen}
      title={`${t.picker.dialogTitle}：${batch.name}`}
      onCancel={close}
      footer={footer}
      width={920}
      destroyOnHidden
      data-testid="enroll-dialog"
    >
      {step === 'pick' ? (
        <Flex vertical gap={12}>
          {courses.data && courseRows.length === 0 && (
            <Alert
              type="warning"
              showIcon
              title={t.picker.noCourses}
              data-testid="enroll-no-courses"
            />
          )}
          <Flex gap={8} align="center">
            <Typography.Text>{t.picker.course}</Typography.Text>
            <Select
              style={{ width: 360 }}
              placeholder={t.picker.coursePick}
              value={chosenCourse}
              loading={courses.isLoading}
              options={courseRows.map((c) => ({
                value: c.id,
                label: `${c.code} ${c.name}（${c.stage}）`,
              }))}
              onChange={setCourseId}
              data-testid="enroll-course"
            />
          </Flex>
          <TeacherPicker mode="multiple" selected={teachers} onChange={setTeachers} />
        </Flex>
      ) : (
        <Flex vertical gap={12}>
          <Alert
            type={outcome.accepted > 0 ? 'info' : 'warning'}
            showIcon
            title={t.result.summary(outcome.accepted, outcome.rejected)}
            description={
              step === 'checked' && outcome.accepted === 0 ? t.result.nothingAccepted : undefined
            }
            data-testid="enroll-summary"
          />
          {step === 'checked' && hasRepeat && (
            <Alert
              type="warning"
              showIcon
              title={t.result.overrideHint}
              data-testid="enroll-override-hint"
            />
          )}
          <ResultTable
            results={results}
            isFinal={step === 'enrolled'}
            onWaitlist={(row) => void waitlist(row)}
            waitlisted={waitlisted}
            reasons={reasons}
            {...(step === 'checked'
              ? {
                  onReason: (teacherId: string, reason: string) =>
                    setReasons((current) => ({ ...current, [teacherId]: reason })),
                }
              : {})}
          />
        </Flex>
      )}
    </Modal>
  );
}
