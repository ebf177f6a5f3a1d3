/**
 * A fresh clone has only this repository: every relative link of the README and docs/ must point
 * at a file in it, and nothing may send the reader to the workspace's ../shared folder.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const DOCS = ['README.md', ...fs.readdirSync(path.join(ROOT, 'docs')).map((f) => `docs/${f}`)];

describe('README and docs are self-contained', () => {
  it.each(DOCS)('%s: every relative link resolves inside the repository', (doc) => {
    const text = fs.readFileSync(path.join(ROOT, doc), 'utf8');
    const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((match) => match[1] ?? '')
      .filter((target) => !/^[a-z]+:/i.test(target) && !target.startsWith('#'));
    for (const target of targets) {
      const file = path.resolve(path.dirname(path.join(ROOT, doc)), target.split('#')[0] ?? '');
      expect(file.startsWith(ROOT + path.sep), `${doc} → ${target}`).toBe(true);
      expect(fs.existsSync(file), `${doc} → ${target}`).toBe(true);
    }
  });

  it('no tracked file refers to ../shared', () => {
    const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter((file) => file && file !== 'tests/unit/docs/self-contained.test.ts');
    const offenders = files.filter((file) => {
      const full = path.join(ROOT, file);
      return fs.existsSync(full) && fs.readFileSync(full, 'utf8').includes('../shared/');
    });
    expect(offenders).toEqual([]);
  });

  it('the domain rules document keeps R1–R5', () => {
    const text = fs.readFileSync(path.join(ROOT, 'docs', 'domain-rules.md'), 'utf8');
    for (const rule of ['R1', 'R2', 'R3', 'R4', 'R5']) expect(text).toContain(`## ${rule} `);
  });
});
