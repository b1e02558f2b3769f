/**
 * Task keys as people type them ("iii.12", " III 12 ", "ii-6A") → the catalog's spelling ("III.12", "II.6a").
 * No catalog import: the custom functions check a key's shape before asking the server.
 */
export function canonicalTaskKey(key: string): string | null {
  const m = /^\s*(iv|iii|ii)\s*[.\s-]\s*(\d+)([a-z]?)\s*$/i.exec(key);
  if (!m) return null;
  return `${m[1]!.toUpperCase()}.${String(Number(m[2]))}${m[3]!.toLowerCase()}`;
}
