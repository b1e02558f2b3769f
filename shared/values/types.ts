/**
 * A cell value as staff write it in the appendix tables, parsed into a typed form.
 * `raw` is always what was typed/printed; the parsed value never replaces it.
 */

/** A plain quantity. `percent` means the text carried a % sign (value is as written: "60%" → 60). */
export interface NumberValue {
  kind: "number";
  value: number;
  percent: boolean;
  /** A unit written inside the cell, e.g. "ha" in "≥ 450 ha", "lần" in "3-4 lần". */
  unit?: string;
}

/** "50-60", "3-4 lần", "15-20%". */
export interface RangeValue {
  kind: "range";
  min: number;
  max: number;
  percent: boolean;
  unit?: string;
}

export type Comparator = ">=" | "<=" | ">" | "<";

/** "≥ 1,5%", "≤ 10", "> 3-4 lần". The bound is a number or a range. */
export interface ComparatorValue {
  kind: "comparator";
  op: Comparator;
  bound: NumberValue | RangeValue;
}

/** "Nhóm 10": belongs to the top-N group. Lower N is better. */
export interface RankGroupValue {
  kind: "rankGroup";
  group: number;
}

/** "Có" / "Không". */
export interface YesNoValue {
  kind: "yesno";
  value: boolean;
}

export type StatusCode =
  | "chua_trien_khai"
  | "dang_trien_khai"
  | "co_ban_hoan_thanh"
  | "hoan_thanh";

/** Progress statuses: "Đang triển khai", "Cơ bản hoàn thành", "Hoàn thành"/"Đã hoàn thành"... */
export interface StatusValue {
  kind: "status";
  status: StatusCode;
}

/** Qualitative text that has meaning but no number, e.g. "Thuộc nhóm các tỉnh, thành phố ở mức Khá". */
export interface TextValue {
  kind: "text";
  text: string;
}

export type NoDataReason = "blank" | "dash" | "new_not_assessed";

/** "-", "_", blank, "Chỉ tiêu mới, chưa đánh giá". */
export interface NoDataValue {
  kind: "none";
  reason: NoDataReason;
}

export type ParsedValue =
  | NumberValue
  | RangeValue
  | ComparatorValue
  | RankGroupValue
  | YesNoValue
  | StatusValue
  | TextValue
  | NoDataValue;

export type ParseResult =
  | { ok: true; value: ParsedValue }
  | { ok: false; message: string };
