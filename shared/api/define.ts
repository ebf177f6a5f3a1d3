/**
 * Helpers to declare contract methods. A method is a pair of zod schemas; a contract part is a map
 * of `'<feature>/<verb>'` names to methods. Parts are merged into one contract in `contract.ts`,
 * which refuses duplicate names.
 */
import { type z } from 'zod';
import { type Permission } from '../domain/auth/permissions';
import { type DataScope } from './events';

/**
 * A method that changes the data. The core's one write wrapper runs it: the write queue, the
 * transaction, the handler, the audit entry with the operator, an outbox row, and `data/changed`
 * for each scope after the commit.
 */
export interface WriteEffect {
  kind: 'write';
  /** Dotted audit action, e.g. 'org.create'. */
  action: string;
  /** What the audit page shows for the action, in Chinese, e.g. '新建单位'. */
  label: string;
  /** The kind of record written (audit entity and outbox entity), e.g. 'org_unit'. */
  entity: string;
  /** The parts of the data that change: open views of these refresh after the commit. */
  changes: readonly DataScope[];
}

/**
 * A method that takes personal data out of the application (exports): nothing changes, but who
 * took what is audited, in a short transaction of its own once the work has succeeded.
 */
export interface DisclosureEffect {
  kind: 'disclose';
  action: string;
  label: string;
  entity: string;
}

/**
 * What a method does to the data, declared next to its schemas:
 * - 'read': reads only; a write attempted from it is refused;
 * - 'scratch': writes only its own working data (an import's staged rows), not audited;
 * - a write or a disclosure, as above.
 */
export type Effect = 'read' | 'scratch' | WriteEffect | DisclosureEffect;

/**
 * Who may call a method, declared next to its schemas and enforced by the dispatcher before the
 * handler runs (the one enforcement point):
 * - 'public': anyone holding the wire (the login screen, the first-run setup);
 * - 'session': a logged-in operator, even while the session is locked for idleness or the password
 *   must be changed first (logout, unlock, change password);
 * - 'signedIn': a logged-in, unlocked operator with a current password;
 * - a right: a signed-in operator one of whose roles grants it; `alsoWhen` asks for a second right
 *   when a field of the input is true (an export with full ID numbers).
 */
export type Access =
  | { kind: 'public' }
  | { kind: 'session' }
  | { kind: 'signedIn' }
  | {
      kind: 'permission';
      permission: Permission;
      alsoWhen?: { field: string; permission: Permission };
    };

export const PUBLIC: Access = { kind: 'public' };
export const SESSION: Access = { kind: 'session' };
export const SIGNED_IN: Access = { kind: 'signedIn' };

/** A method that needs a right (and another one when `alsoWhen.field` of the input is true). */
export function needs(
  permission: Permission,
  alsoWhen?: { field: string; permission: Permission },
): Access {
  return alsoWhen
    ? { kind: 'permission', permission, alsoWhen }
    : { kind: 'permission', permission };
}

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  effect: Effect;
  access: Access;
  /**
   * Long-running: the caller passes a `jobId` and receives progress events; it can be cancelled.
   * Jobs run on the job thread, off the thread that serves the UI.
   */
  isJob?: boolean;
}

export interface MethodOptions {
  isJob?: boolean;
}

/** Declares a write: audited, sent to the outbox, `data/changed` after the commit. */
export function writes(
  action: string,
  label: string,
  entity: string,
  changes: readonly DataScope[],
): WriteEffect {
  return { kind: 'write', action, label, entity, changes };
}

/** Declares an audited read of personal data (an export). */
export function discloses(action: string, label: string, entity: string): DisclosureEffect {
  return { kind: 'disclose', action, label, entity };
}

export type ContractPart = Record<string, MethodSpec>;

export function method<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  effect: Effect,
  access: Access,
  options: MethodOptions = {},
): MethodSpec<I, O> {
  return { input, output, effect, access, ...options };
}

type UnionToIntersection<U> = (U extends unknown ? (arg: U) => void : never) extends (
  arg: infer I,
) => void
  ? I
  : never;

export function mergeContract<const Parts extends readonly ContractPart[]>(
  ...parts: Parts
): UnionToIntersection<Parts[number]> {
  const merged: Record<string, MethodSpec> = {};
  for (const part of parts) {
    for (const [name, spec] of Object.entries(part)) {
      if (!/^[a-z][a-zA-Z]*\/[a-z][a-zA-Z]*$/.test(name)) {
        throw new Error(`Contract method name "${name}" is not of the form "<feature>/<verb>"`);
      }
      if (name in merged) throw new Error(`Contract method "${name}" is declared twice`);
      merged[name] = spec;
    }
  }
  return merged as UnionToIntersection<Parts[number]>;
}
