/**
 * The first run: either the demo workspace (`setup/demo`, a job with progress; then the login
 * screen lists the demo accounts), or the formal setup in three steps: the unit this installation
 * serves (chosen from units already in the database, or typed in), the first administrator
 * (`setup/complete`, which logs them in), and done.
 */
import { useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Skeleton,
  Steps,
  Typography,
} from 'antd';
import { ExperimentOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { type Me } from '@shared/api/auth.contract';
import { type OrgKind } from '@shared/api/common.schemas';
import { ORG_KINDS } from '@shared/api/values';
import { checkUserName } from '@shared/domain/auth/password-policy';
import { toApiError, type ApiError } from '../../api/api-error';
import { call, resetEvents } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { useJob } from '../../api/use-job';
import { ORG_KIND_LABELS } from '../../components/components.strings';
import { ErrorAlert } from '../../components/errors';
import { JobProgress } from '../../components/JobProgress';
import { OrgTree } from '../../components/org-tree/OrgTree';
import { PasswordFields } from '../../components/PasswordFields';
import { UserNameField } from '../../components/UserNameField';
import { SETUP_TEXT } from './auth.strings';
import { formatCount } from '../../components/format-count';

const DEFAULT_DEMO_TEACHERS = 30_000;

interface SetupWizardProps {
  /**
   * The formal setup is being completed (true: from the moment it is sent, so that the change of
   * session it brings does not take the wizard away before its last step; false: it failed).
   */
  onCompleting: (isCompleting: boolean) => void;
  /** The installation is set up: read the session again (login screen, or the app). */
  onDone: () => void;
}

type Phase = 'choose' | 'formal';

export function SetupWizard({ onCompleting, onDone }: SetupWizardProps) {
  const [phase, setPhase] = useState<Phase>('choose');
  return phase === 'choose' ? (
    <ChooseWay onFormal={() => setPhase('formal')} onDemoDone={onDone} />
  ) : (
    <FormalSetup onBack={() => setPhase('choose')} onCompleting={onCompleting} onDone={onDone} />
  );
}

function ChooseWay({ onFormal, onDemoDone }: { onFormal: () => void; onDemoDone: () => void }) {
  const t = SETUP_TEXT;
  const { message } = App.useApp();
  const job = useJob('setup/demo');
  const [teachers, setTeachers] = useState(DEFAULT_DEMO_TEACHERS);
  const [error, setError] = useState<ApiError | null>(null);

  const startDemo = async (): Promise<void> => {
    setError(null);
    try {
      const result = await job.run({ teachers });
      void message.success(t.demo.done(result.orgUnits, result.teachers, result.accounts), 6);
      onDemoDone();
    } catch (caught) {
      setError(toApiError(caught));
    }
  };

  return (
    <Card className="auth-card setup-card" data-testid="setup-wizard" data-phase="choose">
      <Typography.Title level={3} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <div className="setup-ways">
        <section className="setup-way" data-testid="setup-way-demo">
          <ExperimentOutlined className="setup-way-icon" />
          <Typography.Title level={5}>{t.demo.title}</Typography.Title>
          <Typography.Paragraph type="secondary">{t.demo.description}</Typography.Paragraph>
          {job.isRunning ? (
            <Flex vertical gap={8} style={{ marginTop: 'auto' }}>
              <Typography.Text>{t.demo.running}</Typography.Text>
              <JobProgress progress={job.progress} testId="setup-demo-progress" />
            </Flex>
          ) : (
            <Flex vertical gap={10} style={{ marginTop: 'auto' }}>
              <Flex align="center" gap={8}>
                <Typography.Text>{t.demo.teachers}</Typography.Text>
                <InputNumber<number>
                  min={100}
                  max={200_000}
                  step={1000}
                  formatter={(value) => (value === undefined ? '' : formatCount(Number(value)))}
                  parser={(text) => Number((text ?? '').replace(/[^\d]/g, ''))}
                  value={teachers}
                  onChange={(value) => setTeachers(value ?? DEFAULT_DEMO_TEACHERS)}
                  style={{ width: 130 }}
                  data-testid="setup-demo-teachers"
                />
              </Flex>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.demo.teachersHint}
              </Typography.Text>
              {error && (
                <Alert
                  type="error"
                  showIcon
                  title={t.demo.failedTitle}
                  description={error.message}
                  data-testid="setup-demo-error"
                />
              )}
              <Button
                icon={<ExperimentOutlined />}
                onClick={() => void startDemo()}
                data-testid="setup-demo-start"
              >
                {t.demo.start}
              </Button>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t.demo.note}
              </Typography.Text>
            </Flex>
          )}
        </section>
        <section className="setup-way" data-testid="setup-way-formal">
          <SafetyCertificateOutlined className="setup-way-icon" />
          <Typography.Title level={5}>{t.formal.title}</Typography.Title>
          <Typography.Paragraph type="secondary">{t.formal.description}</Typography.Paragraph>
          <ol className="setup-way-steps">
            {t.formal.steps.map((step) => (
              <li key={step}>{step}</li>
            ))}
          </ol>
          <Button
            type="primary"
            style={{ marginTop: 'auto' }}
            disabled={job.isRunning}
            onClick={onFormal}
            data-testid="setup-formal-start"
          >
            {t.formal.start}
          </Button>
        </section>
      </div>
    </Card>
  );
}

