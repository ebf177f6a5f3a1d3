/**
 * The title bar of every page: a clear title, an optional one-line description, and the page's
 * main actions on the right. Keeps pages consistent as features are added.
 */
import { type ReactNode } from 'react';
import { Flex, Typography } from 'antd';

interface PageHeaderProps {
  title: string;
  description?: ReactNode;
  extra?: ReactNode;
}

export function PageHeader({ title, description, extra }: PageHeaderProps) {
  return (
    <Flex className="page-header" align="center" justify="space-between" gap={16}>
      <div style={{ minWidth: 0 }}>
        <Typography.Title level={4} style={{ margin: 0 }} data-testid="page-title">
          {title}
        </Typography.Title>
        {description && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {description}
          </Typography.Text>
        )}
      </div>
      {extra && (
        <Flex gap={8} align="center" wrap>
          {extra}
        </Flex>
      )}
    </Flex>
  );
}
