/** Test helpers: typed access to the presets' parts, so tests exercise the shipped rule sets. */
import { getPreset, partOf } from '@shared/domain/rules';
import type { AssessmentRuleSet } from '@shared/domain/rules/assessment';
import type { CalendarRuleSet } from '@shared/domain/rules/calendar';
import type { CreditsRuleSet } from '@shared/domain/rules/credits';
import type { PointsRuleSet } from '@shared/domain/rules/points';
import type { QuotaPolicyRuleSet } from '@shared/domain/rules/quota-policy';
import type { PartKind, PartRuleSet } from '@shared/domain/rules/rule-set';

function part<K extends PartKind>(id: string, kind: K): Extract<PartRuleSet, { kind: K }> {
  const ruleSet = getPreset(id);
  if (!ruleSet) throw new Error(`no preset ${id}`);
  const found = partOf(ruleSet, kind);
  if (!found || found.kind !== kind) throw new Error(`preset ${id} has no ${kind} part`);
  return found as Extract<PartRuleSet, { kind: K }>;
}

export const assessmentOf = (id: string): AssessmentRuleSet => part(id, 'assessment');
export const pointsOf = (id: string): PointsRuleSet => part(id, 'points');
export const creditsOf = (id: string): CreditsRuleSet => part(id, 'credits');
export const calendarOf = (id: string): CalendarRuleSet => part(id, 'calendar');
export const quotaOf = (id: string): QuotaPolicyRuleSet => part(id, 'quota-policy');

/** China local time stamp for a day and clock time. */
export const at = (date: string, time = '09:00:00'): string => `${date}T${time}+08:00`;
