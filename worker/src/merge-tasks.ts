// The merged task report (form tiendo-nv, the plan's Phụ lục II–IV) for the Sở KH&CN: every task with its status and
// result by lead agency, the counts by status as the department's report words them, the overdue tasks with days late,
// filters by appendix and agency. See docs/TASKS.md ("The merged task report").
//
// Whose report a task shows: units answer for catalog agency names (unit_agencies). The reporters of a task are ranked
// by the task's lead order (the first lead in the catalog first; units that do not lead it last, as for indicators);
// the first that gave a status is shown, every other report is in `byUnit` and summarised in the note.
//
// "Chậm tiến độ" is counted as of the period's cut-off ("số liệu tính đến ngày") once it has passed, else as of today
// (the current period): a closed quarter's report does not change when it is pulled again later.
import type { FormDef } from "../../shared/forms/types.js";
import { leadRank, taskRole, taskRows, type TaskRow } from "../../shared/forms/progress.js";
import { defaultCutoffDate, parsePeriod } from "../../shared/periods/index.js";
import type { TaskReport, TaskReportRow } from "../../shared/schemas/index.js";
import {
  findTask,
  findTaskAgency,
  parseTaskStatus,
  summarizeTasks,
  taskProgress,
  type AppendixCode,
  type TaskReportEntry,
  type TaskStatus,
} from "../../shared/tasks/index.js";
import { vnDate } from "../../shared/time.js";
import { ApiError } from "./errors.js";
import { getPeriod } from "./store/periods.js";
import { currentCells } from "./store/submissions.js";
import { listUnits, unitAgencies, type UnitRow } from "./store/units.js";

export interface TaskReportFilters {
  appendix?: AppendixCode | undefined;
  /** A catalog agency name (any recorded spelling) or a unit code: the tasks it leads. */
  agency?: string | undefined;
}

export interface MergedProgress {
  kind: "progress";
  form: FormDef;
  table: TaskReport;
}

/** Units expected to report task progress: reporting units of the form's audience that lead at least one task. */
export async function unitsLeadingTasks(db: D1Database, form: FormDef, units: UnitRow[]): Promise<UnitRow[]> {
  const mapping = await unitAgencies(db);
  const rows = taskRows(form);
  return units.filter((u) => {
    const names = mapping.get(u.code) ?? [];
    return names.length > 0 && rows.some((r) => taskRole(r, names) === "lead");
  });
}

/** The date lateness is counted on: the cut-off once it has passed, else today (Vietnam dates). */
export function reportDate(cutoff: string | null, today: string): { asOf: string; basis: "cutoff" | "today" } {
  return cutoff && cutoff < today ? { asOf: cutoff, basis: "cutoff" } : { asOf: today, basis: "today" };
}

export const REPORT_FIELDS = ["status", "result", "docNo", "docDate", "note"] as const;
export type UnitReport = Record<(typeof REPORT_FIELDS)[number], string>;
export const emptyReport = (): UnitReport => ({ status: "", result: "", docNo: "", docDate: "", note: "" });

/**
 * The units that reported on a task, ranked: the task's leads in catalog order first (through the agency names each
 * unit answers for), then the others by code; `shown` is the first that gave a status (else the first).
 */
export function rankReporters(
  row: Pick<TaskRow, "leads" | "cooperating">,
  byUnit: ReadonlyMap<string, UnitReport>,
  mapping: ReadonlyMap<string, string[]>,
  nameOf: ReadonlyMap<string, string>,
): { ranked: string[]; shown: string | undefined } {
  const rank = (code: string) => {
    const i = leadRank(row, mapping.get(code) ?? [nameOf.get(code) ?? code]);
    return i < 0 ? row.leads.length : i;
  };
  const ranked = [...byUnit.keys()].sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0));
  return { ranked, shown: ranked.find((u) => byUnit.get(u)!.status.trim()) ?? ranked[0] };
}

/** Which tasks an agency filter keeps: the agency names it stands for (a unit's names, or the name itself). */
function agencyNames(agency: string, units: UnitRow[], mapping: Map<string, string[]>): string[] {
  const unit = units.find((u) => u.code === agency.trim());
  if (unit) return mapping.get(unit.code)?.length ? mapping.get(unit.code)! : [unit.name];
  const known = findTaskAgency(agency);
  if (!known) {
    throw new ApiError(422, "unknown_agency", `Không có cơ quan «${agency.trim().slice(0, 100)}» trong danh mục nhiệm vụ của Kế hoạch (ghi tên cơ quan hoặc mã đơn vị).`);
  }
  return [known.name];
}

