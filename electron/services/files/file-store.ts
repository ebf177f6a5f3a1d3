/** Writing files the user keeps: through a temporary file, so a failed export never leaves half a file. */
import fs from 'node:fs';

/** Writes to `target` through a temporary file beside it, renamed into place once complete. */
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
