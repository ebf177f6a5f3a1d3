/**
 * What an office's IT contact needs to know about this installation: version, where the data
 * lives, how the database key is protected (explained, with its weakness where there is one),
 * which migrations ran.
 */
import dayjs from 'dayjs';
import { Descriptions, Flex, Tag, Typography } from 'antd';
import { wireKind } from '../../api/client';
import { useSystemInfo } from '../../api/system-info';
import { ErrorAlert } from '../../components/errors';
import { PageHeader } from '../../components/PageHeader';
import { KEY_SOURCE_TEXT, MIGRATION_LABELS, SYSTEM_TEXT } from './system.strings';
import { formatCount } from '../../components/format-count';

/** A migration's name ends in its creation time (ms): an unnamed one is shown by that date. */
function migrationLabel(name: string): string {
  const known = MIGRATION_LABELS[name];
  if (known) return known;
  const stamp = /(\d{13})$/.exec(name)?.[1];
  return SYSTEM_TEXT.migrationAt(stamp ? dayjs(Number(stamp)).format('YYYY-MM-DD') : '—');
}

export function SystemPage() {
  const { info, error, reload } = useSystemInfo();
  return (
    <div className="app-page" data-testid="system-page">
      <PageHeader title={SYSTEM_TEXT.pageTitle} description={SYSTEM_TEXT.pageDescription} />
      <div className="page-scroll">
        <Flex vertical gap={12} style={{ maxWidth: 960 }}>
          {error && <ErrorAlert error={error} onRetry={reload} />}
          {info && (
            <Descriptions
              bordered
              size="small"
              column={1}
              styles={{ label: { width: 160 } }}
              data-testid="system-info"
              items={[
                { key: 'app', label: SYSTEM_TEXT.appName, children: info.appName },
                {
                  key: 'version',
                  label: SYSTEM_TEXT.version,
                  children: <span data-testid="system-version">{info.version}</span>,
                },
                {
                  key: 'wire',
                  label: SYSTEM_TEXT.wire,
                  children:
                    wireKind() === 'electron' ? SYSTEM_TEXT.wireElectron : SYSTEM_TEXT.wireHttp,
                },
                {
                  key: 'dir',
                  label: SYSTEM_TEXT.dataDir,
                  children: (
                    <Typography.Text copyable className="cell-mono" data-testid="system-data-dir">
                      {info.dataDir}
                    </Typography.Text>
                  ),
                },
                {
                  key: 'key',
                  label: SYSTEM_TEXT.keySource,
                  children: (
                    <Flex
                      vertical
                      gap={4}
                      data-testid="system-key-source"
                      data-key-source={info.keySource}
                    >
                      <span>
                        <Tag color={info.keySource === 'keyfile' ? 'warning' : 'success'}>
                          {KEY_SOURCE_TEXT[info.keySource].label}
                        </Tag>
                      </span>
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {KEY_SOURCE_TEXT[info.keySource].detail}
                      </Typography.Text>
                    </Flex>
                  ),
                },
                {
                  key: 'teachers',
                  label: SYSTEM_TEXT.teacherCount,
                  children: (
                    <span data-testid="system-teacher-count">{formatCount(info.teacherCount)}</span>
                  ),
                },
                {
                  key: 'migrations',
                  label: SYSTEM_TEXT.migrations,
                  children:
                    info.migrations.length === 0 ? (
                      SYSTEM_TEXT.noMigrations
                    ) : (
                      <Flex vertical gap={2}>
                        {info.migrations.map((name) => (
                          <span key={name} title={name} data-testid="system-migration">
                            {migrationLabel(name)}
                          </span>
                        ))}
                      </Flex>
                    ),
                },
              ]}
            />
          )}
        </Flex>
      </div>
    </div>
  );
}
