/** Pure helpers of the project pages: which rule sets can make a project, and server refusals by field. */
import { type RuleSetSummary } from '@shared/api/rules.contract';
import { type ApiError } from '../../api/api-error';

/** Rule sets with a calendar part: only they can generate a project's batches. */
export function calendarRuleSets(items: readonly RuleSetSummary[]): RuleSetSummary[] {
  return items.filter((item) => item.kinds.some((kind) => kind.includes('calendar')));
}

/** The form field a refusal is about (`details.field`), when the core named one. */
export function refusedField(error: ApiError): string | null {
  const details = error.details;
  if (typeof details !== 'object' || details === null || Array.isArray(details)) return null;
  const field = (details as { field?: unknown }).field;
  return typeof field === 'string' ? field : null;
}
