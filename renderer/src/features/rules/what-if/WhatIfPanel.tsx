/**
 * The what-if panel: pick a rule set (and a part of a bundle), put a few records in a table (typed,
 * pasted from Excel or imported from .xlsx) or write the input as JSON, choose the evaluation date,
 * and see each record's result with the engine's explanations. Nothing is saved.
 */
import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Input,
  InputNumber,
  Segmented,
  Select,
  Skeleton,
  Space,
  Tooltip,
  Typography,
} from 'antd';
import {
  ClearOutlined,
  DeleteOutlined,
  FileExcelOutlined,
  PlayCircleOutlined,
  PlusOutlined,
  SnippetsOutlined,
} from '@ant-design/icons';
import { type RuleSetSummary } from '@shared/api/rules.contract';
import {
  kindsOf,
  partOf,
  RULE_KIND_LABEL,
  type PartKind,
  type PartOutput,
  type PartRuleSet,
  type RuleOutput,
} from '@shared/domain/rules';
import { toApiError, type ApiError } from '../../../api/api-error';
import { call } from '../../../api/client';
import { useApiQuery } from '../../../api/use-api-query';
import { ErrorAlert } from '../../../components/errors';
import { formatPath } from '../json-path';
import { KindTags } from '../KindTags';
import { RuleOutputView } from '../results/RuleOutputView';
import { WHATIF_TEXT } from '../rules.strings';
import { type CellValue } from './cell-values';
import { PasteDialog, type AddMode } from './PasteDialog';
import { RecordGrid } from './RecordGrid';
import {
  locateError,
  newRowId,
  recordTableOf,
  sampleQuotaTree,
  toRecordRows,
  type BuiltInput,
  type CellError,
  type RecordRow,
  type RecordTable,
  type TableExtras,
} from './record-tables';
import { SheetImportDialog } from './SheetImportDialog';

type Mode = 'table' | 'json';

interface Issue {
  key: string;
  text: string;
}

const MAX_ISSUES = 50;

function sampleInput(table: RecordTable, part: PartRuleSet, now: string): unknown {
  const sample = table.sample(now);
  const built = table.build(toRecordRows(sample.rows), {
    total: null,
    year: null,
    ...sample.extras,
  });
  if (part.kind === 'quota-policy' && built.input && typeof built.input === 'object')
    return { ...built.input, tree: sampleQuotaTree(part) };
  return built.input;
}

function issuesOf(
  error: ApiError,
  table: RecordTable,
  rowOfPath: ReadonlyMap<string, number>,
  prefix: string,
): Issue[] | null {
  if (error.code !== 'INVALID_INPUT' || !Array.isArray(error.details)) return null;
  const issues: Issue[] = [];
  for (const [index, raw] of (error.details as unknown[]).entries()) {
    if (typeof raw !== 'object' || raw === null) continue;
    const detail = raw as { path?: unknown; message?: unknown };
    if (typeof detail.message !== 'string') continue;
    let path = Array.isArray(detail.path)
      ? formatPath(detail.path.filter((part): part is string | number => typeof part !== 'object'))
      : typeof detail.path === 'string'
        ? detail.path
        : '';
    if (prefix && path.startsWith(prefix)) path = path.slice(prefix.length).replace(/^\./, '');
    const where = locateError(table, rowOfPath, path);
    const text =
      where.row !== null
        ? where.column
          ? WHATIF_TEXT.cellError(where.row, where.column, detail.message)
          : `${WHATIF_TEXT.rowLabel(where.row)}（${path}）：${detail.message}`
        : `${path || '—'}：${detail.message}`;
    issues.push({ key: `${index}`, text });
  }
  return issues.length > 0 ? issues : null;
}

function IssueList({ title, lines, testId }: { title: string; lines: string[]; testId: string }) {
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      data-testid={testId}
      description={
        <ul className="rules-error-list">
          {lines.slice(0, MAX_ISSUES).map((line, i) => (
            <li key={`${i}-${line}`}>{line}</li>
          ))}
          {lines.length > MAX_ISSUES && <li>…</li>}
        </ul>
      }
    />
  );
}

interface WorkbenchProps {
  ruleSetId: string;
  isBundle: boolean;
  part: PartRuleSet;
  now: string;
}

