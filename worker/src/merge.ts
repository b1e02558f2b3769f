// Builds the province-wide merged view of one form and period from cell_current (docs/WORKER.md, "Merged views").
//
// Every value is THE reading of the cell (./reading.ts: readCell with the row's expectation, stored at push time), judged
// for the period with the department report's categories (shared/assess judgeForPeriod: interim periods from the
// projection, "(*) Chỉ tiêu mới" never, a later milestone only when already met). Phụ lục I takes the province figure
// from the lead agency (./lead.ts) and shows the communes' aggregate beside it (./aggregate.ts); every table carries the
// report's summary counts.
import { CATEGORY_LABELS, judgeForPeriod, summarize, type Category, type Judgement } from "../../shared/assess/index.js";
import type { Direction, ExpectKind, Indicator } from "../../shared/catalog/types.js";
import { foldAgencyName, isConcreteAgency } from "../../shared/catalog/index.js";
import { targetForPeriod, type IndicatorRow, type TargetInfo, type TargetOverride } from "../../shared/forms/target.js";
import type { FormDef } from "../../shared/forms/types.js";
import { isInterim, targetYearOf } from "../../shared/periods/index.js";
import type { MergedSummary, MergedTableExt, TaskTable } from "../../shared/schemas/index.js";
import { stripBidi } from "../../shared/report/table.js";
import type { ParsedValue } from "../../shared/values/types.js";
import {
  aggregate,
  aggregateText,
  aggregateValue,
  capLowCoverage,
  coverageText,
  lowCoverage,
  present,
  ruleForKind,
  RULE_LABELS,
  type Rule,
} from "./aggregate.js";
import { findIndicator, forms } from "./domain.js";
import { formInfo } from "./formsinfo.js";
import { chooseLead, ROLE_TEXT, type LeadRole } from "./lead.js";
import { expectationsFor, readingOfText, type CellReading, type ReadingMemo } from "./reading.js";
import { currentCells, datasetRevision, itemStamps, mergeCells, unitsWithCells, type CurrentCellRow, type MergeCell } from "./store/submissions.js";
import { rowReuse } from "./merge-rows.js";
import { listOverrides } from "./store/targets.js";
import { listUnits, unitAgencies, type UnitRow } from "./store/units.js";
import { buildTaskReport, unitsLeadingTasks, type MergedProgress, type TaskReportFilters } from "./merge-tasks.js";

export { RULE_LABELS, type Rule } from "./aggregate.js";

export type MergedRowExt = MergedTableExt["rows"][number];

export interface MergedIndicators {
  kind: "indicators";
  form: FormDef;
  table: MergedTableExt;
}
export interface MergedTasks {
  kind: "tasks";
  form: FormDef;
  table: TaskTable;
}
export type Merged = MergedIndicators | MergedTasks | MergedProgress;



/**
 * Units expected to report a form: active reporting units of the form's audience; on the provincial indicator
 * form, only those that lead at least one of its indicators (through the registry's agency mapping), so a body that
 * leads only tasks is not listed as missing Phụ lục I.
 */
export async function expectedUnits(db: D1Database, form: FormDef, mapping?: Map<string, string[]>): Promise<UnitRow[]> {
  const units = (await listUnits(db, [form.audience])).filter((u) => u.active === 1 && u.can_report === 1);
  if (form.kind === "progress") return unitsLeadingTasks(db, form, units);
  if (form.audience !== "department" || form.kind !== "indicators") return units;
  const led = new Set<string>();
  for (const r of form.rows) {
    if (r.type !== "indicator") continue;
    for (const a of findIndicator(r.indicatorKey)?.agencies ?? []) if (isConcreteAgency(a)) led.add(foldAgencyName(a));
  }
  const map = mapping ?? (await unitAgencies(db));
  return units.filter((u) => (map.get(u.code) ?? []).some((a) => led.has(foldAgencyName(a))));
}

/** The commune indicator form (Phụ lục 1), whose rows link to Phụ lục I indicators by key. */
const communeForm = (): FormDef | undefined => forms.find((f) => f.audience === "commune" && f.kind === "indicators");

/** One unit's cells of one row. */
interface Slot {
  actual?: MergeCell;
  projected?: MergeCell;
  note?: MergeCell;
}

const readingOf = (c: MergeCell, exp: Parameters<typeof readingOfText>[2], memo: ReadingMemo) => readingOfText(c[3], c[4], exp, memo);

