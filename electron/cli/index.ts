/**
 * `npm run cli -- <command> [--data-dir DIR]`: the same core, for office IT and automation.
 * Exit codes: 0 done, 1 the operation failed (message on stderr), 2 wrong usage.
 *
 * Every command but `setup` and `demo create` runs as a logged-in operator, exactly as in the app:
 * `--user NAME` with the password from TRAINDESK_PASSWORD or typed at the terminal (never as an
 * argument), or an API token an administrator created, in TRAINDESK_API_TOKEN.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { type Envelope, isAppError } from '@shared/api/envelope';
import { type ImportPreview } from '@shared/api/roster.contract';
import { type RowError } from '@shared/api/common.schemas';
import { createAppCore, type AppCore } from '../core/app-core';
import { defaultDataDir } from '../core/data-dir';
import { chinaToday } from '../core/service-context';
import { resolveDbKey } from '../db/db-key';
import { databaseTarget } from '../db/database-target';

const USAGE = `用法: npm run cli -- <命令> [--data-dir 目录] [--database postgres://…] [--database-ca 文件]
                         [--user 用户名]

登录: 除 setup 与 demo create 外，每个命令都以一名用户的身份运行：--user 用户名，密码取自环境变量
      TRAINDESK_PASSWORD，未设置时在终端输入；或者设置环境变量 TRAINDESK_API_TOKEN（系统管理员创建的接口令牌）。

命令:
  setup --unit <代码|单位路径> --admin <用户名> [--name 姓名] [--kind 省|市|区县|学校]
                                                  首次设置：本机服务的单位与第一位系统管理员
                                                  （密码取自 TRAINDESK_PASSWORD 或在终端输入；
                                                  单位不存在且库中还没有任何单位时，按 --kind 新建）
  org import 文件.xlsx [--commit] [--json]        导入单位名单（不加 --commit 只预览）
  roster import 文件.xlsx [--commit] [--json]     导入教师花名册（不加 --commit 只预览）
        [--confirm-transfers]                     同时确认表中的跨校调动
  roster export 文件.xlsx [--full-id]             导出花名册（默认身份证号打码；--full-id 导出完整号码并记入操作日志）
  demo create [--teachers N]                      首次运行：创建演示工作区（虚构的示范市与演示账号）
  audit verify                                    校验操作日志的完整性
  rules list [--json]                             列出规则集（内置预设与已保存的）
  rules evaluate --rule-set <预设编号|文件.json> --input <文件.json>
        [--now YYYY-MM-DD] [--detail full|totals] [--json]
                                                  用规则集评估输入，输出 JSON 结果
`;

class UsageError extends Error {}

interface Options {
  dataDir: string;
  isJson: boolean;
  isCommit: boolean;
  confirmTransfers: boolean;
  fullId: boolean;
  teachers: number | undefined;
  ruleSet: string | undefined;
  input: string | undefined;
  now: string | undefined;
  detail: string | undefined;
  user: string | undefined;
  unit: string | undefined;
  admin: string | undefined;
  name: string | undefined;
  kind: string | undefined;
}

/** The session this run logged in with (the CLI is its own wire). */
let session: string | null = null;

let jobCounter = 0;
function nextJobId(): string {
  jobCounter += 1;
  return `cli-${process.pid}-${jobCounter}`;
}

async function call<T>(core: AppCore, method: string, input: unknown): Promise<T> {
  const result: Envelope<unknown> = await core.dispatch(method, input, {
    session,
    onSession: (next) => {
      session = next;
    },
  });
  if (!result.ok) {
    const error = new Error(result.error.message) as Error & { code?: string; details?: unknown };
    error.code = result.error.code;
    error.details = result.error.details;
    throw error;
  }
  return result.data as T;
}

function log(options: Options, line: string): void {
  if (!options.isJson) console.error(line);
}

