/**
 * The file check's byte scan of a sheet (rows, rightmost column, merged ranges) against what was
 * written, for any namespace prefix and any chunking (fuzz): sizes are judged by what is there.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SheetShapeCounter } from '../../../electron/services/roster/file-sniff';

function letters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    out = String.fromCharCode(65 + ((n - 1) % 26)) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

function chunked(bytes: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let at = 0;
  for (let i = 0; at < bytes.length; i += 1) {
    const size = sizes[i % sizes.length] ?? 1;
    out.push(bytes.subarray(at, at + size));
    at += size;
  }
  return out;
}

describe('SheetShapeCounter', () => {
  it('counts rows, the rightmost column and merges whatever the prefix and chunking (fuzz)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: 1, max: 400 }), { maxLength: 6 }), { maxLength: 40 }),
        fc.constantFrom('', 'x:', 'v:', 'main:'),
        fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 5 }),
        fc.integer({ min: 0, max: 3 }),
        (rows, prefix, sizes, mergeCount) => {
          const body = rows
            .map((columns, r) => {
              const cells = columns
                .map(
                  (c) =>
                    `<${prefix}c r="${letters(c)}${r + 1}" s="1"><${prefix}v>1</${prefix}v></${prefix}c>`,
                )
                .join('');
              return cells === ''
                ? `<${prefix}row r="${r + 1}"/>`
                : `<${prefix}row r="${r + 1}">${cells}</${prefix}row>`;
            })
            .join('');
          const merges = Array.from(
            { length: mergeCount },
            (_, i) => `<${prefix}mergeCell ref="A${i + 1}:C${i + 2}"/>`,
          ).join('');
          const xml = `<${prefix}worksheet><${prefix}sheetData>${body}</${prefix}sheetData><${prefix}mergeCells>${merges}</${prefix}mergeCells></${prefix}worksheet>`;
          const counter = new SheetShapeCounter();
          for (const piece of chunked(Buffer.from(xml), sizes)) counter.push(piece);
          counter.end();
          expect(counter.rows).toBe(rows.length);
          expect(counter.maxColumn).toBe(Math.max(0, ...rows.flat()));
          expect(counter.merges).toHaveLength(mergeCount);
        },
      ),
      { seed: 4242, numRuns: 300 },
    );
  });
});