/** Cells as rows × units (arrays, not string-keyed maps, on the hot path); rows outside the page stay empty. */
function grid(form: FormDef, cells: MergeCell[], unitIndex: Map<string, number>) {
  const rowIndex = rowIndexOf(form);
  const slots: (Slot | undefined)[][] = form.rows.map(() => []);
  for (const c of cells) {
    const ri = rowIndex.get(c[1]);
    const ui = unitIndex.get(c[0]);
    if (ri === undefined || ui === undefined) continue;
    const row = slots[ri]!;
    const s = (row[ui] ??= {});
    const field = c[2];
    if (field === "actual") s.actual = c;
    else if (field === "projected") s.projected = c;
    else if (field === "note") s.note = c;
  }
  return slots;
}

const rowIndexes = new WeakMap<FormDef, Map<string, number>>();
function rowIndexOf(form: FormDef): Map<string, number> {
  let m = rowIndexes.get(form);
  if (!m) {
    m = new Map();
    form.rows.forEach((r, i) => {
      if (r.type === "indicator") m!.set(r.item, i);
    });
    rowIndexes.set(form, m);
  }
  return m;
}

const overridesOf = (rows: { indicator: string; year: number; text: string; parsed: string }[]): TargetOverride[] =>
  rows.map((o) => ({ key: o.indicator, year: o.year, text: o.text, value: JSON.parse(o.parsed) as ParsedValue }));

/** The target as shown in the table: "100% (mục tiêu 2030)" when it is a later milestone. */
const targetText = (t: TargetInfo) => (t.text && !t.exact && t.year !== null ? `${t.text} (mục tiêu ${t.year})` : t.text);

interface JudgeContext {
  year: number;
  interim: boolean;
}

interface RowContext {
  target: TargetInfo;
  newIndicator: boolean;
  direction: Direction;
  kind: ExpectKind | undefined;
}

function judgeValues(ctx: JudgeContext, row: RowContext, actual: ParsedValue | null | undefined, projected: ParsedValue | null | undefined): Judgement {
  return judgeForPeriod(
    row.target,
    { actual, projected, interim: ctx.interim, newIndicator: row.newIndicator, direction: row.direction, ...(row.kind ? { expect: row.kind } : {}) },
    ctx.year,
  );
}

const REACHED: ReadonlySet<Category> = new Set(["vuot", "dat", "uoc_dat"]);

/** The communes' values of one row, aggregated and judged (./aggregate.ts A1–A4). */
function communeAggregate(
  ctx: JudgeContext,
  row: RowContext,
  readings: { actual: ParsedValue | null; projected: ParsedValue | null; category: Category | null }[],
  active: number,
  /** A sum can be compared with the province's own target (Phụ lục I), not with a per-commune target (Phụ lục 1). */
  sumComparable: boolean,
) {
  const rule = ruleForKind(row.kind);
  const actuals: ParsedValue[] = [];
  const projections: ParsedValue[] = [];
  let reporting = 0;
  let reached = 0;
  for (const r of readings) {
    const a = present(r.actual);
    const p = present(r.projected);
    if (a) actuals.push(r.actual!);
    if (p) projections.push(r.projected!);
    if (a || p) reporting++;
    if (r.category && REACHED.has(r.category)) reached++;
  }
  const value = aggregate(rule, actuals);
  const projectedValue = aggregate(rule, projections);
  let j: Judgement;
  const comparable = rule === "mean" || rule === "min" || (rule === "sum" && sumComparable);
  if (comparable || row.newIndicator) {
    j = judgeValues(ctx, row, aggregateValue(rule, value, row.kind), aggregateValue(rule, projectedValue, row.kind));
  } else {
    const why: Record<Rule, string> = {
      sum: "Tổng số liệu của các xã không so sánh được với mục tiêu của từng xã",
      count_yes: "Số xã đạt «Có/Hoàn thành» không so sánh được với mục tiêu; xem số xã đạt",
      none: "Chỉ tiêu định tính, không tổng hợp tự động",
      mean: "",
      min: "",
      max: "",
      count_reached: "",
    };
    j = { category: "chua_danh_gia", label: CATEGORY_LABELS.chua_danh_gia, progress: null, reason: why[rule], basis: null };
  }
  if (reporting === 0) j = { ...j, category: "chua_danh_gia", label: CATEGORY_LABELS.chua_danh_gia, reason: "Chưa có xã, phường nào báo cáo" };
  else j = capLowCoverage(j, reporting, active);
  return {
    aggregate: {
      rule,
      ruleLabel: RULE_LABELS[rule],
      value,
      projectedValue,
      reporting,
      reached,
      active,
      coverage: coverageText(reporting, active),
      lowCoverage: lowCoverage(reporting, active),
    },
    actual: aggregateText(rule, value, row.kind, actuals.length),
    projected: aggregateText(rule, projectedValue, row.kind, projections.length),
    judgement: j,
  };
}

