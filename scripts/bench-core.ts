/**
 * Figures of the core that tests used to assert as wall-clock times (now printed, never asserted):
 * - demo_workspace_30k: generating the fictional 30,000-teacher workspace (pure domain code);
 * - closest_names: 1,000 unknown school names matched against 2,000 schools;
 * - serving_during_job: how long a plain call waits while a 60,000-teacher demo is being written
 *   on the job thread (the UI's thread must stay responsive).
 */
import { createDemoWorkspace } from './lib/bench-login';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createNameMatcher } from '@shared/domain/roster/closest-names';
import { generateDemoWorkspace } from '@shared/domain/roster/demo-data';
import { createAppCore } from '../electron/core/app-core';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
}

export async function benchCore(): Promise<string[]> {
  const demoRuns: number[] = [];
  for (let i = 0; i < 5; i += 1) {
    const started = performance.now();
    generateDemoWorkspace({ seed: 1 + i, teachers: 30_000 });
    demoRuns.push(performance.now() - started);
  }

  const names = generateDemoWorkspace({ seed: 3, teachers: 0 })
    .units.filter((u) => u.kind === 'school')
    .map((u) => u.name);
  const candidates = Array.from(
    { length: 2000 },
    (_, i) => `${names[i % names.length] ?? ''}${Math.floor(i / names.length) || ''}`,
  );
  const matcher = createNameMatcher(candidates);
  const started = performance.now();
  for (let i = 0; i < 1000; i += 1) {
    matcher.closest((names[(i * 7) % names.length] ?? '').replace('示范市', ''));
  }
  const closestMs = performance.now() - started;

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'traindesk-bench-core-'));
  const latencies: number[] = [];
  try {
    const core = await createAppCore({
      dataDir: dir,
      key: 'c'.repeat(64),
      keySource: 'env',
      logError: () => undefined,
      jobThreadEntry: path.join(__dirname, 'job-worker.js'),
    });
    let isDone = false;
    const demo = createDemoWorkspace(core, 60_000, 'bench-serving').then(() => {
      isDone = true;
    });
    while (!isDone) {
      const asked = performance.now();
      // The login screen's call: it reads the database while the demo workspace is written.
      await core.dispatch('auth/state', {}, { session: null });
      latencies.push(performance.now() - asked);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await demo;
    await core.close();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return [
    `demo_workspace_30k: median_ms=${median(demoRuns).toFixed(0)} runs=${demoRuns.length}`,
    `closest_names: names=1000 schools=2000 ms=${closestMs.toFixed(0)}`,
    `serving_during_job: calls=${latencies.length} median_ms=${median(latencies).toFixed(1)} max_ms=${Math.max(0, ...latencies).toFixed(1)}`,
  ];
}
