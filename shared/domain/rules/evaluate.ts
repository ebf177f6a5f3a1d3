/**
 * The one entry point the app calls: validate an input against the rule set's kind and evaluate it.
 * Input arrives as untrusted JSON (a file, the what-if table, the CLI), so it is validated here with
 * Chinese messages; the output is plain JSON.
 */
import { checkAssessmentInput, evaluateAssessment, type AssessmentOutput } from './assessment';
import { evaluateCalendar, type CalendarOutput } from './calendar';
import { isoDateText, parseWith, type RuleIssue } from './common';
import { checkCreditsInput, evaluateCredits, type CreditsOutput } from './credits';
import { checkPointsInput, evaluatePoints, type PointsOutput } from './points';
import { evaluateQuotaPolicy, type QuotaPolicyOutput } from './quota-policy';
import {
  bundleInputSchema,
  ruleInputSchemas,
  type PartKind,
  type PartRuleSet,
  type RuleSet,
} from './rule-set';

export interface EvaluateOptions {
  /** Today, `YYYY-MM-DD`: the only notion of time rules get (no clock inside the engine). */
  now: string;
  /** Points only: `totals` leaves out the per-day ledger. */
  detail?: 'full' | 'totals';
}

export type PartOutput =
  AssessmentOutput | PointsOutput | CreditsOutput | CalendarOutput | QuotaPolicyOutput;

export interface BundleOutput {
  kind: 'bundle';
  ruleSetId: string;
  parts: PartOutput[];
}

export type RuleOutput = PartOutput | BundleOutput;

export type EvaluationResult =
  { ok: true; output: RuleOutput } | { ok: false; errors: RuleIssue[] };

function prefix(errors: RuleIssue[], path: string): RuleIssue[] {
  return errors.map((error) => ({
    path:
      error.path === ''
        ? path
        : error.path.startsWith('[')
          ? `${path}${error.path}`
          : `${path}.${error.path}`,
    message: error.message,
  }));
}

function evaluatePart(
  ruleSet: PartRuleSet,
  input: unknown,
  options: EvaluateOptions,
): { ok: true; output: PartOutput } | { ok: false; errors: RuleIssue[] } {
  switch (ruleSet.kind) {
    case 'assessment': {
      const parsed = parseWith(ruleInputSchemas.assessment, input);
      if (!parsed.ok) return parsed;
      const errors = checkAssessmentInput(ruleSet, parsed.data);
      if (errors.length > 0) return { ok: false, errors };
      return { ok: true, output: evaluateAssessment(ruleSet, parsed.data, options) };
    }
    case 'points': {
      const parsed = parseWith(ruleInputSchemas.points, input);
      if (!parsed.ok) return parsed;
      const errors = checkPointsInput(ruleSet, parsed.data);
      if (errors.length > 0) return { ok: false, errors };
      return {
        ok: true,
        output: evaluatePoints(ruleSet, parsed.data, { detail: options.detail ?? 'full' }),
      };
    }
    case 'credits': {
      const parsed = parseWith(ruleInputSchemas.credits, input);
      if (!parsed.ok) return parsed;
      const errors = checkCreditsInput(ruleSet, parsed.data);
      if (errors.length > 0) return { ok: false, errors };
      return { ok: true, output: evaluateCredits(ruleSet, parsed.data, options) };
    }
    case 'calendar': {
      const parsed = parseWith(ruleInputSchemas.calendar, input);
      if (!parsed.ok) return parsed;
      return { ok: true, output: evaluateCalendar(ruleSet, parsed.data, options) };
    }
    case 'quota-policy': {
      const parsed = parseWith(ruleInputSchemas['quota-policy'], input);
      if (!parsed.ok) return parsed;
      return { ok: true, output: evaluateQuotaPolicy(ruleSet, parsed.data) };
    }
  }
}

/**
 * Evaluate a (validated) rule set on an untrusted input. A bundle takes an object keyed by part
 * kind (`{ "assessment": {...}, "calendar": {...} }`) and evaluates the parts given.
 */
export function evaluateRuleSet(
  ruleSet: RuleSet,
  input: unknown,
  options: EvaluateOptions,
): EvaluationResult {
  const now = parseWith(isoDateText, options.now);
  if (!now.ok) return { ok: false, errors: prefix(now.errors, 'options.now') };
  if (ruleSet.kind !== 'bundle') return evaluatePart(ruleSet, input, options);

  const parsed = parseWith(bundleInputSchema, input);
  if (!parsed.ok) return parsed;
  const parts: PartOutput[] = [];
  const errors: RuleIssue[] = [];
  const given = ruleSet.parts.filter((part) => parsed.data[part.kind] !== undefined);
  for (const key of Object.keys(parsed.data) as PartKind[]) {
    if (parsed.data[key] !== undefined && !ruleSet.parts.some((part) => part.kind === key)) {
      errors.push({ path: key, message: `此组合规则没有「${key}」部分` });
    }
  }
  if (given.length === 0 && errors.length === 0) {
    errors.push({
      path: '',
      message: `请至少为一个部分提供输入：${ruleSet.parts.map((part) => part.kind).join(' / ')}`,
    });
  }
  for (const part of given) {
    const result = evaluatePart(part, parsed.data[part.kind], options);
    if (result.ok) parts.push(result.output);
    else errors.push(...prefix(result.errors, part.kind));
  }
  if (errors.length > 0) return { ok: false, errors };
  return { ok: true, output: { kind: 'bundle', ruleSetId: ruleSet.id, parts } };
}
