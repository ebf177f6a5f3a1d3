/**
 * Paths into a rule set's JSON, in the engine's notation (`parts[0].scoring.passMark`), so the form
 * can read and write one number at a time and a validation error can find the field it belongs to.
 */

export type JsonPath = readonly (string | number)[];

/** The engine's text form of a path: `a.b[2].c`. */
export function formatPath(path: JsonPath): string {
  let text = '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? part : `.${part}`;
  }
  return text;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function getAt(root: unknown, path: JsonPath): unknown {
  let current: unknown = root;
  for (const part of path) {
    if (typeof part === 'number') {
      if (!Array.isArray(current)) return undefined;
      current = (current as unknown[])[part];
    } else {
      if (!isRecord(current)) return undefined;
      current = current[part];
    }
  }
  return current;
}

/**
 * A copy of `root` with `value` at `path`; the containers on the way are copied, the rest shared.
 * A path that does not exist in `root` leaves it unchanged: the form only edits fields it found.
 */
export function setAt<T>(root: T, path: JsonPath, value: unknown): T {
  const [head, ...rest] = path;
  if (head === undefined) return value as T;
  if (typeof head === 'number') {
    if (!Array.isArray(root) || head < 0 || head >= root.length) return root;
    const copy = [...(root as unknown[])];
    copy[head] = setAt(copy[head], rest, value);
    return copy as T;
  }
  if (!isRecord(root) || !(head in root)) return root;
  return { ...root, [head]: setAt(root[head], rest, value) } as T;
}
