/**
 * The Vietnamese value parser: turns a cell as staff write it ("0,61%", "≥ 1,5%", "Nhóm 10", "Có",
 * "Đang triển khai", "Chỉ tiêu mới, chưa đánh giá", "> 3-4 lần"...) into a typed {@link ParsedValue}.
 *
 * Never throws. Unparseable input gives `{ ok: false, message }` with a Vietnamese message that quotes
 * the input and shows what is expected.
 *
 * Rules (in the order they are tried, after {@link normalizeRaw}):
 *  1. blank, whitespace or invisible characters only ({@link isBlankRaw}) → `none/blank`; only dashes or underscores ("-", "_", "–", "—", "- _") → `none/dash`;
 *     "Chỉ tiêu mới, chưa đánh giá" (also the OCR variant "Chi tiêu mới…", with or without accents,
 *     comma or line breaks) → `none/new_not_assessed`.
 *  2. "Có" / "Không" (any case, with or without accents) → `yesno`.
 *  3. Statuses: "Chưa triển khai"/"Chưa thực hiện", "Đang triển khai"/"Đang thực hiện",
 *     "Cơ bản hoàn thành", "Hoàn thành"/"Đã hoàn thành" → `status` (whole cell only; a longer sentence
 *     such as "Đang triển khai lựa chọn nhà thầu" is text).
 *  4. "Nhóm 10", "Top 10", "Tốp 10", "Thuộc nhóm 10" → `rankGroup` (N ≥ 1).
 *  5. Comparators: a leading symbol ≥ ≤ > < (also >=, <=, =>, =<, ⩾, ⩽) or word ("Trên", "Hơn",
 *     "Dưới", "Tối thiểu", "Ít nhất", "Không dưới", "Tối đa", "Không quá", "Không vượt quá") followed
 *     by a quantity → `comparator`. A symbol with nothing valid after it is an error; a word not followed
 *     by a quantity ("Trên địa bàn tỉnh") is just text.
 *  6. Quantities: a number, optionally "%" (with or without a space), optionally a range "50-60",
 *     "50 – 60", "15-20%", "50 đến 60", optionally a unit written in the cell ("ha", "lần", "DN",
 *     "người/vạn dân"; starts with a letter; not allowed after "%").
 *  7. Anything else: if it looks numeric (starts with a digit, sign, comparator, "." or ",";
 *     or is a single word containing "%" or a comparator, e.g. "abc%") it is an error,
 *     unless it reads as a sentence (3 or more words of letters, e.g. "100% cơ quan đã triển khai")
 *     which is text. Everything else is `text` (qualitative targets like "Thuộc nhóm … ở mức Khá").
 *
 * Numbers (vi-VN): the decimal separator is the comma; the dot separates thousands.
 *  - "0,61" = 0.61, "1.200,5" = 1200.5, "07" = 7 (leading zeros allowed).
 *  - A number with dots and no comma: dots are thousands separators when every group after a dot has
 *    exactly 3 digits and the integer part is not zero ("2.000" = 2000, "1.327.505" = 1327505).
 *    Otherwise a single dot is a decimal point ("0.75", "0.7", "1.5", "12.34"), because the documents
 *    themselves write indices as "0.75".
 *    AMBIGUITY: "1.234" is read as 1234 (vi-VN thousands), never as 1.234; write "1,234" for the
 *    decimal. "0.750" is 0.75 (zero integer part cannot be grouped).
 *  - More than one comma, empty groups ("1..2"), badly grouped dots ("1.23.4") and a trailing
 *    separator ("12,") are errors.
 *  - At most 15 significant digits.
 *  - A minus sign must be attached ("-2,5%"); "- 5" is an error (a lone "-" means no data).
 *  - Programmers' notations are errors, not a number with a unit: "0x10", "0b1", "0o7" (other bases) and
 *    "1_000" (an underscore between digits).
 */
import type {
  Comparator,
  ComparatorValue,
  NumberValue,
  ParseResult,
  ParsedValue,
  RangeValue,
  StatusCode,
} from "./types.js";

const EXAMPLES = "Ví dụ hợp lệ: 12,5 hoặc 60% hoặc ≥ 1,5% hoặc 50-60 hoặc Nhóm 10 hoặc Có";

