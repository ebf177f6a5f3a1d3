/**
 * Progress of a long job as the core reports it (phase message, rows done, total when known), with
 * a cancel button that reaches the core. When the total is unknown the bar is indeterminate.
 */
import { Button, Flex, Progress, Typography } from 'antd';
import { type JobProgressEvent } from '@shared/api/events';
import { JOB_TEXT } from './components.strings';

interface JobProgressProps {
  progress: JobProgressEvent | null;
  onCancel?: () => void;
  isCancelling?: boolean;
  testId?: string;
}

function percentOf(progress: JobProgressEvent | null): number | null {
  if (!progress || progress.total === null || progress.total === 0) return null;
  return Math.min(100, Math.floor((progress.done / progress.total) * 100));
}

export function JobProgress({
  progress,
  onCancel,
  isCancelling = false,
  testId = 'job-progress',
}: JobProgressProps) {
  const percent = percentOf(progress);
  return (
    <div data-testid={testId} data-phase={progress?.phase ?? 'start'}>
      <Flex justify="space-between" align="baseline" gap={12}>
        <Typography.Text data-testid={`${testId}-message`}>
          {progress?.message ?? JOB_TEXT.starting}
        </Typography.Text>
        {progress && (
          <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums' }}>
            {JOB_TEXT.rows(progress.done, progress.total)}
          </Typography.Text>
        )}
      </Flex>
      <Flex align="center" gap={12}>
        <Progress
          style={{ flex: 1, marginBottom: 0 }}
          percent={percent ?? 100}
          status="active"
          showInfo={percent !== null}
          strokeColor={percent === null ? '#9db7de' : undefined}
        />
        {onCancel && (
          <Button
            size="small"
            onClick={onCancel}
            loading={isCancelling}
            data-testid={`${testId}-cancel`}
          >
            {isCancelling ? JOB_TEXT.cancelling : JOB_TEXT.cancel}
          </Button>
        )}
      </Flex>
    </div>
  );
}
