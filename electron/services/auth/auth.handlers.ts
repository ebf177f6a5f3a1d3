/** Contract handlers of operators: setup, sessions, passwords, operators, API tokens, settings. */
import { type HandlerMap } from '../../core/handler-types';
import { type ServiceContext } from '../../core/service-context';
import { type SessionStore } from '../../core/sessions';
import { writeTx } from '../../core/write-path';
import { setMeta } from '../../db/meta';
import { OrgRepository } from '../org/org.repository';
import { AuthService, META } from './auth.service';
import { OperatorsService } from './operators.service';
import { DEMO_PASSWORD, SetupService } from './setup.service';

type AuthMethods =
  | 'auth/state'
  | 'auth/login'
  | 'auth/logout'
  | 'auth/lock'
  | 'auth/unlock'
  | 'auth/changePassword'
  | 'setup/units'
  | 'setup/complete'
  | 'setup/demo'
  | 'operators/list'
  | 'operators/roles'
  | 'operators/create'
  | 'operators/update'
  | 'operators/resetPassword'
  | 'operators/unlock'
  | 'tokens/list'
  | 'tokens/create'
  | 'tokens/revoke'
  | 'settings/get'
  | 'settings/update';

export function authHandlers(ctx: ServiceContext, sessions: SessionStore): HandlerMap<AuthMethods> {
  const auth = new AuthService(ctx, sessions);
  const setup = new SetupService(ctx, auth);
  const operators = new OperatorsService(ctx, sessions);
  const orgs = new OrgRepository(ctx.db);
  return {
    'auth/state': async (_input, call) => {
      const settings = await auth.settings();
      const installation = settings.unitId ? await orgs.byId(settings.unitId) : undefined;
      const demoAccounts = await setup.demoAccounts();
      return {
        isSetUp: settings.unitId !== null,
        installation: installation
          ? { id: installation.id, name: installation.name, kind: installation.kind }
          : null,
        session: call.operator ? (call.isLocked ? 'locked' : 'active') : 'none',
        me: call.operator ? await auth.me(call.operator) : null,
        idleLockMinutes: settings.idleLockMinutes,
        demoAccounts,
        demoPassword: demoAccounts.length > 0 ? DEMO_PASSWORD : null,
      };
    },
    'auth/login': (input, call) => auth.login(input, call),
    'auth/logout': (_input, call) => auth.logout(call),
    'auth/lock': (_input, call) => {
      call.session.lock();
      return { isLocked: true as const };
    },
    'auth/unlock': (input, call) => auth.unlock(input.password, call),
    'auth/changePassword': (input, call) => auth.changePassword(input, call),
    'setup/units': async () => ({ nodes: await setup.units() }),
    'setup/complete': (input, call) => setup.complete(input, call),
    'setup/demo': (input, call) => setup.demo(input.teachers, call),
    'operators/list': async (_input, call) => ({ rows: await operators.list(call) }),
    'operators/roles': async () => ({ roles: await operators.roles() }),
    'operators/create': (input, call) => operators.create(input, call),
    'operators/update': (input, call) => operators.update(input, call),
    'operators/resetPassword': (input, call) => operators.resetPassword(input, call),
    'operators/unlock': (input, call) => operators.unlock(input.id, call),
    'tokens/list': async (_input, call) => ({ rows: await operators.tokens(call) }),
    'tokens/create': (input, call) => operators.createToken(input, call),
    'tokens/revoke': (input, call) => operators.revokeToken(input.id, call),
    'settings/get': async () => ({ idleLockMinutes: (await auth.settings()).idleLockMinutes }),
    'settings/update': async (input, call) => {
      const tx = writeTx(call);
      const before = (await auth.settings(tx)).idleLockMinutes;
      await setMeta(tx, META.idleLockMinutes, String(input.idleLockMinutes));
      call.audit?.({
        summary: `闲置自动锁定时间：${before} 分钟 → ${input.idleLockMinutes} 分钟`,
        details: { idleLockMinutes: input.idleLockMinutes },
      });
      return { idleLockMinutes: input.idleLockMinutes };
    },
  };
}
