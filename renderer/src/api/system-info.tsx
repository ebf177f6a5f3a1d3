/**
 * `system/info` loaded once and shared: every view needs to know whether the host has native file
 * dialogs, and the status bar and empty states need the teacher count. Refreshed on data changes.
 */
import { createContext, useContext, type ReactNode } from 'react';
import { type MethodOutput } from '@shared/api/contract';
import { type ApiError } from './api-error';
import { useApiQuery } from './use-api-query';

export type SystemInfo = MethodOutput<'system/info'>;

interface SystemInfoState {
  info: SystemInfo | undefined;
  error: ApiError | null;
  reload: () => void;
}

const SystemInfoContext = createContext<SystemInfoState>({
  info: undefined,
  error: null,
  reload: () => undefined,
});

export function SystemInfoProvider({ children }: { children: ReactNode }) {
  const { data, error, reload } = useApiQuery('system/info', {}, { refreshOn: ['roster', 'org'] });
  return (
    <SystemInfoContext.Provider value={{ info: data, error, reload }}>
      {children}
    </SystemInfoContext.Provider>
  );
}

export function useSystemInfo(): SystemInfoState {
  return useContext(SystemInfoContext);
}