export async function buildTaskReport(db: D1Database, form: FormDef, period: string, filters: TaskReportFilters = {}, now = new Date()): Promise<MergedProgress> {
  const [cells, units, mapping, periodRow] = await Promise.all([currentCells(db, form.id, period), listUnits(db), unitAgencies(db), getPeriod(db, period)]);
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  const expected = (await unitsLeadingTasks(db, form, units.filter((u) => u.kind === form.audience && u.active === 1 && u.can_report === 1))).map((u) => ({
    code: u.code,
    name: u.name,
  }));
  const today = vnDate(now);
  const { asOf, basis } = reportDate(periodRow ? periodRow.cutoff_date : defaultCutoffDate(period), today);
  const year = parsePeriod(period)?.year ?? Number(period.slice(0, 4));

  // item → unit → what it reported
  const reports = new Map<string, Map<string, UnitReport>>();
  for (const c of cells) {
    if (!(REPORT_FIELDS as readonly string[]).includes(c.field)) continue;
    let byUnit = reports.get(c.item);
    if (!byUnit) reports.set(c.item, (byUnit = new Map()));
    let r = byUnit.get(c.unit);
    if (!r) byUnit.set(c.unit, (r = emptyReport()));
    r[c.field as keyof UnitReport] = c.raw;
  }

  const wanted = filters.agency ? agencyNames(filters.agency, units, mapping) : null;
  const keep = (r: TaskRow) => (!filters.appendix || r.appendix === filters.appendix) && (!wanted || taskRole(r, wanted) === "lead");

  const rows: TaskReportRow[] = [];
  const entries: TaskReportEntry[] = [];
  for (const r of taskRows(form).filter(keep)) {
    const task = findTask(r.item);
    if (!task) continue; // the form and the catalog are derived together (tested); never expected
    const byUnit = reports.get(r.item) ?? new Map<string, UnitReport>();
    const { ranked, shown } = rankReporters(r, byUnit, mapping, nameOf);
    const rep = shown ? byUnit.get(shown)! : emptyReport();
    const parsed = rep.status.trim() ? parseTaskStatus(rep.status) : null;
    const status: TaskStatus | null = parsed?.ok ? parsed.status : null;
    const p = taskProgress(task.deadline.value, status, asOf, { year });
    const notes: string[] = [];
    if (rep.note.trim()) notes.push(rep.note.trim());
    if (parsed && !parsed.ok) notes.push(`Trạng thái ghi “${rep.status.trim()}” không có trong thang.`);
    for (const u of ranked) {
      if (u === shown) continue;
      const o = byUnit.get(u)!;
      const what = [o.status.trim(), o.result.trim()].filter(Boolean).join(" – ");
      notes.push(`${nameOf.get(u) ?? u} báo cáo: ${what || "(không ghi trạng thái)"}${o.note.trim() ? ` (${o.note.trim()})` : ""}`);
    }
    rows.push({
      key: r.item,
      appendix: r.appendix,
      section: task.section ? { code: task.section.code, title: task.section.title } : null,
      stt: r.stt,
      name: r.name,
      deadline: r.deadline,
      dueDate: p.dueDate,
      leads: r.leads,
      status,
      statusText: rep.status.trim(),
      display: p.display,
      overdue: p.overdue,
      daysLate: p.daysLate,
      result: rep.result.trim(),
      docNo: rep.docNo.trim(),
      docDate: rep.docDate.trim(),
      note: notes.join("; "),
      reportedBy: ranked.map((u) => ({ code: u, name: nameOf.get(u) ?? u })),
      byUnit: Object.fromEntries(ranked.map((u) => [u, byUnit.get(u)!])),
    });
    entries.push({ key: r.item, deadline: task.deadline.value, status: rep.status.trim() || null });
  }

  const s = summarizeTasks(entries, asOf, { year });
  const overdue = rows
    .filter((r) => r.overdue)
    .map((r) => ({ key: r.key, name: r.name, leads: r.leads, dueDate: r.dueDate!, daysLate: r.daysLate!, status: r.status }))
    .sort((a, b) => b.daysLate - a.daysLate || a.key.localeCompare(b.key));
  const table: TaskReport = {
    form: form.id,
    period,
    generatedAt: now.toISOString(),
    asOf,
    asOfBasis: basis,
    // The filter as people read it: a unit code given in the query is shown by the unit's name.
    filters: { appendix: filters.appendix ?? null, agency: filters.agency?.trim() ? (nameOf.get(filters.agency.trim()) ?? filters.agency.trim()) : null },
    units: expected,
    summary: {
      total: s.total,
      counts: s.counts,
      byWording: s.byWording.map((w) => ({ wording: w.wording, count: w.count })),
      sentence: s.sentence,
      wordingSentence: s.wordingSentence,
    },
    overdue,
    rows,
  };
  return { kind: "progress", form, table };
}