async function allErrors(
  core: AppCore,
  importId: string,
  first: RowError[],
  total: number,
): Promise<RowError[]> {
  if (first.length >= total) return first;
  const all: RowError[] = [];
  for (let offset = 0; offset < total; offset += 5000) {
    const page = await call<{ errors: RowError[] }>(core, 'roster/importErrors', {
      importId,
      offset,
      limit: 5000,
    });
    all.push(...page.errors);
  }
  return all;
}

async function rosterImport(core: AppCore, file: string, options: Options): Promise<void> {
  // The command line names files by path (its user is local); the core takes handles.
  const preview = await call<ImportPreview>(core, 'roster/importPreview', {
    jobId: nextJobId(),
    file: core.files.registerPath(file, 'in').handle,
  });
  // JSON lists every error; the text summary shows the first 50, which the preview already has.
  const errors = options.isJson
    ? await allErrors(core, preview.importId, preview.errors, preview.errorCount)
    : preview.errors;
  let committed: unknown = null;
  if (options.isCommit) {
    committed = await call(core, 'roster/importCommit', {
      jobId: nextJobId(),
      importId: preview.importId,
      confirmTransfers: options.confirmTransfers,
    });
  }
  if (options.isJson) {
    console.log(
      JSON.stringify({
        total: preview.total,
        new: preview.new,
        updated: preview.updated,
        unchanged: preview.unchanged,
        errors,
        transfers: preview.transfers,
        unknownSchools: preview.unknownSchools,
        committed,
      }),
    );
    return;
  }
  console.log(
    `文件：${preview.fileName}（工作表「${preview.sheetName}」，表头在第 ${preview.headerRow} 行）`,
  );
  console.log(
    `共 ${preview.total} 行：新增 ${preview.new}，更新 ${preview.updated}，未变 ${preview.unchanged}，调动 ${preview.transfers.length}，错误行 ${preview.errorRowCount}`,
  );
  if (preview.unknownColumns.length > 0)
    console.log(`未识别的列（已忽略）：${preview.unknownColumns.join('、')}`);
  for (const note of preview.notes) console.log(`注意：${note}`);
  const shown = errors.slice(0, 50);
  for (const e of shown) console.log(`  第 ${e.row} 行【${e.column}】${e.message}`);
  if (preview.errorCount > shown.length)
    console.log(`  ……另有 ${preview.errorCount - shown.length} 条错误`);
  if (committed) console.log(`已导入：${JSON.stringify(committed)}`);
  else console.log('这只是预览，数据库未修改。确认无误后加 --commit 导入有效行。');
}

async function orgImport(core: AppCore, file: string, options: Options): Promise<void> {
  const preview = await call<{
    importId: string;
    total: number;
    new: number;
    unchanged: number;
    errors: RowError[];
  }>(core, 'org/importPreview', {
    jobId: nextJobId(),
    file: core.files.registerPath(file, 'in').handle,
  });
  let committed: unknown = null;
  if (options.isCommit)
    committed = await call(core, 'org/importCommit', {
      jobId: nextJobId(),
      importId: preview.importId,
    });
  if (options.isJson) {
    console.log(
      JSON.stringify({
        total: preview.total,
        new: preview.new,
        updated: 0,
        unchanged: preview.unchanged,
        errors: preview.errors,
        committed,
      }),
    );
    return;
  }
  console.log(
    `共 ${preview.total} 行：新增 ${preview.new}，已存在 ${preview.unchanged}，错误 ${preview.errors.length}`,
  );
  for (const e of preview.errors.slice(0, 50))
    console.log(`  第 ${e.row} 行【${e.column}】${e.message}`);
  if (committed) console.log(`已导入：${JSON.stringify(committed)}`);
  else console.log('这只是预览，数据库未修改。确认无误后加 --commit 导入。');
}