interface Loaded {
  form: FormDef;
  period: string;
  units: { code: string; name: string }[];
  unitIndex: Map<string, number>;
  /** How many units have any cell: what sizes a page. */
  withData: number;
  overrides: TargetOverride[];
  mapping: Map<string, string[]>;
  active: number;
  /** Each row's expectation for the period, made once per merge (every page reads its rows with them). */
  exps: ReturnType<typeof expectationsFor>;
  memo: ReadingMemo;
}

async function load(db: D1Database, form: FormDef, period: string, mapping: Map<string, string[]>, overrides: TargetOverride[], unitNames: Map<string, string>): Promise<Loaded> {
  const [withData, expected] = await Promise.all([unitsWithCells(db, form.id, period), expectedUnits(db, form, mapping)]);
  // Units in the table: every expected unit plus any other unit that has data (e.g. a deactivated one).
  const codes = new Set(expected.map((u) => u.code));
  for (const code of withData.filter((c) => !codes.has(c)).sort()) codes.add(code);
  const units = [...codes].map((code) => ({ code, name: unitNames.get(code) ?? code }));
  return {
    form,
    period,
    units,
    unitIndex: new Map(units.map((u, i) => [u.code, i])),
    withData: withData.length,
    overrides,
    mapping,
    active: expected.length,
    exps: expectationsFor(form, period),
    memo: new Map(),
  };
}

/**
 * Cells an export reads at once: 2 pages for a 200-unit table, a few indicators of a 3,200-unit one, so the rows
 * read, their readings and the merged rows of a page are freed before the next page is read (a Worker has 128 MB;
 * reading the 3,200-unit table at once took 170–400 MiB).
 */
export const PAGE_CELLS = 30_000;

type RowAt = { row: IndicatorRow; index: number; group: string };

/** The form's indicator rows in pages of about `pageCells` cells (3 per unit with data: actual, projected, note). */
function pagesOf(rows: RowAt[], withData: number, pageCells: number): RowAt[][] {
  const per = Math.max(1, Math.floor(pageCells / Math.max(1, withData * 3)));
  const out: RowAt[][] = [];
  for (let i = 0; i < rows.length; i += per) out.push(rows.slice(i, i + per));
  return out;
}

/** A page's cells: the whole (form, period) when the page is every row (one plain read), else its rows' cells. */
function readPage(db: D1Database, l: Loaded, page: RowAt[], all: number): Promise<MergeCell[]> {
  return mergeCells(db, l.form.id, l.period, page.length === all ? undefined : page.map((r) => r.row.item));
}

export interface MergeOptions {
  /** Phụ lục I: add the communes' aggregate beside the province figure (default true; CT.ACTUAL does without). */
  communes?: boolean;
  /** The task report (tiendo-nv): appendix and agency filters. */
  filters?: TaskReportFilters;
  /** Cells read per page (PAGE_CELLS); tests make it small to merge page by page. */
  pageCells?: number;
  /** Reuse rows kept from earlier merges whose cells did not change (./merge-rows.ts; default true). */
  reuse?: boolean;
}

/** An indicator table's parts known before its rows: what a writer needs to start. */
export interface MergedHead {
  form: FormDef;
  period: string;
  generatedAt: string;
  units: { code: string; name: string }[];
  interim: boolean;
  activeCommunes: number;
}

/** Receives an indicator table as it is merged: the head first, then its rows a page at a time, in order. */
export interface MergeSink {
  begin?(head: MergedHead): void;
  rows(rows: MergedRowExt[]): void;
}

