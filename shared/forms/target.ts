/**
 * Which target a period is compared with, and how a form reads for the period's year. One rule for the task pane's
 * entry sheets and (later) the worker's merge, so a clerk and the Sở KH&CN see the same target for the same row.
 *
 * For a period of year Y, a row's target is, in order:
 *   1. the target the form prints for Y (commune forms print their plan year, e.g. `target2025`);
 *   2. an admin correction for Y (`PUT /api/admin/targets/:key/:year`), when the caller has them;
 *   3. the catalog's (Phụ lục I's) target for Y when the plan has that milestone (2025, 2030, …);
 *   4. otherwise the next milestone after Y, shown for information and not assessed against:
 *      "Mục tiêu 2030 (chưa có mục tiêu năm 2026)".
 * The worker's merge (worker/src/merge.ts `targetFor`) applies 1–4 for Phụ lục I; for forms with a `targetYear` it still
 * compares every year with the printed plan-year target. Switching it to this function is a one-line change there.
 */
import { TARGET_YEARS, type CatalogCell, type Indicator } from "../catalog/types.js";
import { findIndicator } from "../catalog/index.js";
import { targetYearOf } from "../periods/index.js";
import type { ParsedValue } from "../values/types.js";
import type { FormDef, FormRow } from "./types.js";

export type IndicatorRow = Extract<FormRow, { type: "indicator" }>;

/** An admin's target correction, as GET /api/catalog lists them (`targetOverrides`). */
export interface TargetOverride {
  key: string;
  year: number;
  text: string;
  value?: ParsedValue;
}

export interface TargetInfo {
  /** The target text as printed ("60%"); "" when there is none. */
  text: string;
  value: ParsedValue;
  /** The year of the target used; null when there is none. */
  year: number | null;
  /** The target is for the period's own year. */
  exact: boolean;
  /** Whether an assessment against it means anything (a later milestone says nothing about this year). */
  assessable: boolean;
  /** Where the target comes from. */
  source: "form" | "override" | "catalog" | "milestone" | "none";
  /** What a person reads above or beside the target: "Mục tiêu 2025", "Mục tiêu 2030 (chưa có mục tiêu năm 2026)". */
  label: string;
  /** The source documents' doubt about this target, if any (Vietnamese, shown as is). */
  doubt?: string;
}

const NONE: ParsedValue = { kind: "none", reason: "blank" };
const YEARS = TARGET_YEARS as readonly number[];

function withDoubt(t: TargetInfo, doubts: { reason: string }[] | undefined): TargetInfo {
  return doubts && doubts.length > 0 ? { ...t, doubt: doubts.map((d) => d.reason).join(" ") } : t;
}

/** The target a row of `form` is compared with in a period of `year` (rules 1–4 above). */
export function targetForPeriod(
  form: FormDef,
  row: IndicatorRow,
  indicator: Indicator | undefined,
  year: number,
  overrides: TargetOverride[] = [],
): TargetInfo {
  const exact = (text: string, value: ParsedValue, source: TargetInfo["source"]): TargetInfo => ({
    text,
    value,
    year,
    exact: true,
    assessable: true,
    source,
    label: `Mục tiêu ${year}`,
  });
  const printed: CatalogCell | undefined = row.values?.[`target${year}`];
  if (printed) return withDoubt(exact(printed.printed, printed.value, "form"), row.doubts?.filter((d) => d.field === `target${year}`));
  const key = indicator?.key ?? row.indicatorKey;
  const o = overrides.find((x) => x.key === key && x.year === year);
  if (o) return exact(o.text, o.value ?? NONE, "override");
  if (!indicator) return { text: "", value: NONE, year: null, exact: false, assessable: false, source: "none", label: `Mục tiêu ${year}` };
  if (YEARS.includes(year)) {
    const cell = indicator.targets[year as (typeof TARGET_YEARS)[number]];
    if (cell.printed)
      return withDoubt(exact(cell.printed, cell.value, "catalog"), indicator.doubts.filter((d) => d.field === String(year)));
  }
  const next = YEARS.find((y) => y > year && (overrides.some((x) => x.key === key && x.year === y) || indicator.targets[y as (typeof TARGET_YEARS)[number]].printed));
  if (next === undefined)
    return { text: "", value: NONE, year: null, exact: false, assessable: false, source: "none", label: `Mục tiêu ${year}` };
  const o2 = overrides.find((x) => x.key === key && x.year === next);
  const text = o2?.text ?? indicator.targets[next as (typeof TARGET_YEARS)[number]].printed;
  return {
    text,
    value: o2?.value ?? indicator.targets[next as (typeof TARGET_YEARS)[number]].value,
    year: next,
    exact: false,
    assessable: false,
    source: "milestone",
    label: milestoneLabel(next, year),
  };
}

