/**
 * The rule-set union: one JSON document per training project rule, discriminated by `kind`, and the
 * `bundle` kind that groups several rule sets of one notice (R1 = assessment + calendar + quota
 * policy), so an office can hand one file to the engine.
 */
import { z } from 'zod';
import { assessmentInputSchema, assessmentRuleSetSchema } from './assessment';
import { calendarInputSchema, calendarRuleSetSchema } from './calendar';
import { parseWith, ruleSetMetaShape, type Parsed } from './common';
import { creditsInputSchema, creditsRuleSetSchema } from './credits';
import { pointsInputSchema, pointsRuleSetSchema } from './points';
import { quotaPolicyInputSchema, quotaPolicyRuleSetSchema } from './quota-policy';

export const ruleKinds = [
  'assessment',
  'points',
  'credits',
  'calendar',
  'quota-policy',
  'bundle',
] as const;
export type RuleKind = (typeof ruleKinds)[number];
export type PartKind = Exclude<RuleKind, 'bundle'>;

export const RULE_KIND_LABEL: Record<RuleKind, string> = {
  assessment: '考核',
  points: '积分',
  credits: '学分',
  calendar: '批次日历',
  'quota-policy': '配额',
  bundle: '组合',
};

export const partRuleSetSchema = z.discriminatedUnion('kind', [
  assessmentRuleSetSchema,
  pointsRuleSetSchema,
  creditsRuleSetSchema,
  calendarRuleSetSchema,
  quotaPolicyRuleSetSchema,
]);
export type PartRuleSet = z.infer<typeof partRuleSetSchema>;

export const bundleRuleSetSchema = z
  .strictObject({
    kind: z.literal('bundle'),
    ...ruleSetMetaShape,
    /** At most one part per kind; the bundle's input is keyed by kind. */
    parts: z.array(partRuleSetSchema).min(1).max(5),
  })
  .superRefine((bundle, ctx) => {
    const kinds = new Set<string>();
    bundle.parts.forEach((part, index) => {
      if (kinds.has(part.kind)) {
        ctx.addIssue({
          code: 'custom',
          path: ['parts', index, 'kind'],
          message: `组合中已有一个「${RULE_KIND_LABEL[part.kind]}」规则`,
        });
      }
      kinds.add(part.kind);
    });
  });
export type BundleRuleSet = z.infer<typeof bundleRuleSetSchema>;

export const ruleSetSchema = z.discriminatedUnion('kind', [
  assessmentRuleSetSchema,
  pointsRuleSetSchema,
  creditsRuleSetSchema,
  calendarRuleSetSchema,
  quotaPolicyRuleSetSchema,
  bundleRuleSetSchema,
]);
export type RuleSet = z.infer<typeof ruleSetSchema>;

export const ruleInputSchemas = {
  assessment: assessmentInputSchema,
  points: pointsInputSchema,
  credits: creditsInputSchema,
  calendar: calendarInputSchema,
  'quota-policy': quotaPolicyInputSchema,
} as const;

/** A bundle's input: one part input per kind, each optional (only given parts are evaluated). */
export const bundleInputSchema = z.strictObject({
  assessment: z.unknown().optional(),
  points: z.unknown().optional(),
  credits: z.unknown().optional(),
  calendar: z.unknown().optional(),
  'quota-policy': z.unknown().optional(),
});
export type BundleInput = z.infer<typeof bundleInputSchema>;

/** Validate a hand-written or imported rule set; errors are Chinese messages with paths. */
export function validateRuleSet(json: unknown): Parsed<RuleSet> {
  return parseWith(ruleSetSchema, json);
}

/** Kinds a rule set covers (a bundle lists its parts). */
export function kindsOf(ruleSet: RuleSet): PartKind[] {
  return ruleSet.kind === 'bundle' ? ruleSet.parts.map((part) => part.kind) : [ruleSet.kind];
}

/** The part of a given kind: the rule set itself, or the bundle's part. */
export function partOf(ruleSet: RuleSet, kind: PartKind): PartRuleSet | null {
  if (ruleSet.kind === 'bundle') return ruleSet.parts.find((part) => part.kind === kind) ?? null;
  return ruleSet.kind === kind ? ruleSet : null;
}
