/**
 * Creates the demo workspace (`demo/create`, a job with progress): a deterministic fictional city
 * so a newcomer sees a working app at once. Offered on the system page and, by the app shell, on an
 * empty roster. The dialog lives in a provider above the pages: the empty roster that offers the
 * button disappears as soon as teachers exist, and must not take the running dialog with it.
 */
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { Button, Flex, InputNumber, Modal, Result, Typography } from 'antd';
import { ExperimentOutlined } from '@ant-design/icons';
import { type MethodOutput } from '@shared/api/contract';
import { DEMO_ROOT_NAME } from '@shared/domain/roster/demo-data';
import { useSystemInfo } from '../../api/system-info';
import { useJob } from '../../api/use-job';
import { useErrorNotice } from '../../components/errors';
import { JobProgress } from '../../components/JobProgress';
import { useOrgTree } from '../../components/org-tree/use-org-tree';
import { DEMO_TEXT } from './system.strings';

type DemoResult = MethodOutput<'demo/create'>;

const DEFAULT_TEACHERS = 30_000;

function DemoBody({ onClose }: { onClose: () => void }) {
  const showError = useErrorNotice();
  const { reload } = useSystemInfo();
  const job = useJob('demo/create');
  const [teachers, setTeachers] = useState<number>(DEFAULT_TEACHERS);
  const [result, setResult] = useState<DemoResult | null>(null);

  const start = async (): Promise<void> => {
    try {
      setResult(await job.run({ teachers }));
      reload();
    } catch (error) {
      showError(error);
    }
  };

  if (result) {
    return (
      <Result
        status="success"
        title={DEMO_TEXT.doneTitle}
        subTitle={DEMO_TEXT.done(result.orgUnits, result.teachers)}
        extra={
          <Button type="primary" onClick={onClose} data-testid="demo-close">
            {DEMO_TEXT.close}
          </Button>
        }
        data-testid="demo-done"
        data-teachers={result.teachers}
      />
    );
  }
  if (job.isRunning) {
    return (
      <JobProgress
        progress={job.progress}
        onCancel={job.cancel}
        isCancelling={job.isCancelling}
        testId="demo-progress"
      />
    );
  }
  return (
    <Flex vertical gap={12}>
      <Flex align="center" gap={8}>
        <Typography.Text>{DEMO_TEXT.teachers}</Typography.Text>
        <InputNumber<number>
          min={100}
          max={200_000}
          step={1000}
          value={teachers}
          onChange={(value) => setTeachers(value ?? DEFAULT_TEACHERS)}
          style={{ width: 140 }}
          data-testid="demo-teachers"
        />
      </Flex>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {DEMO_TEXT.teachersHint}
      </Typography.Text>
      <Flex justify="flex-end" gap={8} className="modal-footer-bar">
        <Button onClick={onClose}>{DEMO_TEXT.cancel}</Button>
        <Button type="primary" onClick={() => void start()} data-testid="demo-start">
          {DEMO_TEXT.start}
        </Button>
      </Flex>
    </Flex>
  );
}

const DemoDialogContext = createContext<{ open: () => void } | null>(null);

export function DemoCreateProvider({ children }: { children: ReactNode }) {
  const [isOpen, setOpen] = useState(false);
  const value = useMemo(() => ({ open: () => setOpen(true) }), []);
  return (
    <DemoDialogContext.Provider value={value}>
      {children}
      <Modal
        open={isOpen}
        title={DEMO_TEXT.title}
        footer={null}
        width={480}
        onCancel={() => setOpen(false)}
        mask={{ closable: false }}
        destroyOnHidden
      >
        <DemoBody onClose={() => setOpen(false)} />
      </Modal>
    </DemoDialogContext.Provider>
  );
}

/**
 * Opens the demo dialog; needs DemoCreateProvider above it (the app puts it around the shell).
 * Where the demo workspace exists already the core would refuse, so the button is not offered and
 * a line says where the demo data is instead.
 */
export function DemoCreateButton({ type = 'default' }: { type?: 'default' | 'primary' }) {
  const dialog = useContext(DemoDialogContext);
  const { nodes } = useOrgTree();
  const hasDemo = nodes.some((node) => node.parentId === null && node.name === DEMO_ROOT_NAME);
  if (hasDemo) {
    return (
      <Typography.Text type="secondary" data-testid="demo-exists">
        {DEMO_TEXT.exists(DEMO_ROOT_NAME)}
      </Typography.Text>
    );
  }
  return (
    <Button
      type={type}
      icon={<ExperimentOutlined />}
      disabled={!dialog}
      onClick={() => dialog?.open()}
      data-testid="demo-create"
    >
      {DEMO_TEXT.button}
    </Button>
  );
}
