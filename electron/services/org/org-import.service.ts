/**
 * Import of an org-unit list (.xlsx: 单位名称, 类型, 上级单位, 代码) with the same preview/commit flow
 * as rosters. A parent may be an existing unit or a row of the same file, in any order; units are
 * inserted parents first, in one transaction.
 */
import { fragment } from '@shared/domain/text-fragment';
import path from 'node:path';
import { AppError } from '@shared/api/envelope';
import { type OrgKind, type RowError } from '@shared/api/common.schemas';
import { checkPlacement, ORG_KIND_LABELS } from '@shared/domain/org/org-hierarchy';
import { cellText, type SheetCell } from '@shared/domain/roster/cell';
import { detectHeader, ORG_FIELDS, type OrgField } from '@shared/domain/roster/header-match';
import { validateOrgRow } from '@shared/domain/roster/org-row';
import { type CallContext } from '../../core/handler-types';
import { writeTx } from '../../core/write-path';
import { ProgressReporter } from '../../core/progress';
import { type ServiceContext } from '../../core/service-context';
import { ImportStaging } from '../imports/import-staging';
import { sniffSpreadsheet } from '../roster/file-sniff';
import { normalizeOrgName } from '../roster/school-index';
import { readWorkbook, type CheckedWorkbook } from '../roster/xlsx-reader';
import { type OrgUnitInsert, OrgRepository, type OrgUnitRecord } from './org.repository';
import { requireScope, UnitScope } from './unit-scope';
import { requireOperator } from '../auth/auth.service';

const MAX_ORG_ROWS = 20_000;

interface OrgCandidate {
  rowNo: number;
  name: string;
  kind: OrgKind;
  parentName: string | null;
  code: string | null;
  errors: RowError[];
  original: string[];
}

interface OrgPayload {
  key: string;
  name: string;
  kind: OrgKind;
  code: string | null;
  /** An existing unit id, or the key of a unit from the same file. */
  parent: { existingId: string } | { key: string } | null;
}

export class OrgImportService {
  private readonly staging: ImportStaging;
  private readonly orgs: OrgRepository;

  constructor(private readonly ctx: ServiceContext) {
    this.staging = new ImportStaging(ctx.db);
    this.orgs = new OrgRepository(ctx.db);
  }

  async preview(
    input: { path: string; fileName?: string },
    call: CallContext,
  ): Promise<{
    importId: string;
    total: number;
    new: number;
    unchanged: number;
    errors: RowError[];
  }> {
    const fileName = input.fileName ?? path.basename(input.path);
    const sniff = await sniffSpreadsheet(input.path);
    if (!sniff.ok) throw new AppError('BAD_FILE', sniff.message, { reason: sniff.code, fileName });
    const progress = new ProgressReporter(call).start();
    try {
      const candidates = await this.readCandidates(input.path, sniff, call.signal, progress);
      const sessionId = this.ctx.newId();
      const owner = requireOperator(call);
      await this.staging.createSession(sessionId, 'org', fileName, this.ctx.now(), owner.id);
      const scope = await UnitScope.load(this.orgs, requireScope(call));
      const result = this.resolve(candidates, scope);
      const stager = this.staging.stager(sessionId);
      for (const row of result.rows) await stager.add(row);
      await stager.flush();
      await this.staging.saveSummary(sessionId, { total: candidates.length });
      const errors = result.rows.flatMap((r) => r.errors ?? []);
      return {
        importId: sessionId,
        total: candidates.length,
        new: result.rows.filter((r) => r.status === 'new').length,
        unchanged: result.rows.filter((r) => r.status === 'unchanged').length,
        errors,
      };
    } finally {
      progress.stop();
    }
  }