function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = fs.readFileSync(path.resolve(file), 'utf8');
  } catch {
    throw new UsageError(`读不到${what}文件：${file}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new UsageError(
      `${what}文件不是有效的 JSON：${file}（${error instanceof Error ? error.message : String(error)}）`,
    );
  }
}

async function rulesEvaluate(core: AppCore, options: Options): Promise<void> {
  if (!options.ruleSet) throw new UsageError('请用 --rule-set 给出预设编号或规则集 JSON 文件');
  if (!options.input) throw new UsageError('请用 --input 给出输入 JSON 文件');
  const isFile = options.ruleSet.toLowerCase().endsWith('.json');
  const now = options.now ?? chinaToday(new Date().toISOString());
  const result = await call<{ output: unknown }>(core, 'rules/evaluate', {
    ...(isFile
      ? { ruleSet: readJsonFile(options.ruleSet, '规则集') }
      : { ruleSetId: options.ruleSet }),
    input: readJsonFile(options.input, '输入'),
    now,
    ...(options.detail ? { detail: options.detail } : {}),
  });
  console.log(
    options.isJson ? JSON.stringify(result.output) : JSON.stringify(result.output, null, 2),
  );
}

const KIND_WORDS: Record<string, string> = {
  省: 'province',
  市: 'city',
  区县: 'district',
  区: 'district',
  县: 'district',
  学校: 'school',
  province: 'province',
  city: 'city',
  district: 'district',
  school: 'school',
};

async function setup(core: AppCore, options: Options): Promise<void> {
  if (!options.unit)
    throw new UsageError('请用 --unit 给出本机服务的单位（代码或「市/区县/学校」路径）');
  if (!options.admin) throw new UsageError('请用 --admin 给出系统管理员的用户名');
  const { nodes } = await call<{
    nodes: { id: string; code: string | null; name: string; parentId: string | null }[];
  }>(core, 'setup/units', {});
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const pathOf = (id: string): string => {
    const names: string[] = [];
    for (let at = byId.get(id); at; at = at.parentId ? byId.get(at.parentId) : undefined) {
      names.unshift(at.name);
    }
    return names.join('/');
  };
  const wanted = options.unit.trim();
  const found = nodes.filter((n) => n.code === wanted || pathOf(n.id) === wanted);
  if (found.length > 1) throw new UsageError(`「${wanted}」对应多个单位，请改用完整路径`);
  let unit: { existingId: string } | { create: { name: string; kind: string } };
  if (found[0]) unit = { existingId: found[0].id };
  else if (nodes.length > 0) {
    throw new UsageError(
      `库中没有代码或路径为「${wanted}」的单位；路径写法如「${pathOf(nodes[0]?.id ?? '')}」`,
    );
  } else {
    const kind = KIND_WORDS[options.kind ?? ''];
    if (!kind)
      throw new UsageError(
        '库中还没有任何单位：请用 --kind 说明新单位的级别（省、市、区县或学校）',
      );
    unit = { create: { name: wanted, kind } };
  }
  const password = await readPassword(`为系统管理员 ${options.admin} 设置密码`, true);
  const me = await call<{ displayName: string; homeUnit: { name: string } }>(
    core,
    'setup/complete',
    {
      unit,
      admin: { userName: options.admin, displayName: options.name ?? options.admin, password },
    },
  );
  if (options.isJson) console.log(JSON.stringify(me));
  else console.log(`初始设置完成：本机服务「${me.homeUnit.name}」，系统管理员 ${options.admin}`);
}

/** The password from TRAINDESK_PASSWORD, else typed at the terminal without echo. */
async function readPassword(prompt: string, twice = false): Promise<string> {
  const fromEnv = process.env.TRAINDESK_PASSWORD;
  if (fromEnv) return fromEnv;
  if (!process.stdin.isTTY) {
    throw new UsageError('没有终端可输入密码：请设置环境变量 TRAINDESK_PASSWORD');
  }
  const first = await askHidden(`${prompt}：`);
  if (twice && (await askHidden('再输入一次：')) !== first) {
    throw new UsageError('两次输入的密码不一致');
  }
  return first;
}

function askHidden(prompt: string): Promise<string> {
  return new Promise((resolve) => {
    const stdin = process.stdin;
    process.stderr.write(prompt);
    stdin.setRawMode(true);
    stdin.resume();
    stdin.setEncoding('utf8');
    let typed = '';
    const onData = (chunk: string): void => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n' || ch === '\u0004') {
          stdin.setRawMode(false);
          stdin.pause();
          stdin.off('data', onData);
          process.stderr.write('\n');
          resolve(typed);
          return;
        }
        if (ch === '\u0003') process.exit(130);
        typed = ch === '\u007f' ? typed.slice(0, -1) : typed + ch;
      }
    };
    stdin.on('data', onData);
  });
}

/** Logs in as --user (password) or with TRAINDESK_API_TOKEN, as the app's login screen would. */
async function login(core: AppCore, options: Options): Promise<void> {
  const apiToken = process.env.TRAINDESK_API_TOKEN;
  if (!options.user && apiToken) {
    await call(core, 'auth/login', { apiToken });
    return;
  }
  if (!options.user) {
    throw new UsageError(
      '请用 --user 给出用户名（密码取自 TRAINDESK_PASSWORD 或在终端输入），或设置 TRAINDESK_API_TOKEN',
    );
  }
  const me = await call<{ mustChangePassword: boolean }>(core, 'auth/login', {
    userName: options.user,
    password: await readPassword(`用户 ${options.user} 的密码`),
  });
  if (me.mustChangePassword) {
    throw Object.assign(new Error('该用户须先修改密码：请在程序中登录并修改密码后再使用命令行'), {
      code: 'PASSWORD_CHANGE_REQUIRED',
    });
  }
}

const WITHOUT_LOGIN = new Set(['setup', 'demo create']);

async function run(core: AppCore, command: string[], options: Options): Promise<void> {
  const [group, verb, arg] = command;
  const key = `${group ?? ''} ${verb ?? ''}`;
  if (group === 'setup') return setup(core, options);
  if (!WITHOUT_LOGIN.has(key)) await login(core, options);
  switch (key) {
    case 'roster import':
      if (!arg) throw new UsageError('请给出要导入的 .xlsx 文件');
      return rosterImport(core, arg, options);
    case 'org import':
      if (!arg) throw new UsageError('请给出要导入的 .xlsx 文件');
      return orgImport(core, arg, options);
    case 'roster export': {
      if (!arg) throw new UsageError('请给出导出文件名（.xlsx）');
      const saved = await call<{ savedTo: string; rows: number }>(core, 'roster/export', {
        jobId: nextJobId(),
        target: core.files.registerPath(arg, 'out').handle,
        includeFullIdNumber: options.fullId,
      });
      if (options.isJson) console.log(JSON.stringify(saved));
      else
        console.log(
          `已导出 ${saved.rows} 名教师到 ${saved.savedTo}${options.fullId ? '（含完整身份证号，已记入操作日志）' : ''}`,
        );
      return;
    }
    case 'demo create': {
      log(options, '正在创建演示工作区…');
      const created = await call<{ orgUnits: number; teachers: number; accounts: number }>(
        core,
        'setup/demo',
        { jobId: nextJobId(), ...(options.teachers ? { teachers: options.teachers } : {}) },
      );
      if (options.isJson) console.log(JSON.stringify(created));
      else
        console.log(
          `已创建演示工作区：${created.orgUnits} 个单位，${created.teachers} 名教师，${created.accounts} 个演示账号（见 README）`,
        );
      return;
    }
    case 'audit verify': {
      const result = await call<{ isIntact: boolean; checked: number; brokenAtSeq: number | null }>(
        core,
        'audit/verify',
        {},
      );
      if (options.isJson) console.log(JSON.stringify(result));
      else
        console.log(
          result.isIntact
            ? `操作日志完整（共 ${result.checked} 条）`
            : `操作日志被篡改：第 ${result.brokenAtSeq} 条起校验失败`,
        );
      if (!result.isIntact) process.exitCode = 1;
      return;
    }
    case 'rules list': {
      const list = await call<{
        items: { id: string; name: string; kinds: string[]; isPreset: boolean }[];
      }>(core, 'rules/list', {});
      if (options.isJson) console.log(JSON.stringify(list.items));
      else
        for (const r of list.items)
          console.log(
            `${r.id}\t${r.isPreset ? '预设' : '已保存'}\t${r.kinds.join(',')}\t${r.name}`,
          );
      return;
    }
    case 'rules evaluate':
      return rulesEvaluate(core, options);
    default:
      throw new UsageError(`未知命令：${command.join(' ') || '（空）'}`);
  }
}

async function main(): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      allowPositionals: true,
      options: {
        'data-dir': { type: 'string' },
        database: { type: 'string' },
        'database-ca': { type: 'string' },
        json: { type: 'boolean', default: false },
        commit: { type: 'boolean', default: false },
        'confirm-transfers': { type: 'boolean', default: false },
        'full-id': { type: 'boolean', default: false },
        teachers: { type: 'string' },
        'rule-set': { type: 'string' },
        input: { type: 'string' },
        now: { type: 'string' },
        detail: { type: 'string' },
        user: { type: 'string' },
        unit: { type: 'string' },
        admin: { type: 'string' },
        name: { type: 'string' },
        kind: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  const { values, positionals } = parsed;
  if (values.help || positionals.length === 0) {
    console.error(USAGE);
    process.exit(values.help ? 0 : 2);
  }
  const options: Options = {
    dataDir: path.resolve(values['data-dir'] ?? defaultDataDir()),
    isJson: values.json,
    isCommit: values.commit,
    confirmTransfers: values['confirm-transfers'],
    fullId: values['full-id'],
    teachers: values.teachers ? Number(values.teachers) : undefined,
    ruleSet: values['rule-set'],
    input: values.input,
    now: values.now,
    detail: values.detail,
    user: values.user,
    unit: values.unit,
    admin: values.admin,
    name: values.name,
    kind: values.kind,
  };
  fs.mkdirSync(options.dataDir, { recursive: true, mode: 0o700 });
  const target = databaseTarget(values);
  // On a server the data is not in a file of ours: no key to make or read.
  const { key, source } = target.url
    ? { key: '', source: 'env' as const }
    : resolveDbKey({ dataDir: options.dataDir });
  const core = await createAppCore({
    dataDir: options.dataDir,
    key,
    keySource: source,
    databaseUrl: target.url,
    databaseCaFile: target.caFile,
    logError: () => undefined,
    // Built next to this script: roster previews read and check on a thread of their own.
    rosterCheckEntry: path.join(__dirname, 'roster-check-worker.js'),
  });
  if (!options.isJson) {
    // Long jobs report progress on stderr, so stdout stays the command's result.
    core.events.onAny((event, payload) => {
      if (event === 'job/progress')
        process.stderr.write(`${(payload as { message: string }).message}\n`);
    });
  }
  try {
    await run(core, positionals, options);
  } finally {
    if (session) await call(core, 'auth/logout', {}).catch(() => undefined);
    await core.close();
  }
}

main().catch((error: unknown) => {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exit(2);
  }
  const coded = error as { code?: string; message?: string; details?: unknown };
  if (process.argv.includes('--json')) {
    console.log(
      JSON.stringify({
        error: {
          code: coded.code ?? 'INTERNAL',
          message: coded.message ?? String(error),
          details: coded.details ?? null,
        },
      }),
    );
  } else {
    console.error(isAppError(error) || coded.code ? `错误：${coded.message}` : error);
  }
  process.exit(1);
});
