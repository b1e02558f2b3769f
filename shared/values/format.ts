/**
 * Canonical vi-VN display of a parsed value, and its numeric magnitude for Excel.
 *
 * formatValue: decimal comma, thousand dots ("1.200,5"), "60%" (no space), "≥ 1,5%", "50-60",
 * "3-4 lần", "Nhóm 10", "Có"/"Không", "Đang triển khai", "-" for a dash, "" for a blank cell
 * (an empty cell stays empty, so the round trip keeps `blank` and `dash` apart) and
 * "Chỉ tiêu mới, chưa đánh giá" for new_not_assessed.
 * For every string s that parses: parseValue(formatValue(parseValue(s))) deep-equals parseValue(s).
 */
import type { Comparator, NumberValue, ParsedValue, RangeValue, StatusCode } from "./types.js";

export const STATUS_LABELS: Record<StatusCode, string> = {
  chua_trien_khai: "Chưa triển khai",
  dang_trien_khai: "Đang triển khai",
  co_ban_hoan_thanh: "Cơ bản hoàn thành",
  hoan_thanh: "Hoàn thành",
};

export const COMPARATOR_SYMBOLS: Record<Comparator, string> = {
  ">=": "≥",
  "<=": "≤",
  ">": ">",
  "<": "<",
};

export const NEW_NOT_ASSESSED_LABEL = "Chỉ tiêu mới, chưa đánh giá";

/** Plain decimal digits of |x| without exponent notation ("1e-7" → "0.0000001"). */
function plainDigits(x: number): string {
  const s = Math.abs(x).toString();
  const m = /^(\d)(?:\.(\d+))?e([+-])(\d+)$/.exec(s);
  if (!m) return s;
  const mant = `${m[1]}${m[2] ?? ""}`;
  const exp = Number(m[4]);
  if (m[3] === "-") return `0.${"0".repeat(exp - 1)}${mant}`;
  return mant.length > exp + 1 ? `${mant.slice(0, exp + 1)}.${mant.slice(exp + 1)}` : mant + "0".repeat(exp + 1 - mant.length);
}

/** 1200.5 → "1.200,5"; 0.61 → "0,61"; -2.5 → "-2,5". */
export function formatNumber(x: number): string {
  if (!Number.isFinite(x)) return "";
  const [int = "0", frac] = plainDigits(x).split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, ".");
  const sign = x < 0 ? "-" : "";
  return frac ? `${sign}${grouped},${frac}` : `${sign}${grouped}`;
}

function withUnit(text: string, unit: string | undefined): string {
  return unit ? `${text} ${unit}` : text;
}

function formatQuantity(v: NumberValue | RangeValue): string {
  const pct = v.percent ? "%" : "";
  const core = v.kind === "number" ? `${formatNumber(v.value)}${pct}` : `${formatNumber(v.min)}-${formatNumber(v.max)}${pct}`;
  return withUnit(core, v.unit);
}

export function formatValue(v: ParsedValue): string {
  switch (v.kind) {
    case "number":
    case "range":
      return formatQuantity(v);
    case "comparator":
      return `${COMPARATOR_SYMBOLS[v.op]} ${formatQuantity(v.bound)}`;
    case "rankGroup":
      return `Nhóm ${v.group}`;
    case "yesno":
      return v.value ? "Có" : "Không";
    case "status":
      return STATUS_LABELS[v.status];
    case "text":
      return v.text;
    case "none":
      return v.reason === "new_not_assessed" ? NEW_NOT_ASSESSED_LABEL : v.reason === "dash" ? "-" : "";
  }
}

/** Rounds away binary noise from a division (0.61 / 100 → 0.0061, not 0.006100000000000001). */
function clean(x: number): number {
  return Number(x.toPrecision(15));
}

function quantityNumber(v: NumberValue): number {
  return v.percent ? clean(v.value / 100) : v.value;
}

/**
 * Numeric magnitude usable in an Excel cell, or null.
 *  - number: the value; a percent becomes a fraction (60% → 0.6), as Excel stores percentages.
 *  - range: the midpoint (50-60 → 55; 15-20% → 0.175). A range has no single value; the midpoint is
 *    the least surprising one to sum or chart. assess() does not use it (it compares with both ends).
 *  - comparator: its bound; with a range bound, the min for ≥ / > and the max for ≤ / <
 *    ("> 3-4 lần" → 3, "≤ 5-10" → 10).
 *  - rankGroup: the group (Nhóm 10 → 10).
 *  - yesno, status, text, none: null.
 */
export function toNumber(v: ParsedValue): number | null {
  switch (v.kind) {
    case "number":
      return quantityNumber(v);
    case "range": {
      const mid = clean((v.min + v.max) / 2);
      return v.percent ? clean(mid / 100) : mid;
    }
    case "comparator": {
      const b = v.bound;
      if (b.kind === "number") return quantityNumber(b);
      const end = v.op === ">=" || v.op === ">" ? b.min : b.max;
      return b.percent ? clean(end / 100) : end;
    }
    case "rankGroup":
      return v.group;
    default:
      return null;
  }
}
