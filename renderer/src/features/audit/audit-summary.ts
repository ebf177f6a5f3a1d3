/**
 * What an audit entry's columns show. The log stores codes (actions such as `rules.create`,
 * entities such as `rule_set`, teacher field codes inside a summary, internal ids) and is
 * append-only, so the names people read are put in here, at display time, for old entries too.
 */
import {
  AUDIT_ACTION_LABELS,
  AUDIT_ENTITY_LABELS,
  AUDIT_SYSTEM_ACTOR,
  AUDIT_TEACHER_FIELD_LABELS,
  AUDIT_UNKNOWN_ACTION,
  AUDIT_UNKNOWN_ENTITY,
} from './audit.strings';

export function auditActionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? AUDIT_UNKNOWN_ACTION;
}

/** The core's own writes (first-run demo data) are made by the actor `system`. */
export function auditActorText(actor: string): string {
  return actor === 'system' ? AUDIT_SYSTEM_ACTOR : actor;
}

export function auditEntityLabel(entity: string): string {
  return AUDIT_ENTITY_LABELS[entity] ?? AUDIT_UNKNOWN_ENTITY;
}

/** "…，字段：name、mobile" → "…，字段：姓名、手机号码"; other summaries are already Chinese. */
export function auditSummaryText(summary: string): string {
  return summary.replace(
    /字段：([A-Za-z]+(?:、[A-Za-z]+)*)/u,
    (_, list: string) =>
      `字段：${list
        .split('、')
        .map((code) => AUDIT_TEACHER_FIELD_LABELS[code] ?? code)
        .join('、')}`,
  );
}

export interface SummaryPart {
  text: string;
  /** A login name (周管理（zhou.admin）, …失败：city): shown as it is, never translated. */
  isLoginName: boolean;
}

/**
 * Login names right after （ or ： and before ）, ， or the end, as the core writes them into the
 * summaries of logins and operator changes.
 */
const LOGIN_NAME = /(?<=[（：])[A-Za-z0-9][A-Za-z0-9._-]*(?=[）,，]|$)/gu;

/** The summary as text and login names, so the names can be shown as the literal names they are. */
export function auditSummaryParts(summary: string): SummaryPart[] {
  const parts: SummaryPart[] = [];
  let at = 0;
  for (const match of summary.matchAll(LOGIN_NAME)) {
    const start = match.index;
    if (start > at) parts.push({ text: summary.slice(at, start), isLoginName: false });
    parts.push({ text: match[0], isLoginName: true });
    at = start + match[0].length;
  }
  if (at < summary.length) parts.push({ text: summary.slice(at), isLoginName: false });
  return parts;
}

const INTERNAL_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The 对象编号 worth showing: a rule set's 编号 (people type it), not the database's internal
 * UUIDs of teachers and units, which mean nothing to a reader (kept in the cell's tooltip).
 */
export function auditEntityIdText(id: string | null): string {
  return id === null || INTERNAL_ID.test(id) ? '' : id;
}
