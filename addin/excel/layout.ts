// Pure layout of the appendix tables: where title, header and data go, and what the catalog cells say.
// Shared by open-form (entry sheets), read-sheet (mapping back) and pull (merged sheets). No Office.js here.
import type { ColumnDef, FormDef, FormRow } from "../../shared/forms/types.js";
import type { Indicator } from "../../shared/catalog/types.js";
import { periodLabel } from "../../shared/forms/index.js";
import { periodShortLabel } from "../../shared/periods/index.js";
import { formForPeriod } from "../../shared/forms/target.js";

export interface FormLayout {
  titleLines: string[];
  /** 0-based first header row. */
  headerStart: number;
  headerRows: number;
  dataStart: number;
  ncols: number;
  /** Hidden item-id column, right after the visible ones. */
  idCol: number;
  fields: (string | null)[];
}

export const FILL = {
  header: "#D9E1F2",
  catalog: "#F2F2F2",
  group: "#FFF2CC",
  input: "#FFFFFF",
  error: "#FFC7CE",
  warning: "#FFEB9C",
  vuot: "#C6EFCE",
  dat: "#E2EFDA",
  khong_dat: "#FFC7CE",
  chua_danh_gia: "#EDEDED",
  uoc_dat: "#DDEBF7",
  du_kien_khong_dat: "#FCE4D6",
  doubt: "#FFF2CC",
  muted: "#F2F2F2",
  summary: "#EDF3FA",
} as const;

/** Excel column width is in points; a "character" of Calibri 11 is about 5.7 pt. */
export const charsToPoints = (chars: number) => Math.round(chars * 5.7 + 5);

/**
 * Title lines of an entry sheet: the form's title for the period's year, the period by its label, which target the
 * period is compared with when the plan has none for that year, and the reporting unit.
 */
export function sheetTitle(form: FormDef, period: string, unitName?: string): string[] {
  const { form: f, basis } = formForPeriod(form, period);
  const lines = [...f.title, `Kỳ báo cáo: ${periodLabel(period)}${basis ? ` — so sánh với ${basis.charAt(0).toLowerCase()}${basis.slice(1)}` : ""}`];
  if (unitName) lines.push(`Đơn vị báo cáo: ${unitName}`);
  return lines;
}

export function formLayout(form: FormDef, period: string, unitName?: string): FormLayout {
  const titleLines = sheetTitle(form, period, unitName);
  const headerStart = titleLines.length + 1;
  const headerRows = form.kind === "tasks" ? 1 : form.headerRows;
  return {
    titleLines,
    headerStart,
    headerRows,
    dataStart: headerStart + headerRows,
    ncols: form.columns.length,
    idCol: form.columns.length,
    fields: form.columns.map((c) => c.id),
  };
}

/** Text of a catalog-role cell for an indicator row. */
export function catalogText(
  row: Extract<FormRow, { type: "indicator" }>,
  col: ColumnDef,
  find: (key: string) => Indicator | undefined,
): string {
  const own = row.values?.[col.id];
  if (own) return own.printed;
  if (col.id === "stt") return row.stt;
  const ind = find(row.indicatorKey);
  if (col.id === "name") return row.name ?? ind?.name ?? row.indicatorKey;
  if (col.id === "unit") return row.unit ?? ind?.unit ?? "";
  if (!ind) return "";
  if (col.id === "baseline") return ind.baseline.printed;
  if (col.id === "agencies") return ind.agencies.join("; ");
  const m = /^target(\d{4})$/.exec(col.id);
  if (m) return (ind.targets as Record<string, { printed: string } | undefined>)[m[1]!]?.printed ?? "";
  return "";
}

/** Number format per column kind: text ("@") keeps what staff type exactly ("≥ 1,5%", "85%", "Có"). */
export function numberFormatFor(col: ColumnDef): string {
  return col.kind === "money" ? "#,##0.0" : "@";
}

/** A safe, unique sheet name (≤ 31 chars, no []:*?/\). */
export function uniqueSheetName(base: string, taken: string[]): string {
  const clean = base.replace(/[[\]:*?/\\]/g, "-").slice(0, 31);
  const lower = new Set(taken.map((t) => t.toLowerCase()));
  if (!lower.has(clean.toLowerCase())) return clean;
  for (let i = 2; ; i++) {
    const suffix = ` (${i})`;
    const name = clean.slice(0, 31 - suffix.length) + suffix;
    if (!lower.has(name.toLowerCase())) return name;
  }
}

/** Entry sheet of a form and period: "Phụ lục 1 Năm 2026", "Phụ lục I 6T-2025" (≤ 31 characters). */
export function entrySheetName(form: FormDef, period: string): string {
  return `${shortFormName(form)} ${periodShortLabel(period)}`.slice(0, 31);
}

/** Pulled province table of a form and period: "TH Phụ lục 1 Năm 2026". */
export function mergedSheetName(form: FormDef, period: string): string {
  return `TH ${shortFormName(form)} ${periodShortLabel(period)}`.slice(0, 31);
}

/** Pulled submission progress of a form and period: "Tiến độ nộp Phụ lục 1 Năm 2026" (≤ 31 characters). */
export function progressSheetName(form: FormDef, period: string): string {
  const full = `Tiến độ nộp ${shortFormName(form)} ${periodShortLabel(period)}`;
  return full.length <= 31 ? full : `Nộp ${shortFormName(form)} ${periodShortLabel(period)}`.slice(0, 31);
}

export function shortFormName(form: FormDef): string {
  if (form.id === "pl1-tinh") return "Phụ lục I";
  if (form.id === "pl1-xa") return "Phụ lục 1";
  if (form.id === "pl2-xa") return "Phụ lục 2";
  if (form.id === "tiendo-nv") return "Tiến độ NV";
  return form.id;
}

/** Raw text of a cell as the unit typed it: strings as they are, numbers as Excel shows them. */
export function rawOf(value: unknown, text: string | undefined, numberFormat?: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "string") return value.trim();
  if (typeof value === "boolean") return value ? "Có" : "Không";
  if (typeof value === "number") {
    if (text && !/^#+$/.test(text.trim())) return text.trim();
    const fmt = typeof numberFormat === "string" ? numberFormat : "General";
    const pct = fmt.includes("%");
    const n = pct ? value * 100 : value;
    const s = new Intl.NumberFormat("vi-VN", { useGrouping: false, maximumFractionDigits: 10 }).format(n);
    return pct ? `${s}%` : s;
  }
  return String(value);
}
