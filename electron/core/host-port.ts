/**
 * What the core needs from its host (Electron window or HTTP bridge) for OS things: file dialogs
 * and handing files to the user. Electron shows real dialogs; the bridge takes uploads and hands
 * files out through one-time download URLs. Either way the UI only ever holds file handles.
 */
import { type FileRef } from './file-handles';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface HostPort {
  readonly hasNativeDialogs: boolean;
  pickOpenFile(title: string, filters: FileFilter[]): Promise<string | null>;
  pickSaveFile(title: string, defaultName: string, filters: FileFilter[]): Promise<string | null>;
  /**
   * A URL the UI can download a file the app keeps for it from (once), or null where files are
   * saved where the user chose (Electron).
   */
  downloadUrlFor(file: FileRef): string | null;
}

/** The host used by the CLI and tests: no dialogs, no download URLs. */
export const headlessHost: HostPort = {
  hasNativeDialogs: false,
  pickOpenFile: () => Promise.resolve(null),
  pickSaveFile: () => Promise.resolve(null),
  downloadUrlFor: () => null,
};