function Workbench({ ruleSetId, isBundle, part, now }: WorkbenchProps) {
  const table = useMemo(() => recordTableOf(part), [part]);
  const [rows, setRows] = useState<RecordRow[]>([]);
  const [extras, setExtras] = useState<TableExtras>({ total: 20, year: null });
  const [mode, setMode] = useState<Mode>('table');
  const [jsonText, setJsonText] = useState('');
  // The rows the JSON was last generated from: a table edited since then regenerates it.
  const [jsonRows, setJsonRows] = useState<RecordRow[] | null>(null);
  const [selected, setSelected] = useState<string[]>([]);
  const [dialog, setDialog] = useState<'paste' | 'import' | null>(null);
  const [cellErrors, setCellErrors] = useState<CellError[]>([]);
  const [issues, setIssues] = useState<Issue[]>([]);
  const [runError, setRunError] = useState<ApiError | null>(null);
  const [result, setResult] = useState<{ output: PartOutput; now: string } | null>(null);
  const [isRunning, setRunning] = useState(false);

  const errorCells = useMemo(() => {
    const keys = new Set<string>();
    for (const error of cellErrors) {
      const row = rows[error.row - 1];
      const column = table.columns.find((c) => c.label === error.column);
      if (row && column) keys.add(`${row.rowId}|${column.field}`);
    }
    return keys;
  }, [cellErrors, rows, table]);

  const addRows = (incoming: Record<string, CellValue>[], addMode: AddMode): void => {
    const next = toRecordRows(incoming);
    setRows((current) => (addMode === 'replace' ? next : [...current, ...next]));
    setCellErrors([]);
    setDialog(null);
  };

  const fillSample = (): void => {
    if (mode === 'json') {
      setJsonText(JSON.stringify(sampleInput(table, part, now), null, 2));
      return;
    }
    const sample = table.sample(now);
    setRows(toRecordRows(sample.rows));
    setExtras((current) => ({ ...current, ...sample.extras }));
    setCellErrors([]);
  };

  const switchMode = (next: Mode): void => {
    if (next === 'json' && (jsonText.trim() === '' || jsonRows !== rows)) {
      const filled = rows.some((row) => Object.keys(row).length > 1);
      const input = filled ? table.build(rows, extras).input : sampleInput(table, part, now);
      const withTree =
        part.kind === 'quota-policy' && input && typeof input === 'object' && !('tree' in input)
          ? { ...input, tree: sampleQuotaTree(part) }
          : input;
      setJsonText(JSON.stringify(withTree, null, 2));
      setJsonRows(rows);
    }
    setMode(next);
  };

  const run = async (): Promise<void> => {
    setIssues([]);
    setRunError(null);
    let input: unknown;
    let built: BuiltInput | null = null;
    if (mode === 'table') {
      built = table.build(rows, extras);
      setCellErrors(built.errors);
      if (built.errors.length > 0) {
        setResult(null);
        return;
      }
      input = built.input;
    } else {
      try {
        input = JSON.parse(jsonText) as unknown;
      } catch (caught) {
        setIssues([{ key: 'json', text: toApiError(caught).message }]);
        setResult(null);
        return;
      }
    }
    setRunning(true);
    try {
      const response = await call('rules/evaluate', {
        ruleSetId,
        input: isBundle ? { [part.kind]: input } : input,
        now,
      });
      // The core produced this output from the engine (docs/rules.md); a bundle run on one part.
      const output = response.output as RuleOutput;
      const partOutput = output.kind === 'bundle' ? output.parts[0] : output;
      setResult(partOutput ? { output: partOutput, now } : null);
    } catch (caught) {
      const error = toApiError(caught);
      const mapped = issuesOf(
        error,
        table,
        built?.rowOfPath ?? new Map(),
        isBundle ? part.kind : '',
      );
      if (mapped) setIssues(mapped);
      else setRunError(error);
      setResult(null);
    } finally {
      setRunning(false);
    }
  };

  const updateCell = (rowId: string, field: string, value: CellValue): void =>
    setRows((current) =>
      current.map((row) => (row.rowId === rowId ? { ...row, [field]: value } : row)),
    );

  return (
    <Flex vertical gap={12}>
      <Card
        size="small"
        title={
          <Flex align="center" gap={12}>
            <span>{WHATIF_TEXT.inputMode}</span>
            <Segmented<Mode>
              size="small"
              value={mode}
              onChange={switchMode}
              options={[
                {
                  value: 'table',
                  label: <span data-testid="whatif-mode-table">{WHATIF_TEXT.modeTable}</span>,
                },
                {
                  value: 'json',
                  label: <span data-testid="whatif-mode-json">{WHATIF_TEXT.modeJson}</span>,
                },
              ]}
            />
            {mode === 'table' && table.extras.includes('year') && (
              <Space.Compact size="small">
                <Space.Addon>{WHATIF_TEXT.year}</Space.Addon>
                <InputNumber
                  size="small"
                  min={2000}
                  max={2200}
                  value={extras.year}
                  placeholder={now.slice(0, 4)}
                  onChange={(value) =>
                    setExtras((e) => ({ ...e, year: typeof value === 'number' ? value : null }))
                  }
                  data-testid="whatif-year"
                />
              </Space.Compact>
            )}
            {mode === 'table' && table.extras.includes('total') && (
              <Space.Compact size="small">
                <Space.Addon>{WHATIF_TEXT.total}</Space.Addon>
                <InputNumber
                  size="small"
                  min={0}
                  precision={0}
                  value={extras.total}
                  onChange={(value) =>
                    setExtras((e) => ({ ...e, total: typeof value === 'number' ? value : null }))
                  }
                  data-testid="whatif-total"
                />
              </Space.Compact>
            )}
          </Flex>
        }
        extra={
          <Flex gap={6} wrap>
            {mode === 'table' && (
              <>
                <Button
                  size="small"
                  icon={<PlusOutlined />}
                  onClick={() => setRows((r) => [...r, { rowId: newRowId() }])}
                  data-testid="whatif-add-row"
                >
                  {WHATIF_TEXT.addRow}
                </Button>
                <Button
                  size="small"
                  icon={<DeleteOutlined />}
                  disabled={selected.length === 0}
                  onClick={() => {
                    const drop = new Set(selected);
                    setRows((r) => r.filter((row) => !drop.has(row.rowId)));
                    setSelected([]);
                    setCellErrors([]);
                  }}
                  data-testid="whatif-remove-rows"
                >
                  {WHATIF_TEXT.removeRows}
                </Button>
                <Button
                  size="small"
                  icon={<ClearOutlined />}
                  disabled={rows.length === 0}
                  onClick={() => setRows([])}
                >
                  {WHATIF_TEXT.clear}
                </Button>
                <Button
                  size="small"
                  icon={<SnippetsOutlined />}
                  onClick={() => setDialog('paste')}
                  data-testid="whatif-paste"
                >
                  {WHATIF_TEXT.paste}
                </Button>
                <Button
                  size="small"
                  icon={<FileExcelOutlined />}
                  onClick={() => setDialog('import')}
                  data-testid="whatif-import"
                >
                  {WHATIF_TEXT.importXlsx}
                </Button>
              </>
            )}
            <Button size="small" onClick={fillSample} data-testid="whatif-sample">
              {WHATIF_TEXT.sample}
            </Button>
          </Flex>
        }
      >
        {mode === 'table' ? (
          <Flex vertical gap={6}>
            <RecordGrid
              columns={table.columns}
              rows={rows}
              errorCells={errorCells}
              onChange={updateCell}
              onSelectionChange={setSelected}
            />
            <Flex justify="space-between" gap={12}>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {WHATIF_TEXT.tableHint}
                {part.kind === 'quota-policy' && ` ${WHATIF_TEXT.jsonTreeHint}`}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12, whiteSpace: 'nowrap' }}>
                {WHATIF_TEXT.rowsCount(rows.length)}
              </Typography.Text>
            </Flex>
          </Flex>
        ) : (
          <Flex vertical gap={6}>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {WHATIF_TEXT.jsonHint}
            </Typography.Text>
            <Input.TextArea
              className="rules-json-editor"
              value={jsonText}
              onChange={(event) => setJsonText(event.target.value)}
              autoSize={{ minRows: 12, maxRows: 30 }}
              spellCheck={false}
              data-testid="whatif-json"
            />
          </Flex>
        )}
        <Flex justify="flex-end" style={{ marginTop: 10 }}>
          <Button
            type="primary"
            icon={<PlayCircleOutlined />}
            loading={isRunning}
            onClick={() => void run()}
            data-testid="whatif-run"
          >
            {WHATIF_TEXT.run}
          </Button>
        </Flex>
      </Card>
      {cellErrors.length > 0 && (
        <IssueList
          title={WHATIF_TEXT.buildErrorsTitle}
          testId="whatif-build-errors"
          lines={cellErrors.map((error) =>
            WHATIF_TEXT.cellError(error.row, error.column, error.message),
          )}
        />
      )}
      {issues.length > 0 && (
        <IssueList
          title={WHATIF_TEXT.inputErrorsTitle}
          testId="whatif-input-errors"
          lines={issues.map((issue) => issue.text)}
        />
      )}
      {runError && <ErrorAlert error={runError} />}
      {result && (
        <Card
          size="small"
          title={WHATIF_TEXT.resultTitle}
          extra={
            <Typography.Text type="secondary">{WHATIF_TEXT.ranAt(result.now)}</Typography.Text>
          }
          data-testid="whatif-result"
          data-kind={result.output.kind}
        >
          <RuleOutputView output={result.output} part={part} />
        </Card>
      )}
      <PasteDialog
        open={dialog === 'paste'}
        columns={table.columns}
        onClose={() => setDialog(null)}
        onRows={addRows}
      />
      <SheetImportDialog
        open={dialog === 'import'}
        columns={table.columns}
        onClose={() => setDialog(null)}
        onRows={addRows}
      />
    </Flex>
  );
}

