/**
 * A row of figures (总行数, 新增, 错误…) for import summaries: each a labelled number people can
 * scan at once, with a tone for the ones that need attention.
 */
import { Card, Col, Row, Statistic } from 'antd';

export interface StatItem {
  label: string;
  value: number;
  tone?: 'default' | 'good' | 'warn' | 'bad';
  testId: string;
}

const TONE_COLORS: Record<NonNullable<StatItem['tone']>, string | undefined> = {
  default: undefined,
  good: '#1d7a46',
  warn: '#b26a00',
  bad: '#c0392b',
};

export function StatRow({ items }: { items: readonly StatItem[] }) {
  return (
    <Row gutter={8} wrap={false}>
      {items.map((item) => (
        <Col flex={1} key={item.testId}>
          <Card size="small" styles={{ body: { padding: '8px 12px' } }}>
            <Statistic
              title={item.label}
              value={item.value}
              groupSeparator=","
              styles={{
                content: {
                  fontSize: 22,
                  color: item.value > 0 ? TONE_COLORS[item.tone ?? 'default'] : undefined,
                },
              }}
            />
            <span data-testid={item.testId} data-value={item.value} hidden />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
