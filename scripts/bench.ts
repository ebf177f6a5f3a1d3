/**
 * `npm run bench`: speed and memory figures, printed, never asserted in tests.
 * - import_100k: a generated 100,000-row roster imported through the same dispatcher path as the UI
 *   (preview + commit), against the bare exceljs streaming reader on the same file.
 * - the rule engine on 100,000 learner records and 1,000,000 point events.
 */
import 'reflect-metadata';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type OrgNode } from '@shared/api/org.contract';
import { type ImportPreview } from '@shared/api/roster.contract';
import { createAppCore, type AppCore } from '../electron/core/app-core';
import { loadExcelJs } from '../electron/services/files/exceljs';
import { makeRosterRows, writeRosterWorkbook } from './fixtures/roster-workbook';
import { benchRules } from './bench-rules';

const ROWS = Number(process.env.BENCH_ROWS ?? 100_000);

async function call<T>(core: AppCore, method: string, input: unknown): Promise<T> {
  const result = await core.dispatch(method, input, { actor: 'bench' });
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.data as T;
}

async function bareRead(file: string): Promise<number> {
  let rows = 0;
  const reader = new (loadExcelJs().stream.xlsx.WorkbookReader)(file, {
    entries: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    worksheets: 'emit',
  });
  for await (const sheet of reader) {
    for await (const _row of sheet) rows += 1;
  }
  return rows;
}

async function benchImport(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-bench-'));
  try {
    const core = await createAppCore({
      dataDir: dir,
      key: 'b'.repeat(64),
      keySource: 'env',
      logError: () => undefined,
    });
    await call(core, 'demo/create', { jobId: 'bench-demo', teachers: 100 });
    const tree = await call<{ nodes: OrgNode[] }>(core, 'org/tree', {});
    const schools = tree.nodes.filter((n) => n.kind === 'school').map((n) => n.name);
    const file = path.join(dir, 'roster-100k.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(ROWS, 4242, schools), {
      titleRow: '示范市教师花名册（基准测试）',
    });

    let lastEvent = 0;
    let maxGap = 0;
    let events = 0;
    core.events.onAny((event) => {
      if (event !== 'job/progress') return;
      const now = performance.now();
      if (lastEvent > 0) maxGap = Math.max(maxGap, now - lastEvent);
      lastEvent = now;
      events += 1;
    });
    const started = performance.now();
    lastEvent = started;
    const preview = await call<ImportPreview>(core, 'roster/importPreview', {
      jobId: 'bench-preview',
      path: file,
    });
    const committed = await call<{ inserted: number }>(core, 'roster/importCommit', {
      jobId: 'bench-commit',
      importId: preview.importId,
    });
    const importSeconds = (performance.now() - started) / 1000;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    await core.close();

    const readStarted = performance.now();
    const bareRows = await bareRead(file);
    const readSeconds = (performance.now() - readStarted) / 1000;
    if (
      committed.inserted +
        preview.unchanged +
        preview.updated +
        preview.errorRowCount +
        preview.transfers.length <
      ROWS
    ) {
      console.error(`warning: accounted rows fewer than ${ROWS}`);
    }
    return (
      `import_100k: rows=${preview.total} inserted=${committed.inserted} errors=${preview.errorRowCount} ` +
      `import_s=${importSeconds.toFixed(2)} exceljs_read_s=${readSeconds.toFixed(2)} ` +
      `ratio=${(importSeconds / readSeconds).toFixed(2)} peak_rss_mb=${peakRssMb.toFixed(0)} ` +
      `max_progress_gap_ms=${maxGap.toFixed(0)} progress_events=${events} bare_rows=${bareRows}`
    );
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  console.log(await benchImport());
  for (const line of await benchRules()) console.log(line);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
