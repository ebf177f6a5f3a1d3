/**
 * The import wizards' step machine as a pure reducer, so what a cancel, a failed check or a failed
 * commit does to the wizard is written once and tested without a browser. Side effects (jobs,
 * notices, refreshing the caller) stay in `useImportWizard`.
 */
import { isCancelled, toApiError, type ApiError } from '../../api/api-error';

export type ImportStep = 'file' | 'preview' | 'commit' | 'done';

export const IMPORT_STEP_INDEX: Record<ImportStep, number> = {
  file: 0,
  preview: 1,
  commit: 2,
  done: 3,
};

export interface ImportWizardState<TPreview, TResult> {
  step: ImportStep;
  preview: TPreview | null;
  previewError: ApiError | null;
  result: TResult | null;
}

export type ImportWizardEvent<TPreview, TResult> =
  | { type: 'previewStarted' }
  | { type: 'previewChecked'; preview: TPreview }
  | { type: 'previewFailed'; error: unknown }
  | { type: 'reselected' }
  | { type: 'commitStarted' }
  | { type: 'committed'; result: TResult }
  | { type: 'commitFailed' };

export function initialImportWizardState<TPreview, TResult>(): ImportWizardState<
  TPreview,
  TResult
> {
  return { step: 'file', preview: null, previewError: null, result: null };
}

export function importWizardReducer<TPreview, TResult>(
  state: ImportWizardState<TPreview, TResult>,
  event: ImportWizardEvent<TPreview, TResult>,
): ImportWizardState<TPreview, TResult> {
  switch (event.type) {
    case 'previewStarted':
      // A new file forgets the last check, whatever its outcome.
      return { ...state, step: 'preview', preview: null, previewError: null };
    case 'previewChecked':
      return { ...state, preview: event.preview };
    case 'previewFailed':
      // A cancelled check is the user's choice, not an error: back to picking a file.
      return isCancelled(event.error)
        ? { ...state, step: 'file' }
        : { ...state, previewError: toApiError(event.error) };
    case 'reselected':
      return { ...state, step: 'file' };
    case 'commitStarted':
      return { ...state, step: 'commit' };
    case 'committed':
      return { ...state, step: 'done', result: event.result };
    case 'commitFailed':
      // The commit is one transaction: nothing was written, so the same preview can be committed again.
      return { ...state, step: 'preview' };
  }
}
