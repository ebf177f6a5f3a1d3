/**
 * A titled block of the readable view (a table or a list of settings), so every kind of rule set
 * reads the same way: a short heading, then the figures.
 */
import { type ReactNode } from 'react';
import { Descriptions, Typography } from 'antd';

interface SectionProps {
  title: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  testId?: string;
}

export function Section({ title, extra, children, testId }: SectionProps) {
  return (
    <section className="rules-section" data-testid={testId}>
      <div className="rules-section-head">
        <Typography.Text strong>{title}</Typography.Text>
        {extra}
      </div>
      {children}
    </section>
  );
}

export interface Setting {
  key: string;
  label: string;
  value: ReactNode;
  testId?: string;
}

/** Labelled settings in a bordered two-column table. */
export function Settings({ items, testId }: { items: readonly Setting[]; testId?: string }) {
  return (
    <Descriptions
      size="small"
      bordered
      column={2}
      data-testid={testId}
      styles={{ label: { width: 180 } }}
      items={items.map((item) => ({
        key: item.key,
        label: item.label,
        children: <span data-testid={item.testId}>{item.value}</span>,
      }))}
    />
  );
}