export async function buildMerged(db: D1Database, formId: string, period: string, opts: MergeOptions = {}): Promise<Merged> {
  const form = formInfo(formId).form;
  const generatedAt = new Date().toISOString();
  if (form.kind === "progress") return buildTaskReport(db, form, period, opts.filters); // worker/src/merge-tasks.ts
  if (form.kind === "tasks") {
    const [cells, expected, allUnits] = await Promise.all([currentCells(db, formId, period), expectedUnits(db, form), listUnits(db)]);
    return { kind: "tasks", form, table: taskTable(form, period, generatedAt, cells, expected, allUnits) };
  }

  const rows: MergedRowExt[] = [];
  const { head, summary } = await mergeIndicators(db, form, period, opts, { rows: (r) => void rows.push(...r) });
  return {
    kind: "indicators",
    form,
    table: {
      form: formId,
      period,
      generatedAt: head.generatedAt,
      units: head.units,
      rows,
      summary,
      interim: head.interim,
      activeCommunes: head.activeCommunes,
    },
  };
}

/**
 * An indicator form's merged table, pulled a page at a time (PAGE_CELLS): the head at once, then `next()` gives each
 * page's rows in order and null after the last; `summary()` then gives the counts, which need every row's verdict.
 * The rows are the same, in the same order, whatever the page size (test/worker/export-pages.test.ts).
 */
export interface IndicatorMerge {
  head: MergedHead;
  /** Rough size of the table as JSON, in bytes, from its units and rows: whether a download can be kept in memory. */
  estimatedBytes: number;
  next(): Promise<MergedRowExt[] | null>;
  summary(): MergedSummary;
  /** Rows taken from an earlier merge and rows merged now, so far (./merge-rows.ts). */
  counts(): { reused: number; made: number };
}

export async function openIndicatorMerge(db: D1Database, form: FormDef, period: string, opts: MergeOptions = {}): Promise<IndicatorMerge> {
  const generatedAt = new Date().toISOString();
  const xaForm = form.audience === "department" && opts.communes !== false ? communeForm() : undefined;
  const reusing = opts.reuse !== false;
  const [allUnits, overrideRows, mapping, stamps] = await Promise.all([
    listUnits(db),
    listOverrides(db),
    unitAgencies(db),
    reusing ? itemStamps(db, xaForm ? [form.id, xaForm.id] : [form.id], period) : Promise.resolve(null),
  ]);
  const unitNames = new Map(allUnits.map((u) => [u.code, u.name]));
  const overrides = overridesOf(overrideRows);
  const [main, communes] = await Promise.all([
    load(db, form, period, mapping, overrides, unitNames),
    xaForm ? load(db, xaForm, period, mapping, overrides, unitNames) : Promise.resolve(null),
  ]);
  const ctx: JudgeContext = { year: targetYearOf(period), interim: isInterim(period) };
  const head: MergedHead = {
    form,
    period,
    generatedAt,
    units: main.units,
    interim: ctx.interim,
    activeCommunes: form.audience === "commune" ? main.active : (communes?.active ?? 0),
  };

  const verdicts: { group: string; category: Category }[] = [];
  const all = indicatorRows(form);
  const xaRows = communes ? indicatorRows(communes.form) : [];
  const pages = pagesOf(all, Math.max(main.withData, communes?.withData ?? 0), opts.pageCells ?? PAGE_CELLS);
  // Per row and unit with data: its value, projection, note and verdict under the unit's code, and its part of the
  // notes; the Phụ lục I bench's JSON measures 177–183 bytes per row and unit at 200 and 3,200 units.
  const estimatedBytes = all.length * (2_000 + main.withData * 180);
  const reuse = stamps ? rowReuse(`${form.id}\u0000${period}\u0000${xaForm ? "+xa" : ""}`, basisOf(main, communes, overrideRows), estimatedBytes) : null;
  // A row's key: the stamps of its cells, and on Phụ lục I of the communes' cells of the same indicator.
  const stampOf = (formId: string, item: string) => stamps?.stamps.get(`${formId}\u001f${item}`) ?? "-";
  const keyOf = (r: RowAt) =>
    [stampOf(form.id, r.row.item), ...xaRows.filter((x) => x.row.indicatorKey === r.row.indicatorKey).map((x) => stampOf(communes!.form.id, x.row.item))].join(" ");
  let at = 0;
  let summary: MergedSummary | null = null;
  const counts = { reused: 0, made: 0 };

  /** The rows of `page` merged from their cells (the rows a merge cannot reuse). */
  async function merge(page: RowAt[]): Promise<MergedRowExt[]> {
    if (form.audience === "department") {
      const keys = new Set(page.map((r) => r.row.indicatorKey));
      const linked = xaRows.filter((r) => keys.has(r.row.indicatorKey));
      const [cells, xaCells] = await Promise.all([
        readPage(db, main, page, all.length),
        communes && linked.length > 0 ? readPage(db, communes, linked, xaRows.length) : Promise.resolve([]),
      ]);
      return provinceRows(main, ctx, page, grid(form, cells, main.unitIndex), communes ? { c: communes, index: communeIndex(communes, linked, xaCells) } : null);
    }
    return communeRows(main, ctx, page, grid(form, await readPage(db, main, page, all.length), main.unitIndex));
  }

  async function next(): Promise<MergedRowExt[] | null> {
    const page = pages[at++];
    if (!page) {
      if (at === pages.length + 1 && reuse && stamps) reuse.commit((await datasetRevision(db)).stamp === stamps.dataset);
      return null;
    }
    const keys = page.map(keyOf);
    const kept = page.map((r, i) => reuse?.get(r.row.item, keys[i]!));
    const stale = page.filter((_, i) => !kept[i]);
    const made = stale.length > 0 ? await merge(stale) : [];
    counts.reused += page.length - stale.length;
    counts.made += stale.length;
    let j = 0;
    const rows = page.map((r, i) => {
      const k = kept[i];
      if (k) return k;
      const row = made[j++]!;
      reuse?.put(r.row.item, keys[i]!, row);
      return row;
    });
    for (const r of rows) verdicts.push({ group: r.group ?? "", category: r.assessment });
    return rows;
  }

  return {
    head,
    estimatedBytes,
    next,
    counts: () => ({ ...counts }),
    summary() {
      if (at <= pages.length) throw new Error("summary() before the last page");
      if (!summary) {
        const titles = new Map(form.rows.flatMap((r) => (r.type === "group" ? [[r.group as string, r.title] as const] : [])));
        const s = summarize(verdicts, { year: ctx.year });
        summary = { ...s, groups: s.groups.map((g) => ({ ...g, ...(titles.has(g.group) ? { title: titles.get(g.group)! } : {}) })) };
      }
      return summary;
    },
  };
}

