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
  entityId?: string | null;
  /** One line in Chinese, for people. */
  summary: string;
  /** Any JSON value: what changed. Also the outbox row's payload. */
  details?: unknown;
}

export interface WritePath {
  write<T>(
    effect: WriteEffect,
    call: { method: string; actor: string; input: unknown },
    run: (tx: Tx, note: (n: AuditNote) => void) => Promise<T>,
  ): Promise<T>;
  disclose<T>(
    effect: DisclosureEffect,
    call: { method: string; actor: string },
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
      const result = await db.write(async (tx) => {
        const value = await run(tx, (n) => {
          note = n;
        });
        const at = deps.now();
        const described = note as AuditNote | null;
        const entityId = described?.entityId ?? null;
        await appendAudit(tx, {
          actor: call.actor,
          action: effect.action,
          entity: effect.entity,
          entityId,
          summary: described?.summary ?? effect.label,
          details: described?.details,
          at,
        });
        await tx.manager.insert(OutboxEntity, {
          opId: deps.newId(),
          method: call.method,
          entity: effect.entity,
          entityId,
          actor: call.actor,
          payload: canonicalJson(described?.details ?? call.input) ?? '{}',
          createdAt: at,
        });
        return value;
      });
      for (const scope of new Set([...effect.changes, 'audit' as const])) {
        events.emit('data/changed', { scope });
      }
      return result;
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
          actor: call.actor,
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