const PLAIN_ASCII = /^[\x21-\x7E]+(?: [\x21-\x7E]+)*$/;
const PRINTABLE_ASCII = /^[\x20-\x7E]*$/;

/**
 * Unicode and spacing clean-up applied before parsing: NFC, full-width ASCII → ASCII, all kinds of
 * spaces (NBSP, thin, ideographic, tabs, line breaks) → one space, zero-width characters removed,
 * hyphen/minus/en dash/em dash → "-", ⩾/≧ → ≥, ⩽/≦ → ≤, trimmed.
 */
export function normalizeRaw(raw: string): string {
  // Printable ASCII words with single spaces between them (most figures as typed: "45,3%", "12", ">= 80") are already
  // normal: NFC and every replacement below leave them as they are.
  return PLAIN_ASCII.test(raw) ? raw : normalizeFully(raw);
}

/** normalizeRaw without its ASCII shortcut (exported so a test can hold the shortcut to it). */
export function normalizeFully(raw: string): string {
  return raw
    .normalize("NFC")
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, "")
    .replace(/[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g, " ")
    .replace(/[\u2010-\u2015\u2212\uFE58\uFE63]/g, "-")
    .replace(/[\u2A7E\u2267]/g, "≥")
    .replace(/[\u2A7D\u2266]/g, "≤")
    .trim();
}

/**
 * Characters that show nothing: white space of every kind (NBSP, thin, ideographic…), control characters (NUL…),
 * format characters (soft hyphen U+00AD, zero-width space/joiner U+200B–U+200D, word joiner U+2060, BOM U+FEFF,
 * bidi marks…), and the blank fillers (U+034F, U+115F, U+1160, U+17B4, U+17B5, U+180E, U+2800, U+3164, U+FFA0).
 */
// The combining fillers are alternatives, not class members (a class would read them as joined to their neighbour).
const INVISIBLE_ONLY = /^(?:[\s\p{Cc}\p{Cf}\p{Zs}\p{Zl}\p{Zp}\u115F\u180E\u2800\u3164\uFFA0]|\u034F|\u1160|\u17B4|\u17B5)*$/u;

/**
 * True when a cell holds nothing a person can see: empty, or only white space and invisible characters.
 * Such a value is blank everywhere (the parser, validation, the worker's filter of what is stored).
 */
export function isBlankRaw(raw: string): boolean {
  const c = raw.charCodeAt(0);
  if (c > 0x20 && c < 0x7f) return false; // starts with a visible ASCII character
  return isBlankFully(raw);
}

/** isBlankRaw without its ASCII shortcut (exported so a test can hold the shortcut to it). */
export const isBlankFully = (raw: string): boolean => INVISIBLE_ONLY.test(raw);

/** Lower case without Vietnamese accents ("Đang triển khai" → "dang trien khai"), for keyword matching. */
export function foldVi(s: string): string {
  return PRINTABLE_ASCII.test(s) ? s.toLowerCase() : foldViFully(s); // ASCII: nothing to decompose or strip
}

/** foldVi without its ASCII shortcut (exported so a test can hold the shortcut to it). */
export function foldViFully(s: string): string {
  return s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .normalize("NFC");
}

const STATUS_WORDS: Record<string, StatusCode> = {
  "chua trien khai": "chua_trien_khai",
  "chua thuc hien": "chua_trien_khai",
  "dang trien khai": "dang_trien_khai",
  "dang thuc hien": "dang_trien_khai",
  "co ban hoan thanh": "co_ban_hoan_thanh",
  "hoan thanh": "hoan_thanh",
  "da hoan thanh": "hoan_thanh",
};

/** Word comparators, folded; longest first so "khong vuot qua" wins over "khong qua". */
const WORD_COMPARATORS: [string, Comparator][] = [
  ["khong vuot qua", "<="],
  ["khong duoi", ">="],
  ["khong qua", "<="],
  ["toi thieu", ">="],
  ["it nhat", ">="],
  ["toi da", "<="],
  ["tren", ">"],
  ["hon", ">"],
  ["duoi", "<"],
];

