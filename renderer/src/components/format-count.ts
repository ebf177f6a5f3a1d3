/**
 * Numbers as the UI shows them: digits grouped in threes with commas (30,000; 1,234.5), as
 * `toLocaleString('zh-CN')` writes them, at most three decimals.
 *
 * Hand-written rather than `Intl.NumberFormat`: the first zh-CN number format a page asks for
 * makes V8 set up ICU's number formatting, 13 ms under Node and 27 ms in the cold roster start's
 * CPU profile (headless Chromium, `BENCH_ONLY=first-paint`), on the path to the first rows. Counts
 * are all the app formats, so grouping digits is all it needs.
 */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const negative = value < 0;
  // Three decimals at most, trailing zeros dropped (1.5, not 1.500), as toLocaleString does.
  const [whole = '0', fraction] = Math.abs(value)
    .toFixed(3)
    .replace(/\.?0+$/, '')
    .split('.');
  let grouped = '';
  for (let end = whole.length; end > 0; end -= 3) {
    const part = whole.slice(Math.max(0, end - 3), end);
    grouped = grouped ? `${part},${grouped}` : part;
  }
  const text = fraction ? `${grouped}.${fraction}` : grouped;
  return negative && text !== '0' ? `-${text}` : text;
}
