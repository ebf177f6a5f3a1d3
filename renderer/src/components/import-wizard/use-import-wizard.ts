/**
 * The state every import wizard walks through (file → preview → commit → done), kept in one place so
 * the roster and the org list cancel, fail and recover the same way: a cancelled check goes back to
 * the file step with a quiet notice, a failed check stays on the preview with the error inline, and a
 * failed commit returns to the preview with a notification. The transitions are the pure reducer in
 * `import-wizard-model.ts`; this hook adds the jobs and the notices. Error notices belong to the
 * step that raised them: a new file, a commit, going back or closing the wizard takes them away.
 */
import { useEffect, useReducer } from 'react';
import { type JobProgressEvent } from '@shared/api/events';
import { isCancelled } from '../../api/api-error';
import { type PickedFile } from '../../api/files';
import { useClearErrorNotices, useErrorNotice } from '../errors';
import {
  importWizardReducer,
  initialImportWizardState,
  type ImportWizardState,
} from './import-wizard-model';

/**
 * The part of `useJob` a wizard needs. Structural, so both features' typed jobs fit without the
 * wizard knowing their method names.
 */
/** The notice scope of the wizard's own notices and of its file picker's. */
export const IMPORT_NOTICE_SCOPE = 'import-wizard';

export interface ImportJob<TInput, TOutput> {
  run: (input: TInput) => Promise<TOutput>;
  cancel: () => void;
  progress: JobProgressEvent | null;
  isRunning: boolean;
  isCancelling: boolean;
}

export interface ImportWizardOptions<TPreview, TCommitInput, TResult> {
  /** Checks a picked file; its input is the file itself (`{ path, fileName }`). */
  previewJob: ImportJob<{ file: string }, TPreview>;
  commitJob: ImportJob<TCommitInput, TResult>;
  onImported: () => void;
  /** Clears the caller's choices that belong to one preview (confirmations, options) on a new file. */
  onPreviewStart?: () => void;
}

export interface ImportWizard<TPreview, TCommitInput, TResult> extends ImportWizardState<
  TPreview,
  TResult
> {
  previewJob: ImportJob<{ file: string }, TPreview>;
  commitJob: ImportJob<TCommitInput, TResult>;
  startPreview: (file: PickedFile) => Promise<void>;
  /** Commits the previewed import; the input is built from the preview in hand at that moment. */
  commit: (toInput: (preview: TPreview) => TCommitInput) => Promise<void>;
  /** Back to the file step (重新选择文件). */
  reselect: () => void;
}

export function useImportWizard<TPreview, TCommitInput, TResult>({
  previewJob,
  commitJob,
  onImported,
  onPreviewStart,
}: ImportWizardOptions<TPreview, TCommitInput, TResult>): ImportWizard<
  TPreview,
  TCommitInput,
  TResult
> {
  const showError = useErrorNotice(IMPORT_NOTICE_SCOPE);
  const clearNotices = useClearErrorNotices(IMPORT_NOTICE_SCOPE);
  // Closing the wizard (unmounting it) leaves no notice about its files behind.
  useEffect(() => clearNotices, [clearNotices]);
  const [state, dispatch] = useReducer(
    importWizardReducer<TPreview, TResult>,
    undefined,
    initialImportWizardState<TPreview, TResult>,
  );

  const startPreview = async (file: PickedFile): Promise<void> => {
    clearNotices();
    dispatch({ type: 'previewStarted' });
    onPreviewStart?.();
    try {
      const preview = await previewJob.run({ file: file.handle });
      dispatch({ type: 'previewChecked', preview });
    } catch (error) {
      dispatch({ type: 'previewFailed', error });
      // The notice says that nothing was changed; other failures are shown inline by the wizard.
      if (isCancelled(error)) showError(error);
    }
  };

  const commit = async (toInput: (preview: TPreview) => TCommitInput): Promise<void> => {
    const { preview } = state;
    if (preview === null) return;
    clearNotices();
    dispatch({ type: 'commitStarted' });
    try {
      const result = await commitJob.run(toInput(preview));
      dispatch({ type: 'committed', result });
      onImported();
    } catch (error) {
      showError(error);
      dispatch({ type: 'commitFailed' });
    }
  };

  return {
    ...state,
    previewJob,
    commitJob,
    startPreview,
    commit,
    reselect: () => {
      clearNotices();
      dispatch({ type: 'reselected' });
    },
  };
}