const SYMBOL_COMPARATORS: [string, Comparator][] = [
  [">=", ">="],
  ["=>", ">="],
  ["<=", "<="],
  ["=<", "<="],
  ["≥", ">="],
  ["≤", "<="],
  [">", ">"],
  ["<", "<"],
];

/** A unit written inside the cell: starts with a letter; letters, digits, spaces, "/", ".", "-" after. */
const UNIT_RE = /^\p{L}[\p{L}\p{M}\d ./-]*$/u;
const MAX_UNIT_LEN = 40;

type Step<T> = { ok: true; value: T } | { ok: false; reason: string };

function quote(raw: string): string {
  const t = raw.trim();
  return `"${t.length > 80 ? `${t.slice(0, 79)}…` : t}"`;
}

function fail(raw: string, what: string, examples = EXAMPLES): ParseResult {
  return { ok: false, message: `${quote(raw)} ${what}. ${examples}` };
}

/** Parses one unsigned number token made of digits, dots and commas (vi-VN). */
function parseNumberToken(tok: string): Step<number> {
  if (!/^\d[\d.,]*$/.test(tok)) return { ok: false, reason: "không phải là số" };
  if (/[.,]$/.test(tok)) return { ok: false, reason: "kết thúc bằng dấu phân cách" };
  let intPart: string;
  let frac = "";
  const commas = tok.split(",").length - 1;
  if (commas > 1) return { ok: false, reason: "có nhiều hơn một dấu phẩy thập phân" };
  if (commas === 1) {
    const [a = "", b = ""] = tok.split(",");
    if (!/^\d+$/.test(b)) return { ok: false, reason: "phần thập phân sau dấu phẩy chỉ được có chữ số" };
    if (/^\d+$/.test(a)) intPart = a;
    else if (/^\d{1,3}(\.\d{3})+$/.test(a)) intPart = a.replace(/\./g, "");
    else return { ok: false, reason: "dấu chấm phân cách hàng nghìn phải đứng trước đúng 3 chữ số" };
    frac = b;
  } else if (tok.includes(".")) {
    const parts = tok.split(".");
    if (parts.some((p) => p === "")) return { ok: false, reason: "có hai dấu chấm liền nhau" };
    const first = parts[0] ?? "";
    const grouped = /^\d{1,3}(\.\d{3})+$/.test(tok) && Number(first) !== 0;
    if (grouped) intPart = tok.replace(/\./g, "");
    else if (parts.length === 2) {
      intPart = first;
      frac = parts[1] ?? "";
    } else return { ok: false, reason: "dấu chấm phân cách hàng nghìn phải đứng trước đúng 3 chữ số" };
  } else intPart = tok;
  const significant = (intPart.replace(/^0+/, "") + frac).replace(/^0+/, "").replace(/0+$/, "");
  if (significant.length > 15) return { ok: false, reason: "có quá nhiều chữ số (tối đa 15)" };
  const value = Number(frac ? `${intPart}.${frac}` : intPart);
  if (!Number.isFinite(value)) return { ok: false, reason: "không phải là số" };
  return { ok: true, value };
}

interface Scanned {
  value: number;
  rest: string;
}

/** Reads an optionally signed number token at the start of s. */
function scanNumber(s: string, allowSign: boolean): Step<Scanned> | null {
  const m = (allowSign ? /^([+-]?)(\d[\d.,]*)/ : /^()(\d[\d.,]*)/).exec(s);
  if (!m) return null;
  const n = parseNumberToken(m[2] ?? "");
  if (!n.ok) return { ok: false, reason: n.reason };
  const value = m[1] === "-" && n.value !== 0 ? -n.value : n.value;
  return { ok: true, value: { value, rest: s.slice(m[0].length) } };
}

type QuantityStep =
  | { ok: true; value: NumberValue | RangeValue }
  | { ok: false; kind: "notQuantity" }
  | { ok: false; kind: "error"; message: string };

