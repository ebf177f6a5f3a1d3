/**
 * `npm run bench`: speed and memory figures, printed, never asserted in tests.
 * - import_100k: a generated 100,000-row roster imported through the same dispatcher path as the UI
 *   (preview + commit), against the bare exceljs streaming reader on the same file. Each side runs
 *   in its own child process, so each peak RSS is its own.
 * - import_100k_pg: the same import on PostgreSQL (a throwaway cluster on 127.0.0.1), against SQLite.
 * - core figures (bench-core.ts): the demo workspace, closest school names, serving while a job runs.
 * - the rule engine on 100,000 learner records and 1,000,000 point events.
 */
import { createDemoWorkspace, demoLogin, type SessionCall } from './lib/bench-login';
import 'reflect-metadata';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type OrgNode } from '@shared/api/org.contract';
import { type ImportPreview } from '@shared/api/roster.contract';
import { createAppCore, type AppCore } from '../electron/core/app-core';
import { loadExcelJs } from '../electron/services/files/exceljs';
import {
  makeRosterRows,
  ROSTER_HEADERS,
  writeRosterWorkbook,
  type RosterRow,
} from './fixtures/roster-workbook';
import { benchCore } from './bench-core';
import { benchFirstPaint } from './bench-first-paint';
import { benchQuota, runQuotaPhase } from './bench-quota';
import { benchRules } from './bench-rules';
import { benchHostile, runHostilePhase } from './bench-hostile';
import {
  databaseUrl,
  findPgBinDir,
  startPgCluster,
  type PgCluster,
} from '../tests/support/pg-cluster';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);
const KEY = 'b'.repeat(64);

/**
 * 15 columns, as real rosters have and as the reference measurement of exceljs used: the nine the
 * import reads plus six it reports as unknown and skips (序号, 出生日期, 民族, 政治面貌, 学历, 备注).
 */
const BENCH_HEADERS = [
  '序号',
  ...ROSTER_HEADERS.slice(0, 3),
  '出生日期',
  '民族',
  '政治面貌',
  ...ROSTER_HEADERS.slice(3),
  '学历',
  '备注',
];

function* withOfficeColumns(rows: Iterable<RosterRow>): Generator<RosterRow> {
  let n = 0;
  for (const row of rows) {
    n += 1;
    const id = String(row['身份证号'] ?? '');
    yield {
      ...row,
      序号: n,
      出生日期: `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`,
      民族: n % 17 === 0 ? '回族' : '汉族',
      政治面貌: n % 3 === 0 ? '中共党员' : '群众',
      学历: n % 4 === 0 ? '研究生' : '本科',
      备注: n % 10 === 0 ? '2024年调入' : null,
    };
  }
}

/** Callers by core: each core is logged in once, as the demo city's project office. */
const callers = new WeakMap<AppCore, SessionCall>();
async function call<T>(core: AppCore, method: string, input: unknown): Promise<T> {
  let caller = callers.get(core);
  if (!caller) {
    caller = await demoLogin(core);
    callers.set(core, caller);
  }
  return caller<T>(method, input);
}

/** CPU time of every thread of this process (main, job thread, zlib pool): steadier than wall time on a shared VM. */
function cpuSecondsSince(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1e6;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

/** Child phase: the import as the UI does it, preview then commit, timing the gaps between progress events. */
async function phaseImport(
  dir: string,
  file: string,
  databaseUrl: string | null,
): Promise<Record<string, number>> {
  // As in the app: the core on this thread, the import on the job thread (same process).
  const core = await createAppCore({
    dataDir: dir,
    key: KEY,
    keySource: 'env',
    databaseUrl,
    logError: () => undefined,
    jobThreadEntry: path.join(__dirname, 'job-worker.js'),
  });
  let lastEvent = 0;
  let maxGap = 0;
  let events = 0;
  let lastPhase = 'start';
  let maxGapAt = '';
  core.events.onAny((event, payload) => {
    if (event !== 'job/progress') return;
    const now = performance.now();
    const phase = (payload as { phase: string }).phase;
    if (now - lastEvent > maxGap) {
      maxGap = now - lastEvent;
      maxGapAt = `${lastPhase}>${phase}`;
    }
    if (process.env.BENCH_VERBOSE && phase !== lastPhase) {
      console.error(`  ${((now - started) / 1000).toFixed(2)} s: ${lastPhase} → ${phase}`);
    }
    lastEvent = now;
    lastPhase = phase;
    events += 1;
  });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  lastEvent = started;
  const preview = await call<ImportPreview>(core, 'roster/importPreview', {
    jobId: 'bench-preview',
    file: core.files.registerPath(file, 'in').handle,
  });
  const previewSeconds = (performance.now() - started) / 1000;
  const committed = await call<{ inserted: number }>(core, 'roster/importCommit', {
    jobId: 'bench-commit',
    importId: preview.importId,
  });
  const seconds = (performance.now() - started) / 1000;
  maxGap = Math.max(maxGap, performance.now() - lastEvent);
  await core.close();
  if (process.env.BENCH_VERBOSE) console.error(`largest progress gap between phases ${maxGapAt}`);
  return {
    rows: preview.total,
    inserted: committed.inserted,
    errors: preview.errorRowCount,
    seconds,
    cpuSeconds: cpuSecondsSince(cpuStarted),
    previewSeconds,
    maxGapMs: maxGap,
    events,
    peakRssMb: peakRssMb(),
  };
}

/** Child phase: the bare exceljs streaming reader over every row. */
async function phaseBareRead(file: string): Promise<Record<string, number>> {
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  let rows = 0;
  const reader = new (loadExcelJs().stream.xlsx.WorkbookReader)(file, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const _row of sheet) rows += 1;
  }
  return {
    rows,
    seconds: (performance.now() - started) / 1000,
    cpuSeconds: cpuSecondsSince(cpuStarted),
    peakRssMb: peakRssMb(),
  };
}

