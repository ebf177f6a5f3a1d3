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
  project create --code 编号 --name 名称 --preset 规则集 --year 年份 [--stages 小学,初中]
                                                  新建培训项目（批次由规则集的日历生成）
  project list [--json]                           列出可见的培训项目
  quota show --project 编号 [--unit 代码或路径] [--json]
                                                  名额分配表：本单位与下一级各单位、各批次
  quota propose --project 编号 [--unit …] [--json] 按教师人数比例给下一级的分配方案（不保存）
  quota set --project 编号 (--file 名额.json | --from-proposal) [--unit …] [--reason 原因]
                                                  保存名额；名额.json 为 [{"unit":"代码或路径","batch":期号,"seats":人数}]
  enroll list --project 编号 [--json]             报名与候补名单（本单位及下级）
  enroll import 文件.xlsx --project 编号 --batch 期号 [--commit] [--json]
                                                  按表报名（身份证号、课程；不加 --commit 只检查）
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
  code: string | undefined;
  preset: string | undefined;
  year: string | undefined;
  stages: string | undefined;
  project: string | undefined;
  file: string | undefined;
  reason: string | undefined;
  fromProposal: boolean;
  batch: string | undefined;
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
  const paths = unitPaths(nodes);
  const pathOf = (id: string): string => paths.get(id) ?? '';
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

interface UnitNode {
  id: string;
  code: string | null;
  name: string;
  parentId: string | null;
}

/** Each unit's path (市/区县/学校, from the top of the list given), by id. */
function unitPaths(nodes: readonly UnitNode[]): Map<string, string> {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const paths = new Map<string, string>();
  for (const node of nodes) {
    const names: string[] = [];
    for (
      let at: UnitNode | undefined = node;
      at;
      at = at.parentId ? byId.get(at.parentId) : undefined
    ) {
      names.unshift(at.name);
    }
    paths.set(node.id, names.join('/'));
  }
  return paths;
}

/** A unit by its code or its path (市/区县/学校) in the caller's tree. */
function findUnit(nodes: UnitNode[], wanted: string): UnitNode {
  const paths = unitPaths(nodes);
  const found = nodes.filter(
    (n) => n.code === wanted || n.name === wanted || paths.get(n.id) === wanted,
  );
  if (found.length !== 1) {
    throw new UsageError(
      found.length === 0
        ? `找不到单位「${wanted}」（写代码或「市/区县/学校」路径）`
        : `「${wanted}」对应多个单位，请写代码或完整路径`,
    );
  }
  return found[0] as UnitNode;
}

interface ProjectInfo {
  id: string;
  code: string;
  name: string;
  year: number;
  organizer: { name: string };
  batches: { id: string; no: number; name: string; startsOn: string; endsOn: string }[];
}

async function projectByCode(core: AppCore, code: string | undefined): Promise<ProjectInfo> {
  if (!code) throw new UsageError('请用 --project 给出项目编号');
  const { rows } = await call<{ rows: ProjectInfo[] }>(core, 'projects/list', {});
  const found = rows.find((p) => p.code === code);
  if (!found) throw new UsageError(`找不到编号为「${code}」的培训项目（或不在您的管理范围内）`);
  return found;
}

async function enrollImport(core: AppCore, file: string, options: Options): Promise<void> {
  const project = await projectByCode(core, options.project);
  const batch = project.batches.find((b) => b.no === Number(options.batch));
  if (!batch) throw new UsageError(`请用 --batch 给出期号（1–${project.batches.length}）`);
  const preview = await call<{
    total: number;
    accepted: number;
    unchanged: number;
    rejected: number;
    entries: unknown[];
    errors: RowError[];
  }>(core, 'enrollment/importPreview', {
    jobId: nextJobId(),
    batchId: batch.id,
    file: core.files.registerPath(file, 'in').handle,
  });
  let enrolled: { results: { isAccepted: boolean }[] } | null = null;
  if (options.isCommit && preview.entries.length > 0) {
    enrolled = await call(core, 'enrollment/enroll', {
      batchId: batch.id,
      entries: preview.entries,
    });
  }
  if (options.isJson) {
    console.log(JSON.stringify({ ...preview, committed: enrolled }));
    return;
  }
  console.log(
    `共 ${preview.total} 行：可报名 ${preview.accepted}，已报名（无变化）${preview.unchanged}，不能报名 ${preview.rejected}`,
  );
  for (const e of preview.errors.slice(0, 50))
    console.log(`  第 ${e.row} 行【${e.column}】${e.message}`);
  if (enrolled) {
    console.log(`已报名 ${enrolled.results.filter((r) => r.isAccepted).length} 人`);
  } else console.log('这只是检查，未报名。确认无误后加 --commit 报名。');
}

