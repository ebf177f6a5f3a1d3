/**
 * The one path every change takes. The dispatcher hands each method to it by the effect the
 * contract declares: a write runs as one transaction holding the handler's changes, the audit
 * entry with the operator and an outbox row, and `data/changed` is published after the commit;
 * a disclosure (an export of personal data) is audited once it has succeeded; a read runs where
 * no write can start. No service appends audit entries or publishes change events itself.
 */
import { type DisclosureEffect, type WriteEffect } from '@shared/api/define';
import { AppError } from '@shared/api/envelope';
import { appendAudit, canonicalJson } from '../db/audit-log';
import { type AppDatabase, runReadOnly, type Tx } from '../db/database';
import { OutboxEntity } from '../db/entities/outbox.entity';
import { type EventBus } from './event-bus';

/** What a handler says about the change it made, for the audit entry (default: the label). */
export interface AuditNote {
  /** Another action than the declared one (e.g. 'auth.login.failed' for a refused login). */
  action?: string;
  /** Who acted, when the call had no operator yet (a login names who logged in). */
  actor?: Actor;
  entityId?: string | null;
  /** One line in Chinese, for people. */
  summary: string;
  /** Any JSON value: what changed. Also the outbox row's payload. */
  details?: unknown;
}

/** Who an audit entry names: the operator's id (null for an unknown name) and name at the time. */
export interface Actor {
  id: string | null;
  name: string;
}

/** The actor of calls made without a session (the first-run setup before its administrator exists). */
export const NO_OPERATOR: Actor = { id: null, name: '未登录' };

/**
 * A refusal that is itself a change to keep: a failed login counts towards the lock-out and is
 * audited. Thrown by a write's handler, it commits the transaction (with `note` as the audit entry,
 * no outbox row) and the caller gets `error`.
 */
export class RecordedRefusal extends Error {
  constructor(
    readonly error: AppError,
    readonly note: AuditNote,
  ) {
    super(error.message);
  }
}

export interface WritePath {
  write<T>(
    effect: WriteEffect,
    call: { method: string; actor: Actor; input: unknown },
    run: (tx: Tx, note: (n: AuditNote) => void) => Promise<T>,
  ): Promise<T>;
  disclose<T>(
    effect: DisclosureEffect,
    call: { method: string; actor: Actor },
    run: (note: (n: AuditNote) => void) => Promise<T>,
  ): Promise<T>;
  read<T>(run: () => Promise<T>): Promise<T>;
}

export function createWritePath(deps: {
  db: AppDatabase;
  events: EventBus;
  now(): string;
  newId(): string;
}): WritePath {
  const { db, events } = deps;
  return {
    async write(effect, call, run) {
      let note: AuditNote | null = null;
      const outcome = await db.write(async (tx) => {
        let value: Awaited<ReturnType<typeof run>> | undefined;
        let refusal: RecordedRefusal | null = null;
        try {
          value = await run(tx, (n) => {
            note = n;
          });
        } catch (error) {
          if (!(error instanceof RecordedRefusal)) throw error;
          refusal = error;
        }
        const at = deps.now();
        const described = refusal ? refusal.note : (note as AuditNote | null);
        const entityId = described?.entityId ?? null;
        const actor = described?.actor ?? call.actor;
        await appendAudit(tx, {
          actor: actor.name,
          actorId: actor.id,
          action: described?.action ?? effect.action,
          entity: effect.entity,
          entityId,
          summary: described?.summary ?? effect.label,
          details: described?.details,
          at,
        });
        // A refusal changed nothing the platform needs to hear about.
        if (!refusal) {
          await tx.manager.insert(OutboxEntity, {
            opId: deps.newId(),
            method: call.method,
            entity: effect.entity,
            entityId,
            actor: actor.name,
            payload: canonicalJson(described?.details ?? call.input) ?? '{}',
            createdAt: at,
          });
        }
        return { value, refusal };
      });
      const changed = outcome.refusal ? [] : effect.changes;
      for (const scope of new Set([...changed, 'audit' as const])) {
        events.emit('data/changed', { scope });
      }
      if (outcome.refusal) throw outcome.refusal.error;
      return outcome.value as Awaited<ReturnType<typeof run>>;
    },

    async disclose(effect, call, run) {
      let note: AuditNote | null = null;
      const result = await runReadOnly(() =>
        run((n) => {
          note = n;
        }),
      );
      const described = note as AuditNote | null;
      await db.write((tx) =>
        appendAudit(tx, {
          actor: (described?.actor ?? call.actor).name,
          actorId: (described?.actor ?? call.actor).id,
          action: effect.action,
          entity: effect.entity,
          entityId: described?.entityId ?? null,
          summary: described?.summary ?? effect.label,
          details: described?.details,
          at: deps.now(),
        }),
      );
      events.emit('data/changed', { scope: 'audit' });
      return result;
    },

    read: (run) => runReadOnly(run),
  };
}

/** The write transaction of a call; a handler of a write method always has one. */
export function writeTx(call: { tx?: Tx }): Tx {
  if (!call.tx) throw new AppError('INTERNAL', '程序内部错误：写操作没有在事务中运行');
  return call.tx;
}
