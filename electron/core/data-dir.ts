/** Where TrainDesk keeps its data when no --data-dir is given: the same folder Electron's userData uses. */
import os from 'node:os';
import path from 'node:path';

export const APP_DIR_NAME = 'TrainDesk';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): string {
  if (platform === 'win32')
    return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin')
    return path.join(os.homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_DIR_NAME);
}

/** The OS user, recorded as the actor of audited writes made from this machine. */
export function osActor(): string {
  try {
    return os.userInfo().username || 'local';
  } catch {
    return 'local';
  }
}