/**
 * Everything a merged row depends on besides its cells, as content (./merge-rows.ts): the units in the table with their
 * names and order (who reported, the notes), their agencies (the lead), how many units are expected (coverage), and the
 * target corrections (verdicts). The catalog and forms are the code's own: kept rows live in one isolate.
 */
function basisOf(main: Loaded, communes: Loaded | null, overrides: unknown[]): string {
  return JSON.stringify([
    main.units,
    main.units.map((u) => main.mapping.get(u.code) ?? null),
    main.active,
    communes ? [communes.units, communes.active] : null,
    overrides,
  ]);
}

/** openIndicatorMerge driven to the end: the head, then each page's rows to `sink`; returns the head and the summary. */
export async function mergeIndicators(db: D1Database, form: FormDef, period: string, opts: MergeOptions, sink: MergeSink): Promise<{ head: MergedHead; summary: MergedSummary }> {
  const m = await openIndicatorMerge(db, form, period, opts);
  sink.begin?.(m.head);
  for (let rows = await m.next(); rows; rows = await m.next()) sink.rows(rows);
  return { head: m.head, summary: m.summary() };
}

/** Indicator rows of a form, with the group code each belongs to. */
function indicatorRows(form: FormDef): RowAt[] {
  const out: RowAt[] = [];
  let group = "";
  form.rows.forEach((r, index) => {
    if (r.type === "group") group = r.group;
    else if (r.type === "indicator") out.push({ row: r, index, group });
  });
  return out;
}

function rowContext(l: Loaded, row: IndicatorRow, ind: Indicator | undefined, kind: ExpectKind | undefined, year: number): RowContext {
  return {
    target: targetForPeriod(l.form, row, ind, year, l.overrides),
    newIndicator: ind?.newNotAssessed ?? false,
    direction: ind?.direction ?? "higher",
    kind,
  };
}

function baseRow(row: IndicatorRow, ind: Indicator | undefined, group: string, rc: RowContext) {
  const t = rc.target;
  return {
    item: row.item,
    stt: row.stt,
    name: row.name ?? ind?.name ?? row.item,
    unit: row.unit ?? ind?.unit ?? "",
    target: targetText(t),
    ...(t.doubt ? { targetDoubt: t.doubt } : {}),
    targetYear: t.year,
    targetExact: t.exact,
    group,
  };
}

