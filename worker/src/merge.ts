// Builds the province-wide merged view of one form and period from cell_current (see docs/WORKER.md).
import { TARGET_YEARS, type Indicator } from "../../shared/catalog/types.js";
import type { FormDef, FormRow } from "../../shared/forms/types.js";
import type { MergedRow, TaskTable } from "../../shared/schemas/index.js";
import type { NumberValue, ParsedValue } from "../../shared/values/types.js";
import { assess, findIndicator, formatValue, parseValue } from "./domain.js";
import { formInfo } from "./formsinfo.js";
import { targetYearOf } from "../../shared/periods/index.js";
import { currentCells, type CurrentCellRow } from "./store/submissions.js";
import type { TargetOverrideRow } from "./store/targets.js";
import { listOverrides } from "./store/targets.js";
import { listUnits, unitAgencies, type UnitRow } from "./store/units.js";
import { isConcreteAgency } from "../../shared/catalog/index.js";
import { unitCode } from "./seed.js";
import { buildTaskReport, unitsLeadingTasks, type MergedProgress, type TaskReportFilters } from "./merge-tasks.js";

export type Rule = "sum" | "mean" | "min" | "max" | "count_yes" | "count_reached" | "none";
export const RULE_LABELS: Record<Rule, string> = {
  sum: "Tổng các xã",
  mean: "Trung bình các xã",
  min: "Thứ hạng tốt nhất",
  max: "Lớn nhất",
  count_yes: "Số xã đạt Có/Hoàn thành",
  count_reached: "Số xã đạt mục tiêu",
  none: "Không tổng hợp (định tính)",
};

export interface Aggregate {
  rule: Rule;
  ruleLabel: string;
  value: number | null;
  reporting: number;
  reached: number;
}

export type MergedRowExt = MergedRow & { note?: string; aggregate?: Aggregate; group?: string };

export interface MergedIndicators {
  kind: "indicators";
  form: FormDef;
  table: { form: string; period: string; generatedAt: string; units: { code: string; name: string }[]; rows: MergedRowExt[] };
  /** Group headings in row order (for the appendix layout), keyed by the first item of the group. */
  groups: Map<string, string>;
  unitNames: Map<string, string>;
}
export interface MergedTasks {
  kind: "tasks";
  form: FormDef;
  table: TaskTable;
}
export type Merged = MergedIndicators | MergedTasks | MergedProgress;

const NONE: ParsedValue = { kind: "none", reason: "blank" };

function parsedOf(cell: CurrentCellRow | undefined): ParsedValue {
  if (!cell) return NONE;
  if (cell.parsed) {
    try {
      return JSON.parse(cell.parsed) as ParsedValue;
    } catch {
      /* fall through to re-parse */
    }
  }
  const r = parseValue(cell.raw);
  return r.ok ? r.value : { kind: "text", text: cell.raw };
}

/** The number as written ("60%" → 60, "50-60" → 55, "≥ 3" → 3, "Nhóm 10" → 10). */
export function magnitude(v: ParsedValue): number | null {
  switch (v.kind) {
    case "number":
      return v.value;
    case "range":
      return (v.min + v.max) / 2;
    case "comparator":
      return magnitude(v.bound);
    case "rankGroup":
      return v.group;
    default:
      return null;
  }
}
const isPercent = (v: ParsedValue): boolean =>
  v.kind === "number" || v.kind === "range" ? v.percent : v.kind === "comparator" ? isPercent(v.bound) : false;

interface Target {
  text: string;
  value: ParsedValue;
  /** Why the source documents leave this target in doubt (shown to users), if they do. */
  doubt?: string;
  /** false when the text is a later milestone shown for information (not assessed against). */
  assessable: boolean;
}

