/**
 * Ranking helpers shared by points awards and assessment selection: "top 30 %" with a documented
 * tie rule, and the min–max normalization of R4.
 *
 * Values are ratios (numerator / denominator) so that group means such as 1234 / 7 compare exactly:
 * two workshops with equal means are a tie, never separated by a rounding error.
 */

/** `include-ties`: everyone tied at the boundary is selected (may exceed the quota);
 *  `exclude-ties`: a tie group is selected only if all of it fits within the quota. */
export type TieRule = 'include-ties' | 'exclude-ties';

export interface Ratio {
  num: number;
  den: number;
}

export function compareRatio(a: Ratio, b: Ratio): number {
  const left = a.num * b.den;
  const right = b.num * a.den;
  return left === right ? 0 : left < right ? -1 : 1;
}

export interface RankedItem<T> {
  item: T;
  /** Competition rank ("1224"): 1 + how many have a strictly greater value. */
  rank: number;
  isSelected: boolean;
}

export interface Selection<T> {
  /** Best first; equal values in id order. */
  ranked: RankedItem<T>[];
  quota: number;
  /** Value of the last selected item, or null when nobody is selected. */
  threshold: Ratio | null;
  /** How many share the value at the quota boundary (1 when there is no tie). */
  tiedAtBoundary: number;
  selectedCount: number;
}

export function selectTop<T>(
  items: readonly T[],
  valueOf: (item: T) => Ratio,
  idOf: (item: T) => string,
  quota: number,
  tieRule: TieRule,
): Selection<T> {
  const entries = items.map((item) => ({ item, value: valueOf(item), id: idOf(item) }));
  entries.sort(
    (a, b) => compareRatio(b.value, a.value) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const ranked: RankedItem<T>[] = [];
  let index = 0;
  let threshold: Ratio | null = null;
  let tiedAtBoundary = 1;
  let selectedCount = 0;
  while (index < entries.length) {
    let end = index + 1;
    const head = entries[index];
    if (!head) break;
    while (end < entries.length) {
      const next = entries[end];
      if (!next || compareRatio(next.value, head.value) !== 0) break;
      end += 1;
    }
    const rank = index + 1;
    const isSelected = tieRule === 'include-ties' ? rank <= quota : end <= quota;
    if (rank <= quota && end > quota) tiedAtBoundary = end - index;
    for (let i = index; i < end; i += 1) {
      const entry = entries[i];
      if (!entry) continue;
      ranked.push({ item: entry.item, rank, isSelected });
      if (isSelected) {
        selectedCount += 1;
        threshold = entry.value;
      }
    }
    index = end;
  }
  return { ranked, quota, threshold, tiedAtBoundary, selectedCount };
}

/**
 * R4: score = minScore + (x − min) / (max − min) × (maxScore − minScore) over the competitors.
 * When every competitor has the same value, everyone gets `whenAllEqual` (a rule-set choice).
 */
export function minMaxNormalize(
  values: readonly number[],
  minScore: number,
  maxScore: number,
  whenAllEqual: number,
): { scores: number[]; min: number | null; max: number | null } {
  if (values.length === 0) return { scores: [], min: null, max: null };
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const span = max - min;
  const scores = values.map((value) =>
    span === 0 ? whenAllEqual : minScore + ((value - min) / span) * (maxScore - minScore),
  );
  return { scores, min, max };
}