/** "Mục tiêu 2030 (chưa có mục tiêu năm 2026)". */
export function milestoneLabel(targetYear: number, year: number): string {
  return `Mục tiêu ${targetYear} (chưa có mục tiêu năm ${year})`;
}

/** The year a yearly plan form was printed for (its target year, or "NĂM 2025" in its first title line); null for Phụ lục I. */
export function planYearOf(form: FormDef): number | null {
  if (form.targetYear) return form.targetYear;
  const m = /\bNĂM (20\d\d)\b/i.exec(form.title[0] ?? "");
  return m ? Number(m[1]) : null;
}

/** The form's title lines for a year: "…HOÀN THÀNH NĂM 2025" becomes "…HOÀN THÀNH NĂM 2026" on a yearly plan form. */
export function formTitleLines(form: FormDef, year: number): string[] {
  const plan = planYearOf(form);
  if (plan === null || plan === year) return [...form.title];
  const re = new RegExp(`\\b(năm|Năm|NĂM) ${plan}\\b`, "g");
  return form.title.map((line) => line.replace(re, (_m, word: string) => `${word} ${year}`));
}

/** The catalog columns that print a target of the plan year (e.g. `target2025` on Phụ lục 1). */
function planTargetColumns(form: FormDef): string[] {
  const plan = planYearOf(form);
  return plan === null ? [] : form.columns.filter((c) => c.role === "catalog" && c.id === `target${plan}`).map((c) => c.id);
}

/**
 * What a form reads like in the period's year, for writing an entry sheet: title lines for the year, and on yearly plan
 * forms the target column holding the target the period is compared with (header says which; when the plan has no
 * target for that year, "Mục tiêu 2030 (chưa có mục tiêu năm 2026)"). Ids, columns and rows are unchanged, so what is read
 * back and sent is the same as for the printed form. `basis` says, for a title line, which target the sheet compares with
 * when it is not the year's own (null when it is, or when the form has no target column).
 */
export function formForPeriod(
  form: FormDef,
  period: string,
  opts: { find?: (key: string) => Indicator | undefined; overrides?: TargetOverride[] } = {},
): { form: FormDef; year: number; basis: string | null } {
  const year = targetYearOf(period);
  const find = opts.find ?? findIndicator;
  const title = formTitleLines(form, year);
  const cols = planTargetColumns(form);
  if (cols.length === 0 || form.kind !== "indicators") {
    // Phụ lục I prints every milestone; say which one the period is compared with when it is not the year's own.
    const basis = form.kind === "indicators" && !YEARS.includes(year) ? basisFor(form, year, find, opts.overrides) : null;
    return { form: { ...form, title }, year, basis };
  }
  const plan = planYearOf(form)!;
  const infos = new Map<string, TargetInfo>();
  for (const r of form.rows) if (r.type === "indicator") infos.set(r.item, targetForPeriod(form, r, find(r.indicatorKey), year, opts.overrides));
  if (plan === year) return { form: { ...form, title }, year, basis: null };
  const labels = new Set([...infos.values()].filter((t) => t.text).map((t) => t.label));
  const shared = labels.size === 1 ? [...labels][0]! : null;
  const header = shared ?? "Mục tiêu";
  const rows: FormRow[] = form.rows.map((r) => {
    if (r.type !== "indicator") return r;
    const t = infos.get(r.item)!;
    const text = t.text && !shared && t.year !== null && !t.exact ? `${t.text} (mục tiêu ${t.year})` : t.text;
    const values = { ...(r.values ?? {}) };
    for (const id of cols) values[id] = { printed: text, value: t.value };
    const doubts = (r.doubts ?? []).filter((d) => !cols.includes(d.field));
    return { ...r, values, ...(r.doubts ? { doubts } : {}) };
  });
  const headerCells = form.header.map((h) => (cols.includes(form.columns[h.col]?.id ?? "") && h.rowSpan + h.row >= form.headerRows ? { ...h, text: header } : h));
  const columns = form.columns.map((c) => (cols.includes(c.id) ? { ...c, header } : c));
  const anyExact = [...infos.values()].some((t) => t.exact);
  return { form: { ...form, title, header: headerCells, columns, rows }, year, basis: anyExact ? null : shared };
}

/** The label most rows of a Phụ lục I-like form share for `year` (e.g. "Mục tiêu 2030 (chưa có mục tiêu năm 2026)"). */
function basisFor(form: FormDef, year: number, find: (key: string) => Indicator | undefined, overrides?: TargetOverride[]): string | null {
  const count = new Map<string, number>();
  for (const r of form.rows) {
    if (r.type !== "indicator") continue;
    const t = targetForPeriod(form, r, find(r.indicatorKey), year, overrides);
    if (t.text && !t.exact) count.set(t.label, (count.get(t.label) ?? 0) + 1);
  }
  const best = [...count].sort((a, b) => b[1] - a[1])[0];
  return best ? best[0] : null;
}
