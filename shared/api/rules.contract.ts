/**
 * Contract of the rule engine: presets that reproduce the source notices, rule sets an office
 * clones and adjusts (saved in the database), validation, and evaluation with explanations.
 */
import { z } from 'zod';
import { ruleKinds, ruleSetSchema } from '../domain/rules';
import { method, needs, writes } from './define';
import { fileHandle, id, isoDate, isoDateTime, jobId } from './common.schemas';

export const ruleSetSummary = z.object({
  id,
  name: z.string(),
  kinds: z.array(z.enum(ruleKinds)),
  isPreset: z.boolean(),
  /** The preset (or saved set) this one was cloned from. */
  basedOn: z.string().nullable(),
  /** The section of docs/domain-rules.md a preset reproduces (R1…R5); null for saved sets. */
  rule: z.string().nullable(),
  /** The source notice file of a preset; null for saved sets. */
  document: z.string().nullable(),
  summary: z.string(),
  updatedAt: isoDateTime.nullable(),
});
export type RuleSetSummary = z.infer<typeof ruleSetSummary>;

export const ruleIssue = z.object({ path: z.string(), message: z.string() });
export type RuleIssueDto = z.infer<typeof ruleIssue>;

const cellValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const rulesContract = {
  'rules/list': method(
    z.object({}),
    z.object({ items: z.array(ruleSetSummary) }),
    'read',
    needs('rules.read'),
  ),
  'rules/get': method(
    z.object({ id }),
    z.object({ summary: ruleSetSummary, ruleSet: ruleSetSchema }),
    'read',
    needs('rules.read'),
  ),
  'rules/validate': method(
    z.object({ ruleSet: z.unknown() }),
    z.object({ isValid: z.boolean(), errors: z.array(ruleIssue) }),
    'read',
    needs('rules.read'),
  ),
  /** Saves a rule set under its own `id` (never a preset's id); creates or replaces. Audited. */
  'rules/save': method(
    z.object({ ruleSet: z.unknown(), basedOn: z.string().max(64).nullable().default(null) }),
    ruleSetSummary,
    writes('rules.save', '保存规则集', 'rule_set', ['rules']),
    needs('rules.edit'),
  ),
  'rules/delete': method(
    z.object({ id }),
    z.object({ deleted: z.literal(true) }),
    writes('rules.delete', '删除规则集', 'rule_set', ['rules']),
    needs('rules.edit'),
  ),
  /**
   * Evaluates a preset or saved set (`ruleSetId`) or an inline rule set (`ruleSet`) on `input`.
   * The output is the engine's JSON (see docs/rules.md); invalid input → INVALID_INPUT with
   * `details` = the list of { path, message } in Chinese.
   */
  'rules/evaluate': method(
    z
      .object({
        ruleSetId: id.optional(),
        ruleSet: z.unknown().optional(),
        input: z.unknown(),
        now: isoDate,
        detail: z.enum(['full', 'totals']).default('full'),
      })
      .refine((v) => (v.ruleSetId === undefined) !== (v.ruleSet === undefined), {
        message: '请给出 ruleSetId 或 ruleSet 其中之一',
      }),
    z.object({ output: z.unknown() }),
    'read',
    needs('rules.read'),
  ),
  /**
   * Reads the first sheet of an .xlsx as a table (header row + rows), for the what-if panel. A job:
   * a workbook of 300,000 rows takes seconds to check and read, so it runs off the thread that
   * serves the UI, reports progress and can be cancelled.
   */
  'rules/readSheet': method(
    z.object({
      jobId,
      file: fileHandle,
      maxRows: z.number().int().positive().max(5000).default(2000),
    }),
    z.object({
      sheetName: z.string(),
      headers: z.array(z.string()),
      rows: z.array(z.array(cellValue)),
      isTruncated: z.boolean(),
    }),
    'read',
    needs('rules.read'),
    { isJob: true },
  ),
} as const;
