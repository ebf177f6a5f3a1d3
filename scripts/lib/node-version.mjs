// The Node version check that runs first in `npm start`, `serve`, `cli`, `bench` and the test
// scripts. Older Node does not fail cleanly on its own: Node 20 loads the database driver's N-API
// binary and then crashes in it (a segfault, no message), which looked like a silent exit. The
// minimum is read from package.json "engines", so the check and the declared requirement agree.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The minimum version declared in package.json "engines.node" (">=22.12.0" → [22, 12, 0]). */
export function requiredNodeVersion() {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const match = /^>=\s*(\d+)\.(\d+)\.(\d+)$/.exec(String(pkg.engines?.node ?? '').trim());
  if (!match) throw new Error(`package.json engines.node must read ">=X.Y.Z"`);
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

/**
 * The one line (Chinese, then English) to print when `version` is too old, or null when it is fine.
 * @param {string} version e.g. process.versions.node, "20.19.0"
 * @param {number[]} required [major, minor, patch]
 */
export function nodeVersionProblem(version, required = requiredNodeVersion()) {
  const actual = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let i = 0; i < 3; i += 1) {
    const a = actual[i] ?? 0;
    const r = required[i] ?? 0;
    if (a > r) return null;
    if (a < r) {
      const want = required.join('.');
      return (
        `师训通需要 Node.js ${want} 或更高版本（当前为 ${version}），请安装 Node.js ${required[0]} LTS 后重试` +
        ` / TrainDesk needs Node.js >= ${want} (this is ${version}): install Node.js ${required[0]} LTS and retry`
      );
    }
  }
  return null;
}

/** Exits the process with status 1 and the one-line message when this Node is too old. */
export function exitIfNodeTooOld() {
  const problem = nodeVersionProblem(process.versions.node);
  if (problem) {
    process.stderr.write(`${problem}\n`);
    process.exit(1);
  }
}
