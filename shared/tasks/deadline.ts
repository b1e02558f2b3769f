/**
 * Deadlines of the plan's tasks ("Thời gian hoàn thành"), written many ways, parsed into a typed value. Pure.
 *
 *   "Tháng 9/2025"                       → dated 2025-09-30 (a month means its last day)
 *   "Quý III/2025"                       → dated 2025-09-30 (a quarter means its last day)
 *   "Năm 2026"                           → dated 2026-12-31 (a year means 31/12)
 *   "2025-2030"                          → dated 2030-12-31 (a span is due at its end)
 *   "(1) Tháng 6/2025; (2) Tháng 10/2025" → dated, two dates, each with the part it was printed in
 *   "Hàng năm"                           → recurring yearly; "Tháng 5/2025 và hàng năm" → recurring from 2025-05-31
 *   "Thường xuyên"                       → ongoing; "Tháng 6/2025; thường xuyên" → ongoing, first due 2025-06-30
 *   "Đã hoàn thành"                      → done (already done when the plan was issued)
 *   "" or anything without a date/keyword → unknown, with the reason
 * Words around a date that do not change it ("Hoàn thành tháng 6/2026", "Tháng 9/2025 hoàn thiện hệ thống") are ignored.
 */
import type { DatePrecision, Deadline, DueDate } from "./types.js";

/** Lowercase, NFC, collapsed spaces. Keeps accents (the deadline words differ by accent only rarely). */
const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

function pad(n: number, w = 2): string {
  return String(n).padStart(w, "0");
}

