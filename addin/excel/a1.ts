// A1-style address helpers shared by the Excel operations and the in-memory fake. No Office.js here.

/** 0-based column index → letters ("A", "Z", "AA"). */
export function colLetters(col: number): string {
  let n = col + 1;
  let s = "";
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** Letters → 0-based column index. */
export function colIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** 0-based row/col → "E8". */
export function cellAddress(row: number, col: number): string {
  return `${colLetters(col)}${row + 1}`;
}

/** 0-based rectangle → "A1:C3" (or "A1" for one cell). */
export function rectAddress(r0: number, c0: number, r1: number, c1: number): string {
  const a = cellAddress(r0, c0);
  return r0 === r1 && c0 === c1 ? a : `${a}:${cellAddress(r1, c1)}`;
}

/** Sheet name as Excel writes it in an address: quoted when it has anything but letters, digits and _. */
export function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

export interface Rect {
  r0: number;
  c0: number;
  r1: number;
  c1: number;
}

export const MAX_ROWS = 1048576;
export const MAX_COLS = 16384;

/** Splits "'Sheet 1'!A1:B2" into sheet name (unquoted, or null) and the local part. */
export function splitSheet(address: string): { sheet: string | null; local: string } {
  const bang = address.lastIndexOf("!");
  if (bang < 0) return { sheet: null, local: address };
  let sheet = address.slice(0, bang);
  if (sheet.startsWith("'") && sheet.endsWith("'")) sheet = sheet.slice(1, -1).replace(/''/g, "'");
  return { sheet, local: address.slice(bang + 1) };
}

/** Parses "A1", "A1:C3", "$A$1", "E:E", "3:5" into a 0-based rectangle. Throws on anything else. */
export function parseRect(local: string): Rect {
  const parts = local.replace(/\$/g, "").toUpperCase().split(":");
  if (parts.length < 1 || parts.length > 2) throw new Error(`Địa chỉ không hợp lệ: ${local}`);
  const ends = parts.map((p) => {
    let m = /^([A-Z]{1,3})(\d+)$/.exec(p);
    if (m) return { r: Number(m[2]) - 1, c: colIndex(m[1]!), kind: "cell" as const };
    m = /^([A-Z]{1,3})$/.exec(p);
    if (m) return { r: -1, c: colIndex(m[1]!), kind: "col" as const };
    m = /^(\d+)$/.exec(p);
    if (m) return { r: Number(m[1]) - 1, c: -1, kind: "row" as const };
    throw new Error(`Địa chỉ không hợp lệ: ${local}`);
  });
  const a = ends[0]!;
  const b = ends[1] ?? a;
  if (a.kind !== b.kind) throw new Error(`Địa chỉ không hợp lệ: ${local}`);
  if (a.kind === "col") return { r0: 0, r1: MAX_ROWS - 1, c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
  if (a.kind === "row") return { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: 0, c1: MAX_COLS - 1 };
  return { r0: Math.min(a.r, b.r), r1: Math.max(a.r, b.r), c0: Math.min(a.c, b.c), c1: Math.max(a.c, b.c) };
}

export function rectToAddress(r: Rect): string {
  if (r.r0 === 0 && r.r1 === MAX_ROWS - 1) return `${colLetters(r.c0)}:${colLetters(r.c1)}`;
  if (r.c0 === 0 && r.c1 === MAX_COLS - 1) return `${r.r0 + 1}:${r.r1 + 1}`;
  return rectAddress(r.r0, r.c0, r.r1, r.c1);
}

/** Parses a full or local address; returns the sheet (if any) and rectangle. */
export function parseAddress(address: string): { sheet: string | null; rect: Rect } {
  const { sheet, local } = splitSheet(address);
  return { sheet, rect: parseRect(local) };
}
