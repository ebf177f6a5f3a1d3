/** Types that tie handlers to the contract: a handler map is checked against the method names. */
import {
  type HandlerInput,
  type MethodName,
  type MethodOutput,
  type Contract,
} from '@shared/api/contract';
import { type z } from 'zod';
import { type JobProgressEvent } from '@shared/api/events';
import { type Tx } from '../db/database';
import { type Operator, type Scope } from './operator';
import { type AuditNote } from './write-path';

/**
 * Changes to the caller's session a handler asks for (log in, log out, lock, unlock). The core
 * applies them only when the call succeeds, and the wire keeps the new token (or forgets it).
 */
export interface SessionIntent {
  begin(operatorId: string, credentialsEpoch: number, apiTokenId?: string): void;
  end(): void;
  lock(): void;
  unlock(): void;
}

export interface CallContext {
  /** Who acts; null only in public methods called without a session (login, first-run setup). */
  operator: Operator | null;
  /** The subtree of units the call may see and change (the operator's); null without operator. */
  scope: Scope | null;
  /** True when the caller's session is locked for idleness (only 'session' methods run then). */
  isLocked: boolean;
  session: SessionIntent;
  /** Aborted when the caller cancels the job (jobs/cancel) or the wire goes away. */
  signal: AbortSignal;
  /** Report progress of a long job; no-op for methods that are not jobs. */
  progress(update: Omit<JobProgressEvent, 'jobId'>): void;
  /** The write transaction: set for methods declared as writes (see `writeTx`). */
  tx?: Tx;
  /**
   * Describes the change (or the disclosure) for its audit entry and outbox row; methods that
   * do not call it are audited with their declared label.
   */
  audit?: (note: AuditNote) => void;
}

export type Handler<M extends MethodName> = (
  input: HandlerInput<M>,
  ctx: CallContext,
) => Promise<z.input<Contract[M]['output']>> | z.input<Contract[M]['output']>;

/** A feature's handlers: exactly the methods of the names it covers. */
export type HandlerMap<Names extends MethodName> = { [M in Names]: Handler<M> };

export type AllHandlers = HandlerMap<MethodName>;

export type { MethodOutput };