/** Last day of month `m` (1-12) of year `y`. */
export function lastDayOfMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function isoDate(y: number, m: number, d: number): string {
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const validYear = (y: number) => y >= 2000 && y <= 2100;

interface Atom {
  index: number;
  end: number;
  date?: { date: string; precision: DatePrecision };
  bad?: true;
  keyword?: "ongoing" | "yearly" | "done";
}

/** Every date or keyword in `s` (lowercased), in order, without overlaps. */
function atoms(s: string): Atom[] {
  const found: Atom[] = [];
  const take = (re: RegExp, f: (m: RegExpExecArray) => Omit<Atom, "index" | "end">) => {
    for (const m of s.matchAll(re)) {
      const index = m.index;
      const end = index + m[0].length;
      if (found.some((a) => index < a.end && end > a.index)) continue;
      found.push({ index, end, ...f(m as RegExpExecArray) });
    }
  };
  // day: 30/6/2025, ngày 30/6/2025, 30-6-2025
  take(/(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/g, (m) => {
    const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
    if (!validYear(y) || mo < 1 || mo > 12 || d < 1 || d > lastDayOfMonth(y, mo)) return { bad: true };
    return { date: { date: isoDate(y, mo, d), precision: "day" } };
  });
  // month: tháng 9/2025, tháng 09/2025, tháng 9 năm 2025, tháng 9-2025
  take(/tháng\s*(\d{1,2})\s*(?:\/|-|năm)\s*(\d{4})(?!\d)/g, (m) => {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    if (!validYear(y) || mo < 1 || mo > 12) return { bad: true };
    return { date: { date: isoDate(y, mo, lastDayOfMonth(y, mo)), precision: "month" } };
  });
  // quarter: quý III/2025, quý 3/2025, quý III năm 2025
  take(/quý\s*(iv|iii|ii|i|[1-4])\s*(?:\/|-|năm)\s*(\d{4})(?!\d)/g, (m) => {
    const q = ROMAN[m[1]!] ?? Number(m[1]);
    const y = Number(m[2]);
    if (!validYear(y)) return { bad: true };
    return { date: { date: isoDate(y, q * 3, lastDayOfMonth(y, q * 3)), precision: "quarter" } };
  });
  // span of years: 2025-2030, giai đoạn 2025 - 2030 (due at its end)
  take(/(?<!\d)(\d{4})\s*[-–]\s*(\d{4})(?!\d)/g, (m) => {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (!validYear(a) || !validYear(b) || b < a) return { bad: true };
    return { date: { date: isoDate(b, 12, 31), precision: "year" } };
  });
  // year: năm 2026, 2026
  take(/(?:năm\s*)?(?<![\d/.-])(\d{4})(?![\d/.-])/g, (m) => {
    const y = Number(m[1]);
    if (!validYear(y)) return { bad: true };
    return { date: { date: isoDate(y, 12, 31), precision: "year" } };
  });
  take(/thường xuyên|liên tục/g, () => ({ keyword: "ongoing" }));
  take(/h[àằ]ng năm|định kỳ năm|thường niên|mỗi năm/g, () => ({ keyword: "yearly" }));
  take(/đã hoàn thành/g, () => ({ keyword: "done" }));
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The printed parts of a deadline: split at ";", at list dashes ("- Tháng 8/2025 - Thường xuyên"), at numbered
 * markers ("(1) …; (2) …") and at "và" between two parts. Returns [start, end) ranges into `s`.
 */
function parts(s: string): [number, number][] {
  const cuts = new Set<number>([0, s.length]);
  for (const m of s.matchAll(/;|(?:^|\s)-\s|\(\d+\)|\s+và\s+|,\s+/g)) {
    cuts.add(m.index);
    cuts.add(m.index + m[0].length);
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  const out: [number, number][] = [];
  for (let k = 0; k + 1 < sorted.length; k++) out.push([sorted[k]!, sorted[k + 1]!]);
  return out;
}

/** The printed text a date at [index, end) came from: its part, with a leading "(n)" marker kept. */
function printedPart(s: string, index: number, end: number): string {
  const ps = parts(s);
  let k = ps.findIndex(([a, b]) => index >= a && end <= b);
  if (k < 0) return s.slice(index, end).trim();
  let [a] = ps[k]!;
  const b = ps[k]![1];
  // keep a numbered marker "(2)" that directly precedes the part
  while (k > 0 && /^\s*\(\d+\)\s*$/.test(s.slice(ps[k - 1]![0], ps[k - 1]![1]))) {
    a = ps[k - 1]![0];
    k--;
  }
  return norm(s.slice(a, b).replace(/^[\s;,-]+|[\s;,-]+$/g, ""));
}

/** Parse one printed deadline. Never throws; an unreadable string is `{ kind: "unknown", reason }`. */
export function parseDeadline(printed: string): Deadline {
  const original = norm(printed);
  if (original === "") return { kind: "unknown", reason: "Ô thời hạn để trống." };
  const s = original.toLowerCase();
  const found = atoms(s);
  const bad = found.filter((a) => a.bad);
  if (bad.length) return { kind: "unknown", reason: `Ngày tháng không hợp lệ: “${bad.map((a) => original.slice(a.index, a.end)).join("”, “")}”.` };
  const dates: DueDate[] = found
    .filter((a) => a.date)
    .map((a) => ({ ...a.date!, printed: printedPart(original, a.index, a.end) }));
  const has = (k: Atom["keyword"]) => found.some((a) => a.keyword === k);
  const first = dates.length ? [...dates].sort((a, b) => a.date.localeCompare(b.date))[0]! : null;
  if (has("done") || /^hoàn thành\.?$/.test(s)) return { kind: "done" };
  if (has("yearly")) return { kind: "recurring", every: "year", first };
  if (has("ongoing")) return { kind: "ongoing", first };
  if (dates.length) return { kind: "dated", dates };
  return { kind: "unknown", reason: `Không đọc được thời hạn “${original}” (không có tháng, quý, năm hay từ như “Thường xuyên”, “Hàng năm”).` };
}

/** The date a Deadline is finally due (last date), or null when it has none (ongoing without a date, done, unknown). */
export function finalDueDate(d: Deadline): string | null {
  if (d.kind === "dated") return d.dates.map((x) => x.date).sort().at(-1) ?? null;
  return null;
}

/** Short Vietnamese description of a parsed deadline, e.g. "hạn 30/09/2025", "hàng năm (lần đầu 31/05/2025)". */
export function describeDeadline(d: Deadline): string {
  switch (d.kind) {
    case "dated":
      return d.dates.length === 1 ? `hạn ${viDate(d.dates[0]!.date)}` : `các hạn ${d.dates.map((x) => viDate(x.date)).join("; ")}`;
    case "recurring":
      return d.first ? `hàng năm (lần đầu ${viDate(d.first.date)})` : "hàng năm";
    case "ongoing":
      return d.first ? `thường xuyên (bắt đầu trước ${viDate(d.first.date)})` : "thường xuyên";
    case "done":
      return "đã hoàn thành khi ban hành kế hoạch";
    case "unknown":
      return "không xác định";
  }
}

/** "2025-09-30" → "30/09/2025". */
export function viDate(iso: string): string {
  const [y, m, d] = iso.split("-");
  return `${d}/${m}/${y}`;
}
