/**
 * The error workbook (错误行) of an import: the rejected rows as the office's own file had them,
 * with 原行号 first (the reasons refer to rows of the original sheet) and 错误原因 last, so they can
 * be corrected and imported again. Shared by the roster import and the bulk enrollment import.
 */
import { type SavedFile } from '@shared/api/roster.contract';
import { type CallContext } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { openSheetWriter } from '../roster/xlsx-writer';
import { writeAtomically } from './file-store';
import { downloadName, exportTarget, writeExport } from './saved-file';

export async function writeErrorWorkbook(
  ctx: ServiceContext,
  source: {
    fileName: string;
    headers: string[];
    rows: AsyncIterable<{ rowNo: number; original: string[]; reasons: string }>;
  },
  target: string | undefined,
  call: CallContext,
): Promise<SavedFile> {
  const base = source.fileName.replace(/\.xlsx$/i, '');
  const out = exportTarget(ctx.files, target, downloadName(`${base}-错误行`, ctx.now()));
  const saved = await writeExport(ctx.files, ctx.host, out, async (filePath) => {
    let written = 0;
    await writeAtomically(filePath, async (tmp) => {
      // 原行号 first: the reasons refer to rows of the original sheet, not of this workbook.
      const writer = await openSheetWriter(tmp, '错误行', [
        { header: '原行号', width: 8 },
        ...source.headers.map((header) => ({
          header,
          width: Math.max(10, header.length * 2 + 4),
          isText: true,
        })),
        { header: '错误原因', width: 60 },
      ]);
      for await (const row of source.rows) {
        const cells = source.headers.map((_, i) => row.original[i] ?? '');
        writer.addRow([row.rowNo, ...cells, row.reasons]);
        written += 1;
      }
      await writer.commit();
    });
    return written;
  });
  call.audit?.({
    summary: `导出导入错误行 ${saved.rows} 行（含原始身份证号）：${saved.savedTo ?? `${saved.fileName}（下载）`}`,
    details: {
      rows: saved.rows,
      savedTo: saved.savedTo,
      fileName: saved.fileName,
      // The rows are the operator's own file's; the scope says for which office they acted.
      scopeRootId: call.scope?.rootId ?? null,
    },
  });
  return saved;
}
