/**
 * The one dispatcher both wires call: check the caller's access as the method declares it (before
 * the input is read), validate the input against the contract, run the handler
 * the way its declared effect says (through the write path: a write in one audited transaction,
 * a disclosure audited, a read unable to write), validate the output, and wrap everything in the
 * result envelope. No wire has its own loop.
 */
import { contract, isMethodName, type MethodName } from '@shared/api/contract';
import { AppError, type Envelope, fail, ok } from '@shared/api/envelope';
import { type JobProgressEvent } from '@shared/api/events';
import { fragment } from '@shared/domain/text-fragment';
import { type AllHandlers, type CallContext, type SessionIntent } from './handler-types';
import { JobGate } from './job-gate';
import { actorName, checkAccess, checkConditionalAccess, type Identity } from './operator';
import { NO_OPERATOR, type WritePath } from './write-path';

export interface DispatchOptions {
  /** Who calls, as the core resolved it from the wire's session. */
  identity: Identity;
  /** Where session changes asked for by the handler go (applied by the core on success). */
  session: SessionIntent;
  signal?: AbortSignal;
  onProgress?: (event: JobProgressEvent) => void;
}

export interface Dispatcher {
  dispatch(method: string, input: unknown, options: DispatchOptions): Promise<Envelope<unknown>>;
  /** Aborts the job with this id, if one is running. */
  cancel(jobId: string): boolean;
}

export type ErrorLogger = (method: string, error: unknown) => void;

export function createDispatcher(
  handlers: AllHandlers,
  logError: ErrorLogger,
  writePath: WritePath,
  jobGate: JobGate = new JobGate(),
): Dispatcher {
  const running = new Map<string, AbortController>();

  async function dispatch(
    method: string,
    rawInput: unknown,
    options: DispatchOptions,
  ): Promise<Envelope<unknown>> {
    if (!isMethodName(method)) {
      return fail('UNKNOWN_METHOD', `未知的接口方法：${method}`);
    }
    const spec = contract[method];
    const { identity } = options;
    const refused = checkAccess(spec.access, identity);
    if (refused) return { ok: false, error: refused.toBody() };
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) {
      return fail('INVALID_INPUT', '请求参数不正确', parsed.error.issues);
    }
    const input = parsed.data as Record<string, unknown>;
    const refusedToo = checkConditionalAccess(spec.access, identity, input);
    if (refusedToo) return { ok: false, error: refusedToo.toBody() };
    const operator = identity.kind === 'operator' ? identity.operator : null;
    const actor = operator ? { id: operator.id, name: actorName(operator) } : NO_OPERATOR;
    const controller = new AbortController();
    const jobId = spec.isJob && typeof input.jobId === 'string' ? input.jobId : null;
    if (jobId) {
      if (running.has(jobId)) return fail('CONFLICT', '同一任务已在运行');
      running.set(jobId, controller);
    }
    const onOuterAbort = (): void => controller.abort();
    // The caller may have given up while its session was being resolved.
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', onOuterAbort, { once: true });
    const ctx: CallContext = {
      operator,
      scope: operator ? { rootId: operator.homeUnitId } : null,
      isLocked: identity.kind === 'operator' && identity.isLocked,
      session: options.session,
      signal: controller.signal,
      progress: (update) => {
        if (jobId && options.onProgress) options.onProgress({ jobId, ...update });
      },
    };
    let release: (() => void) | null = null;
    try {
      if (spec.isJob) {
        release = await jobGate.enter(actor.id ?? actor.name, controller.signal, (ahead) =>
          ctx.progress({
            phase: 'queue',
            message: `正在排队，前面还有 ${ahead} 个任务…`,
            done: 0,
            total: null,
          }),
        );
      }
      const handler = handlers[method] as (i: unknown, c: CallContext) => unknown;
      // The output is checked before a write commits: a handler that breaks the contract changes nothing.
      const checkedOutput = async (call: CallContext): Promise<unknown> => {
        const checked = spec.output.safeParse(await handler(input, call));
        if (!checked.success) {
          logError(method, checked.error);
          throw new AppError('INTERNAL', '程序内部错误：返回的数据不符合接口约定');
        }
        return checked.data;
      };
      const effect = spec.effect;
      let data: unknown;
      if (effect === 'read') {
        data = await writePath.read(() => checkedOutput(ctx));
      } else if (effect === 'scratch') {
        data = await checkedOutput(ctx);
      } else if (effect.kind === 'write') {
        data = await writePath.write(effect, { method, actor, input }, (tx, audit) =>
          checkedOutput({ ...ctx, tx, audit }),
        );
      } else {
        data = await writePath.disclose(effect, { method, actor }, (audit) =>
          checkedOutput({ ...ctx, audit }),
        );
      }
      return ok(data);
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toBody() };
      if (controller.signal.aborted) return fail('CANCELLED', '操作已取消，数据未作任何修改');
      logError(method, error);
      // The whole error goes to the log; the answer quotes it short (it may echo input).
      const reason = fragment(error instanceof Error ? error.message : String(error), 200);
      return fail('INTERNAL', `程序内部错误：${reason}`);
    } finally {
      release?.();
      options.signal?.removeEventListener('abort', onOuterAbort);
      if (jobId) running.delete(jobId);
    }
  }

  function cancel(jobId: string): boolean {
    const controller = running.get(jobId);
    if (!controller) return false;
    controller.abort();
    return true;
  }

  return { dispatch, cancel };
}

/** Throws if `handlers` misses a contract method or has one the contract does not declare. */
export function assertHandlersCoverContract(handlers: Record<string, unknown>): void {
  const declared = Object.keys(contract) as MethodName[];
  const missing = declared.filter((name) => typeof handlers[name] !== 'function');
  const extra = Object.keys(handlers).filter((name) => !isMethodName(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `Handlers do not match the contract. Missing: [${missing.join(', ')}]; extra: [${extra.join(', ')}]`,
    );
  }
}

/** Merges feature handler maps, refusing a method name handled twice. */
export function mergeHandlers(...maps: Record<string, unknown>[]): Record<string, unknown> {
  const merged: Record<string, unknown> = {};
  for (const map of maps) {
    for (const [name, handler] of Object.entries(map)) {
      if (name in merged) throw new Error(`Method "${name}" has two handlers`);
      merged[name] = handler;
    }
  }
  return merged;
}
