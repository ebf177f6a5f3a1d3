/**
 * Pieces every what-if result shares: the headline figures (人数, 合格, 合格率…) read at a glance,
 * with a tone for the ones that need attention; the person cell and the paging of result tables.
 */
import { Card, Flex, Statistic, Typography } from 'antd';

export interface Figure {
  label: string;
  value: number;
  suffix?: string;
  precision?: number;
  tone?: 'good' | 'bad';
  testId: string;
}

const TONE: Record<NonNullable<Figure['tone']>, string> = { good: '#1d7a46', bad: '#c0392b' };

export function Figures({ items }: { items: readonly Figure[] }) {
  return (
    <div className="rules-figures">
      {items.map((item) => (
        <Card key={item.testId} size="small" styles={{ body: { padding: '8px 12px' } }}>
          <Statistic
            title={item.label}
            value={item.value}
            suffix={item.suffix}
            precision={item.precision}
            groupSeparator=","
            styles={{
              content: {
                fontSize: 22,
                color: item.tone && item.value > 0 ? TONE[item.tone] : undefined,
              },
            }}
          />
          <span data-testid={item.testId} data-value={item.value} hidden />
        </Card>
      ))}
    </div>
  );
}

/** A person in a results table: the name, with the id under it in small print (or the id alone). */
export function PersonCell({ name, id }: { name: string | null | undefined; id: string }) {
  return (
    <Flex vertical>
      <span>{name ?? id}</span>
      {name && (
        <Typography.Text type="secondary" className="cell-mono" style={{ fontSize: 12 }}>
          {id}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Results tables page only when they are long. */
export function resultPagination(
  rows: number,
): false | { pageSize: number; showSizeChanger: false } {
  return rows > 50 ? { pageSize: 50, showSizeChanger: false } : false;
}
