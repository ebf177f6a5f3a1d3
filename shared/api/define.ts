/**
 * Helpers to declare contract methods. A method is a pair of zod schemas; a contract part is a map
 * of `'<feature>/<verb>'` names to methods. Parts are merged into one contract in `contract.ts`,
 * which refuses duplicate names.
 */
import { type z } from 'zod';

export interface MethodSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  /** Long-running: the caller passes a `jobId` and receives progress events; it can be cancelled. */
  isJob?: boolean;
  /**
   * Runs on the job thread (with its own database connection) rather than the thread that serves
   * the UI: every job, and the methods that read what a job left behind (an import's staged rows).
   */
  isOnJobThread?: boolean;
}

export type ContractPart = Record<string, MethodSpec>;

export function method<I extends z.ZodType, O extends z.ZodType>(
  input: I,
  output: O,
  options: { isJob?: boolean; isOnJobThread?: boolean } = {},
): MethodSpec<I, O> {
  return {
    input,
    output,
    ...options,
    isOnJobThread: Boolean(options.isJob || options.isOnJobThread),
  };
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
