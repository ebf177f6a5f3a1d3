/**
 * "Clone and adjust": a copy of a rule set under a new id, its numbers and dates edited in a form
 * (or the whole structure in JSON), checked live by the core's `rules/validate` so every problem is
 * shown next to its field in Chinese, then saved with `rules/save` (basedOn = the original). The
 * original is never changed; a preset's id cannot be taken (the core answers CONFLICT). The new
 * 编号 follows the name (rule-set-id.ts) until the user chooses to edit it.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Flex,
  Form,
  Input,
  InputNumber,
  Segmented,
  Skeleton,
  Spin,
  Typography,
} from 'antd';
import { ArrowLeftOutlined, CheckCircleFilled, SaveOutlined } from '@ant-design/icons';
import { type RuleIssueDto } from '@shared/api/rules.contract';
import { type RuleSet } from '@shared/domain/rules';
import { toApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { fieldGroupsOf, type FieldSpec } from './clone-fields';
import { formatPath, setAt, type JsonPath } from './json-path';
import { randomIdSuffix, ruleSetIdFromName } from './rule-set-id';
import { CLONE_TEXT } from './rules.strings';

interface CloneEditorProps {
  sourceId: string;
  onCancel: () => void;
  onSaved: (id: string) => void;
}

type Mode = 'form' | 'json';

type Check =
  | { status: 'validating' }
  | { status: 'valid' }
  | { status: 'invalid'; errors: RuleIssueDto[] }
  | { status: 'syntax'; message: string };

const ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
const MONTH_DAY_PATTERN = /^\d{2}-\d{2}$/;
const VALIDATE_DELAY_MS = 300;
const META_PATHS: JsonPath[] = [['id'], ['name'], ['description']];

function initialCopy(original: RuleSet, idSuffix: string): RuleSet {
  const copy = JSON.parse(JSON.stringify(original)) as RuleSet;
  const name = `${original.name}${CLONE_TEXT.copySuffix}`;
  return { ...copy, id: ruleSetIdFromName(name, original.kind, idSuffix), name };
}

/** The form's values written back into the JSON it was built from. */
function composeDraft(
  base: unknown,
  specs: readonly FieldSpec[],
  read: (path: JsonPath) => unknown,
): unknown {
  let draft = base;
  for (const path of [...META_PATHS, ...specs.map((spec) => spec.path)]) {
    const value = read(path);
    if (value !== undefined) draft = setAt(draft, path, value);
  }
  return draft;
}

interface FieldInputProps {
  spec: FieldSpec;
  /** Injected by Form.Item. */
  value?: unknown;
  onChange?: (value: unknown) => void;
}

function FieldInput({ spec, value, onChange }: FieldInputProps) {
  const testId = `clone-field-${formatPath(spec.path)}`;
  if (spec.kind === 'date' || spec.kind === 'monthDay') {
    return (
      <Input
        className="cell-mono"
        style={{ width: '100%' }}
        value={typeof value === 'string' ? value : ''}
        onChange={(event) => onChange?.(event.target.value)}
        data-testid={testId}
      />
    );
  }
  return (
    <InputNumber<number>
      style={{ width: '100%' }}
      value={typeof value === 'number' ? value : null}
      onChange={(next) => onChange?.(next)}
      min={spec.min}
      max={spec.max}
      precision={spec.kind === 'integer' ? 0 : undefined}
      suffix={spec.unit}
      placeholder={spec.isNullable ? CLONE_TEXT.emptyAllowed : undefined}
      data-testid={testId}
    />
  );
}

function fieldRules(spec: FieldSpec) {
  if (spec.kind === 'date')
    return [{ required: true, pattern: DATE_PATTERN, message: CLONE_TEXT.datePattern }];
  if (spec.kind === 'monthDay')
    return [{ required: true, pattern: MONTH_DAY_PATTERN, message: CLONE_TEXT.monthDayPattern }];
  return spec.isNullable ? [] : [{ required: true, message: CLONE_TEXT.numberRequired }];
}

