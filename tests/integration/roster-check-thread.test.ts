/**
 * The roster check on its own thread (the built roster-check-worker.js) against the same check
 * inline: the same events for a file with every kind of row, a clean stop when cancelled, and a
 * Chinese refusal when the file is too big for the thread's memory.
 */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '@shared/api/envelope';
import { type OrgUnitRecord } from '../../electron/services/org/org.repository';
import { sniffSpreadsheet } from '../../electron/services/roster/file-sniff';
import {
  checkRoster,
  type CheckEvent,
  type RosterCheckInput,
} from '../../electron/services/roster/roster-check';
import { checkRosterOnWorker } from '../../electron/services/roster/roster-check-thread';
import { makeRosterRows, writeRosterWorkbook } from '../../scripts/fixtures/roster-workbook';
import { createTempDir, removeTempDir } from '../support/temp-dir';

const ENTRY = path.join(__dirname, '..', '..', 'out', 'main', 'roster-check-worker.js');
const SCHOOLS = ['示范市东湖区实验小学', '示范市东湖区第一幼儿园'];
const ORG_UNITS: OrgUnitRecord[] = [
  { id: 'd1', code: null, name: '东湖区', kind: 'district', parentId: null },
  { id: 's1', code: null, name: SCHOOLS[0] as string, kind: 'school', parentId: 'd1' },
  { id: 's2', code: null, name: SCHOOLS[1] as string, kind: 'school', parentId: 'd1' },
];

let dir: string;
beforeAll(() => {
  dir = createTempDir('check-thread');
});
afterAll(() => {
  removeTempDir(dir);
});

async function inputFor(file: string): Promise<RosterCheckInput> {
  const sniff = await sniffSpreadsheet(file);
  if (!sniff.ok) throw new Error(sniff.message);
  return {
    path: file,
    parts: sniff.parts,
    layout: sniff.layout,
    sheets: sniff.sheets,
    orgUnits: ORG_UNITS,
    today: '2026-11-22',
  };
}

async function collect(events: AsyncIterable<CheckEvent>): Promise<CheckEvent[]> {
  const out: CheckEvent[] = [];
  for await (const event of events) out.push(event);
  return out;
}

describe('roster check thread', () => {
  it('gives the same events as the inline check', async () => {
    const good = [...makeRosterRows(2500, 3, SCHOOLS)];
    const rows = [
      ...good,
      { ...good[0] }, // duplicate ID
      ...makeRosterRows(1, 99, ['不存在的学校']),
      { ...good[2], 身份证号: '11010519491231002' },
    ];
    const file = path.join(dir, 'mixed.xlsx');
    await writeRosterWorkbook(file, rows as Record<string, string | number | null>[], {
      titleRow: '示范市东湖区教师花名册',
    });
    const input = await inputFor(file);
    const inline = await collect(checkRoster(input));
    const threaded = await collect(checkRosterOnWorker(ENTRY, input, new AbortController().signal));
    expect(threaded).toEqual(inline);
    const kinds = inline.map((e) => e.type);
    expect(kinds[0]).toBe('header');
    expect(kinds.at(-1)).toBe('end');
    const rejected = inline.flatMap((e) => (e.type === 'rows' ? e.rejected : []));
    expect(rejected.map((r) => r.errors[0]?.code).sort()).toEqual([
      'DUPLICATE_IN_FILE',
      'ID_LENGTH',
      'UNKNOWN_SCHOOL',
    ]);
  });

  it('stops reading when cancelled', async () => {
    const file = path.join(dir, 'cancel.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(20_000, 4, SCHOOLS));
    const controller = new AbortController();
    let batches = 0;
    for await (const event of checkRosterOnWorker(ENTRY, await inputFor(file), controller.signal)) {
      if (event.type !== 'rows') continue;
      batches += 1;
      if (batches === 2) controller.abort();
    }
    expect(batches).toBe(2);
  });

  // 8 MB: enough for the thread to start (a bound below ≈3 MB aborts V8 itself), far too little
  // for this file (it reads within ≈16 MB).
  it('refuses in Chinese a file too big for the thread’s memory', async () => {
    const file = path.join(dir, 'big.xlsx');
    await writeRosterWorkbook(file, makeRosterRows(20_000, 5, SCHOOLS));
    const error = await collect(
      checkRosterOnWorker(ENTRY, await inputFor(file), new AbortController().signal, 8),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).details).toMatchObject({ reason: 'OUT_OF_MEMORY' });
    expect((error as AppError).message).toMatch(/内存上限/);
  });
});
