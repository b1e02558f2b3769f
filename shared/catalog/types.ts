import type { ParsedValue } from "../values/types.js";

export type GroupCode = "I" | "II" | "III" | "IV" | "V";
export const TARGET_YEARS = [2025, 2030, 2035, 2040, 2045] as const;
export type TargetYear = (typeof TARGET_YEARS)[number];

/** Which way is better for this indicator. Ranks ("Thứ bậc", "≤ 10", "Nhóm 10") are "lower". */
export type Direction = "higher" | "lower";

/**
 * What an input cell of an indicator expects (its value kind), derived once by `npm run catalog`
 * (scripts/derive/kinds.ts) from the unit, baseline and targets, or decided by hand where the derivation is unsure.
 * Not to be confused with `ValueKind` (shared/forms/types.ts), which is the kind of a form COLUMN.
 *  - percentShare: a percentage of a whole, 0–100% ("Tỷ lệ … được số hóa");
 *  - percentOpen:  a percentage that may exceed 100% or be negative (growth, ratio to plan, contribution to growth);
 *  - count:        a whole number ≥ 0 (doanh nghiệp, công trình, bài báo…);
 *  - amount:       a decimal number ≥ 0 (người/vạn dân, doanh nghiệp/1.000 dân…);
 *  - index:        a number from 0 to 1 (DTI, HDI);
 *  - rank:         a position, whole number ≥ 1, lower is better ("Thứ bậc", "≤ 10");
 *  - rankGroup:    a position or a group "Nhóm N" (top N), lower is better;
 *  - yesno:        Có / Không;
 *  - status:       the ladder Chưa triển khai < Đang triển khai < Cơ bản hoàn thành < Hoàn thành (Có/Không accepted);
 *  - text:         qualitative text ("Thuộc nhóm các tỉnh, thành phố ở mức Khá").
 */
export type ExpectKind =
  | "percentShare"
  | "percentOpen"
  | "count"
  | "amount"
  | "index"
  | "rank"
  | "rankGroup"
  | "yesno"
  | "status"
  | "text";
export const EXPECT_KINDS: readonly ExpectKind[] = [
  "percentShare",
  "percentOpen",
  "count",
  "amount",
  "index",
  "rank",
  "rankGroup",
  "yesno",
  "status",
  "text",
];

/** A doubt a user can see: the source text is damaged or ambiguous here. */
export interface Doubt {
  /** "name" | "unit" | "baseline" | "2025" | "2030" | "2035" | "2040" | "2045" | "agencies" | "stt" | "row" */
  field: string;
  /** Vietnamese, shown to users as is. */
  reason: string;
}

/** One printed cell: the exact text and what it parses to. */
export interface CatalogCell {
  printed: string;
  value: ParsedValue;
}

export interface Indicator {
  /** Short ASCII key an Excel user types, unique case-insensitively: "5G", "CHI_NSNN_KHCN"... */
  key: string;
  /** Position 1..79 in the plan (the printed STT where present; inferred where missing, with a doubt). */
  stt: number;
  /** STT exactly as printed ("" when the row was unnumbered in the source). */
  sttPrinted: string;
  group: GroupCode;
  /** Name exactly as printed in the extracted text. */
  namePrinted: string;
  /** Name with OCR fixes applied. */
  name: string;
  /** The first words of `name`, cut at a word boundary (≤ 60 characters, "…" when cut): how messages name the row. */
  shortName: string;
  ocrFixes: { from: string; to: string }[];
  unit: string;
  direction: Direction;
  /** What an actual/projected cell of this indicator expects (see ExpectKind). */
  expect: ExpectKind;
  /** "derived" from unit, baseline and targets by rule; "manual" when decided by hand (then `expectNote` says why). */
  expectBy: "derived" | "manual";
  /** Vietnamese: why the kind was decided by hand. */
  expectNote?: string;
  baseline: CatalogCell;
  targets: Record<TargetYear, CatalogCell>;
  agencies: string[];
  /** Footnote (*)/(^c): new indicator, not yet assessed (no central guidance). */
  newNotAssessed: boolean;
  doubts: Doubt[];
  source: { file: string; lines: [number, number] };
  /**
   * True when the row is absent from the extracted Phụ lục I and was rebuilt from other
   * sources (Phụ lục V of the 2025-2030 report); the doubts say what came from where.
   */
  reconstructed?: boolean;
}

export interface CrossCheckDisagreement {
  key: string;
  field: "baseline" | "2025" | "2030" | "name" | "unit";
  planText: string;
  reportText: string;
  note: string;
}

export interface Catalog {
  /** Content hash; changes whenever the data changes (used for ETag). */
  version: string;
  title: string;
  groups: { code: GroupCode; name: string; declaredCount: number }[];
  indicators: Indicator[];
  /** Rows the document declares but the extracted text does not give (or gives unusable). */
  missing: { stt: number | null; group: GroupCode; reason: string }[];
  /** How the count was reconciled with the declared 79, in Vietnamese sentences. */
  reconciliation: string[];
  /** Baseline/2025/2030 disagreements with Phụ lục V of the 2025-2030 report. */
  crossCheck: CrossCheckDisagreement[];
}
