/**
 * The permission × role matrix, generated from the contract and the roles in the database: every
 * method called by an operator of every preset role, refused (FORBIDDEN, naming the right) exactly
 * when the method's declared right is not among the role's, and never refused for the methods any
 * signed-in operator may call. The wire cannot tell: these are the checks a browser tab, a window
 * or the CLI meet.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contract, type MethodName } from '@shared/api/contract';
import { type RoleInfo } from '@shared/api/auth.contract';
import { PERMISSIONS } from '@shared/domain/auth/permissions';
import { type Caller, openTestCore, type TestCore } from '../support/core-harness';

/** Methods that end or lock the caller's own session: left out so the caller can go on. */
const SESSION_ENDERS: readonly MethodName[] = ['auth/logout', 'auth/lock'];

let t: TestCore;
let roles: RoleInfo[];
const callers = new Map<string, Caller>();

beforeAll(async () => {
  t = await openTestCore();
  roles = (await t.call<{ roles: RoleInfo[] }>('operators/roles')).roles;
  for (const role of roles) {
    callers.set(role.code, (await t.operator(`m-${role.code}`, [role.code], t.rootId)).caller);
  }
}, 120_000);

afterAll(async () => {
  await t.close();
});

describe('permission matrix', () => {
  it('has the five preset roles, as data', () => {
    expect(roles.map((r) => r.code).sort()).toEqual(
      ['admin', 'finance', 'project_admin', 'school_officer', 'viewer'].sort(),
    );
  });

  it('refuses exactly what each role lacks, for every method of the contract', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const role of roles) {
      const caller = callers.get(role.code) as Caller;
      for (const [name, spec] of Object.entries(contract)) {
        if (SESSION_ENDERS.includes(name as MethodName)) continue;
        const result = await caller.raw(name, {});
        const isForbidden = !result.ok && result.error.code === 'FORBIDDEN';
        const access = spec.access;
        const shouldForbid =
          access.kind === 'permission' && !role.permissions.includes(access.permission);
        checked += 1;
        if (isForbidden !== shouldForbid) {
          mismatches.push(`${role.code} × ${name}: ${result.ok ? 'OK' : result.error.code}`);
        } else if (isForbidden && access.kind === 'permission') {
          const message = result.ok ? '' : result.error.message;
          if (!message.includes(PERMISSIONS[access.permission])) {
            mismatches.push(`${role.code} × ${name}: the refusal does not name the right`);
          }
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(roles.length * (Object.keys(contract).length - SESSION_ENDERS.length));
  }, 120_000);

  it('asks for the full-ID right on top of the export right', async () => {
    for (const role of roles) {
      const caller = callers.get(role.code) as Caller;
      const result = await caller.raw('roster/export', {
        jobId: `matrix-full-${role.code}`,
        includeFullIdNumber: true,
      });
      const canExport = role.permissions.includes('roster.export');
      const canFull = role.permissions.includes('roster.exportFullId');
      const code = result.ok ? 'OK' : result.error.code;
      if (canExport && canFull) expect(code, role.code).toBe('OK');
      else expect(code, role.code).toBe('FORBIDDEN');
    }
  }, 60_000);
});
