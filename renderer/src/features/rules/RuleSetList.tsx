/**
 * The rule sets an office can use: presets reproducing the notices, and its own saved sets with the
 * set each was based on. Filtered by kind or name; each row opens, clones or (for saved sets only)
 * deletes.
 */
import { useMemo, useState } from 'react';
import dayjs from 'dayjs';
import {
  App,
  Button,
  Flex,
  Input,
  Popconfirm,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  CopyOutlined,
  DeleteOutlined,
  EyeOutlined,
  ReloadOutlined,
  SearchOutlined,
} from '@ant-design/icons';
import { type RuleSetSummary } from '@shared/api/rules.contract';
import { RULE_KIND_LABEL, ruleKinds, type RuleKind } from '@shared/domain/rules';
import { type ApiError } from '../../api/api-error';
import { call } from '../../api/client';
import { useCan } from '../../api/session';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { KindTags } from './KindTags';
import { presetSource, sourceShortText } from './preset-sources';
import { RULES_TEXT } from './rules.strings';

interface RuleSetListProps {
  items: readonly RuleSetSummary[];
  isLoading: boolean;
  error: ApiError | null;
  reload: () => void;
  onView: (id: string) => void;
  onClone: (id: string) => void;
  onWhatIf: (id: string) => void;
}

function SourceCell({ item, nameOf }: { item: RuleSetSummary; nameOf: (id: string) => string }) {
  if (item.isPreset) {
    const source = presetSource(item.id);
    const short = sourceShortText(source);
    return (
      <Flex vertical gap={2} data-testid={`rules-source-${item.id}`}>
        <span>
          <Tag color="blue">{RULES_TEXT.preset}</Tag>
          {item.rule && <Typography.Text>{RULES_TEXT.presetSource(item.rule)}</Typography.Text>}
        </span>
        {short && (
          <Tooltip title={source?.title}>
            <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, maxWidth: 220 }}>
              {short}
            </Typography.Text>
          </Tooltip>
        )}
      </Flex>
    );
  }
  return (
    <Flex
      vertical
      gap={2}
      data-testid={`rules-source-${item.id}`}
      data-based-on={item.basedOn ?? ''}
    >
      <span>
        <Tag color="green">{RULES_TEXT.saved}</Tag>
      </span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {item.basedOn ? RULES_TEXT.basedOn(nameOf(item.basedOn)) : RULES_TEXT.ownSet}
      </Typography.Text>
    </Flex>
  );
}