/** number [%] [(-|đến) number [%]] [unit] — the whole string must be consumed. */
function parseQuantity(s: string, raw: string): QuantityStep {
  if (/^[.,]\d/.test(s)) {
    return { ok: false, kind: "error", message: `${quote(raw)} không phải là số hợp lệ (số phải bắt đầu bằng chữ số, ví dụ 0,5). ${EXAMPLES}` };
  }
  if (/^- \d/.test(s)) {
    return { ok: false, kind: "error", message: `${quote(raw)} không rõ là số âm hay gạch đầu dòng (viết liền dấu trừ, ví dụ -2,5, hoặc chỉ "-" nếu không có số liệu). ${EXAMPLES}` };
  }
  if (/^[+-]?0[xXbBoO][\da-fA-F]/.test(s)) {
    // "0x10" would otherwise read as 0 with the unit "x10".
    return { ok: false, kind: "error", message: `${quote(raw)} là số viết theo hệ 16, hệ 2 hoặc hệ 8; hãy viết số thập phân (ví dụ 16). ${EXAMPLES}` };
  }
  if (/^[+-]?\d[\d.,]*_\d/.test(s)) {
    return { ok: false, kind: "error", message: `${quote(raw)} dùng dấu gạch dưới giữa các chữ số; hãy viết số liền hoặc dùng dấu chấm phân cách hàng nghìn (ví dụ 1.000). ${EXAMPLES}` };
  }
  const first = scanNumber(s, true);
  if (!first) return { ok: false, kind: "notQuantity" };
  if (!first.ok) return { ok: false, kind: "error", message: `${quote(raw)} không phải là số hợp lệ (${first.reason}). ${EXAMPLES}` };
  if (/^[eE][+-]?\d/.test(first.value.rest)) {
    // "1E+05" is how Excel shows big numbers in a narrow General cell; staff must see the number they mean.
    return { ok: false, kind: "error", message: `${quote(raw)} là số dạng lũy thừa; hãy viết đầy đủ (ví dụ 100.000 thay cho 1E+05). ${EXAMPLES}` };
  }
  let rest = first.value.rest.trimStart();
  let percent = false;
  if (rest.startsWith("%")) {
    percent = true;
    rest = rest.slice(1).trimStart();
  }
  let max: number | null = null;
  const sep = /^(-|~|đến|tới)\s*/iu.exec(rest);
  if (sep) {
    rest = rest.slice(sep[0].length);
    const second = scanNumber(rest, false);
    if (!second) {
      return { ok: false, kind: "error", message: `${quote(raw)} là khoảng chưa đủ hai đầu (thiếu số sau "${sep[1]}"). Ví dụ hợp lệ: 50-60 hoặc 15-20% hoặc 3-4 lần` };
    }
    if (!second.ok) return { ok: false, kind: "error", message: `${quote(raw)} không phải là khoảng hợp lệ (${second.reason}). Ví dụ hợp lệ: 50-60 hoặc 15-20%` };
    max = second.value.value;
    rest = second.value.rest.trimStart();
    if (rest.startsWith("%")) {
      percent = true;
      rest = rest.slice(1).trimStart();
    }
    if (max < first.value.value) {
      return { ok: false, kind: "error", message: `${quote(raw)}: đầu khoảng lớn hơn cuối khoảng. Ví dụ hợp lệ: 50-60` };
    }
  }
  let unit: string | undefined;
  if (rest !== "") {
    if (!percent && rest.length <= MAX_UNIT_LEN && UNIT_RE.test(rest) && !/[-.]$/.test(rest)) unit = rest;
    else {
      return { ok: false, kind: "error", message: `${quote(raw)} có phần thừa "${rest}" sau số không đọc được. ${EXAMPLES}` };
    }
  }
  if (max === null) {
    const v: NumberValue = { kind: "number", value: first.value.value, percent };
    if (unit) v.unit = unit;
    return { ok: true, value: v };
  }
  const r: RangeValue = { kind: "range", min: first.value.value, max, percent };
  if (unit) r.unit = unit;
  return { ok: true, value: r };
}

function countLetterWords(s: string): number {
  return s.split(" ").filter((w) => /\p{L}.*\p{L}/u.test(w) && !/\d/.test(w)).length;
}

function looksNumeric(s: string): boolean {
  if (/^[\d+\-.,≥≤<>=%]/.test(s)) return true;
  return !s.includes(" ") && /[%≥≤<>]/.test(s);
}