  private async readCandidates(
    filePath: string,
    workbook: CheckedWorkbook,
    signal: AbortSignal,
    progress: ProgressReporter,
  ): Promise<OrgCandidate[]> {
    for await (const sheet of readWorkbook(filePath, workbook, { signal })) {
      const rows: { rowNumber: number; cells: SheetCell[] }[] = [];
      for await (const row of sheet.rows) {
        rows.push(row);
        if (rows.length > MAX_ORG_ROWS + 30) {
          throw new AppError('BAD_FILE', `单位名单超过 ${MAX_ORG_ROWS} 行，请分批导入`, {
            reason: 'TOO_MANY_ROWS',
          });
        }
      }
      const header = detectHeader(
        rows.slice(0, 30).map((r) => r.cells.map((c) => cellText(c))),
        ORG_FIELDS,
      );
      if (!header) continue;
      if (header.missingRequired.length > 0) {
        throw new AppError(
          'BAD_FILE',
          `单位名单缺少必填列：${header.missingRequired.map((f) => f.label).join('、')}`,
          {
            reason: 'MISSING_COLUMNS',
          },
        );
      }
      const labels: Partial<Record<OrgField, string>> = {};
      for (const c of header.columns) if (c.field) labels[c.field] = c.header;
      const candidates: OrgCandidate[] = [];
      for (const row of rows.slice(header.headerRowIndex + 1)) {
        const cells: Partial<Record<OrgField, SheetCell>> = {};
        let isEmpty = true;
        for (const c of header.columns) {
          const cell = row.cells[c.index];
          if (cell && cell.type !== 'empty') isEmpty = false;
          if (c.field && cell) cells[c.field] = cell;
        }
        if (isEmpty) continue;
        const original = header.columns.map((c) => {
          const cell = row.cells[c.index];
          return cell ? cellText(cell) : '';
        });
        const result = validateOrgRow(cells, row.rowNumber, labels);
        candidates.push({
          rowNo: row.rowNumber,
          name: result.org?.name ?? '',
          kind: result.org?.kind ?? 'school',
          parentName: result.org?.parentName ?? null,
          code: result.org?.code ?? null,
          errors: result.errors,
          original,
        });
        progress.update({
          phase: 'validate',
          message: `已检查 ${candidates.length.toLocaleString('zh-CN')} 行`,
          done: candidates.length,
          total: null,
        });
      }
      return candidates;
    }
    throw new AppError(
      'BAD_FILE',
      '没有找到单位名单的表头：应有「单位名称」「类型」「上级单位」等列名',
      { reason: 'NO_HEADER' },
    );
  }