export function RuleSetList({
  items,
  isLoading,
  error,
  reload,
  onView,
  onClone,
  onWhatIf,
}: RuleSetListProps) {
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [kind, setKind] = useState<RuleKind | 'all'>('all');
  const [search, setSearch] = useState('');
  const [deletingId, setDeletingId] = useState<string | null>(null);

  const names = useMemo(() => new Map(items.map((item) => [item.id, item.name])), [items]);
  const nameOf = (id: string): string => names.get(id) ?? id;

  const visible = useMemo(() => {
    const text = search.trim().toLowerCase();
    return items.filter(
      (item) =>
        (kind === 'all' || item.kinds.includes(kind)) &&
        (text === '' ||
          item.name.toLowerCase().includes(text) ||
          item.id.toLowerCase().includes(text)),
    );
  }, [items, kind, search]);

  const canEdit = useCan('rules.edit');

  const remove = async (item: RuleSetSummary): Promise<void> => {
    setDeletingId(item.id);
    try {
      await call('rules/delete', { id: item.id });
      void message.success(RULES_TEXT.deleted(item.name));
      reload();
    } catch (caught) {
      showError(caught);
    } finally {
      setDeletingId(null);
    }
  };

  const c = RULES_TEXT.columns;
  const isFiltered = kind !== 'all' || search.trim() !== '';
  return (
    <Flex vertical gap={10}>
      <Flex align="center" gap={8} wrap>
        <Select<RuleKind | 'all'>
          value={kind}
          onChange={setKind}
          style={{ width: 150 }}
          data-testid="rules-kind-filter"
          options={[
            { value: 'all', label: RULES_TEXT.allKinds },
            ...ruleKinds
              .filter((k) => k !== 'bundle')
              .map((k) => ({ value: k, label: RULE_KIND_LABEL[k] })),
          ]}
        />
        <Input
          allowClear
          prefix={<SearchOutlined />}
          placeholder={RULES_TEXT.searchPlaceholder}
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          style={{ width: 240 }}
          data-testid="rules-search"
        />
        <Typography.Text type="secondary" style={{ marginLeft: 'auto' }}>
          {RULES_TEXT.total(visible.length)}
        </Typography.Text>
        <Button icon={<ReloadOutlined />} onClick={reload}>
          {RULES_TEXT.refresh}
        </Button>
      </Flex>
      {error && <ErrorAlert error={error} onRetry={reload} />}
      <Table<RuleSetSummary>
        size="small"
        rowKey="id"
        loading={isLoading}
        dataSource={visible as RuleSetSummary[]}
        pagination={visible.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
        locale={{ emptyText: isFiltered ? RULES_TEXT.emptyFiltered : RULES_TEXT.empty }}
        onRow={(row) => ({ onDoubleClick: () => onView(row.id) })}
        data-testid="rules-table"
        columns={[
          {
            title: c.name,
            dataIndex: 'name',
            width: 300,
            render: (name: string, row) => (
              <Flex vertical gap={2}>
                <Typography.Link
                  onClick={() => onView(row.id)}
                  data-testid={`rules-name-${row.id}`}
                >
                  {name}
                </Typography.Link>
                <Typography.Text type="secondary" className="cell-mono" style={{ fontSize: 12 }}>
                  {row.id}
                </Typography.Text>
              </Flex>
            ),
          },
          {
            title: c.kinds,
            dataIndex: 'kinds',
            width: 170,
            render: (kinds: RuleKind[]) => <KindTags kinds={kinds} />,
          },
          {
            title: c.source,
            key: 'source',
            width: 240,
            render: (_: unknown, row) => <SourceCell item={row} nameOf={nameOf} />,
          },
          {
            title: c.summary,
            dataIndex: 'summary',
            render: (summary: string) => (
              <Typography.Paragraph
                type="secondary"
                ellipsis={{
                  rows: 2,
                  tooltip: { title: summary, styles: { root: { maxWidth: 560 } } },
                }}
                style={{ margin: 0, fontSize: 12 }}
              >
                {summary}
              </Typography.Paragraph>
            ),
          },
          {
            title: c.updatedAt,
            dataIndex: 'updatedAt',
            width: 140,
            render: (at: string | null) =>
              at ? dayjs(at).format('YYYY-MM-DD HH:mm') : RULES_TEXT.builtIn,
          },
          {
            title: c.actions,
            key: 'actions',
            width: 250,
            render: (_: unknown, row) => (
              <Flex gap={2} wrap={false}>
                <Button
                  size="small"
                  type="link"
                  icon={<EyeOutlined />}
                  onClick={() => onView(row.id)}
                  data-testid={`rules-view-${row.id}`}
                >
                  {RULES_TEXT.view}
                </Button>
                {canEdit && (
                  <Button
                    size="small"
                    type="link"
                    icon={<CopyOutlined />}
                    onClick={() => onClone(row.id)}
                    data-testid={`rules-clone-${row.id}`}
                  >
                    {RULES_TEXT.clone}
                  </Button>
                )}
                <Button
                  size="small"
                  type="link"
                  onClick={() => onWhatIf(row.id)}
                  data-testid={`rules-whatif-${row.id}`}
                >
                  {RULES_TEXT.whatIf}
                </Button>
                {canEdit && !row.isPreset && (
                  <Popconfirm
                    title={RULES_TEXT.deleteConfirmTitle(row.name)}
                    description={RULES_TEXT.deleteConfirmBody}
                    okText={RULES_TEXT.deleteOk}
                    cancelText={RULES_TEXT.cancel}
                    okButtonProps={{ danger: true, 'data-testid': 'rules-delete-ok' }}
                    onConfirm={() => remove(row)}
                  >
                    <Button
                      size="small"
                      type="link"
                      danger
                      icon={<DeleteOutlined />}
                      loading={deletingId === row.id}
                      data-testid={`rules-delete-${row.id}`}
                    >
                      {RULES_TEXT.delete}
                    </Button>
                  </Popconfirm>
                )}
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
