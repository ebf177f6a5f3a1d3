/**
 * "Did you mean …" for school names that match no org unit. Chinese school names share long
 * prefixes and suffixes (示范市东湖区…小学), so plain edit distance ranks every school of the same
 * district alike. Character bigrams are weighted by rarity among the candidates (IDF): the shared
 * 示范市/小学 parts count little, the distinctive 实验/桂花 parts count much. An inverted index
 * keeps one lookup near-linear in the query length, so 1,000 unknown names against 2,000 schools
 * stay well under a second.
 */
import { removeAllSpaces, toHalfWidth } from './text';

/** Folded form for comparison: half-width, no spaces, Chinese brackets as ASCII ones. */
export function foldName(name: string): string {
  return removeAllSpaces(toHalfWidth(name))
    .replace(/[（【[]/gu, '(')
    .replace(/[）】\]]/gu, ')');
}

function bigrams(folded: string): string[] {
  const chars = Array.from(`^${folded}$`);
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i += 1) grams.add(`${chars[i]}${chars[i + 1]}`);
  return [...grams];
}

function editDistance(a: readonly string[], b: readonly string[]): number {
  if (a.length === 0) return b.length;
  if (b.length === 0) return a.length;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i += 1) {
    cur[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min((prev[j] ?? 0) + 1, (cur[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length] ?? 0;
}

/** Minimum combined score for a suggestion; below it the names share only generic parts. */
const MIN_SCORE = 0.3;
/** Candidates re-ranked with edit distance after the bigram pass. */
const RERANK = 20;

export interface NameMatcher {
  closest(name: string, limit?: number): string[];
}

/** Pre-indexes `candidates`; use it when the same list serves many lookups. */
export function createNameMatcher(candidates: readonly string[]): NameMatcher {
  const folded = candidates.map(foldName);
  const postings = new Map<string, number[]>();
  const candidateGrams = folded.map((f, index) => {
    const grams = bigrams(f);
    for (const g of grams) {
      const list = postings.get(g);
      if (list) list.push(index);
      else postings.set(g, [index]);
    }
    return grams;
  });
  const n = candidates.length;
  const idf = (gram: string): number => Math.log(1 + n / (postings.get(gram)?.length ?? 0.5));
  const weightOf = new Map<string, number>();
  for (const gram of postings.keys()) weightOf.set(gram, idf(gram));
  const candidateWeight = candidateGrams.map((grams) =>
    grams.reduce((sum, g) => sum + (weightOf.get(g) ?? 0), 0),
  );
  const chars = folded.map((f) => Array.from(f));
  /** Scratch accumulator, zeroed again after each query. */
  const shared = new Float64Array(n);

  return {
    closest(name: string, limit = 3): string[] {
      const query = foldName(name);
      if (query === '' || n === 0 || limit <= 0) return [];
      const queryGrams = bigrams(query);
      const queryWeight = queryGrams.reduce((sum, g) => sum + (weightOf.get(g) ?? idf(g)), 0);
      const touched: number[] = [];
      for (const gram of queryGrams) {
        const list = postings.get(gram);
        if (!list) continue;
        const w = weightOf.get(gram) ?? 0;
        for (const index of list) {
          if (shared[index] === 0) touched.push(index);
          shared[index] = (shared[index] ?? 0) + w;
        }
      }
      // Keep the best RERANK by weighted Dice without sorting every touched candidate.
      const top: { index: number; score: number }[] = [];
      for (const index of touched) {
        const score = (2 * (shared[index] ?? 0)) / (queryWeight + (candidateWeight[index] ?? 0));
        shared[index] = 0;
        if (top.length === RERANK && score <= (top[RERANK - 1]?.score ?? 0)) continue;
        let at = top.length;
        while (at > 0 && (top[at - 1]?.score ?? 0) < score) at -= 1;
        top.splice(at, 0, { index, score });
        if (top.length > RERANK) top.pop();
      }
      const queryChars = Array.from(query);
      const ranked = top.map(({ index, score }) => {
        const other = chars[index] ?? [];
        const distance = editDistance(queryChars, other);
        const closeness = 1 - distance / Math.max(queryChars.length, other.length, 1);
        const contains =
          (folded[index] ?? '').includes(query) || query.includes(folded[index] ?? '');
        return { index, score: 0.7 * score + 0.3 * closeness + (contains ? 0.1 : 0) };
      });
      ranked.sort((a, b) => b.score - a.score || a.index - b.index);
      const out: string[] = [];
      const seen = new Set<string>();
      for (const { index, score } of ranked) {
        if (score < MIN_SCORE || out.length >= limit) break;
        const candidate = candidates[index];
        if (candidate === undefined || seen.has(candidate)) continue;
        seen.add(candidate);
        out.push(candidate);
      }
      return out;
    },
  };
}

const matcherCache = new WeakMap<readonly string[], { length: number; matcher: NameMatcher }>();

/**
 * Up to `limit` candidates closest to `name`, best first; none when nothing is meaningfully close.
 * The index of a candidate list is cached per array (rebuilt when its length changes), so calling
 * this in a loop over unknown names costs one index build.
 */
export function closestNames(name: string, candidates: readonly string[], limit = 3): string[] {
  let entry = matcherCache.get(candidates);
  if (entry?.length !== candidates.length) {
    entry = { length: candidates.length, matcher: createNameMatcher(candidates) };
    matcherCache.set(candidates, entry);
  }
  return entry.matcher.closest(name, limit);
}
