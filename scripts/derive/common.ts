/**
 * Shared helpers of the catalog/forms derivation: where the seeds are, which value parser to use,
 * text normalisation, the OCR fix table, and deterministic JSON + content hash.
 */
import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogCell } from "../../shared/catalog/types.js";
import { parseValue } from "../../shared/values/index.js";
import type { ParseResult } from "../../shared/values/types.js";

export type ParseFn = (raw: string) => ParseResult;

/** The project's value parser (shared/values); every CatalogCell.value is its output. */
export const defaultParse: ParseFn = parseValue;

/** Seed files (read-only, extracted from PDFs). */
export const PLAN_FILE = "001_cf697fb736dc9a81.txt"; // Kế hoạch 266-KH/TU, Phụ lục I
export const REPORT_FILE = "000_40e726fba39188e5.txt"; // Báo cáo 2025-2030, Phụ lục V
export const COMMUNE_FILE = "003_93a68e6669004b36.txt"; // Kế hoạch xã/phường, Phụ lục 1 và 2

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** `SEEDS_DIR` if set, else `../shared/seeds` next to the repo root. */
export function resolveSeedsDir(repoRoot: string = REPO_ROOT): string {
  const env = process.env.SEEDS_DIR;
  return env && env.trim() ? path.resolve(env) : path.resolve(repoRoot, "../shared/seeds");
}

export function seedsAvailable(seedsDir: string): boolean {
  return [PLAN_FILE, REPORT_FILE, COMMUNE_FILE].every((f) => fs.existsSync(path.join(seedsDir, f)));
}

export function readLines(seedsDir: string, file: string): string[] {
  return fs.readFileSync(path.join(seedsDir, file), "utf8").replace(/\r\n?/g, "\n").split("\n");
}

/** One printed cell parsed; a failure becomes text and is reported through `onFail`. */
export function makeCell(printed: string, parse: ParseFn, onFail: (message: string) => void): CatalogCell {
  const r = parse(printed);
  if (r.ok) return { printed, value: r.value };
  onFail(r.message);
  return { printed, value: { kind: "text", text: printed } };
}

/** For comparing printed cells: blank and "-" stay distinct, otherwise like compareKey. */
export function cellKey(s: string): string {
  const c = clean(s);
  if (c === "") return "<trống>";
  return compareKey(c) || c;
}

/** Collapse whitespace, NFC. */
export function clean(s: string): string {
  return s.normalize("NFC").replace(/\s+/g, " ").trim();
}

/** Old-style tone placement ("hoá") → new ("hóa"), so the two documents compare equal. */
function toneStyle(s: string): string {
  return s
    .replace(/o([áàảãạ])/g, (_m, v: string) => ({ á: "óa", à: "òa", ả: "ỏa", ã: "õa", ạ: "ọa" })[v] ?? _m)
    .replace(/u([ýỳỷỹỵ])/g, (_m, v: string) => ({ ý: "úy", ỳ: "ùy", ỷ: "ủy", ỹ: "ũy", ỵ: "ụy" })[v] ?? _m);
}

/** For comparing names/values across documents: lowercase, same tone style, "tỉ"="tỷ", no punctuation/spaces. */
export function compareKey(s: string): string {
  return toneStyle(clean(s).toLowerCase())
    .replace(/(^|\s)tỉ(?=\s)/g, "$1tỷ")
    .replace(/[^\p{L}\p{N}%≥≤]/gu, "");
}

/**
 * OCR errors seen in the extracted text. Applied to names, units, cells and headings; every application is
 * recorded in the indicator's `ocrFixes`.
 */
export const OCR_FIXES: { from: string; to: string }[] = [
  { from: "Chi tiêu", to: "Chỉ tiêu" },
  { from: "Chi số", to: "Chỉ số" },
  { from: "chuyên đổi số", to: "chuyển đổi số" },
  { from: "CHUYÊN ĐÓI SỐ", to: "CHUYỂN ĐỔI SỐ" },
  { from: "cấp tinh", to: "cấp tỉnh" },
  { from: "trong tinh", to: "trong tỉnh" },
  { from: "nghiên thu", to: "nghiệm thu" },
  { from: "Úng dụng", to: "Ứng dụng" },
  { from: "Dạt ", to: "Đạt " },
  { from: "tổp", to: "tốp" },
  { from: "dân dầu cá nước", to: "dẫn đầu cả nước" },
  { from: "Sở sức khỏe", to: "Sổ sức khỏe" },
  { from: "VNedID", to: "VNeID" },
  { from: "chỉnh quyền", to: "chính quyền" },
  { from: "giám phát thái", to: "giảm phát thải" },
  { from: "(PII) tỉnh Thanh Hóa)", to: "(PII tỉnh Thanh Hóa)" },
  { from: "hành ch nh", to: "hành chính" },
];

export function applyOcr(text: string, fixes: { from: string; to: string }[]): string {
  let out = text;
  for (const f of OCR_FIXES) {
    if (out.includes(f.from)) {
      out = out.split(f.from).join(f.to);
      if (!fixes.some((x) => x.from === f.from && x.to === f.to)) fixes.push({ ...f });
    }
  }
  return out;
}

/** Deterministic JSON text with `version` = sha256 of the content without the version. */
export function withVersion<T extends { version: string }>(obj: Omit<T, "version">): T {
  const body = JSON.stringify(obj);
  const version = createHash("sha256").update(body).digest("hex");
  return { version, ...obj } as T;
}

export function toJsonText(obj: unknown): string {
  return JSON.stringify(obj, null, 2) + "\n";
}