function parseNormalized(s: string, raw: string): ParseResult {
  if (s === "") return { ok: true, value: { kind: "none", reason: "blank" } };
  if (/^[-_]+( [-_]+)*$/.test(s)) return { ok: true, value: { kind: "none", reason: "dash" } };

  const folded = foldVi(s).replace(/[.;:!]+$/, "").trim();
  if (/^chi tieu moi(,? ?chua (duoc )?danh gia)?$/.test(folded)) {
    return { ok: true, value: { kind: "none", reason: "new_not_assessed" } };
  }
  const lower = s.toLowerCase().replace(/[.;:!]+$/, "");
  if (lower === "có" || lower === "co") return { ok: true, value: { kind: "yesno", value: true } };
  if (lower === "không" || lower === "khong") return { ok: true, value: { kind: "yesno", value: false } };
  const status = STATUS_WORDS[folded];
  if (status) return { ok: true, value: { kind: "status", status } };

  const group = /^(?:thuoc |trong )?(?:nhom|top) ?(\d{1,4})$/.exec(folded);
  if (group) {
    const n = Number(group[1]);
    if (n < 1) return fail(raw, "không phải là nhóm xếp hạng hợp lệ (số nhóm phải từ 1 trở lên)", "Ví dụ hợp lệ: Nhóm 10");
    return { ok: true, value: { kind: "rankGroup", group: n } };
  }

  if (s.startsWith("=") && !s.startsWith("=>") && !s.startsWith("=<")) {
    return fail(raw, "trông như công thức Excel; hãy nhập giá trị, không nhập công thức");
  }

  // Symbol comparators: ≥ 1,5%  >= 1,5%  ≤ 10  > 3-4 lần
  for (const [sym, op] of SYMBOL_COMPARATORS) {
    if (!s.startsWith(sym)) continue;
    const rest = s.slice(sym.length).trim();
    if (rest === "") return fail(raw, "thiếu số sau dấu so sánh", "Ví dụ hợp lệ: ≥ 1,5% hoặc ≤ 10 hoặc > 3-4 lần");
    const q = parseQuantity(rest, raw);
    if (q.ok) return { ok: true, value: { kind: "comparator", op, bound: q.value } };
    if (q.kind === "error") return { ok: false, message: q.message };
    return fail(raw, "không có số hợp lệ sau dấu so sánh", "Ví dụ hợp lệ: ≥ 1,5% hoặc ≤ 10 hoặc > 3-4 lần");
  }

  // Word comparators: "Trên 80%", "Tối thiểu 70%". Not followed by a quantity → ordinary text.
  const words = s.split(" ");
  for (const [w, op] of WORD_COMPARATORS) {
    if (!folded.startsWith(`${w} `)) continue;
    const n = w.split(" ").length;
    const rest = words.slice(n).join(" ");
    const q = parseQuantity(rest, raw);
    if (q.ok) {
      const v: ComparatorValue = { kind: "comparator", op, bound: q.value };
      return { ok: true, value: v };
    }
    break;
  }

  const q = parseQuantity(s, raw);
  if (q.ok) return { ok: true, value: q.value };
  if (countLetterWords(s) >= 3) return { ok: true, value: { kind: "text", text: s } };
  if (q.kind === "error") return { ok: false, message: q.message };
  if (looksNumeric(s)) return fail(raw, "không phải là số hợp lệ");
  return { ok: true, value: { kind: "text", text: s } };
}

/** Parses a cell as typed. Never throws. */
export function parseValue(raw: string): ParseResult {
  try {
    const input = typeof raw === "string" ? raw : String(raw ?? "");
    if (isBlankRaw(input)) return { ok: true, value: { kind: "none", reason: "blank" } };
    return parseNormalized(normalizeRaw(input), input);
  } catch {
    return { ok: false, message: `Không đọc được giá trị ${quote(String(raw))}. ${EXAMPLES}` };
  }
}

/** Parses or returns null; for callers that only need the value. */
export function parseValueOrNull(raw: string): ParsedValue | null {
  const r = parseValue(raw);
  return r.ok ? r.value : null;
}