/** Target for a row: form-printed (commune forms) > admin override > catalog for the year > next milestone (info only). */
export function targetFor(row: Extract<FormRow, { type: "indicator" }>, ind: Indicator | undefined, year: number, overrides: TargetOverrideRow[], form: FormDef): Target {
  const printed = row.values?.[`target${year}`];
  if (printed) return withDoubt({ text: printed.printed, value: printed.value, assessable: true }, (row.doubts ?? []).filter((d) => d.field === `target${year}`));
  const key = ind?.key ?? row.indicatorKey;
  const o = overrides.find((x) => x.indicator === key && x.year === year);
  if (o) return { text: o.text, value: JSON.parse(o.parsed) as ParsedValue, assessable: true };
  if (!ind) return { text: "", value: NONE, assessable: false };
  const years = TARGET_YEARS as readonly number[];
  if (years.includes(year)) {
    const cell = ind.targets[year as (typeof TARGET_YEARS)[number]];
    return withDoubt({ text: cell.printed, value: cell.value, assessable: true }, ind.doubts.filter((d) => d.field === String(year)));
  }
  // No yearly target in the plan (e.g. 2026): show the next milestone, do not assess against it.
  const next = years.find((y) => y > year);
  if (next === undefined || form.targetYear) return { text: "", value: NONE, assessable: false };
  const o2 = overrides.find((x) => x.indicator === key && x.year === next);
  const text = o2?.text ?? ind.targets[next as (typeof TARGET_YEARS)[number]].printed;
  return { text: text ? `${text} (mục tiêu ${next})` : "", value: NONE, assessable: false };
}

/** An admin's correction settles a doubt; the printed catalog or form value keeps it. */
function withDoubt(t: Target, doubts: { reason: string }[]): Target {
  return doubts.length > 0 ? { ...t, doubt: doubts.map((d) => d.reason).join(" ") } : t;
}

function assessRow(target: Target, actual: ParsedValue, direction: "higher" | "lower") {
  if (!target.assessable) {
    return { status: "chua_danh_gia" as const, label: "Chưa đánh giá", progress: null };
  }
  const a = assess(target.value, actual, direction);
  return { status: a.status, label: a.label, progress: a.progress };
}

const foldName = (s: string) => s.normalize("NFC").toLocaleLowerCase("vi").replace(/\s+/g, " ").trim();

/**
 * Units expected to report a form: active reporting units of the form's audience; on the provincial indicator
 * form, only those that lead at least one of its indicators (through the registry's agency mapping), so a body that
 * leads only tasks is not listed as missing Phụ lục I.
 */
export async function expectedUnits(db: D1Database, form: FormDef): Promise<UnitRow[]> {
  const units = (await listUnits(db, [form.audience])).filter((u) => u.active === 1 && u.can_report === 1);
  if (form.kind === "progress") return unitsLeadingTasks(db, form, units);
  if (form.audience !== "department" || form.kind !== "indicators") return units;
  const led = new Set<string>();
  for (const r of form.rows) {
    if (r.type !== "indicator") continue;
    for (const a of findIndicator(r.indicatorKey)?.agencies ?? []) if (isConcreteAgency(a)) led.add(foldName(a));
  }
  const mapping = await unitAgencies(db);
  return units.filter((u) => (mapping.get(u.code) ?? []).some((a) => led.has(foldName(a))));
}