function CheckStatus({
  check,
  shownErrors,
  labelOf,
}: {
  check: Check;
  shownErrors: RuleIssueDto[];
  /** The form label of a path, when the error belongs to a field people see. */
  labelOf: (path: string) => string | undefined;
}) {
  if (check.status === 'validating') {
    return (
      <Flex align="center" gap={8} data-testid="clone-check" data-status="validating">
        <Spin size="small" />
        <Typography.Text type="secondary">{CLONE_TEXT.validating}</Typography.Text>
      </Flex>
    );
  }
  if (check.status === 'valid') {
    return (
      <Flex align="center" gap={8} data-testid="clone-check" data-status="valid">
        <CheckCircleFilled style={{ color: '#1d7a46' }} />
        <Typography.Text>{CLONE_TEXT.valid}</Typography.Text>
      </Flex>
    );
  }
  if (check.status === 'syntax') {
    return (
      <Alert
        type="error"
        showIcon
        title={check.message}
        data-testid="clone-check"
        data-status="syntax"
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title={CLONE_TEXT.invalidTitle(check.errors.length)}
      data-testid="clone-check"
      data-status="invalid"
      description={
        <ul className="rules-error-list" data-testid="clone-errors">
          {shownErrors.map((issue) => {
            const label = labelOf(issue.path);
            return (
              <li key={`${issue.path}|${issue.message}`}>
                {label ?? <span className="cell-mono">{CLONE_TEXT.fieldPath(issue.path)}</span>}：
                {issue.message}
              </li>
            );
          })}
        </ul>
      }
    />
  );
}

function CloneForm({
  original,
  onCancel,
  onSaved,
}: {
  original: RuleSet;
  onCancel: () => void;
  onSaved: (id: string) => void;
}) {
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [form] = Form.useForm();
  const [mode, setMode] = useState<Mode>('form');
  // The JSON the form edits; replaced when the structure is changed in the JSON editor.
  const [idSuffix] = useState(randomIdSuffix);
  const [base, setBase] = useState<RuleSet>(() => initialCopy(original, idSuffix));
  // Until the user edits the 编号 by hand, it is made from the name.
  const [isIdEdited, setIdEdited] = useState(false);
  const [formKey, setFormKey] = useState(0);
  const [draft, setDraft] = useState<unknown>(base);
  const [jsonText, setJsonText] = useState('');
  // The last answer of the core, for the draft it was about: a newer draft is "validating".
  const [checked, setChecked] = useState<{ draft: unknown; check: Check } | null>(null);
  const [syntaxError, setSyntaxError] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const [isSaving, setSaving] = useState(false);
  const requestRef = useRef(0);

  const groups = useMemo(() => fieldGroupsOf(base), [base]);
  const specs = useMemo(() => groups.flatMap((group) => group.fields), [groups]);
  const fieldLabels = useMemo(
    () =>
      new Map<string, string>([
        ['id', CLONE_TEXT.id],
        ['name', CLONE_TEXT.name],
        ['description', CLONE_TEXT.description],
        ...specs.map((spec): [string, string] => [formatPath(spec.path), spec.label]),
      ]),
    [specs],
  );

  // Live validation by the core, debounced; only the latest answer counts.
  useEffect(() => {
    const request = (requestRef.current += 1);
    const timer = window.setTimeout(() => {
      call('rules/validate', { ruleSet: draft }).then(
        (result) => {
          if (request !== requestRef.current) return;
          setChecked({
            draft,
            check: result.isValid
              ? { status: 'valid' }
              : { status: 'invalid', errors: result.errors },
          });
        },
        (caught: unknown) => {
          if (request === requestRef.current) showError(caught);
        },
      );
    }, VALIDATE_DELAY_MS);
    return () => window.clearTimeout(timer);
  }, [draft, showError]);

  const check: Check =
    syntaxError !== null
      ? { status: 'syntax', message: syntaxError }
      : checked && checked.draft === draft
        ? checked.check
        : { status: 'validating' };
  // Field errors stay on screen while a newer draft is being checked, so they do not flicker.
  const lastCheck = checked?.check;
  const errors = useMemo(
    () => (lastCheck?.status === 'invalid' ? lastCheck.errors : []),
    [lastCheck],
  );
  const errorAt = useMemo(() => {
    const map = new Map<string, string>();
    for (const issue of errors) if (!map.has(issue.path)) map.set(issue.path, issue.message);
    return map;
  }, [errors]);
  // In the form, errors of visible fields are listed too (the field may be scrolled away).
  const labelOf = (path: string): string | undefined =>
    mode === 'form' ? fieldLabels.get(path) : undefined;

  const onValuesChange = (changed: Record<string, unknown>): void => {
    setConflict(null);
    if ('id' in changed) setIdEdited(true);
    else if ('name' in changed && !isIdEdited) {
      form.setFieldValue('id', ruleSetIdFromName(String(changed.name ?? ''), base.kind, idSuffix));
    }
    setDraft(composeDraft(base, specs, (path) => form.getFieldValue(path as (string | number)[])));
  };

  const switchMode = (next: Mode): void => {
    if (next === mode) return;
    if (next === 'json') {
      setJsonText(JSON.stringify(draft, null, 2));
      setMode('json');
      return;
    }
    // The form is built from the structure, so it needs a valid rule set to start from.
    if (check.status !== 'valid') {
      void message.warning(CLONE_TEXT.cannotSwitch);
      return;
    }
    // A valid check is about the current draft, which is the parsed JSON.
    setBase(draft as RuleSet);
    setFormKey((key) => key + 1);
    setMode('form');
  };

  const onJsonChange = (text: string): void => {
    setJsonText(text);
    setConflict(null);
    try {
      setDraft(JSON.parse(text) as unknown);
      setSyntaxError(null);
    } catch (caught) {
      setSyntaxError(CLONE_TEXT.jsonSyntax(toApiError(caught).message));
    }
  };

  const save = async (): Promise<void> => {
    if (mode === 'form') {
      try {
        await form.validateFields();
      } catch {
        return;
      }
    }
    setSaving(true);
    try {
      const saved = await call('rules/save', { ruleSet: draft, basedOn: original.id });
      void message.success(CLONE_TEXT.saved(saved.name));
      onSaved(saved.id);
    } catch (caught) {
      const error = toApiError(caught);
      if (error.code === 'CONFLICT') setConflict(error.message);
      showError(error);
    } finally {
      setSaving(false);
    }
  };

  const serverHelp = (path: JsonPath): { validateStatus?: 'error'; help?: string } => {
    const text = errorAt.get(formatPath(path));
    return text ? { validateStatus: 'error', help: text } : {};
  };
  const idHelp = conflict ?? errorAt.get('id');
  // The id field is offered only when wanted, or when the id itself needs the user's attention.
  const isIdOpen = isIdEdited || idHelp !== undefined;

  return (
    <Flex vertical gap={12} data-testid="rules-clone-editor" data-source-id={original.id}>
      <Flex align="center" gap={12} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onCancel} data-testid="clone-cancel">
          {CLONE_TEXT.cancel}
        </Button>
        <Typography.Title level={5} style={{ margin: 0 }}>
          {CLONE_TEXT.title(original.name)}
        </Typography.Title>
        <Flex gap={8} align="center" style={{ marginLeft: 'auto' }}>
          <Segmented<Mode>
            value={mode}
            onChange={switchMode}
            options={[
              {
                value: 'form',
                label: <span data-testid="clone-mode-form">{CLONE_TEXT.modeForm}</span>,
              },
              {
                value: 'json',
                label: <span data-testid="clone-mode-json">{CLONE_TEXT.modeJson}</span>,
              },
            ]}
          />
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={isSaving}
            disabled={check.status !== 'valid'}
            onClick={() => void save()}
            data-testid="clone-save"
          >
            {CLONE_TEXT.save}
          </Button>
        </Flex>
      </Flex>
      <Typography.Text type="secondary">{CLONE_TEXT.intro}</Typography.Text>
      <CheckStatus check={check} shownErrors={errors} labelOf={labelOf} />
      {mode === 'json' ? (
        <Flex vertical gap={6}>
          <Typography.Text type="secondary">{CLONE_TEXT.jsonHint}</Typography.Text>
          {conflict && (
            <Alert type="error" showIcon title={conflict} description={CLONE_TEXT.conflictHint} />
          )}
          <Input.TextArea
            className="rules-json-editor"
            value={jsonText}
            onChange={(event) => onJsonChange(event.target.value)}
            autoSize={{ minRows: 18, maxRows: 40 }}
            spellCheck={false}
            data-testid="clone-json"
          />
        </Flex>
      ) : (
        <Form
          key={formKey}
          form={form}
          layout="vertical"
          requiredMark={false}
          initialValues={base}
          onValuesChange={onValuesChange}
          data-testid="clone-form"
        >
          <Flex vertical gap={12}>
            <Card size="small" title={CLONE_TEXT.metaTitle}>
              <div className="rules-meta-grid">
                <Form.Item
                  name="id"
                  label={CLONE_TEXT.id}
                  extra={isIdOpen ? CLONE_TEXT.idHint : undefined}
                  rules={[
                    { required: true, message: CLONE_TEXT.idRequired },
                    { pattern: ID_PATTERN, message: CLONE_TEXT.idPattern },
                  ]}
                  {...(idHelp ? { validateStatus: 'error' as const, help: idHelp } : {})}
                  hidden={!isIdOpen}
                >
                  <Input className="cell-mono" maxLength={64} data-testid="clone-id" />
                </Form.Item>
                {!isIdOpen && (
                  <Form.Item label={CLONE_TEXT.id} extra={CLONE_TEXT.idAuto}>
                    <Flex align="center" gap={8}>
                      <Form.Item noStyle shouldUpdate={(a, b) => a.id !== b.id}>
                        {() => (
                          <Typography.Text className="cell-mono" data-testid="clone-id-auto">
                            {String(form.getFieldValue('id') ?? '')}
                          </Typography.Text>
                        )}
                      </Form.Item>
                      <Button
                        size="small"
                        type="link"
                        onClick={() => setIdEdited(true)}
                        data-testid="clone-id-edit"
                      >
                        {CLONE_TEXT.idEdit}
                      </Button>
                    </Flex>
                  </Form.Item>
                )}
                <Form.Item
                  name="name"
                  label={CLONE_TEXT.name}
                  rules={[{ required: true, whitespace: true, message: CLONE_TEXT.nameRequired }]}
                  {...serverHelp(['name'])}
                >
                  <Input maxLength={100} data-testid="clone-name" />
                </Form.Item>
              </div>
              <Form.Item
                name="description"
                label={CLONE_TEXT.description}
                {...serverHelp(['description'])}
              >
                <Input.TextArea
                  autoSize={{ minRows: 2, maxRows: 6 }}
                  maxLength={4000}
                  data-testid="clone-description"
                />
              </Form.Item>
            </Card>
            {groups.length === 0 && (
              <Typography.Text type="secondary">{CLONE_TEXT.noFields}</Typography.Text>
            )}
            {groups.map((group) => (
              <Card
                key={group.key}
                size="small"
                title={group.title}
                data-testid={`clone-group-${group.key}`}
              >
                <div className="rules-field-grid">
                  {group.fields.map((spec) => (
                    <Form.Item
                      key={formatPath(spec.path)}
                      name={[...spec.path]}
                      label={spec.label}
                      rules={fieldRules(spec)}
                      {...serverHelp(spec.path)}
                    >
                      <FieldInput spec={spec} />
                    </Form.Item>
                  ))}
                </div>
              </Card>
            ))}
          </Flex>
        </Form>
      )}
    </Flex>
  );
}

export function CloneEditor({ sourceId, onCancel, onSaved }: CloneEditorProps) {
  const { data, error, isLoading, reload } = useApiQuery('rules/get', { id: sourceId });
  if (error) return <ErrorAlert error={error} onRetry={reload} />;
  if (isLoading || !data) return <Skeleton active paragraph={{ rows: 10 }} />;
  return <CloneForm key={sourceId} original={data.ruleSet} onCancel={onCancel} onSaved={onSaved} />;
}
