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
import { type AuditNote } from './write-path';

export interface CallContext {
  /** Who acts: the OS user in Electron and the CLI, 'bridge' for HTTP callers. */
  actor: string;
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