const judged = (j: Judgement) => ({ assessment: j.category, assessmentLabel: j.label, assessmentReason: j.reason, basis: j.basis, progress: j.progress });

/** Phụ lục I: the lead agency's figure per indicator, the others in the notes, the communes' aggregate beside. */
function provinceRows(l: Loaded, ctx: JudgeContext, page: RowAt[], slots: (Slot | undefined)[][], xa: { c: Loaded; index: CommuneIndex } | null): MergedRowExt[] {
  const out: MergedRowExt[] = [];
  for (const { row, index, group } of page) {
    const ind = findIndicator(row.indicatorKey);
    const exp = l.exps.get(row.item) ?? null;
    const rc = rowContext(l, row, ind, exp?.kind ?? ind?.expect, ctx.year);
    const unitSlots = slots[index]!;
    const reporters: { unit: string; name: string; slot: Slot; actual: CellReading | null; projected: CellReading | null }[] = [];
    unitSlots.forEach((slot, ui) => {
      if (!slot) return;
      const u = l.units[ui]!;
      reporters.push({
        unit: u.code,
        name: u.name,
        slot,
        actual: slot.actual ? readingOf(slot.actual, exp, l.memo) : null,
        projected: slot.projected ? readingOf(slot.projected, exp, l.memo) : null,
      });
    });
    // A figure first; when no lead has one, a lead's explicit "-" (no data) is still its answer.
    const pick = (withValue: boolean) =>
      chooseLead(
        ind!,
        reporters.map((r) => ({
          unit: r.unit,
          agencies: l.mapping.get(r.unit),
          hasValue: withValue ? present(r.actual?.value) || present(r.projected?.value) : !!(r.actual || r.projected),
        })),
      );
    let choice = ind ? pick(true) : { lead: reporters[0]?.unit ?? null, role: new Map<string, LeadRole>(), why: null };
    if (ind && !choice.lead) {
      const again = pick(false);
      if (again.lead) choice = { ...again, why: null };
    }
    const lead = reporters.find((r) => r.unit === choice.lead);
    const j = judgeValues(ctx, rc, lead?.actual?.value, lead?.projected?.value);

    const byUnit: Record<string, string> = {};
    const byUnitProjected: Record<string, string> = {};
    const byUnitNote: Record<string, string> = {};
    const byUnitAssessment: Record<string, Category> = {};
    const notes: string[] = [];
    for (const r of reporters) {
      if (r.actual) byUnit[r.unit] = r.actual.text;
      if (r.projected) byUnitProjected[r.unit] = r.projected.text;
      const note = r.slot.note ? stripBidi(r.slot.note[3].trim()) : "";
      if (note) {
        byUnitNote[r.unit] = note;
        notes.push(reporters.length > 1 ? `${r.name}: ${note}` : note);
      }
      if (r.actual || r.projected) byUnitAssessment[r.unit] = judgeValues(ctx, rc, r.actual?.value, r.projected?.value).category;
    }
    for (const r of reporters) {
      if (r.unit === choice.lead || (!r.actual && !r.projected)) continue;
      const parts = [r.actual ? r.actual.text : "", r.projected ? `ước cả năm ${r.projected.text}` : ""].filter(Boolean);
      notes.push(`${r.name} (${ROLE_TEXT[choice.role.get(r.unit) ?? "not_lead"]}) báo cáo: ${parts.join("; ")}`);
    }
    if (choice.why) notes.push(choice.why);

    const linked = xa?.index.get(row.indicatorKey);
    out.push({
      ...baseRow(row, ind, group, rc),
      actual: lead?.actual?.text ?? "",
      projected: lead?.projected?.text ?? "",
      ...(lead?.actual?.typed ? { actualTyped: lead.actual.typed } : {}),
      ...(lead?.projected?.typed ? { projectedTyped: lead.projected.typed } : {}),
      ...judged(j),
      reportedBy: reporters.map((r) => r.name),
      lead: choice.lead,
      byUnit,
      byUnitProjected,
      byUnitNote,
      byUnitAssessment,
      note: stripBidi(notes.join("; ")),
      ...(linked && xa ? { communes: linkedAggregate(xa.c, ctx, linked, rc) } : {}),
    });
  }
  return out;
}

type CommuneIndex = Map<string, { row: IndicatorRow; slots: (Slot | undefined)[]; exp: ReturnType<Loaded["exps"]["get"]> }>;

