/**
 * The benchmarks act as operators, the way the app's users do: the demo workspace is created by
 * the first-run setup, and calls go through a logged-in session of a demo account.
 */
import { type AppCore } from '../../electron/core/app-core';
import { DEMO_PASSWORD } from '../../electron/services/auth/setup.service';

/** A call as one session; throws on an error envelope. */
export type SessionCall = <T>(method: string, input: unknown) => Promise<T>;

export function sessionCaller(core: AppCore, session: { token: string | null }): SessionCall {
  return async <T>(method: string, input: unknown): Promise<T> => {
    const result = await core.dispatch(method, input, {
      session: session.token,
      onSession: (next) => {
        session.token = next;
      },
    });
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.data as T;
  };
}

/** Creates the demo workspace on a fresh database (first-run setup). */
export async function createDemoWorkspace(
  core: AppCore,
  teachers: number,
  jobId: string,
): Promise<void> {
  await sessionCaller(core, { token: null })('setup/demo', { jobId, teachers });
}

/** Logs in as a demo account (default: the city's project office) and returns its caller. */
export async function demoLogin(core: AppCore, userName = 'city'): Promise<SessionCall> {
  const session = { token: null as string | null };
  const call = sessionCaller(core, session);
  await call('auth/login', { userName, password: DEMO_PASSWORD });
  return call;
}