export async function buildMerged(db: D1Database, formId: string, period: string, filters?: TaskReportFilters): Promise<Merged> {
  const info = formInfo(formId);
  const form = info.form;
  if (form.kind === "progress") return buildTaskReport(db, form, period, filters); // worker/src/merge-tasks.ts
  const [cells, expected, allUnits] = await Promise.all([currentCells(db, formId, period), expectedUnits(db, form), listUnits(db)]);
  const unitNames = new Map(allUnits.map((u) => [u.code, u.name]));
  // Units in the table: every expected unit plus any other unit that has data (e.g. a deactivated one).
  const codes = [...new Set([...expected.map((u) => u.code), ...cells.map((c) => c.unit)])];
  const units = codes.map((code) => ({ code, name: unitNames.get(code) ?? code }));
  const generatedAt = new Date().toISOString();

  if (form.kind === "tasks") {
    const byRow = new Map<string, { unit: string; unitName: string; item: string; cells: Record<string, string> }>();
    for (const c of cells) {
      const k = `${c.unit}\u001f${c.item}`;
      let r = byRow.get(k);
      if (!r) byRow.set(k, (r = { unit: c.unit, unitName: unitNames.get(c.unit) ?? c.unit, item: c.item, cells: {} }));
      r.cells[c.field] = c.raw;
    }
    const order = new Map(units.map((u, i) => [u.code, i]));
    const sttNum = (r: { cells: Record<string, string>; item: string }) => Number.parseFloat(r.cells["stt"] ?? "") || Number.MAX_SAFE_INTEGER;
    const rows = [...byRow.values()].sort(
      (a, b) => (order.get(a.unit) ?? 0) - (order.get(b.unit) ?? 0) || sttNum(a) - sttNum(b) || (a.item < b.item ? -1 : a.item > b.item ? 1 : 0),
    );
    return {
      kind: "tasks",
      form,
      table: { form: formId, period, generatedAt, units, columns: form.columns.map((c) => ({ id: c.id, header: c.header })), rows },
    };
  }

  const overrides = await listOverrides(db);
  const year = form.targetYear ?? targetYearOf(period);
  const cellMap = new Map<string, CurrentCellRow>();
  for (const c of cells) cellMap.set(`${c.item}\u001f${c.field}\u001f${c.unit}`, c);
  // A Set per item: with every unit reporting every item, a list lookup made merging quadratic in units.
  const reporterSets = new Map<string, Set<string>>();
  for (const c of cells) {
    let set = reporterSets.get(c.item);
    if (!set) reporterSets.set(c.item, (set = new Set()));
    set.add(c.unit);
  }
  const reporters = new Map([...reporterSets].map(([item, set]) => [item, [...set]]));
  const groups = new Map<string, string>();
  let pendingGroup: string | null = null;
  const rows: MergedRowExt[] = [];
  for (const row of form.rows) {
    if (row.type === "group") {
      pendingGroup = `${row.label}. ${row.title}`;
      continue;
    }
    if (row.type !== "indicator") continue;
    if (pendingGroup) {
      groups.set(row.item, pendingGroup);
      pendingGroup = null;
    }
    const ind = findIndicator(row.indicatorKey);
    const direction = ind?.direction ?? "higher";
    const target = targetFor(row, ind, year, overrides, form);
    const who = reporters.get(row.item) ?? [];
    const get = (field: string, unit: string) => cellMap.get(`${row.item}\u001f${field}\u001f${unit}`);
    const base = {
      item: row.item,
      stt: row.stt,
      name: row.name ?? ind?.name ?? row.item,
      unit: row.unit ?? ind?.unit ?? "",
      target: target.text,
      ...(target.doubt ? { targetDoubt: target.doubt } : {}),
      reportedBy: who.map((u) => unitNames.get(u) ?? u),
    };
    if (form.audience === "department") {
      // Several agencies may report one indicator: the first in the catalog's agency order leads.
      const agencyOrder = (ind?.agencies ?? []).map(unitCode);
      const ranked = [...who].sort((a, b) => rank(agencyOrder, a) - rank(agencyOrder, b) || (a < b ? -1 : 1));
      const lead = ranked[0];
      const actualCell = lead ? get("actual", lead) : undefined;
      const actual = parsedOf(actualCell);
      const a = assessRow(target, actual, direction);
      const byUnit: Record<string, string> = {};
      const notes: string[] = [];
      for (const u of ranked) {
        const raw = get("actual", u)?.raw;
        if (raw !== undefined) byUnit[u] = raw;
        const note = get("note", u)?.raw;
        if (note) notes.push(ranked.length > 1 ? `${unitNames.get(u) ?? u}: ${note}` : note);
        if (u !== lead && raw !== undefined && raw !== actualCell?.raw) notes.push(`${unitNames.get(u) ?? u} báo cáo thực hiện: ${raw}`);
      }
      rows.push({
        ...base,
        actual: actualCell?.raw ?? "",
        projected: lead ? (get("projected", lead)?.raw ?? "") : "",
        assessment: a.status,
        assessmentLabel: a.label,
        progress: a.progress,
        byUnit,
        note: notes.join("; "),
      });
      continue;
    }
    // Commune matrix: every unit's actual, plus a province aggregate by the indicator's rule.
    const byUnit: Record<string, string> = {};
    const values: ParsedValue[] = [];
    const projected: ParsedValue[] = [];
    let reached = 0;
    for (const u of units) {
      const cell = get("actual", u.code);
      if (cell) {
        byUnit[u.code] = cell.raw;
        const v = parsedOf(cell);
        values.push(v);
        const st = assessRow(target, v, direction).status;
        if (st === "dat" || st === "vuot") reached++;
      }
      const p = get("projected", u.code);
      if (p) projected.push(parsedOf(p));
    }
    const rule = ruleFor(ind, row.unit, values, direction);
    const agg = aggregate(rule, values);
    const aggProjected = aggregate(rule, projected);
    const pct = values.some(isPercent) || /%/.test(base.unit);
    const actualText = formatAggregate(rule, agg, pct, values);
    let a: { status: MergedRow["assessment"]; label: string; progress: number | null } = { status: "chua_danh_gia", label: "Chưa đánh giá", progress: null };
    // A per-commune target can be compared with a mean or a best rank, not with a sum or a count.
    if ((rule === "mean" || rule === "min") && agg !== null) {
      const v: NumberValue = { kind: "number", value: agg, percent: pct };
      a = assessRow(target, v, direction);
    }
    rows.push({
      ...base,
      actual: actualText,
      projected: formatAggregate(rule, aggProjected, pct, projected),
      assessment: a.status,
      assessmentLabel: a.label,
      progress: a.progress,
      byUnit,
      aggregate: { rule, ruleLabel: RULE_LABELS[rule], value: agg, reporting: values.filter((v) => v.kind !== "none").length, reached },
    });
  }
  return { kind: "indicators", form, table: { form: formId, period, generatedAt, units, rows }, groups, unitNames };
}

