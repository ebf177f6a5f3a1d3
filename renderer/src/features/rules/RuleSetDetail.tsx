/**
 * One rule set, readable: where it comes from, what it says, and its figures as tables. Experts can
 * open the JSON it is stored as; from here an office clones it or tries it on a few records.
 */
import { useState } from 'react';
import {
  App,
  Button,
  Descriptions,
  type DescriptionsProps,
  Flex,
  Popconfirm,
  Skeleton,
  Switch,
  Tag,
  Typography,
} from 'antd';
import {
  ArrowLeftOutlined,
  CopyOutlined,
  DeleteOutlined,
  ExperimentOutlined,
} from '@ant-design/icons';
import { type RuleSetSummary } from '@shared/api/rules.contract';
import { call } from '../../api/client';
import { useCan } from '../../api/session';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert, useErrorNotice } from '../../components/errors';
import { KindTags } from './KindTags';
import { DETAIL_TEXT, RULES_TEXT } from './rules.strings';
import { RuleSetView } from './views/RuleSetView';

interface RuleSetDetailProps {
  id: string;
  nameOf: (id: string) => string;
  onBack: () => void;
  onClone: (id: string) => void;
  onWhatIf: (id: string) => void;
  onDeleted: () => void;
}

function MetaTable({
  summary,
  source,
  nameOf,
}: {
  summary: RuleSetSummary;
  source: {
    title: string;
    reference: string | null;
    issuer: string | null;
    date: string | null;
  } | null;
  nameOf: (id: string) => string;
}) {
  const none = DETAIL_TEXT.none;
  const items: NonNullable<DescriptionsProps['items']> = [
    {
      key: 'id',
      label: DETAIL_TEXT.id,
      children: <span className="cell-mono">{summary.id}</span>,
    },
    { key: 'kinds', label: DETAIL_TEXT.kinds, children: <KindTags kinds={summary.kinds} /> },
    {
      key: 'source',
      label: DETAIL_TEXT.source,
      children: source?.title ?? DETAIL_TEXT.noSource,
      span: 2,
    },
  ];
  if (source) {
    items.push(
      { key: 'reference', label: DETAIL_TEXT.reference, children: source.reference ?? none },
      { key: 'issuer', label: DETAIL_TEXT.issuer, children: source.issuer ?? none },
      { key: 'date', label: DETAIL_TEXT.date, children: source.date ?? none },
    );
  }
  if (summary.isPreset && summary.rule) {
    items.push({
      key: 'rule',
      label: DETAIL_TEXT.rule,
      children: RULES_TEXT.presetSource(summary.rule),
    });
  }
  if (summary.basedOn) {
    items.push({
      key: 'basedOn',
      label: DETAIL_TEXT.basedOn,
      children: `${nameOf(summary.basedOn)}（${summary.basedOn}）`,
    });
  }
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      styles={{ label: { width: 120 } }}
      items={items}
      data-testid="rules-meta"
    />
  );
}

export function RuleSetDetail({
  id,
  nameOf,
  onBack,
  onClone,
  onWhatIf,
  onDeleted,
}: RuleSetDetailProps) {
  const { message } = App.useApp();
  const showError = useErrorNotice();
  const [isJsonShown, setJsonShown] = useState(false);
  const [isDeleting, setDeleting] = useState(false);
  const canEdit = useCan('rules.edit');
  const { data, error, isLoading, reload } = useApiQuery(
    'rules/get',
    { id },
    { refreshOn: ['rules'] },
  );

  const remove = async (): Promise<void> => {
    setDeleting(true);
    try {
      await call('rules/delete', { id });
      void message.success(RULES_TEXT.deleted(data?.summary.name ?? id));
      onDeleted();
    } catch (caught) {
      showError(caught);
    } finally {
      setDeleting(false);
    }
  };

  const copyJson = async (text: string): Promise<void> => {
    try {
      await navigator.clipboard.writeText(text);
      void message.success(DETAIL_TEXT.copied);
    } catch (caught) {
      showError(caught);
    }
  };

  const summary = data?.summary;
  const ruleSet = data?.ruleSet;
  const json = ruleSet ? JSON.stringify(ruleSet, null, 2) : '';

  return (
    <Flex
      vertical
      gap={12}
      data-testid="rules-detail"
      data-rule-id={id}
      data-loaded={String(Boolean(data))}
    >
      <Flex align="center" gap={12} wrap>
        <Button icon={<ArrowLeftOutlined />} onClick={onBack} data-testid="rules-back">
          {RULES_TEXT.back}
        </Button>
        <Typography.Title level={5} style={{ margin: 0 }} data-testid="rules-detail-name">
          {summary?.name ?? id}
        </Typography.Title>
        {summary && (
          <Tag color={summary.isPreset ? 'blue' : 'green'}>
            {summary.isPreset ? RULES_TEXT.preset : RULES_TEXT.saved}
          </Tag>
        )}
        <Flex gap={8} style={{ marginLeft: 'auto' }}>
          {canEdit && (
            <Button
              icon={<CopyOutlined />}
              onClick={() => onClone(id)}
              data-testid="rules-detail-clone"
            >
              {RULES_TEXT.clone}
            </Button>
          )}
          <Button
            icon={<ExperimentOutlined />}
            onClick={() => onWhatIf(id)}
            data-testid="rules-detail-whatif"
          >
            {RULES_TEXT.whatIf}
          </Button>
          {canEdit && summary && !summary.isPreset && (
            <Popconfirm
              title={RULES_TEXT.deleteConfirmTitle(summary.name)}
              description={RULES_TEXT.deleteConfirmBody}
              okText={RULES_TEXT.deleteOk}
              cancelText={RULES_TEXT.cancel}
              okButtonProps={{ danger: true, 'data-testid': 'rules-delete-ok' }}
              onConfirm={remove}
            >
              <Button
                danger
                icon={<DeleteOutlined />}
                loading={isDeleting}
                data-testid="rules-detail-delete"
              >
                {RULES_TEXT.delete}
              </Button>
            </Popconfirm>
          )}
        </Flex>
      </Flex>
      {error && <ErrorAlert error={error} onRetry={reload} />}
      {isLoading && !data && <Skeleton active paragraph={{ rows: 8 }} />}
      {summary && ruleSet && (
        <>
          <MetaTable summary={summary} source={ruleSet.source} nameOf={nameOf} />
          {ruleSet.description && (
            <div className="rules-description" data-testid="rules-description">
              <Typography.Text type="secondary">{DETAIL_TEXT.description}</Typography.Text>
              <Typography.Paragraph style={{ margin: '4px 0 0' }}>
                {ruleSet.description}
              </Typography.Paragraph>
            </div>
          )}
          <Flex align="center" gap={8}>
            <Switch
              size="small"
              checked={isJsonShown}
              onChange={setJsonShown}
              data-testid="rules-json-toggle"
            />
            <Typography.Text>{DETAIL_TEXT.showJson}</Typography.Text>
          </Flex>
          {isJsonShown && (
            <div className="rules-json" data-testid="rules-json">
              <Flex justify="space-between" align="center" style={{ marginBottom: 6 }}>
                <Typography.Text type="secondary">{DETAIL_TEXT.jsonTitle}</Typography.Text>
                <Button size="small" onClick={() => void copyJson(json)}>
                  {DETAIL_TEXT.copyJson}
                </Button>
              </Flex>
              <pre translate="no">{json}</pre>
            </div>
          )}
          {!isJsonShown && <RuleSetView ruleSet={ruleSet} />}
        </>
      )}
    </Flex>
  );
}
