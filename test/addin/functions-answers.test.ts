// The fast paths of CT.TARGET and of the "did you mean…" suggestions (addin/functions/core.ts,
// shared/catalog/distance.ts) change no answer: every indicator in many spellings, every year, typos and odd
// inputs are answered exactly as the straightforward code below answers them (a copy of core.ts before the
// fast paths: NFC and regexes for every key, the whole edit-distance table for every key of the catalog).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { catalog as fullCatalog } from "../../shared/catalog/index.js";
import { TARGET_YEARS, type CatalogCell, type Direction, type TargetYear } from "../../shared/catalog/types.js";
import type { ParsedValue } from "../../shared/values/types.js";
import { bundledCatalog } from "../../addin/functions/bundled-catalog.js";
import type { FnCatalog, FnIndicator } from "../../addin/functions/slim-catalog.js";
import { CtError, ctTarget, findIndicator, normalizeKey, normalizeKeyFully, suggestKeys, type CellInput } from "../../addin/functions/core.js";
import * as fns from "../../addin/functions/functions.js";

// ---------------------------------------------------------------------------------------------------------
// The reference: core.ts as it was, written for clarity, with no shortcut
// ---------------------------------------------------------------------------------------------------------

function refEditDistance(a: string, b: string): number {
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

function refNormalizeKey(text: string): string {
  return text
    .normalize("NFC")
    .trim()
    .replace(/^['"“”‘’]+|['"“”‘’]+$/g, "")
    .trim()
    .toUpperCase()
    .replace(/[\s\-–]+/g, "_");
}

function refFold(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase();
}

/** The reference's ranking per catalog and query (cut to n on each call), remembered so the test stays quick. */
const refRankings = new WeakMap<FnCatalog, Map<string, string[]>>();
function refSuggestKeys(catalog: FnCatalog, query: string, n = 3): string[] {
  let memo = refRankings.get(catalog);
  if (!memo) refRankings.set(catalog, (memo = new Map()));
  if (!memo.has(query)) memo.set(query, refRanking(catalog, query));
  return memo.get(query)!.slice(0, n);
}

const refFoldedNames = new WeakMap<FnCatalog, string[]>();
function refRanking(catalog: FnCatalog, query: string): string[] {
  const q = refNormalizeKey(query);
  const words = refFold(query)
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length >= 3);
  if (!q) return [];
  if (!refFoldedNames.has(catalog)) refFoldedNames.set(catalog, catalog.indicators.map((i) => refFold(i.name)));
  const folded = refFoldedNames.get(catalog)!;
  const scored = catalog.indicators.map((ind, i) => {
    const key = ind.key.toUpperCase();
    let score = refEditDistance(q, key);
    if (key.startsWith(q) || q.startsWith(key)) score = Math.min(score, 1);
    else if (key.includes(q) || q.includes(key)) score = Math.min(score, 1.5);
    if (words.length > 0) {
      const name = folded[i]!;
      const hits = words.filter((w) => name.includes(w)).length;
      if (hits === words.length) score = Math.min(score, 1.2);
    }
    return { key: ind.key, score };
  });
  const limit = Math.max(2, Math.ceil(q.length / 2));
  return scored
    .filter((s) => s.score <= limit)
    .sort((a, b) => a.score - b.score || a.key.localeCompare(b.key))
    .map((s) => s.key);
}

const refNotAvailable = (message: string) => new CtError("#N/A", message);
const refInvalidValue = (message: string) => new CtError("#VALUE!", message);

const refNormalizedKeys = new WeakMap<FnCatalog, string[]>();
function refFindIndicator(catalog: FnCatalog, input: CellInput): FnIndicator | undefined {
  if (typeof input === "number") return Number.isInteger(input) ? catalog.indicators.find((i) => i.stt === input) : undefined;
  if (typeof input !== "string") return undefined;
  const text = input.trim();
  if (/^\d{1,3}$/.test(text)) return catalog.indicators.find((i) => i.stt === Number(text));
  if (!refNormalizedKeys.has(catalog)) refNormalizedKeys.set(catalog, catalog.indicators.map((i) => refNormalizeKey(i.key)));
  const keys = refNormalizedKeys.get(catalog)!;
  const wanted = refNormalizeKey(text);
  return catalog.indicators.findLast((_, i) => keys[i] === wanted);
}

function refResolveIndicator(catalog: FnCatalog, input: CellInput): FnIndicator {
  if (input === null || input === undefined || (typeof input === "string" && input.trim() === "")) {
    throw refInvalidValue("Chưa nhập mã chỉ tiêu (ví dụ \"5G\") hoặc số thứ tự.");
  }
  if (typeof input === "boolean") throw refInvalidValue("Mã chỉ tiêu phải là chữ (ví dụ \"5G\") hoặc số thứ tự.");
  const found = refFindIndicator(catalog, input);
  if (found) return found;
  const asNumber = typeof input === "number" ? input : /^\d{1,3}$/.test(input.trim()) ? Number(input.trim()) : null;
  if (asNumber !== null) {
    if (!Number.isInteger(asNumber)) throw refInvalidValue(`Số thứ tự phải là số nguyên: ${asNumber}.`);
    const missing = catalog.missing.find((m) => m.stt === asNumber);
    if (missing) throw refNotAvailable(`Chỉ tiêu số thứ tự ${asNumber} không có trong danh mục: ${missing.reason}`);
    const stts = catalog.indicators.map((i) => i.stt);
    throw refNotAvailable(`Không có chỉ tiêu số thứ tự ${asNumber} (danh mục có ${Math.min(...stts)}–${Math.max(...stts)}).`);
  }
  const shown = String(input).trim();
  const near = refSuggestKeys(catalog, shown);
  throw refNotAvailable(
    near.length > 0
      ? `Không có chỉ tiêu '${shown}'. Có phải: ${near.join(", ")}?`
      : `Không có chỉ tiêu '${shown}'. Xem danh sách mã chỉ tiêu trong ngăn Chỉ tiêu.`,
  );
}

function refParseYear(input: CellInput): number {
  let year: number | null = null;
  if (typeof input === "number") year = input;
  else if (typeof input === "string" && /^\s*\d{4}\s*$/.test(input)) year = Number(input.trim());
  if (year === null || !Number.isInteger(year) || year < 2000 || year > 2100) {
    const shown = input === null || input === undefined || input === "" ? "(trống)" : String(input);
    throw refInvalidValue(`Năm không hợp lệ: ${shown}. Nhập năm dạng 2030.`);
  }
  return year;
}

function refTargetCell(ind: FnIndicator, yearInput: CellInput): { year: TargetYear; cell: CatalogCell } {
  const year = refParseYear(yearInput);
  if (!(TARGET_YEARS as readonly number[]).includes(year)) {
    const ys = TARGET_YEARS.filter((y) => ind.targets[y].value.kind !== "none");
    throw refNotAvailable(
      `Kế hoạch không đặt mục tiêu năm ${year}. ` +
        (ys.length > 0 ? `Chỉ tiêu ${ind.key} có mục tiêu các năm ${ys.join(", ")}.` : `Các năm mốc: ${TARGET_YEARS.join(", ")}.`),
    );
  }
  return { year: year as TargetYear, cell: ind.targets[year as TargetYear] };
}

function refNoneReason(cell: CatalogCell): string {
  const v = cell.value;
  if (v.kind !== "none") return "";
  if (v.reason === "new_not_assessed") return " (chỉ tiêu mới, chưa đánh giá)";
  if (v.reason === "dash") return ` (ô ghi "${cell.printed.trim()}")`;
  return " (ô để trống)";
}

const refPercentToFraction = (x: number) => Number((x / 100).toPrecision(12));

function refCellNumber(value: ParsedValue, direction: Direction, asWritten = false): number | null {
  const scale = (x: number, percent: boolean) => (percent && !asWritten ? refPercentToFraction(x) : x);
  switch (value.kind) {
    case "number":
      return scale(value.value, value.percent);
    case "range":
      return scale(direction === "lower" ? value.max : value.min, value.percent);
    case "comparator": {
      const b = value.bound;
      if (b.kind === "number") return scale(b.value, b.percent);
      return scale(value.op === "<=" || value.op === "<" ? b.max : b.min, b.percent);
    }
    case "rankGroup":
      return value.group;
    default:
      return null;
  }
}

function refHasPercentSign(v: ParsedValue): boolean {
  if (v.kind === "number" || v.kind === "range") return v.percent;
  if (v.kind === "comparator") return v.bound.percent;
  return false;
}

function refCellResult(ind: FnIndicator, cell: CatalogCell): number | string | null {
  if (cell.value.kind === "none") return null;
  let n = refCellNumber(cell.value, ind.direction);
  if (n !== null && cell.value.kind !== "rankGroup" && !refHasPercentSign(cell.value) && ind.unit.includes("%")) {
    const written = refCellNumber(cell.value, ind.direction, true);
    if (written !== null && written > 1.5) n = refPercentToFraction(n);
  }
  if (n !== null) return n;
  return cell.printed.trim() || null;
}

function refCtTarget(catalog: FnCatalog, key: CellInput, year: CellInput): number | string {
  const ind = refResolveIndicator(catalog, key);
  const { year: y, cell } = refTargetCell(ind, year);
  const result = refCellResult(ind, cell);
  if (result === null) throw refNotAvailable(`Chỉ tiêu ${ind.key} không có mục tiêu năm ${y}${refNoneReason(cell)}.`);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Inputs
// ---------------------------------------------------------------------------------------------------------

/** What a function answers: its value, or its error code and message (and that it is a CtError). */
function answer(fn: () => unknown): unknown {
  try {
    return { value: fn() };
  } catch (e) {
    return { ctError: e instanceof CtError, code: (e as CtError).code, message: (e as Error).message };
  }
}

/** The ways a key gets typed: as printed, lower case, mixed case, spaces or hyphens for underscores, padded, quoted. */
function spellings(ind: FnIndicator): CellInput[] {
  const k = ind.key;
  const mixed = [...k].map((c, i) => (i % 2 ? c.toLowerCase() : c)).join("");
  return [
    k,
    k.toLowerCase(),
    mixed,
    k.replace(/_/g, " "),
    k.toLowerCase().replace(/_/g, "-"),
    k.replace(/_/g, " - "),
    k.replace(/_/g, "–"),
    `  ${k}\t`,
    `${k}\u00a0`,
    `"${k}"`,
    `'${k.toLowerCase()}'`,
    `“${k}”`,
    `‘ ${k} ’`,
    ind.stt,
    String(ind.stt),
    ` ${ind.stt} `,
    ind.stt + 0.5,
    `${k}\u0301`,
  ];
}

const YEARS: CellInput[] = [...TARGET_YEARS, ...TARGET_YEARS.map(String), " 2030 ", 2028, "2028", 2050, 1999, "abc", "", null, true, 2030.5];

/** Keys that are not in the catalog: typos, fragments, words of names, odd text, numbers outside the catalog. */
const TYPOS: CellInput[] = [
  "5GX",
  "5H",
  "6",
  "PI",
  "PIII",
  "VNEDID",
  "CLOUDD",
  "chi khcn x",
  "CHI_KHC",
  "DN_KHCNN",
  "TTHC_TRUCTUYEN_SXKDX",
  "TTHC",
  "KHCN",
  "DN",
  "x",
  "_",
  "-",
  "__5G__",
  "chi tieu so hoa",
  "tỷ lệ doanh nghiệp",
  "Doanh nghiệp khoa học",
  "Số hóa hồ sơ",
  "đô thị thông minh",
  "DOANH_NGHIEP_KHOA_HOC_CONG_NGHE_TREN_DIA_BAN_TINH",
  "A".repeat(40),
  "ĐN_KHCN",
  "5Ǵ",
  "ｃｈｉ＿ｋｈｃｎ",
  "5G 6G",
  "'5G",
  "0",
  0,
  80,
  "200",
  "1000",
  8,
  -1,
  4.5,
  true,
  false,
  "   ",
];

/** Typos made at random from the keys and the names' words: a character dropped, doubled, changed, or two keys run together. */
function randomTypos(catalog: FnCatalog, count: number): string[] {
  let seed = 20240601;
  const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) % n);
  const keys = catalog.indicators.map((i) => i.key);
  const words = catalog.indicators.flatMap((i) => i.name.split(/\s+/)).filter((w) => w.length >= 3);
  const out: string[] = [];
  for (let t = 0; t < count; t++) {
    const k = keys[rand(keys.length)]!;
    const at = rand(k.length + 1);
    const c = "ABCDEGHIKNOSTX_0123456789"[rand(25)]!;
    switch (t % 7) {
      case 0:
        out.push(k.slice(0, at) + k.slice(at + 1));
        break;
      case 1:
        out.push(k.slice(0, at) + c + k.slice(at));
        break;
      case 2:
        out.push(k.slice(0, at) + c + k.slice(at + 1));
        break;
      case 3:
        out.push(k + keys[rand(keys.length)]!);
        break;
      case 4:
        out.push(k.slice(rand(3), k.length - rand(3)).toLowerCase());
        break;
      case 5:
        out.push(`${words[rand(words.length)]} ${words[rand(words.length)]}`);
        break;
      default:
        out.push(k.replace(/_/g, "").slice(0, 3 + rand(10)));
    }
  }
  return out;
}

/** A catalog whose keys are not all plain ASCII upper case, so the slow paths and the ordering of ties get used. */
function oddCatalog(): FnCatalog {
  const odd = structuredClone(bundledCatalog);
  const rename: Record<string, string> = { "5G": "5g", "6G": "Đ6G", PII: "P-II", HDI: "hdi", TFP: "T F P", DN_KHCN: "dn_khcn", CLOUD: "Clöud" };
  for (const ind of odd.indicators) ind.key = rename[ind.key] ?? ind.key;
  return odd;
}

const catalogs: [string, () => FnCatalog][] = [
  ["the slim catalog", () => structuredClone(bundledCatalog)],
  ["the full catalog", () => structuredClone(fullCatalog as unknown as FnCatalog)],
  ["a catalog with odd keys", oddCatalog],
];

// ---------------------------------------------------------------------------------------------------------
// The checks
// ---------------------------------------------------------------------------------------------------------

describe("the fast paths answer as the straightforward code does", () => {
  // Thousands of error answers: no stack traces (only the code and the message are compared).
  const stackTraceLimit = Error.stackTraceLimit;
  beforeAll(() => void (Error.stackTraceLimit = 0));
  afterAll(() => void (Error.stackTraceLimit = stackTraceLimit));
  afterEach(() => fns.configureFunctions({ cache: { current: bundledCatalog } }));

  /**
   * What `call` answers for every key × year, beside the reference's answer. Twice: the first pass computes, the
   * second answers from whatever the first remembered.
   */
  function targetAnswers(catalog: Parameters<typeof refCtTarget>[0], keys: CellInput[], call: (key: CellInput, year: CellInput) => unknown) {
    const expected: unknown[] = [];
    const actual: unknown[] = [];
    for (let pass = 0; pass < 2; pass++)
      for (const key of keys)
        for (const year of YEARS) {
          expected.push([key, year, answer(() => refCtTarget(catalog, key, year))]);
          actual.push([key, year, answer(() => call(key, year))]);
        }
    return { actual, expected };
  }

  for (const [label, make] of catalogs) {
    it(`CT.TARGET, every indicator in every spelling and every year, on ${label}`, () => {
      const catalog = make();
      const keys: CellInput[] = [...catalog.indicators.flatMap(spellings), ...TYPOS, ...randomTypos(catalog, 60)];
      const { actual, expected } = targetAnswers(catalog, keys, (key, year) => ctTarget(catalog, key, year));
      expect(actual).toEqual(expected);
      expect(actual.length).toBeGreaterThan(2 * 79 * 18 * YEARS.length);
    });

    it(`CT.TARGET through functions.ts (its memo) on ${label}`, () => {
      const catalog = make();
      fns.configureFunctions({ cache: { current: catalog } });
      const keys: CellInput[] = [...catalog.indicators.flatMap((i) => [i.key, i.key.toLowerCase(), i.stt]), ...TYPOS];
      const { actual, expected } = targetAnswers(catalog, keys, (key, year) => fns.target(key as string, year as number));
      expect(actual).toEqual(expected);
    });

    it(`suggestKeys on ${label}`, () => {
      const catalog = make();
      const queries = [
        ...TYPOS.filter((t): t is string => typeof t === "string"),
        ...randomTypos(catalog, 400),
        ...catalog.indicators.flatMap((i) => [i.key, i.key.toLowerCase(), i.name, i.shortName]),
      ];
      const expected: unknown[] = [];
      const actual: unknown[] = [];
      for (const q of queries)
        for (const n of [3, 1, 5, 0, -1]) {
          expected.push([q, n, refSuggestKeys(catalog, q, n)]);
          actual.push([q, n, suggestKeys(catalog, q, n)]);
        }
      expect(actual).toEqual(expected);
      expect(expected.filter((e) => (e as unknown[])[2]!.toString() !== "").length).toBeGreaterThan(queries.length);
    });
  }

  it("normalizeKey's shortcut gives what the whole normalization gives", () => {
    const texts = [
      ...fullCatalog.indicators.flatMap((i) => spellings(i as unknown as FnIndicator)).filter((t): t is string => typeof t === "string"),
      ...TYPOS.filter((t): t is string => typeof t === "string"),
    ];
    for (let c = 0; c < 0x250; c++) texts.push(String.fromCharCode(c), `a${String.fromCharCode(c)}b`, `${String.fromCharCode(c)}5g`);
    expect(texts.map((t) => [t, normalizeKey(t), normalizeKeyFully(t)])).toEqual(texts.map((t) => [t, refNormalizeKey(t), refNormalizeKey(t)]));
  });

  it("findIndicator finds what the straightforward lookup finds", () => {
    for (const [, make] of catalogs) {
      const catalog = make();
      const keys = [...catalog.indicators.flatMap(spellings), ...TYPOS];
      expect(keys.map((k) => [k, findIndicator(catalog, k)?.key])).toEqual(keys.map((k) => [k, refFindIndicator(catalog, k)?.key]));
      for (const k of keys) if (findIndicator(catalog, k) !== refFindIndicator(catalog, k)) expect.fail(`${String(k)}: another indicator object`);
    }
  });
});
