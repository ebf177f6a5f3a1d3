/**
 * Where files the core writes for the user go when no path was chosen (bridge mode), and where
 * uploads land. Names are made safe for Windows and unique so nothing is overwritten.
 */
import fs from 'node:fs';
import path from 'node:path';

export function safeFileName(name: string): string {
  const cleaned = [...name]
    .map((ch) => (ch.charCodeAt(0) < 32 || '\\/:*?"<>|'.includes(ch) ? '_' : ch))
    .join('')
    .replace(/^\.+/, '')
    .trim();
  return cleaned.slice(0, 120) || 'file';
}

/**
 * `<dataDir>/<sub>/<yyyyMMdd-HHmmss>-<name>`, created on demand. The stamp is the machine's local
 * time, the time the user sees on the clock: cutting it out of the UTC ISO string named a 00:47
 * Beijing-time export after 16:47 of the day before.
 */
export function timestampedPath(
  dataDir: string,
  sub: 'exports' | 'uploads',
  name: string,
  nowIso: string,
): string {
  const dir = path.join(dataDir, sub);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stamp = localStamp(nowIso);
  let candidate = path.join(dir, `${stamp}-${safeFileName(name)}`);
  for (let i = 2; fs.existsSync(candidate); i += 1) {
    const ext = path.extname(name);
    candidate = path.join(dir, `${stamp}-${safeFileName(path.basename(name, ext))}-${i}${ext}`);
  }
  return candidate;
}

/** `yyyyMMdd-HHmmss` of an ISO instant, in the local time zone. */
export function localStamp(nowIso: string): string {
  const at = new Date(nowIso);
  const pad = (n: number): string => String(n).padStart(2, '0');
  return (
    `${at.getFullYear()}${pad(at.getMonth() + 1)}${pad(at.getDate())}-` +
    `${pad(at.getHours())}${pad(at.getMinutes())}${pad(at.getSeconds())}`
  );
}

/** Writes to `target` through a temporary file, so a failed export never leaves half a file. */
export async function writeAtomically(
  target: string,
  write: (tmpPath: string) => Promise<void>,
): Promise<void> {
  const tmp = `${target}.partial-${process.pid}`;
  try {
    await write(tmp);
    fs.renameSync(tmp, target);
  } catch (error) {
    fs.rmSync(tmp, { force: true });
    throw error;
  }
}
