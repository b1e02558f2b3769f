// Byte pieces (UTF-8 of an export written a page or a row at a time, a zip's chunks) as one buffer.

export function byteLength(pieces: readonly Uint8Array[]): number {
  let n = 0;
  for (const p of pieces) n += p.byteLength;
  return n;
}

/** Always a new buffer: a piece may be a kept row's bytes (export/merged.ts), shared with every later export. */
export function concatBytes(pieces: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(byteLength(pieces));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.byteLength;
  }
  return out;
}
