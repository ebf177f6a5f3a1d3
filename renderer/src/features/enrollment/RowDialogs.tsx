/** The actions on one enrollment: 换人 (another teacher takes the seat) and 退回 (with a reason). */
import { useState } from 'react';
import { Alert, App, Form, Input, Modal } from 'antd';
import { type EnrollmentRow } from '@shared/api/projects.contract';
import { type TeacherRow } from '@shared/api/roster.contract';
import { call } from '../../api/client';
import { useErrorNotice } from '../../components/errors';
import { asksRepeatReason, reasonLines } from './enrollment-results';
import { ENROLLMENT_TEXT } from './enrollment.strings';
import { TeacherPicker } from './TeacherPicker';

interface RowDialogProps {
  row: EnrollmentRow;
  onClose: () => void;
  onDone: () => void;
}

export function SwapDialog({ row, onClose, onDone }: RowDialogProps) {
  const t = ENROLLMENT_TEXT;
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [picked, setPicked] = useState<TeacherRow[]>([]);
  const [refusal, setRefusal] = useState<string[] | null>(null);
  // R1's repeat rule: once the core says the teacher took the project last year, a reason may go along.
  const [asksReason, setAsksReason] = useState(false);
  const [overrideReason, setOverrideReason] = useState('');
  const [isBusy, setBusy] = useState(false);
  const teacher = picked[0];

  const swap = async (): Promise<void> => {
    if (!teacher) return;
    setBusy(true);
    try {
      const result = await call('enrollment/swap', {
        enrollmentId: row.id,
        teacherId: teacher.id,
        ...(asksReason && overrideReason.trim() ? { overrideReason: overrideReason.trim() } : {}),
      });
      if (result.isAccepted) {
        void message.success(t.swapped(result.teacherName));
        onDone();
        onClose();
      } else {
        setRefusal(reasonLines(result));
        if (asksRepeatReason(result)) setAsksReason(true);
      }
    } catch (caught) {
      showError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={t.picker.swapTitle(row.teacher.name)}
      okText={t.picker.confirmSwap}
      cancelText={t.picker.cancel}
      okButtonProps={{ disabled: !teacher, 'data-testid': 'swap-ok' }}
      confirmLoading={isBusy}
      onOk={() => void swap()}
      onCancel={onClose}
      width={860}
      destroyOnHidden
    >
      {refusal && (
        <Alert
          type="error"
          showIcon
          title={t.swapRejected}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 16 }}>
              {refusal.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          }
          style={{ marginBottom: 12 }}
          data-testid="swap-refusal"
        />
      )}
      {asksReason && (
        <Form layout="vertical" style={{ marginBottom: 4 }}>
          <Form.Item label={t.result.overrideReason} extra={t.swapReasonHint}>
            <Input
              maxLength={200}
              value={overrideReason}
              placeholder={t.result.overridePlaceholder}
              onChange={(e) => setOverrideReason(e.target.value)}
              data-testid="swap-override-reason"
            />
          </Form.Item>
        </Form>
      )}
      <TeacherPicker
        mode="single"
        selected={picked}
        onChange={(rows) => {
          setPicked(rows);
          setRefusal(null);
          setAsksReason(false);
          setOverrideReason('');
        }}
      />
    </Modal>
  );
}

/** A dialog that asks for a reason and then does one thing with it (退回, 取消候补). */
function ReasonDialog({
  title,
  okText,
  hint,
  testId,
  onSubmit,
  onClose,
}: {
  title: string;
  okText: string;
  hint: string;
  /** `<testId>-reason` and `<testId>-ok`, for the tests. */
  testId: string;
  /** Carries the action out; a refusal is shown and the dialog stays open. */
  onSubmit: (reason: string) => Promise<void>;
  onClose: () => void;
}) {
  const t = ENROLLMENT_TEXT;
  const showError = useErrorNotice();
  const [form] = Form.useForm<{ reason: string }>();
  const [isBusy, setBusy] = useState(false);

  const submit = async (reason: string): Promise<void> => {
    setBusy(true);
    try {
      await onSubmit(reason);
      onClose();
    } catch (caught) {
      showError(caught);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open
      title={title}
      okText={okText}
      cancelText={t.picker.cancel}
      okButtonProps={{ danger: true, 'data-testid': `${testId}-ok` }}
      confirmLoading={isBusy}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert type="info" showIcon title={hint} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(values) => void submit(values.reason.trim())}>
        <Form.Item
          name="reason"
          label={t.reason}
          rules={[{ required: true, whitespace: true, message: t.reasonRequired }]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount data-testid={`${testId}-reason`} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function WithdrawDialog({
  row,
  onClose,
  onDone,
  onPromoted,
}: RowDialogProps & { onPromoted?: (promoted: EnrollmentRow) => void }) {
  const t = ENROLLMENT_TEXT;
  const { message } = App.useApp();
  return (
    <ReasonDialog
      title={t.withdrawTitle(row.teacher.name)}
      okText={t.withdraw}
      hint={t.withdrawHint}
      testId="withdraw"
      onClose={onClose}
      onSubmit={async (reason) => {
        const result = await call('enrollment/withdraw', { enrollmentId: row.id, reason });
        void message.success(
          result.promoted ? t.promoted(result.promoted.teacher.name) : t.withdrawn,
        );
        if (result.promoted) onPromoted?.(result.promoted);
        onDone();
      }}
    />
  );
}

/** 取消候补: the teacher leaves the school's queue; those behind move up. */
export function LeaveWaitlistDialog({ row, onClose, onDone }: RowDialogProps) {
  const t = ENROLLMENT_TEXT;
  const { message } = App.useApp();
  return (
    <ReasonDialog
      title={t.leaveWaitlistTitle(row.teacher.name, row.order)}
      okText={t.leaveWaitlist}
      hint={t.leaveWaitlistHint}
      testId="leave-waitlist"
      onClose={onClose}
      onSubmit={async (reason) => {
        const result = await call('enrollment/leaveWaitlist', { waitlistId: row.id, reason });
        void message.success(t.leftWaitlist(result.teacherName));
        onDone();
      }}
    />
  );
}