interface UnitValues {
  name: string;
  kind: OrgKind;
  code?: string;
}

interface AdminValues {
  displayName: string;
  userName: string;
  password: string;
  confirmPassword: string;
}

type UnitChoice = { existingId: string; name: string } | { create: UnitValues };

function FormalSetup({
  onBack,
  onCompleting,
  onDone,
}: {
  onBack: () => void;
  onCompleting: (isCompleting: boolean) => void;
  onDone: () => void;
}) {
  const t = SETUP_TEXT;
  const [step, setStep] = useState(0);
  const [unit, setUnit] = useState<UnitChoice | null>(null);
  const [admin, setAdmin] = useState<Me | null>(null);
  const unitName = unit ? ('create' in unit ? unit.create.name : unit.name) : '';

  return (
    <Card className="auth-card setup-card" data-testid="setup-wizard" data-phase="formal">
      <Typography.Title level={4} style={{ marginTop: 0 }}>
        {t.formal.title}
      </Typography.Title>
      <Steps
        size="small"
        current={step}
        status={step === 2 ? 'finish' : 'process'}
        style={{ margin: '8px 0 24px' }}
        items={[{ title: t.steps.unit }, { title: t.steps.admin }, { title: t.steps.done }]}
      />
      {step === 0 && (
        <UnitStep
          initial={unit}
          onBack={onBack}
          onNext={(choice) => {
            setUnit(choice);
            setStep(1);
          }}
        />
      )}
      {step === 1 && unit && (
        <AdminStep
          unit={unit}
          onBack={() => setStep(0)}
          onCompleting={onCompleting}
          onDone={(me) => {
            setAdmin(me);
            setStep(2);
          }}
        />
      )}
      {step === 2 && admin && (
        <Result
          status="success"
          title={t.done.title}
          subTitle={t.done.description(admin.displayName, unitName)}
          extra={
            <Button type="primary" onClick={onDone} data-testid="setup-enter">
              {t.done.enter}
            </Button>
          }
          data-testid="setup-done"
        />
      )}
    </Card>
  );
}

