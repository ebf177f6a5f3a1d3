/** The page header's 培训项目 choice (名额分配, 报名管理): code and name of each visible project. */
import { useState } from 'react';
import { Select, Typography } from 'antd';
import { type ProjectRow } from '@shared/api/projects.contract';
import { useApiQuery } from '../api/use-api-query';

/** The projects the caller sees, and the one chosen (the first until the user picks one). */
export function useChosenProject() {
  const projects = useApiQuery('projects/list', {}, { refreshOn: ['projects'] });
  const [chosenId, setChosenId] = useState<string | null>(null);
  const rows = projects.data?.rows ?? [];
  const project = rows.find((p) => p.id === chosenId) ?? rows[0] ?? null;
  return { projects, rows, project, choose: setChosenId };
}

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
