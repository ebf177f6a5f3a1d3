/**
 * A long job as React state: progress from `job/progress`, a cancel that reaches the core, and
 * cancellation when the view that started the job goes away (closing a wizard stops its import).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { type MethodOutput } from '@shared/api/contract';
import { type JobProgressEvent } from '@shared/api/events';
import { startJob, type JobHandle, type JobInput, type JobMethodName } from './client';

export interface JobState<M extends JobMethodName> {
  /** Starts the job; resolves with its output, rejects with an ApiError (CANCELLED when cancelled). */
  run: (input: JobInput<M>) => Promise<MethodOutput<M>>;
  cancel: () => void;
  progress: JobProgressEvent | null;
  isRunning: boolean;
  isCancelling: boolean;
}

export function useJob<M extends JobMethodName>(method: M): JobState<M> {
  const [progress, setProgress] = useState<JobProgressEvent | null>(null);
  const [isRunning, setRunning] = useState(false);
  const [isCancelling, setCancelling] = useState(false);
  const handleRef = useRef<JobHandle<MethodOutput<M>> | null>(null);

  const run = useCallback(
    async (input: JobInput<M>): Promise<MethodOutput<M>> => {
      setProgress(null);
      setRunning(true);
      setCancelling(false);
      const handle = startJob(method, input, setProgress);
      handleRef.current = handle;
      try {
        return await handle.result;
      } finally {
        if (handleRef.current === handle) {
          handleRef.current = null;
          setRunning(false);
          setCancelling(false);
        }
      }
    },
    [method],
  );

  const cancel = useCallback(() => {
    const handle = handleRef.current;
    if (!handle) return;
    setCancelling(true);
    // The job's own promise reports the outcome; a failed cancel request changes nothing.
    handle.cancel().catch(() => setCancelling(false));
  }, []);

  useEffect(
    () => () => {
      handleRef.current?.cancel().catch(() => undefined);
    },
    [],
  );

  return { run, cancel, progress, isRunning, isCancelling };
}