function UnitStep({
  initial,
  onBack,
  onNext,
}: {
  initial: UnitChoice | null;
  onBack: () => void;
  onNext: (choice: UnitChoice) => void;
}) {
  const t = SETUP_TEXT.unit;
  const units = useApiQuery('setup/units', {});
  const nodes = units.data?.nodes ?? [];
  const hasUnits = nodes.length > 0;
  const [mode, setMode] = useState<'existing' | 'create'>(
    initial && 'create' in initial ? 'create' : 'existing',
  );
  const [selectedId, setSelectedId] = useState<string | null>(
    initial && 'existingId' in initial ? initial.existingId : null,
  );
  const [showMissing, setShowMissing] = useState(false);
  const [form] = Form.useForm<UnitValues>();
  const effectiveMode = hasUnits ? mode : 'create';
  const selected = nodes.find((node) => node.id === selectedId);

  const next = async (): Promise<void> => {
    if (effectiveMode === 'existing') {
      if (!selected) {
        setShowMissing(true);
        return;
      }
      onNext({ existingId: selected.id, name: selected.name });
      return;
    }
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const code = values.code?.trim();
    onNext({ create: { name: values.name.trim(), kind: values.kind, ...(code ? { code } : {}) } });
  };

  if (units.isLoading && !units.data) return <Skeleton active paragraph={{ rows: 6 }} />;

  return (
    <Flex vertical gap={16} data-testid="setup-unit-step">
      <div>
        <Typography.Title level={5} style={{ marginTop: 0 }}>
          {t.title}
        </Typography.Title>
        <Typography.Text type="secondary">{t.intro}</Typography.Text>
      </div>
      {units.error && <ErrorAlert error={units.error} onRetry={units.reload} />}
      {hasUnits && (
        <Radio.Group
          value={mode}
          onChange={(event) => setMode(event.target.value as 'existing' | 'create')}
          optionType="button"
          options={[
            { value: 'existing', label: t.chooseExisting },
            { value: 'create', label: t.createNew },
          ]}
          data-testid="setup-unit-mode"
        />
      )}
      {effectiveMode === 'existing' ? (
        <Flex vertical gap={8}>
          <Typography.Text type="secondary">{t.existingHint}</Typography.Text>
          <div className="setup-unit-tree">
            <OrgTree
              nodes={nodes}
              selectedId={selectedId}
              onSelect={(id) => {
                setSelectedId(id);
                setShowMissing(false);
              }}
              storageKey="setup.tree"
              testId="setup-unit-tree"
            />
          </div>
          {selected ? (
            <Typography.Text strong data-testid="setup-unit-chosen">
              {t.chosen(selected.name)}
            </Typography.Text>
          ) : (
            showMissing && <Typography.Text type="danger">{t.chooseRequired}</Typography.Text>
          )}
        </Flex>
      ) : (
        <Form<UnitValues>
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={
            initial && 'create' in initial ? initial.create : { kind: 'city' as OrgKind }
          }
          style={{ maxWidth: 520 }}
        >
          <Form.Item
            name="name"
            label={t.name}
            rules={[{ required: true, whitespace: true, message: t.nameRequired }]}
          >
            <Input maxLength={100} placeholder={t.namePlaceholder} data-testid="setup-unit-name" />
          </Form.Item>
          <Form.Item
            name="kind"
            label={t.kind}
            rules={[{ required: true, message: t.kindRequired }]}
          >
            <Radio.Group
              optionType="button"
              options={ORG_KINDS.map((kind) => ({
                value: kind,
                label: ORG_KIND_LABELS[kind],
              }))}
              data-testid="setup-unit-kind"
            />
          </Form.Item>
          <Form.Item name="code" label={t.code} extra={t.codeHint}>
            <Input maxLength={32} placeholder={t.codePlaceholder} data-testid="setup-unit-code" />
          </Form.Item>
        </Form>
      )}
      <Flex justify="space-between" className="modal-footer-bar">
        <Button onClick={onBack}>{SETUP_TEXT.backToChoice}</Button>
        <Button type="primary" onClick={() => void next()} data-testid="setup-next">
          {SETUP_TEXT.next}
        </Button>
      </Flex>
    </Flex>
  );
}

function AdminStep({
  unit,
  onBack,
  onCompleting,
  onDone,
}: {
  unit: UnitChoice;
  onBack: () => void;
  onCompleting: (isCompleting: boolean) => void;
  onDone: (me: Me) => void;
}) {
  const t = SETUP_TEXT.admin;
  const [form] = Form.useForm<AdminValues>();
  const [error, setError] = useState<ApiError | null>(null);
  const [isSaving, setSaving] = useState(false);

  const submit = async (values: AdminValues): Promise<void> => {
    const userName = checkUserName(values.userName);
    if (!userName.ok) return;
    setSaving(true);
    setError(null);
    onCompleting(true);
    try {
      const me = await call('setup/complete', {
        unit: 'create' in unit ? { create: unit.create } : { existingId: unit.existingId },
        admin: {
          displayName: values.displayName.trim(),
          userName: userName.value,
          password: values.password,
        },
      });
      // The administrator is logged in now: the event stream must follow their session.
      resetEvents();
      onDone(me);
    } catch (caught) {
      setError(toApiError(caught));
      onCompleting(false);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Form<AdminValues>
      form={form}
      layout="vertical"
      requiredMark={false}
      onFinish={(values) => void submit(values)}
      onValuesChange={() => setError(null)}
      data-testid="setup-admin-step"
    >
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t.title}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t.intro}</Typography.Paragraph>
      <div style={{ maxWidth: 520 }}>
        <Form.Item
          name="displayName"
          label={t.displayName}
          rules={[{ required: true, whitespace: true, message: t.displayNameRequired }]}
        >
          <Input
            maxLength={50}
            placeholder={t.displayNamePlaceholder}
            data-testid="setup-admin-name"
          />
        </Form.Item>
        <UserNameField
          name="userName"
          label={t.userName}
          hint={t.userNameHint}
          placeholder={t.userNamePlaceholder}
          autoComplete="username"
          testId="setup-admin-username"
        />
        <PasswordFields
          name="password"
          confirmName="confirmPassword"
          userNameField="userName"
          testId="setup-admin-password"
        />
      </div>
      {error && (
        <Alert
          type="error"
          showIcon
          title={t.failedTitle}
          description={error.message}
          style={{ marginBottom: 16 }}
          data-testid="setup-error"
        />
      )}
      <Flex justify="space-between" className="modal-footer-bar">
        <Button onClick={onBack} disabled={isSaving}>
          {SETUP_TEXT.back}
        </Button>
        <Button type="primary" htmlType="submit" loading={isSaving} data-testid="setup-submit">
          {t.submit}
        </Button>
      </Flex>
    </Form>
  );
}