  /**
   * Places each row among the units of the operator's scope. A row without 上级单位 goes under
   * the scope's own unit (the row naming that unit itself is it, unchanged); parents are looked
   * for in the scope and in the file only.
   */
  private resolve(
    candidates: OrgCandidate[],
    scope: UnitScope,
  ): {
    rows: {
      rowNo: number;
      status: string;
      payload: OrgPayload | null;
      original: string[];
      errors: RowError[] | null;
    }[];
  } {
    const existing = scope.units;
    const root = scope.root;
    const existingByName = new Map<string, OrgUnitRecord[]>();
    // Units by parent and exact name, as the unique index knows them (the top level is one parent).
    const siblingKey = (parentId: string | null, name: string): string =>
      `${parentId ?? ''}\u0000${name}`;
    const byParentAndName = new Map(existing.map((u) => [siblingKey(u.parentId, u.name), u]));
    const existingByCode = new Map<string, OrgUnitRecord>();
    for (const u of existing) {
      const key = normalizeOrgName(u.name);
      existingByName.set(key, [...(existingByName.get(key) ?? []), u]);
      if (u.code) existingByCode.set(u.code, u);
    }
    const fileByName = new Map<string, OrgCandidate[]>();
    for (const c of candidates) {
      if (c.errors.length > 0) continue;
      const key = normalizeOrgName(c.name);
      fileByName.set(key, [...(fileByName.get(key) ?? []), c]);
    }
    const rowKey = (c: OrgCandidate): string => `row-${c.rowNo}`;
    const rows = candidates.map((c) => {
      const errors = [...c.errors];
      let payload: OrgPayload | null = null;
      let status = 'error';
      if (errors.length === 0) {
        let parent: OrgPayload['parent'] = root ? { existingId: root.id } : null;
        let parentKind: OrgKind | null = root?.kind ?? null;
        const isRoot =
          !c.parentName &&
          root !== undefined &&
          normalizeOrgName(c.name) === normalizeOrgName(root.name);
        if (isRoot && root) {
          parent = root.parentId ? { existingId: root.parentId } : null;
          parentKind = null;
        }
        if (c.parentName) {
          const byCode = existingByCode.get(c.parentName);
          const inDb = byCode
            ? [byCode]
            : (existingByName.get(normalizeOrgName(c.parentName)) ?? []);
          const inFile = (fileByName.get(normalizeOrgName(c.parentName)) ?? []).filter(
            (f) => f !== c,
          );
          // A unit in the system wins over a row of the file with its name: re-importing a list
          // names each existing unit again, and that row is the same unit.
          const matches = inDb.length > 0 ? inDb.length : inFile.length;
          if (matches === 0) {
            errors.push({
              row: c.rowNo,
              column: '上级单位',
              code: 'PARENT_UNKNOWN',
              message: `找不到上级单位「${fragment(c.parentName ?? '')}」：它既不在系统中，也不在本表中`,
            });
          } else if (matches > 1) {
            errors.push({
              row: c.rowNo,
              column: '上级单位',
              code: 'PARENT_AMBIGUOUS',
              message: `上级单位「${fragment(c.parentName ?? '')}」有重名，请改填上级单位的代码`,
            });
          } else if (inDb[0]) {
            parent = { existingId: inDb[0].id };
            parentKind = inDb[0].kind;
          } else if (inFile[0]) {
            parent = { key: rowKey(inFile[0]) };
            parentKind = inFile[0].kind;
          }
        }
        if (errors.length === 0 && !isRoot) {
          const placement = checkPlacement(c.kind, parentKind);
          if (placement)
            errors.push({
              row: c.rowNo,
              column: '类型',
              code: 'BAD_PLACEMENT',
              message: placement,
            });
        }
        if (errors.length === 0) {
          const parentId = parent && 'existingId' in parent ? parent.existingId : null;
          const same =
            parent === null || parentId
              ? byParentAndName.get(siblingKey(parentId, c.name))
              : undefined;
          if (same) {
            status = same.kind === c.kind ? 'unchanged' : 'error';
            if (same.kind !== c.kind) {
              errors.push({
                row: c.rowNo,
                column: '类型',
                code: 'KIND_CONFLICT',
                message: `系统中已有同名单位「${fragment(c.name)}」，类型为${ORG_KIND_LABELS[same.kind]}`,
              });
            }
          } else {
            const dupInFile = (fileByName.get(normalizeOrgName(c.name)) ?? []).filter(
              (o) => o !== c && o.parentName === c.parentName && o.rowNo < c.rowNo,
            );
            if (dupInFile[0]) {
              errors.push({
                row: c.rowNo,
                column: '单位名称',
                code: 'DUPLICATE_IN_FILE',
                message: `与原表第 ${dupInFile[0].rowNo} 行重复`,
              });
            } else {
              status = 'new';
              payload = { key: rowKey(c), name: c.name, kind: c.kind, code: c.code, parent };
            }
          }
        }
      }
      return {
        rowNo: c.rowNo,
        status: errors.length > 0 ? 'error' : status,
        payload,
        original: c.original,
        errors: errors.length > 0 ? errors : null,
      };
    });
    return { rows };
  }

  async commit(importId: string, call: CallContext): Promise<{ inserted: number }> {
    const tx = writeTx(call);
    const now = this.ctx.now();
    const session = await this.staging.sessionForCommit(
      importId,
      'org',
      requireOperator(call).id,
      now,
      tx,
    );
    const payloads: OrgPayload[] = [];
    for await (const page of this.staging.rows(session.id, ['new'], 2000, tx))
      for (const r of page) payloads.push(r.payload as OrgPayload);
    const idByKey = new Map<string, string>();
    let inserted = 0;
    // Parents first: repeat passes until every unit whose parent exists is inserted.
    let remaining = payloads;
    while (remaining.length > 0) {
      const next: OrgPayload[] = [];
      const batch: OrgUnitInsert[] = [];
      for (const p of remaining) {
        const parentId =
          p.parent === null
            ? null
            : 'existingId' in p.parent
              ? p.parent.existingId
              : idByKey.get(p.parent.key);
        if (p.parent !== null && parentId === undefined) {
          next.push(p);
          continue;
        }
        const id = this.ctx.newId();
        batch.push({
          id,
          code: p.code,
          name: p.name,
          kind: p.kind,
          parentId: parentId ?? null,
          now,
        });
        idByKey.set(p.key, id);
        inserted += 1;
      }
      await this.orgs.insertMany(tx, batch);
      if (next.length === remaining.length) {
        throw new AppError('RULE_VIOLATION', '单位名单中的上级关系构成了循环，无法导入');
      }
      remaining = next;
    }
    call.audit?.({
      summary: `导入单位名单「${session.fileName}」：新增 ${inserted} 个单位`,
      details: { importId: session.id, inserted },
    });
    await this.staging.markCommitted(tx, session.id, now);
    return { inserted };
  }
}