const rank = (order: string[], code: string) => {
  const i = order.indexOf(code);
  return i < 0 ? order.length : i;
};

/** Which province aggregate fits an indicator (documented in docs/WORKER.md). */
export function ruleFor(ind: Indicator | undefined, unitText: string | undefined, values: ParsedValue[], direction: "higher" | "lower"): Rule {
  const present = values.filter((v) => v.kind !== "none");
  if (present.some((v) => v.kind === "yesno" || v.kind === "status")) return "count_yes";
  if (direction === "lower" || present.some((v) => v.kind === "rankGroup") || /thứ (bậc|hạng)/i.test(unitText ?? ind?.unit ?? "")) return "min";
  if (present.some(isPercent) || /%/.test(unitText ?? ind?.unit ?? "")) return "mean";
  if (present.some((v) => magnitude(v) !== null)) return "sum";
  if (present.length === 0) {
    // Nothing reported yet: pick by the unit of measure so the rule column is still informative.
    return /%/.test(unitText ?? ind?.unit ?? "") ? "mean" : "sum";
  }
  return "none";
}

export function aggregate(rule: Rule, values: ParsedValue[]): number | null {
  if (rule === "count_yes") {
    return values.filter((v) => (v.kind === "yesno" && v.value) || (v.kind === "status" && v.status === "hoan_thanh")).length;
  }
  const nums = values.map(magnitude).filter((x): x is number => x !== null && Number.isFinite(x));
  if (nums.length === 0) return null;
  const round = (x: number) => Math.round(x * 100) / 100;
  switch (rule) {
    case "sum":
      return round(nums.reduce((a, b) => a + b, 0));
    case "mean":
      return round(nums.reduce((a, b) => a + b, 0) / nums.length);
    case "min":
      return Math.min(...nums);
    case "max":
      return Math.max(...nums);
    default:
      return null;
  }
}

function formatAggregate(rule: Rule, value: number | null, pct: boolean, values: ParsedValue[]): string {
  if (value === null) return "";
  if (rule === "count_yes") return `${value}/${values.filter((v) => v.kind !== "none").length} đơn vị`;
  const v: NumberValue = { kind: "number", value, percent: pct && rule === "mean" };
  return formatValue(v);
}
