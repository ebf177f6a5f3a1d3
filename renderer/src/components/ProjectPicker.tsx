/** The page header's 培训项目 choice (名额分配, 报名管理): code and name of each visible project. */
import { Select, Typography } from 'antd';
import { type ProjectRow } from '@shared/api/projects.contract';

export function ProjectPicker(props: {
  label: string;
  rows: readonly ProjectRow[];
  value: string | undefined;
  isLoading: boolean;
  width: number;
  onChange: (id: string) => void;
  testId: string;
}) {
  return (
    <>
      <Typography.Text type="secondary">{props.label}</Typography.Text>
      <Select
        style={{ width: props.width }}
        value={props.value}
        loading={props.isLoading}
        options={props.rows.map((p) => ({ value: p.id, label: `${p.code} ${p.name}` }))}
        onChange={props.onChange}
        data-testid={props.testId}
      />
    </>
  );
}
