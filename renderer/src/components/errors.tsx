/**
 * How errors from the core reach people: a Chinese title for the stable code over the core's own
 * (Chinese) message, plus field-level details for invalid input. Used as a notification after an
 * action, or inline where a view could not load.
 */
import { useCallback } from 'react';
import { Alert, App, Button } from 'antd';
import { isCancelled, toApiError, type ApiError } from '../api/api-error';
import { ERROR_TITLES } from '../api/api.strings';
import { isSessionProblem } from '../api/client';
import { ERROR_TEXT } from './components.strings';

export function errorTitle(error: ApiError): string {
  return ERROR_TITLES[error.code];
}

/** Zod issues (INVALID_INPUT) as short lines; anything else is not shown to people. */
function detailLines(error: ApiError): string[] {
  if (!Array.isArray(error.details)) return [];
  const lines: string[] = [];
  for (const issue of error.details.slice(0, 5)) {
    if (typeof issue !== 'object' || issue === null) continue;
    const record = issue as { message?: unknown; path?: unknown };
    if (typeof record.message !== 'string') continue;
    const path = Array.isArray(record.path) ? record.path.join('.') : '';
    lines.push(path ? `${ERROR_TEXT.fieldPath(path)}：${record.message}` : record.message);
  }
  return lines;
}

function ErrorDescription({ error }: { error: ApiError }) {
  const lines = detailLines(error);
  return (
    <div data-testid="error-message">
      <div>{error.message}</div>
      {lines.length > 0 && (
        <ul style={{ margin: '6px 0 0', paddingInlineStart: 18 }}>
          {lines.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

/**
 * The error notices still open per scope (e.g. one import wizard), so a step that makes them stale
 * can take them away: a red "not an .xlsx file" about the previous file must not stay over the
 * preview of the next one. Keys of notices that closed by themselves are harmless to destroy.
 */
const openNotices = new Map<string, Set<string>>();

/**
 * Returns a function that shows any thrown value as an error notification. CANCELLED is quiet, and
 * session problems show none: the auth gate replaces the window with the way back in (the access
 * help, the login, the lock or the change of password). With a `scope`, useClearErrorNotices(scope)
 * can close the notices later.
 */
export function useErrorNotice(scope?: string): (error: unknown) => void {
  const { notification, message } = App.useApp();
  return useCallback(
    (caught: unknown) => {
      const error = toApiError(caught);
      if (isCancelled(error)) {
        void message.info(error.message);
        return;
      }
      if (isSessionProblem(error)) return;
      const key = `${scope ?? ''}:${error.code}:${error.message}`;
      if (scope) openNotices.set(scope, (openNotices.get(scope) ?? new Set()).add(key));
      notification.error({
        key,
        title: errorTitle(error),
        description: <ErrorDescription error={error} />,
        duration: 8,
        placement: 'topRight',
      });
    },
    [notification, message, scope],
  );
}

/** Returns a function that closes the error notices shown so far under `scope`. */
export function useClearErrorNotices(scope: string): () => void {
  const { notification } = App.useApp();
  return useCallback(() => {
    const keys = openNotices.get(scope);
    if (!keys) return;
    for (const key of keys) notification.destroy(key);
    openNotices.delete(scope);
  }, [notification, scope]);
}

interface ErrorAlertProps {
  error: unknown;
  onRetry?: () => void;
  testId?: string;
}

export function ErrorAlert({ error, onRetry, testId = 'error-alert' }: ErrorAlertProps) {
  const apiError = toApiError(error);
  return (
    <Alert
      type={isCancelled(apiError) ? 'info' : 'error'}
      showIcon
      title={errorTitle(apiError)}
      description={<ErrorDescription error={apiError} />}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            {ERROR_TEXT.retry}
          </Button>
        ) : undefined
      }
      data-testid={testId}
      data-error-code={apiError.code}
    />
  );
}
