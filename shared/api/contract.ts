/**
 * The one contract: every method the core serves, over Electron IPC and over the HTTP bridge.
 * Adding a method here (in its feature's part) is the only way to add an endpoint.
 */
import { type z } from 'zod';
import { authContract } from './auth.contract';
import { mergeContract, type MethodSpec } from './define';
import { orgContract } from './org.contract';
import { enrollmentContract, projectsContract } from './projects.contract';
import { rosterContract } from './roster.contract';
import { rulesContract } from './rules.contract';
import { systemContract } from './system.contract';

export const contract = mergeContract(
  systemContract,
  authContract,
  orgContract,
  rosterContract,
  rulesContract,
  projectsContract,
  enrollmentContract,
);

export type Contract = typeof contract;
export type MethodName = keyof Contract & string;
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;
/** What a handler receives: the input after validation and defaults. */
export type HandlerInput<M extends MethodName> = z.output<Contract[M]['input']>;

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

export function getMethodSpec(name: MethodName): MethodSpec {
  return contract[name];
}
