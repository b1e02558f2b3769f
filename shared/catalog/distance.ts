/** Levenshtein distance, for "did you mean…" suggestions. Its own module so the custom functions can use it without the catalog data. */
export function editDistance(a: string, b: string): number {
  // A plain loop: Array.from({ length }, fn) cost more than the distance itself on these short keys.
  const prev: number[] = new Array<number>(b.length + 1);
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0]!;
    prev[0] = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j]!;
      prev[j] = Math.min(prev[j]! + 1, prev[j - 1]! + 1, diag + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length]!;
}
