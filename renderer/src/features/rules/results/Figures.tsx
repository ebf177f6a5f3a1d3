/**
 * The headline figures of a what-if run (人数, 合格, 合格率…): labelled numbers read at a glance,
 * with a tone for the ones that need attention.
 */
import { Card, Statistic } from 'antd';

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