interface WhatIfPanelProps {
  items: readonly RuleSetSummary[];
  ruleSetId: string | null;
  onRuleSetChange: (id: string | null) => void;
}

export function WhatIfPanel({ items, ruleSetId, onRuleSetChange }: WhatIfPanelProps) {
  const [now, setNow] = useState(() => dayjs().format('YYYY-MM-DD'));
  const [chosenKind, setChosenKind] = useState<PartKind | null>(null);
  const { data, error, isLoading, reload } = useApiQuery(
    'rules/get',
    { id: ruleSetId ?? '' },
    { isEnabled: ruleSetId !== null, refreshOn: ['rules'] },
  );
  const ruleSet = ruleSetId !== null && data?.summary.id === ruleSetId ? data.ruleSet : null;
  const kinds = ruleSet ? kindsOf(ruleSet) : [];
  const kind = chosenKind !== null && kinds.includes(chosenKind) ? chosenKind : (kinds[0] ?? null);
  const part = ruleSet && kind ? partOf(ruleSet, kind) : null;

  return (
    <Flex vertical gap={12} data-testid="whatif-panel">
      <Typography.Text type="secondary">{WHATIF_TEXT.intro}</Typography.Text>
      <Card size="small">
        <Flex gap={16} align="center" wrap>
          <Flex align="center" gap={8}>
            <Typography.Text>{WHATIF_TEXT.ruleSet}</Typography.Text>
            <Select<string>
              showSearch={{ optionFilterProp: 'search' }}
              style={{ width: 420 }}
              placeholder={WHATIF_TEXT.ruleSetPlaceholder}
              value={ruleSetId ?? undefined}
              onChange={(id) => {
                setChosenKind(null);
                onRuleSetChange(id);
              }}
              options={items.map((item) => ({
                value: item.id,
                search: `${item.name} ${item.id}`,
                label: (
                  <Flex justify="space-between" gap={8}>
                    <span className="rules-option-name">{item.name}</span>
                    <KindTags kinds={item.kinds} />
                  </Flex>
                ),
              }))}
              data-testid="whatif-ruleset"
            />
          </Flex>
          {kinds.length > 1 && (
            <Flex align="center" gap={8}>
              <Typography.Text>{WHATIF_TEXT.part}</Typography.Text>
              <Segmented<PartKind>
                value={kind ?? undefined}
                onChange={setChosenKind}
                options={kinds.map((k) => ({
                  value: k,
                  label: <span data-testid={`whatif-part-${k}`}>{RULE_KIND_LABEL[k]}</span>,
                }))}
              />
            </Flex>
          )}
          <Flex align="center" gap={8}>
            <Tooltip title={WHATIF_TEXT.nowHint}>
              <Typography.Text>{WHATIF_TEXT.now}</Typography.Text>
            </Tooltip>
            <span data-testid="whatif-now">
              <DatePicker
                allowClear={false}
                value={dayjs(now)}
                format="YYYY-MM-DD"
                onChange={(value) => {
                  if (value) setNow(value.format('YYYY-MM-DD'));
                }}
              />
            </span>
          </Flex>
        </Flex>
      </Card>
      {ruleSetId === null ? (
        <Empty description={WHATIF_TEXT.chooseFirst} style={{ padding: '32px 0' }} />
      ) : error ? (
        <ErrorAlert error={error} onRetry={reload} />
      ) : isLoading || !ruleSet || !part ? (
        <Skeleton active paragraph={{ rows: 6 }} />
      ) : (
        <Workbench
          key={`${ruleSetId}|${part.kind}`}
          ruleSetId={ruleSetId}
          isBundle={ruleSet.kind === 'bundle'}
          part={part}
          now={now}
        />
      )}
    </Flex>
  );
}
