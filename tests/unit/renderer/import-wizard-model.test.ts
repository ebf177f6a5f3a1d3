// The import wizards' step machine: what each outcome of the check and the commit does to the wizard.
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../renderer/src/api/api-error';
import {
  importWizardReducer,
  initialImportWizardState,
  type ImportWizardEvent,
  type ImportWizardState,
} from '../../../renderer/src/components/import-wizard/import-wizard-model';

interface Preview {
  importId: string;
}
interface Result {
  inserted: number;
}
type State = ImportWizardState<Preview, Result>;
type Event = ImportWizardEvent<Preview, Result>;

const PREVIEW: Preview = { importId: 'imp-1' };
const RESULT: Result = { inserted: 12 };
const BAD_FILE = new ApiError('BAD_FILE', '文件不是有效的 Excel 工作簿');
const CANCELLED = new ApiError('CANCELLED', '已取消，未做任何更改');

const reduce = (state: State, ...events: Event[]): State =>
  events.reduce<State>(importWizardReducer, state);

const start = initialImportWizardState<Preview, Result>();
const checking: State = { ...start, step: 'preview' };
const checked: State = { ...checking, preview: PREVIEW };
const failedCheck: State = { ...checking, previewError: BAD_FILE };
const committing: State = { ...checked, step: 'commit' };

describe('importWizardReducer', () => {
  it('starts at the file step with nothing checked', () => {
    expect(start).toEqual({ step: 'file', preview: null, previewError: null, result: null });
  });

  it.each<[string, State, Event, State]>([
    ['a picked file starts the check', start, { type: 'previewStarted' }, checking],
    [
      'a new file forgets the last preview',
      checked,
      { type: 'previewStarted' },
      { ...checked, preview: null },
    ],
    [
      'a new file forgets the last check error',
      failedCheck,
      { type: 'previewStarted' },
      { ...failedCheck, previewError: null },
    ],
    [
      'a finished check shows its preview',
      checking,
      { type: 'previewChecked', preview: PREVIEW },
      checked,
    ],
    [
      'a cancelled check goes back to the file step without an error',
      checking,
      { type: 'previewFailed', error: CANCELLED },
      { ...checking, step: 'file' },
    ],
    [
      'a failed check stays on the preview step with the error',
      checking,
      { type: 'previewFailed', error: BAD_FILE },
      failedCheck,
    ],
    [
      'a thrown non-ApiError is shown as INTERNAL',
      checking,
      { type: 'previewFailed', error: new TypeError('x is undefined') },
      { ...checking, previewError: new ApiError('INTERNAL', 'x is undefined') },
    ],
    [
      '重新选择文件 goes back to the file step',
      checked,
      { type: 'reselected' },
      { ...checked, step: 'file' },
    ],
    ['确认导入 starts the commit', checked, { type: 'commitStarted' }, committing],
    [
      'a finished commit shows its result',
      committing,
      { type: 'committed', result: RESULT },
      { ...committing, step: 'done', result: RESULT },
    ],
    [
      'a failed or cancelled commit returns to the same preview',
      committing,
      { type: 'commitFailed' },
      checked,
    ],
  ])('%s', (_name, state, event, expected) => {
    const next = importWizardReducer(state, event);
    expect(next).toEqual(expected);
    if (expected.previewError) {
      expect(next.previewError).toBeInstanceOf(ApiError);
      expect(next.previewError?.code).toBe(expected.previewError.code);
    }
  });

  it('keeps the ApiError it was given rather than wrapping it', () => {
    expect(
      importWizardReducer(checking, { type: 'previewFailed', error: BAD_FILE }).previewError,
    ).toBe(BAD_FILE);
  });

  it('allows a second commit after a failed one', () => {
    const state = reduce(
      start,
      { type: 'previewStarted' },
      { type: 'previewChecked', preview: PREVIEW },
      { type: 'commitStarted' },
      { type: 'commitFailed' },
      { type: 'commitStarted' },
      { type: 'committed', result: RESULT },
    );
    expect(state).toEqual({ step: 'done', preview: PREVIEW, previewError: null, result: RESULT });
  });

  it('checks a second file from scratch after a cancelled first one', () => {
    const state = reduce(
      start,
      { type: 'previewStarted' },
      { type: 'previewFailed', error: CANCELLED },
      { type: 'previewStarted' },
      { type: 'previewFailed', error: BAD_FILE },
    );
    expect(state).toEqual(failedCheck);
  });

  it('does not change the state it is given', () => {
    const frozen = Object.freeze({ ...checked });
    expect(() => importWizardReducer(frozen, { type: 'commitStarted' })).not.toThrow();
    expect(frozen).toEqual(checked);
  });
});