/** Phụ lục 1 rows (of a page) by indicator key, with their cells, for the aggregate beside the province figure. */
function communeIndex(c: Loaded, rows: RowAt[], cells: MergeCell[]): CommuneIndex {
  const slots = grid(c.form, cells, c.unitIndex);
  const out: CommuneIndex = new Map();
  for (const { row, index } of rows) out.set(row.indicatorKey, { row, slots: slots[index]!, exp: c.exps.get(row.item) ?? null });
  return out;
}

/** The communes' aggregate of a Phụ lục I indicator, judged against the province's target for the period. */
function linkedAggregate(c: Loaded, ctx: JudgeContext, linked: NonNullable<ReturnType<CommuneIndex["get"]>>, province: RowContext) {
  const readings = linked.slots.flatMap((slot) => {
    if (!slot) return [];
    const actual = slot.actual ? readingOf(slot.actual, linked.exp ?? null, c.memo).value : null;
    const projected = slot.projected ? readingOf(slot.projected, linked.exp ?? null, c.memo).value : null;
    return [{ actual, projected, category: null }];
  });
  const a = communeAggregate(ctx, { ...province, kind: linked.exp?.kind ?? province.kind }, readings, c.active, true);
  return { ...a.aggregate, actual: a.actual, projected: a.projected, ...judged(a.judgement), assessmentReason: a.judgement.reason };
}

/** Phụ lục 1: every commune's values and verdict, and the province aggregate with its coverage. */
function communeRows(l: Loaded, ctx: JudgeContext, page: RowAt[], slots: (Slot | undefined)[][]): MergedRowExt[] {
  const out: MergedRowExt[] = [];
  for (const { row, index, group } of page) {
    const ind = findIndicator(row.indicatorKey);
    const exp = l.exps.get(row.item) ?? null;
    const rc = rowContext(l, row, ind, exp?.kind ?? ind?.expect, ctx.year);
    const byUnit: Record<string, string> = {};
    const byUnitProjected: Record<string, string> = {};
    const byUnitNote: Record<string, string> = {};
    const byUnitAssessment: Record<string, Category> = {};
    const readings: { actual: ParsedValue | null; projected: ParsedValue | null; category: Category | null }[] = [];
    const reportedBy: string[] = [];
    slots[index]!.forEach((slot, ui) => {
      if (!slot) return;
      const u = l.units[ui]!;
      const actual = slot.actual ? readingOf(slot.actual, exp, l.memo) : null;
      const projected = slot.projected ? readingOf(slot.projected, exp, l.memo) : null;
      if (actual) byUnit[u.code] = actual.text;
      if (projected) byUnitProjected[u.code] = projected.text;
      // What was typed stays visible beside the reading ("0,85" read as 85%).
      const typed = [actual?.typed ? `Thực hiện ghi «${actual.typed}»` : "", projected?.typed ? `Ước ghi «${projected.typed}»` : ""].filter(Boolean);
      const note = [...typed, slot.note ? stripBidi(slot.note[3].trim()) : ""].filter(Boolean).join("; ");
      if (note) byUnitNote[u.code] = note;
      let category: Category | null = null;
      if (actual || projected) {
        category = judgeValues(ctx, rc, actual?.value, projected?.value).category;
        byUnitAssessment[u.code] = category;
        reportedBy.push(u.name);
      }
      readings.push({ actual: actual?.value ?? null, projected: projected?.value ?? null, category });
    });
    const a = communeAggregate(ctx, rc, readings, l.active, false);
    out.push({
      ...baseRow(row, ind, group, rc),
      actual: a.actual,
      projected: a.projected,
      ...judged(a.judgement),
      reportedBy,
      byUnit,
      byUnitProjected,
      byUnitNote,
      byUnitAssessment,
      aggregate: a.aggregate,
    });
  }
  return out;
}

function taskTable(form: FormDef, period: string, generatedAt: string, cells: CurrentCellRow[], expected: UnitRow[], allUnits: UnitRow[]): TaskTable {
  const unitNames = new Map(allUnits.map((u) => [u.code, u.name]));
  const codes = [...new Set([...expected.map((u) => u.code), ...cells.map((c) => c.unit)])];
  const units = codes.map((code) => ({ code, name: unitNames.get(code) ?? code }));
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
  return { form: form.id, period, generatedAt, units, columns: form.columns.map((c) => ({ id: c.id, header: c.header })), rows };
}
