/**
 * What the core needs from its host (Electron window or HTTP bridge) for OS things: file dialogs
 * and handing files to the user. Electron shows real dialogs; the bridge works with paths given by
 * the caller (uploads) and one-time download URLs.
 */
export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface HostPort {
  readonly hasNativeDialogs: boolean;
  pickOpenFile(title: string, filters: FileFilter[]): Promise<string | null>;
  pickSaveFile(title: string, defaultName: string, filters: FileFilter[]): Promise<string | null>;
  /** A URL the UI can download `path` from, or null when the file is already where the user chose. */
  downloadUrlFor(path: string): string | null;
}

/** The host used by the CLI and tests: no dialogs, no download URLs. */
export const headlessHost: HostPort = {
  hasNativeDialogs: false,
  pickOpenFile: () => Promise.resolve(null),
  pickSaveFile: () => Promise.resolve(null),
  downloadUrlFor: () => null,
};