async function projectCommand(core: AppCore, key: string, options: Options): Promise<void> {
  const print = (json: unknown, text: () => string[]): void => {
    if (options.isJson) console.log(JSON.stringify(json));
    else for (const line of text()) console.log(line);
  };
  if (key === 'project create') {
    if (!options.code || !options.name || !options.preset || !options.year) {
      throw new UsageError('请给出 --code、--name、--preset 与 --year');
    }
    const created = await call<ProjectInfo>(core, 'projects/create', {
      code: options.code,
      name: options.name,
      ruleSetId: options.preset,
      year: Number(options.year),
      stages: (options.stages ?? '小学,初中').split(/[,，、]/).filter(Boolean),
    });
    print(created, () => [
      `已新建培训项目 ${created.code}「${created.name}」（${created.year} 年，${created.batches.length} 期）`,
      ...created.batches.map((b) => `  ${b.name}：${b.startsOn} 至 ${b.endsOn}`),
    ]);
    return;
  }
  if (key === 'project list') {
    const { rows } = await call<{ rows: ProjectInfo[] }>(core, 'projects/list', {});
    print(rows, () =>
      rows.length === 0
        ? ['没有可见的培训项目']
        : rows.map(
            (p) => `${p.code}\t${p.year}\t${p.organizer.name}\t${p.name}\t${p.batches.length} 期`,
          ),
    );
    return;
  }
  const project = await projectByCode(core, options.project);
  if (key === 'enroll list') {
    const { rows } = await call<{
      rows: {
        kind: string;
        batchName: string;
        order: number;
        teacher: { name: string; idNumberMasked: string };
        school: { name: string };
        course: { name: string };
      }[];
    }>(core, 'enrollment/list', { projectId: project.id });
    print(rows, () =>
      rows.map(
        (r) =>
          `${r.kind === 'enrolled' ? '报名' : '候补'}\t${r.batchName}\t${r.order}\t${r.school.name}\t${r.teacher.name}\t${r.teacher.idNumberMasked}\t${r.course.name}`,
      ),
    );
    return;
  }
  const nodes = (await call<{ nodes: UnitNode[] }>(core, 'org/tree', {})).nodes;
  const unitId = options.unit ? findUnit(nodes, options.unit).id : undefined;
  const batchNo = new Map(project.batches.map((b) => [b.id, b.no]));
  const unitName = new Map(nodes.map((n) => [n.id, n.name]));
  if (key === 'quota show') {
    const sheet = await call<{
      parent: {
        unit: { name: string };
        cells: {
          batchId: string;
          seats: number;
          handedDown: number;
          enrolled: number;
          remaining: number;
        }[];
      };
      children: {
        unit: { name: string };
        teachers: number;
        totalSeats: number;
        coveragePercent: number;
        cells: { seats: number }[];
      }[];
      editNote: string | null;
    }>(core, 'quotas/show', { projectId: project.id, ...(unitId ? { unitId } : {}) });
    print(sheet, () => [
      `${project.code}「${project.name}」：${sheet.parent.unit.name}`,
      `  期号\t名额\t已下发\t已报名\t剩余`,
      ...sheet.parent.cells.map(
        (c) =>
          `  ${batchNo.get(c.batchId) ?? '?'}\t${c.seats}\t${c.handedDown}\t${c.enrolled}\t${c.remaining}`,
      ),
      ...sheet.children.map(
        (c) =>
          `  ${c.unit.name}：教师 ${c.teachers}，名额 ${c.totalSeats}（${c.coveragePercent}%）：${c.cells.map((x) => x.seats).join(' ')}`,
      ),
      ...(sheet.editNote ? [`注意：${sheet.editNote}`] : []),
    ]);
    return;
  }
  const proposal = async () =>
    call<{ cells: { unitId: string; batchId: string; seats: number }[]; notes: string[] }>(
      core,
      'quotas/propose',
      { projectId: project.id, ...(unitId ? { unitId } : {}) },
    );
  if (key === 'quota propose') {
    const proposed = await proposal();
    print(proposed, () => [
      ...proposed.cells.map(
        (c) =>
          `${unitName.get(c.unitId) ?? c.unitId}\t第 ${batchNo.get(c.batchId) ?? '?'} 期\t${c.seats}`,
      ),
      ...proposed.notes.map((n) => `注意：${n}`),
      '这只是方案，未保存。加 quota set --from-proposal 保存。',
    ]);
    return;
  }
  let cells: { unitId: string; batchId: string; seats: number }[];
  if (options.fromProposal) cells = (await proposal()).cells;
  else if (options.file) {
    const rows = readJsonFile(options.file, '名额') as {
      unit?: unknown;
      batch?: unknown;
      seats?: unknown;
    }[];
    if (!Array.isArray(rows))
      throw new UsageError('名额文件应是数组：[{"unit":"代码或路径","batch":1,"seats":20}]');
    const batchByNo = new Map(project.batches.map((b) => [b.no, b.id]));
    cells = rows.map((row, i) => {
      const batchId = batchByNo.get(Number(row.batch));
      if (typeof row.unit !== 'string' || !batchId || !Number.isInteger(row.seats)) {
        throw new UsageError(
          `名额文件第 ${i + 1} 项不完整：需要 unit（代码或路径）、batch（期号）和 seats（整数）`,
        );
      }
      return { unitId: findUnit(nodes, row.unit).id, batchId, seats: Number(row.seats) };
    });
  } else
    throw new UsageError('请用 --file 给出名额文件，或用 --from-proposal 保存按比例分配的方案');
  const saved = await call<{ changed: number }>(core, 'quotas/set', {
    projectId: project.id,
    cells,
    ...(options.reason ? { reason: options.reason } : {}),
  });
  print(saved, () => [`已保存名额：修改 ${saved.changed} 处`]);
}

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
    case 'project create':
    case 'project list':
    case 'quota show':
    case 'quota propose':
    case 'quota set':
    case 'enroll list':
      return projectCommand(core, key, options);
    case 'enroll import':
      if (!arg) throw new UsageError('请给出报名表 .xlsx 文件');
      return enrollImport(core, arg, options);
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
        code: { type: 'string' },
        preset: { type: 'string' },
        year: { type: 'string' },
        stages: { type: 'string' },
        project: { type: 'string' },
        file: { type: 'string' },
        reason: { type: 'string' },
        'from-proposal': { type: 'boolean', default: false },
        batch: { type: 'string' },
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
    code: values.code,
    preset: values.preset,
    year: values.year,
    stages: values.stages,
    project: values.project,
    file: values.file,
    reason: values.reason,
    fromProposal: values['from-proposal'],
    batch: values.batch,
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
