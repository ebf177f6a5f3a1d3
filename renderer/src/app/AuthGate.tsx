/**
 * The gate around the shell. It asks the core for the session (`auth/state`, public) and shows the
 * screen that fits: the first-run setup, the login, the forced change of password, the lock, or
 * the app. Any call refused for a session reason (logged out elsewhere, locked by the core, …)
 * makes it ask again, so every page simply fails quietly and the gate puts up the right screen.
 * The address (`#/roster`…) is kept, so after logging in again the operator is back on their page.
 */
import { useCallback, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Button, Result, Spin } from 'antd';
import { type AuthState, type Me } from '@shared/api/auth.contract';
import { toApiError, type ApiError } from '../api/api-error';
import { call, onSessionProblem, refreshAllViews, resetEvents } from '../api/client';
import { callOrTakeEarly, dropEarlyCalls } from '../api/early-calls';
import { SessionProvider, type Session } from '../api/session';
import { SystemInfoProvider } from '../api/system-info';
import { useDataChanged } from '../api/use-api-query';
import { ChangePasswordScreen } from '../features/auth/ChangePasswordScreen';
import { LockScreen } from '../features/auth/LockScreen';
import { LoginPage } from '../features/auth/LoginPage';
import { SetupWizard } from '../features/auth/SetupWizard';
import { AccessHelp } from './AccessHelp';
import { AppHeader } from './AppHeader';
import { APP_TEXT } from './app.strings';
import { AppShell } from './AppShell';
import { gateView, nextShellOwner } from './gate-model';
import { useIdleLock } from './use-idle-lock';

type Gate =
  | { kind: 'loading' }
  | { kind: 'failed'; error: ApiError }
  | { kind: 'ready'; auth: AuthState; shellOwner: string | null };

let refreshSeq = 0;

