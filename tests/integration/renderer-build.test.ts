/**
 * The built renderer loads by page: index.html refers to its files relatively (the desktop window
 * loads it from file://, the bridge from its root), the code a cold start runs before any page is
 * small and holds no grid, chart or rule preset, and the roster page — the first one users see —
 * does not pull in ECharts or the rule presets. Sizes and contents, never timings (those are in
 * `npm run bench`, first_paint).
 */
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = path.join(__dirname, '..', '..', 'out', 'renderer');
const ASSETS = path.join(RENDERER, 'assets');

/** Markers that only these libraries' code contains. */
const AG_GRID = 'ag-root-wrapper';
const ECHARTS = 'zrender';
const RULE_PRESET = 'jiangsu-online-2023';

/** The files a module pulls in with static imports, itself included. */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const code = fs.readFileSync(path.join(ASSETS, file), 'utf8');
  for (const match of code.matchAll(/(?:from|import)\s*"\.\/([^"]+\.js)"/g)) {
    if (match[1]) staticGraph(match[1], seen);
  }
  return seen;
}

function contents(files: Set<string>): string {
  return [...files].map((file) => fs.readFileSync(path.join(ASSETS, file), 'utf8')).join('\n');
}

function chunk(prefix: string): string {
  const file = fs.readdirSync(ASSETS).find((f) => f.startsWith(`${prefix}-`) && f.endsWith('.js'));
  if (!file) throw new Error(`no ${prefix} chunk in ${ASSETS}`);
  return file;
}

describe('renderer build', () => {
  const html = fs.readFileSync(path.join(RENDERER, 'index.html'), 'utf8');
  const refs = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');

  it('refers to its files relatively, so it loads from file:// as well as from the bridge', () => {
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(ref.startsWith('./assets/'), ref).toBe(true);
  });

  it('starts with the shell only: no grid, no charts, no rule presets before a page is opened', () => {
    const entry = refs.find((ref) => ref.endsWith('.js'))?.slice('./assets/'.length) ?? '';
    const code = contents(staticGraph(entry));
    expect(code).not.toContain(AG_GRID);
    expect(code).not.toContain(ECHARTS);
    expect(code).not.toContain(RULE_PRESET);
  });

  it('loads each page as a chunk of its own; the roster page without ECharts or presets', () => {
    for (const page of ['RosterPage', 'OrgPage', 'RulesPage', 'AuditPage', 'SystemPage']) {
      expect(() => chunk(page)).not.toThrow();
    }
    const roster = contents(staticGraph(chunk('RosterPage')));
    expect(roster).toContain(AG_GRID);
    expect(roster).not.toContain(ECHARTS);
    expect(roster).not.toContain(RULE_PRESET);
    expect(contents(staticGraph(chunk('RulesPage')))).toContain(RULE_PRESET);
  });

  it('lets the browser fetch the first page and its grid alongside the entry', () => {
    const preloaded = [...html.matchAll(/rel="modulepreload"[^>]*href="\.\/assets\/([^"]+)"/g)].map(
      (m) => m[1] ?? '',
    );
    const loadedAtOnce = new Set([
      ...preloaded,
      ...refs.map((ref) => ref.slice('./assets/'.length)),
    ]);
    for (const file of staticGraph(chunk('RosterPage'))) expect(loadedAtOnce).toContain(file);
    expect(preloaded).not.toContain(chunk('RulesPage'));
    expect(preloaded.some((file) => file.startsWith('vendor-echarts-'))).toBe(false);
  });
});
