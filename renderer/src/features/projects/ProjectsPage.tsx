/**
 * 培训项目: the projects the operator may see, 新建培训项目 for those who may create one, and a
 * project's detail (batches and courses) in a drawer.
 */
import { useState } from 'react';
import { Button, Empty, Flex, Table, Tag, Typography } from 'antd';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { type ProjectRow } from '@shared/api/projects.contract';
import { useCan } from '../../api/session';
import { useApiQuery } from '../../api/use-api-query';
import { ErrorAlert } from '../../components/errors';
import { PageHeader } from '../../components/PageHeader';
import { CreateProjectModal } from './CreateProjectModal';
import { ProjectDrawer } from './ProjectDrawer';
import { PROJECT_STATUS_LABELS, PROJECTS_TEXT } from './projects.strings';

const STATUS_COLORS: Record<ProjectRow['status'], string> = {
  preparing: 'default',
  enrolling: 'processing',
  running: 'success',
  closed: 'default',
};

export function ProjectsPage() {
  const canManage = useCan('projects.manage');
  const { data, error, isLoading, reload } = useApiQuery(
    'projects/list',
    {},
    { refreshOn: ['projects'] },
  );
  const [isCreating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const rows = data?.rows ?? [];
  const open = rows.find((row) => row.id === openId) ?? null;
  const c = PROJECTS_TEXT.columns;

  const createButton = (
    <Button
      type="primary"
      icon={<PlusOutlined />}
      onClick={() => setCreating(true)}
      data-testid="project-create"
    >
      {PROJECTS_TEXT.create}
    </Button>
  );

  return (
    <div className="app-page" data-testid="projects-page">
      <PageHeader
        title={PROJECTS_TEXT.pageTitle}
        description={PROJECTS_TEXT.pageDescription}
        extra={
          <>
            <Button icon={<ReloadOutlined />} onClick={reload}>
              {PROJECTS_TEXT.refresh}
            </Button>
            {canManage && createButton}
          </>
        }
      />
      <div className="page-scroll">
        <Flex vertical gap={12}>
          {error && <ErrorAlert error={error} onRetry={reload} />}
          <Table<ProjectRow>
            size="small"
            rowKey="id"
            loading={isLoading}
            dataSource={rows}
            pagination={false}
            onRow={(row) => ({
              onClick: () => setOpenId(row.id),
              style: { cursor: 'pointer' },
            })}
            locale={{
              emptyText: (
                <Empty
                  image={Empty.PRESENTED_IMAGE_SIMPLE}
                  description={
                    <Flex vertical gap={4} align="center">
                      <Typography.Text strong>{PROJECTS_TEXT.emptyTitle}</Typography.Text>
                      <Typography.Text type="secondary">
                        {canManage ? PROJECTS_TEXT.emptyManage : PROJECTS_TEXT.emptyRead}
                      </Typography.Text>
                    </Flex>
                  }
                  data-testid="projects-empty"
                >
                  {canManage && createButton}
                </Empty>
              ),
            }}
            data-testid="projects-table"
            columns={[
              { title: c.code, dataIndex: 'code', width: 130 },
              {
                title: c.name,
                dataIndex: 'name',
                render: (name: string) => <Typography.Link>{name}</Typography.Link>,
              },
              { title: c.year, dataIndex: 'year', width: 80, align: 'right' },
              {
                title: c.organizer,
                key: 'organizer',
                width: 160,
                render: (_: unknown, row) => row.organizer.name,
              },
              { title: c.rules, dataIndex: 'ruleSetName', width: 220, ellipsis: true },
              {
                title: c.batches,
                key: 'batches',
                width: 80,
                align: 'right',
                render: (_: unknown, row) => PROJECTS_TEXT.batchCount(row.batches.length),
              },
              {
                title: c.status,
                dataIndex: 'status',
                width: 90,
                render: (status: ProjectRow['status']) => (
                  <Tag color={STATUS_COLORS[status]}>{PROJECT_STATUS_LABELS[status]}</Tag>
                ),
              },
              {
                title: c.quotaDeadline,
                dataIndex: 'quotaDeadline',
                width: 120,
                render: (value: string | null) => value ?? PROJECTS_TEXT.none,
              },
            ]}
          />
        </Flex>
      </div>
      <CreateProjectModal
        isOpen={isCreating}
        onClose={() => setCreating(false)}
        onCreated={(project) => {
          setCreating(false);
          reload();
          setOpenId(project.id);
        }}
      />
      <ProjectDrawer project={open} onClose={() => setOpenId(null)} />
    </div>
  );
}
