/** Contract of the org units: province → city → district/county → school. */
import { z } from 'zod';
import { method, needs, writes } from './define';
import { fileHandle, id, jobId, orgKind, rowError } from './common.schemas';

export const orgNode = z.object({
  id,
  code: z.string().nullable(),
  name: z.string(),
  kind: orgKind,
  parentId: id.nullable(),
  /** Teachers in this unit and every unit under it. */
  teacherCount: z.number().int().nonnegative(),
});
export type OrgNode = z.infer<typeof orgNode>;

const orgName = z.string().trim().min(1).max(100);
const orgCode = z.string().trim().max(32);

export const orgContract = {
  'org/tree': method(
    z.object({}),
    z.object({ nodes: z.array(orgNode) }),
    'read',
    needs('org.read'),
  ),
  'org/create': method(
    z.object({ name: orgName, kind: orgKind, parentId: id.nullable(), code: orgCode.optional() }),
    orgNode,
    writes('org.create', '新建单位', 'org_unit', ['org']),
    needs('org.edit'),
  ),
  'org/update': method(
    z.object({ id, name: orgName.optional(), code: orgCode.nullable().optional() }),
    orgNode,
    writes('org.update', '修改单位', 'org_unit', ['org']),
    needs('org.edit'),
  ),
  'org/delete': method(
    z.object({ id }),
    z.object({ deleted: z.literal(true) }),
    writes('org.delete', '删除单位', 'org_unit', ['org']),
    needs('org.edit'),
  ),
  'org/importPreview': method(
    z.object({ jobId, file: fileHandle }),
    z.object({
      importId: id,
      total: z.number().int().nonnegative(),
      new: z.number().int().nonnegative(),
      unchanged: z.number().int().nonnegative(),
      errors: z.array(rowError),
    }),
    'scratch',
    needs('org.edit'),
    { isJob: true },
  ),
  'org/importCommit': method(
    z.object({ jobId, importId: id }),
    z.object({ inserted: z.number().int().nonnegative() }),
    writes('org.import.commit', '导入单位名单', 'org_unit', ['org']),
    needs('org.edit'),
    { isJob: true },
  ),
} as const;
