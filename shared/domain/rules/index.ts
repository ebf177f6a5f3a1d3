/**
 * Public surface of the rule engine: rule sets as data (zod schemas), presets reproducing
 * docs/domain-rules.md, validation with Chinese messages, and one pure evaluation entry point.
 */
export { listPresets, getPreset, type PresetSummary } from './presets';
export {
  ruleSetSchema,
  partRuleSetSchema,
  bundleRuleSetSchema,
  bundleInputSchema,
  ruleInputSchemas,
  ruleKinds,
  RULE_KIND_LABEL,
  validateRuleSet,
  kindsOf,
  partOf,
  type RuleSet,
  type PartRuleSet,
  type BundleRuleSet,
  type RuleKind,
  type PartKind,
} from './rule-set';
export {
  evaluateRuleSet,
  type EvaluateOptions,
  type EvaluationResult,
  type RuleOutput,
  type PartOutput,
  type BundleOutput,
} from './evaluate';
export {
  RULE_SET_FORMAT_VERSION,
  parseWith,
  type RuleIssue,
  type Parsed,
  type RuleSource,
} from './common';
export {
  assessmentRuleSetSchema,
  assessmentInputSchema,
  assessmentRecordSchema,
  evaluateAssessment,
  checkAssessmentInput,
  type AssessmentRuleSet,
  type AssessmentInput,
  type AssessmentRecord,
  type AssessmentOutput,
  type AssessmentRecordResult,
} from './assessment';
export {
  pointsRuleSetSchema,
  pointsInputSchema,
  pointsEventSchema,
  pointsPersonSchema,
  evaluatePoints,
  checkPointsInput,
  type PointsRuleSet,
  type PointsInput,
  type PointsEvent,
  type PointsOutput,
  type PersonPoints,
  type LedgerEntry,
  type LedgerDay,
  type AwardResult,
} from './points';
export {
  creditsRuleSetSchema,
  creditsInputSchema,
  evaluateCredits,
  checkCreditsInput,
  teacherTitle,
  type CreditsRuleSet,
  type CreditsInput,
  type CreditsOutput,
  type CreditsTeacherResult,
} from './credits';
export {
  calendarRuleSetSchema,
  calendarInputSchema,
  evaluateCalendar,
  generateBatches,
  type CalendarRuleSet,
  type CalendarInput,
  type CalendarOutput,
  type CalendarBatch,
} from './calendar';
export {
  quotaPolicyRuleSetSchema,
  quotaPolicyInputSchema,
  quotaNodeSchema,
  evaluateQuotaPolicy,
  allocateLargestRemainder,
  type QuotaPolicyRuleSet,
  type QuotaPolicyInput,
  type QuotaPolicyOutput,
  type QuotaNode,
  type SplitResult,
} from './quota-policy';
export { minMaxNormalize, selectTop, type TieRule } from './ranking';
