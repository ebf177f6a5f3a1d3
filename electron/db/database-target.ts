/**
 * Where `serve`, `cli` and `bench` keep the data: the embedded, encrypted SQLite file in the data
 * folder (the default), or a PostgreSQL server named by `--database postgres://…` or
 * `TRAINDESK_DATABASE_URL` (a district or city office's shared server), with `--database-ca FILE`
 * or `TRAINDESK_DATABASE_CA` for a server certificate signed by the office's own CA.
 */
import { AppError } from '@shared/api/envelope';

export const DATABASE_URL_ENV = 'TRAINDESK_DATABASE_URL';
export const DATABASE_CA_ENV = 'TRAINDESK_DATABASE_CA';

export interface DatabaseTarget {
  /** null: the SQLite file in the data folder. */
  url: string | null;
  caFile: string | null;
}

export function databaseTarget(
  args: { database?: string | undefined; 'database-ca'?: string | undefined },
  env: NodeJS.ProcessEnv = process.env,
): DatabaseTarget {
  const url = args.database ?? env[DATABASE_URL_ENV] ?? null;
  const caFile = args['database-ca'] ?? env[DATABASE_CA_ENV] ?? null;
  if (url !== null && !/^postgres(ql)?:\/\/[^\s]+$/i.test(url)) {
    throw new AppError(
      'INVALID_INPUT',
      '数据库地址应形如 postgres://用户名:密码@服务器:端口/数据库名（不使用服务器时请去掉 --database，数据保存在本机的加密文件中）',
    );
  }
  if (caFile !== null && url === null) {
    throw new AppError('INVALID_INPUT', '指定了数据库服务器的 CA 证书，却没有指定数据库服务器地址');
  }
  return { url, caFile };
}
