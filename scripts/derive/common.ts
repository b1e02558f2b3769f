/**
 * Shared helpers of the catalog/forms/tasks derivation: where the seeds are (whole files or the vendored
 * excerpts in data/seeds), which value parser to use, text normalisation, the OCR fix table, and
 * deterministic JSON + content hash.
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
export const PLAN_FILE = "001_cf697fb736dc9a81.txt"; // Kế hoạch 266-KH/TU, Phụ lục I–IV
export const REPORT_FILE = "000_40e726fba39188e5.txt"; // Báo cáo 2025-2030, Phụ lục II and V
export const COMMUNE_FILE = "003_93a68e6669004b36.txt"; // Kế hoạch xã/phường, Phụ lục 1 và 2
export const SEED_FILES = [PLAN_FILE, REPORT_FILE, COMMUNE_FILE] as const;

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** The excerpts of the seeds that the derivations read, committed with the repository (see data/seeds/README.md). */
export const VENDORED_SEEDS_DIR = path.join(REPO_ROOT, "data", "seeds");
export const SEED_MANIFEST = "manifest.json";

/** `SEEDS_DIR` if set (a folder of whole seed files, or of excerpts with a manifest), else the vendored excerpts. */
export function resolveSeedsDir(repoRoot: string = REPO_ROOT): string {
  const env = process.env.SEEDS_DIR;
  return env && env.trim() ? path.resolve(env) : path.join(repoRoot, "data", "seeds");
}

/** Where the original, whole seed files live when they are there at all (`SEEDS_ORIGINAL`, else `../shared/seeds`). */
export function originalSeedsDir(repoRoot: string = REPO_ROOT): string {
  const env = process.env.SEEDS_ORIGINAL;
  return env && env.trim() ? path.resolve(env) : path.resolve(repoRoot, "../shared/seeds");
}

/** One vendored excerpt: original lines `from`..`to` (1-based, inclusive) of a seed file, stored in `path`. */
export interface SeedExcerpt {
  from: number;
  to: number;
  /** File name inside the vendored folder. */
  path: string;
  /** sha256 of the excerpt file's text (UTF-8, "\n" line ends; a checkout with "\r\n" hashes the same). */
  sha256: string;
  /** What reads these lines (for people). */
  reason: string;
}

export interface SeedManifestFile {
  file: string;
  title: string;
  /** Number of lines of the original (`text.split("\n").length`), so the rebuilt array has the original numbering. */
  lineCount: number;
  /** sha256 of the whole original file's text ("\n" line ends), to tell whether the seeds changed since vendoring. */
  sha256: string;
  excerpts: SeedExcerpt[];
}

export interface SeedManifest {
  note: string;
  files: SeedManifestFile[];
}

export function readSeedManifest(seedsDir: string): SeedManifest | null {
  const file = path.join(seedsDir, SEED_MANIFEST);
  if (!fs.existsSync(file)) return null;
  return JSON.parse(fs.readFileSync(file, "utf8")) as SeedManifest;
}

export function sha256(data: string): string {
  return createHash("sha256").update(data).digest("hex");
}

/** Excerpt file text for lines `from`..`to` of `lines` (one "\n" after every line). */
export function excerptText(lines: string[], from: number, to: number): string {
  return lines.slice(from - 1, to).map((l) => l + "\n").join("");
}

/** Each seed is there either whole or as excerpts listed in the folder's manifest. */
export function seedsAvailable(seedsDir: string): boolean {
  const manifest = readSeedManifest(seedsDir);
  return SEED_FILES.every((f) => {
    if (fs.existsSync(path.join(seedsDir, f))) return true;
    const m = manifest?.files.find((x) => x.file === f);
    return !!m && m.excerpts.every((e) => fs.existsSync(path.join(seedsDir, e.path)));
  });
}

/** Text with "\r\n"/"\r" line ends turned into "\n" (what every reader and hash here works on). */
export function unixText(text: string): string {
  return text.replace(/\r\n?/g, "\n");
}

/**
 * The lines of a seed file, 0-based array index = original line number - 1. A whole file is read as is; from
 * vendored excerpts the array is rebuilt with the original length, lines outside the excerpts being "".
 */
export function readLines(seedsDir: string, file: string): string[] {
  const whole = path.join(seedsDir, file);
  if (fs.existsSync(whole)) return unixText(fs.readFileSync(whole, "utf8")).split("\n");
  const m = readSeedManifest(seedsDir)?.files.find((x) => x.file === file);
  if (!m) throw new Error(`Không có tệp nguồn ${file} trong ${seedsDir} (cả tệp đầy đủ lẫn trích đoạn trong ${SEED_MANIFEST}).`);
  const out = new Array<string>(m.lineCount).fill("");
  for (const e of m.excerpts) {
    const text = unixText(fs.readFileSync(path.join(seedsDir, e.path), "utf8"));
    if (sha256(text) !== e.sha256) throw new Error(`${e.path}: nội dung khác mã băm trong ${SEED_MANIFEST} (trích đoạn bị sửa tay?).`);
    const lines = text.split("\n");
    if (lines.pop() !== "") throw new Error(`${e.path}: thiếu ký tự xuống dòng cuối tệp.`);
    if (lines.length !== e.to - e.from + 1) throw new Error(`${e.path}: có ${lines.length} dòng, manifest ghi ${e.from}-${e.to}.`);
    if (e.to > m.lineCount) throw new Error(`${e.path}: dòng ${e.to} vượt quá ${m.lineCount} dòng của ${file}.`);
    lines.forEach((l, k) => (out[e.from - 1 + k] = l));
  }
  return out;
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

export function applyOcr(
  text: string,
  fixes: { from: string; to: string }[],
  table: readonly { from: string; to: string }[] = OCR_FIXES,
): string {
  let out = text;
  for (const f of table) {
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
  const version = sha256(body);
  return { version, ...obj } as T;
}

export function toJsonText(obj: unknown): string {
  return JSON.stringify(obj, null, 2) + "\n";
}