function runPhase(args: string[]): Record<string, number> {
  // BENCH_NODE_FLAGS passes flags such as --cpu-prof to the measured child processes.
  const flags = (process.env.BENCH_NODE_FLAGS ?? '').split(' ').filter(Boolean);
  const child = spawnSync(process.execPath, [...flags, __filename, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`bench phase ${args[0]} failed:\n${child.stderr}`);
  if (process.env.BENCH_VERBOSE) process.stderr.write(child.stderr);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, number>;
}

async function benchImport(withPostgres: boolean): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-bench-'));
  const pgDir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-bench-pg-'));
  let cluster: PgCluster | null = null;
  try {
    const core = await createAppCore({
      dataDir: dir,
      key: KEY,
      keySource: 'env',
      logError: () => undefined,
    });
    await createDemoWorkspace(core, 100, 'bench-demo');
    const tree = await call<{ nodes: OrgNode[] }>(core, 'org/tree', {});
    await core.close();
    const schools = tree.nodes.filter((n) => n.kind === 'school').map((n) => n.name);
    // BENCH_FILE keeps the generated roster at that path and reuses it on later runs.
    const file = process.env.BENCH_FILE ?? path.join(dir, 'roster-100k.xlsx');
    if (!fs.existsSync(file)) {
      await writeRosterWorkbook(file, withOfficeColumns(makeRosterRows(ROWS, 4242, schools)), {
        headers: BENCH_HEADERS,
        titleRow: '示范市教师花名册（基准测试）',
      });
    }

    const bare = runPhase(['--phase=bare-read', file]);
    const imported = runPhase(['--phase=import', dir, file]);
    const lines = [
      `import_100k: rows=${imported.rows} import_s=${imported.seconds?.toFixed(2)} ` +
        `exceljs_read_s=${bare.seconds?.toFixed(2)} ratio=${((imported.seconds ?? 0) / (bare.seconds ?? 1)).toFixed(2)} ` +
        `peak_rss_mb=${imported.peakRssMb?.toFixed(0)} ` +
        `cpu_ratio=${((imported.cpuSeconds ?? 0) / (bare.cpuSeconds ?? 1)).toFixed(2)} ` +
        `(preview_s=${imported.previewSeconds?.toFixed(2)} inserted=${imported.inserted} errors=${imported.errors} ` +
        `max_progress_gap_ms=${imported.maxGapMs?.toFixed(0)} progress_events=${imported.events} ` +
        `exceljs_read_peak_rss_mb=${bare.peakRssMb?.toFixed(0)})`,
    ];
    if (withPostgres) {
      if (!findPgBinDir()) {
        lines.push(
          'import_100k_pg: skipped (no PostgreSQL server binaries: apt-get install postgresql)',
        );
      } else {
        cluster = await startPgCluster();
        const url = databaseUrl(cluster.adminUrl, 'postgres');
        // The same schools as the SQLite run: the demo workspace on the server first.
        const pgCore = await createAppCore({
          dataDir: pgDir,
          key: '',
          keySource: 'env',
          databaseUrl: url,
          logError: () => undefined,
        });
        await createDemoWorkspace(pgCore, 100, 'bench-demo-pg');
        await pgCore.close();
        const onPg = runPhase(['--phase=import', pgDir, file, url]);
        lines.push(
          `import_100k_pg: rows=${onPg.rows} import_s=${onPg.seconds?.toFixed(2)} ` +
            `ratio_to_sqlite=${((onPg.seconds ?? 0) / (imported.seconds ?? 1)).toFixed(2)} ` +
            `peak_rss_mb=${onPg.peakRssMb?.toFixed(0)} ` +
            `(preview_s=${onPg.previewSeconds?.toFixed(2)} inserted=${onPg.inserted} ` +
            `max_progress_gap_ms=${onPg.maxGapMs?.toFixed(0)})`,
        );
      }
    }
    return lines;
  } finally {
    cluster?.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    fs.rmSync(pgDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const phase = process.argv.find((a) => a.startsWith('--phase='))?.slice('--phase='.length);
  const args = process.argv.slice(3);
  if (phase === 'import') {
    console.log(JSON.stringify(await phaseImport(args[0] ?? '', args[1] ?? '', args[2] ?? null)));
    return;
  }
  if (phase === 'bare-read') {
    console.log(JSON.stringify(await phaseBareRead(args[0] ?? '')));
    return;
  }
  if (await runHostilePhase(phase, args)) return;
  if (await runQuotaPhase(phase, args)) return;
  const only = process.env.BENCH_ONLY;
  if (!only || only === 'import' || only === 'import-sqlite') {
    for (const line of await benchImport(only !== 'import-sqlite')) console.log(line);
  }
  if (!only || only === 'core') for (const line of await benchCore()) console.log(line);
  if (!only || only === 'rules') for (const line of await benchRules()) console.log(line);
  if (!only || only === 'hostile') for (const line of await benchHostile()) console.log(line);
  if (!only || only === 'quota-enroll') console.log(await benchQuota());
  if (!only || only === 'first-paint') console.log(await benchFirstPaint(__dirname));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
