/**
 * Hostile-file figures for `npm run bench`: every file of the hostile corpus
 * (tests/support/hostile-corpus.ts) imported as the UI imports it (roster/importPreview through the
 * core and its job thread), each in a child process of its own so its time and peak RSS are its
 * own. Prints the worst file against the targets (≤ 5 s and ≤ 300 MB per file), and a burst of
 * concurrent previews to show the job limit holding memory down (issue 11).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Envelope } from '@shared/api/envelope';
import { type AppCore, createAppCore } from '../electron/core/app-core';
import { DEMO_PASSWORD } from '../electron/services/auth/setup.service';
import { createDemoWorkspace, sessionCaller } from './lib/bench-login';
import { buildHostileCorpus } from '../tests/support/hostile-corpus';

const KEY = 'h'.repeat(64);
const PHASE = '--phase=hostile-file';
const BURST_PHASE = '--phase=hostile-burst';
const BURST = 40;

/** A session of the demo city's project office, as its user would have. */
async function demoSession(core: AppCore): Promise<string | null> {
  const session = { token: null as string | null };
  await sessionCaller(core, session)('auth/login', { userName: 'city', password: DEMO_PASSWORD });
  return session.token;
}

function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

async function openCore(dir: string): ReturnType<typeof createAppCore> {
  return createAppCore({
    dataDir: dir,
    key: KEY,
    keySource: 'env',
    logError: () => undefined,
    jobThreadEntry: path.join(__dirname, 'job-worker.js'),
  });
}

/** Child phase: one preview of `file`; prints its time, outcome and this process's peak RSS. */
async function previewOne(dir: string, file: string): Promise<Record<string, unknown>> {
  const core = await openCore(dir);
  const session = await demoSession(core);
  const started = performance.now();
  const result: Envelope<unknown> = await core.dispatch(
    'roster/importPreview',
    { jobId: 'bench-hostile', file: core.files.registerPath(file, 'in').handle },
    { session },
  );
  const seconds = (performance.now() - started) / 1000;
  await core.close();
  return {
    seconds,
    outcome: result.ok ? 'OK' : result.error.code,
    peakRssMb: peakRssMb(),
  };
}

/**
 * Child phase: BURST previews of `file` started at once. Reports how many ran and how many were
 * answered BUSY, the peak RSS, and the RSS once they are all over (after a collection).
 */
async function previewBurst(dir: string, file: string): Promise<Record<string, unknown>> {
  const core = await openCore(dir);
  const session = await demoSession(core);
  // Baseline: the core with its job thread warm (one preview done), as it idles in the app.
  await core.dispatch(
    'roster/importPreview',
    { jobId: 'bench-burst-warm', file: core.files.registerPath(file, 'in').handle },
    { session },
  );
  (globalThis as { gc?: () => void }).gc?.();
  const baseline = process.memoryUsage().rss / 1024 / 1024;
  const results = await Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      core.dispatch(
        'roster/importPreview',
        { jobId: `bench-burst-${i}`, file: core.files.registerPath(file, 'in').handle },
        { session },
      ),
    ),
  );
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, 500));
  const after = process.memoryUsage().rss / 1024 / 1024;
  await core.close();
  return {
    ran: results.filter((r) => r.ok || r.error.code !== 'BUSY').length,
    busy: results.filter((r) => !r.ok && r.error.code === 'BUSY').length,
    baselineRssMb: baseline,
    endRssMb: after,
    peakRssMb: peakRssMb(),
  };
}

/** Runs the child phases of this bench; false when `phase` is not one of them. */
export async function runHostilePhase(phase: string | undefined, args: string[]): Promise<boolean> {
  if (phase === PHASE.slice('--phase='.length)) {
    console.log(JSON.stringify(await previewOne(args[0] ?? '', args[1] ?? '')));
    return true;
  }
  if (phase === BURST_PHASE.slice('--phase='.length)) {
    console.log(JSON.stringify(await previewBurst(args[0] ?? '', args[1] ?? '')));
    return true;
  }
  return false;
}

function runChild(args: string[]): Record<string, unknown> {
  const child = spawnSync(process.execPath, ['--expose-gc', __filename, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (child.status !== 0) throw new Error(`bench phase ${args[0]} failed:\n${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as Record<string, unknown>;
}

/** The `hostile_max` and `hostile_burst` lines. */
export async function benchHostile(): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-bench-hostile-'));
  try {
    const dataDir = path.join(dir, 'data');
    fs.mkdirSync(dataDir);
    const setup = await openCore(dataDir);
    await createDemoWorkspace(setup, 100, 'bench-hostile-demo');
    await setup.close();
    const corpus = await buildHostileCorpus(path.join(dir, 'corpus'));
    let maxSeconds = 0;
    let maxRss = 0;
    let slowest = '';
    let largest = '';
    for (const entry of corpus) {
      const name = path.basename(entry.file);
      const run = runChild([PHASE, dataDir, entry.file]);
      const seconds = Number(run.seconds);
      const rss = Number(run.peakRssMb);
      if (process.env.BENCH_VERBOSE) {
        console.error(
          `  ${name}: ${seconds.toFixed(2)} s ${rss.toFixed(0)} MB ${String(run.outcome)}`,
        );
      }
      if (seconds > maxSeconds) [maxSeconds, slowest] = [seconds, name];
      if (rss > maxRss) [maxRss, largest] = [rss, name];
    }
    const target = maxSeconds <= 5 && maxRss <= 300 ? 'met' : 'MISSED';
    const small = corpus.find((c) => path.basename(c.file) === 'all-backslashes.xlsx')?.file ?? '';
    const burst = runChild([BURST_PHASE, dataDir, small]);
    return [
      `hostile_max: files=${corpus.length} max_s=${maxSeconds.toFixed(2)} max_rss_mb=${maxRss.toFixed(0)} ` +
        `(slowest=${slowest} largest=${largest} targets ≤5 s ≤300 MB: ${target})`,
      `hostile_burst: previews=${BURST} ran=${String(burst.ran)} busy=${String(burst.busy)} ` +
        `baseline_rss_mb=${Number(burst.baselineRssMb).toFixed(0)} peak_rss_mb=${Number(burst.peakRssMb).toFixed(0)} ` +
        `end_rss_mb=${Number(burst.endRssMb).toFixed(0)}`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