export function AuthGate() {
  const [gate, setGate] = useState<Gate>({ kind: 'loading' });
  const [notice, setNotice] = useState<string | null>(null);
  /**
   * The formal setup logs the administrator in before its last step («设置完成») is read: the
   * wizard stays until they leave that step, whatever the session says meanwhile.
   */
  const [isFinishingSetup, setFinishingSetup] = useState(false);

  const refresh = useCallback((): Promise<void> => {
    refreshSeq += 1;
    const seq = refreshSeq;
    // The first check's answer was asked for before React rendered (main.tsx).
    return callOrTakeEarly('auth/state', {}).then(
      (auth) => {
        if (seq !== refreshSeq) return;
        setGate((previous) => ({
          kind: 'ready',
          auth,
          shellOwner: nextShellOwner(previous.kind === 'ready' ? previous.shellOwner : null, auth),
        }));
      },
      (caught: unknown) => {
        if (seq !== refreshSeq) return;
        const error = toApiError(caught);
        // A blip of the connection does not throw the operator out: the status bar shows it.
        // Only a first answer that never came, or the wire's refusal, replaces the window.
        setGate((previous) =>
          previous.kind === 'ready' && error.code !== 'UNAUTHORIZED'
            ? previous
            : { kind: 'failed', error },
        );
      },
    );
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onSessionProblem((error) => {
        if (error.code === 'UNAUTHENTICATED') setNotice(error.message);
        void refresh();
      }),
    [refresh],
  );

  // Own roles, rights or the idle time changed (by an administrator, maybe oneself).
  const refreshNow = useCallback(() => void refresh(), [refresh]);
  useDataChanged(['operators', 'settings'], refreshNow);

  const auth = gate.kind === 'ready' ? gate.auth : null;
  const view = auth ? gateView(auth) : null;

  const lockNow = useCallback((): void => {
    // The lock screen at once; the core is told and asked for the truth afterwards.
    setGate((previous) =>
      previous.kind === 'ready' && previous.auth.session === 'active'
        ? { ...previous, auth: { ...previous.auth, session: 'locked' } }
        : previous,
    );
    call('auth/lock', {})
      .catch(() => undefined)
      .finally(() => void refresh());
  }, [refresh]);

  useIdleLock({
    minutes: auth?.idleLockMinutes ?? 30,
    isEnabled: view === 'app' && !isFinishingSetup,
    onIdle: lockNow,
    onHeartbeat: refreshNow,
  });

  const logout = useCallback(async (): Promise<void> => {
    try {
      await call('auth/logout', {});
    } finally {
      dropEarlyCalls();
      resetEvents();
      setNotice(null);
      await refresh();
    }
  }, [refresh]);

  const onLoggedIn = useCallback(
    (_me: Me): void => {
      // Answers asked for at start belong to the session of then, not to whoever logged in.
      dropEarlyCalls();
      resetEvents();
      setNotice(null);
      void refresh();
    },
    [refresh],
  );

  const onUnlocked = useCallback(
    (_me: Me): void => {
      dropEarlyCalls();
      resetEvents();
      void refresh().then(refreshAllViews);
    },
    [refresh],
  );

  const me = auth?.me ?? null;
  const session = useMemo<Session | null>(
    () =>
      auth && me
        ? {
            me,
            installation: auth.installation,
            idleLockMinutes: auth.idleLockMinutes,
            logout,
            refresh: refreshNow,
          }
        : null,
    [auth, me, logout, refreshNow],
  );

  if (gate.kind === 'loading') {
    return (
      <AuthFrame>
        <Spin description={APP_TEXT.session.checking} data-testid="gate-loading" />
      </AuthFrame>
    );
  }
  if (gate.kind === 'failed') {
    if (gate.error.code === 'UNAUTHORIZED') {
      return (
        <div className="app-shell" data-testid="app-shell" data-ready="false">
          <AppHeader />
          <main className="app-content access-help-page">
            <AccessHelp reason={gate.error.message} />
          </main>
        </div>
      );
    }
    return (
      <AuthFrame>
        <Result
          className="auth-card"
          status="warning"
          title={APP_TEXT.session.failedTitle}
          subTitle={gate.error.message}
          extra={
            <Button type="primary" onClick={() => void refresh()}>
              {APP_TEXT.session.retry}
            </Button>
          }
          data-testid="gate-failed"
        />
      </AuthFrame>
    );
  }

  const { auth: state, shellOwner } = gate;
  switch (isFinishingSetup ? 'setup' : gateView(state)) {
    case 'setup':
      return (
        <AuthFrame>
          <SetupWizard
            onCompleting={(isCompleting) => {
              setFinishingSetup(isCompleting);
              // A refusal may mean another tab set the installation up meanwhile.
              if (!isCompleting) refreshNow();
            }}
            onDone={() => {
              setFinishingSetup(false);
              refreshNow();
            }}
          />
        </AuthFrame>
      );
    case 'login':
      return (
        <AuthFrame>
          <LoginPage state={state} notice={notice} onLoggedIn={onLoggedIn} />
        </AuthFrame>
      );
    case 'changePassword':
      return (
        <AuthFrame>
          {state.me && (
            <ChangePasswordScreen
              me={state.me}
              onChanged={refreshNow}
              onLogout={() => void logout()}
            />
          )}
        </AuthFrame>
      );
    case 'locked':
    case 'app': {
      const isLocked = state.session === 'locked';
      return (
        <>
          {session && shellOwner === session.me.id && (
            <div className="shell-host" hidden={isLocked} inert={isLocked}>
              <SessionProvider value={session}>
                <SystemInfoProvider>
                  <AppShell />
                </SystemInfoProvider>
              </SessionProvider>
            </div>
          )}
          {isLocked && (
            <AuthFrame isOverlay>
              <LockScreen
                me={state.me}
                idleLockMinutes={state.idleLockMinutes}
                onUnlocked={onUnlocked}
                onLogout={() => void logout()}
              />
            </AuthFrame>
          )}
        </>
      );
    }
  }
}

/** The frame of the screens before the app: the title bar and a calm stage in the middle. */
function AuthFrame({ children, isOverlay = false }: { children: ReactNode; isOverlay?: boolean }) {
  return (
    <div className={isOverlay ? 'auth-frame auth-frame-overlay' : 'auth-frame'}>
      <AppHeader />
      <main className="auth-stage">{children}</main>
      <footer className="auth-footer">
        {APP_TEXT.name} · {APP_TEXT.tagline}
      </footer>
    </div>
  );
}
