// POST /api/task-status: a task's status for CT.TASKSTATUS in Excel, batched per recalculation (like /api/actuals).
// { requests: [{ key: "III.12", period?: "2026-Q4" }] } → { results: [...] }, results[i] answers requests[i]; a bad
// request gets display: null with a note, never a failed batch.
//
// Without a period: the latest status, from the most recent period (calendar order) in which the task has a status;
// "Chậm tiến độ" and days late as of today. With a period: that period's status, counted as the merged task report
// counts it (as of the period's cut-off once past, else today). Whose report counts: as in the report
// (worker/src/merge-tasks.ts): the task's lead agencies first, in catalog order.
//
// Who may ask: units that read merged tables (admin, viewers) any task; a reporting unit the tasks it leads or
// cooperates on (its catalog agency names), since cooperating agencies follow the lead's progress.
import { Hono } from "hono";
import { taskRole, taskRow } from "../../../shared/forms/progress.js";
import { defaultCutoffDate, parsePeriod, periodOrder } from "../../../shared/periods/index.js";
import { taskStatusRequestSchema, type TaskStatusResult } from "../../../shared/schemas/index.js";
import { findTask, parseTaskStatus, taskProgress, type TaskStatus } from "../../../shared/tasks/index.js";
import { vnDate } from "../../../shared/time.js";
import { limitPerToken } from "../auth.js";
import type { AppEnv } from "../env.js";
import { formInfo } from "../formsinfo.js";
import { readJson } from "../http.js";
import { REPORT_FIELDS, emptyReport, rankReporters, reportDate, type UnitReport } from "../merge-tasks.js";
import { listPeriods } from "../store/periods.js";
import { taskCellsAllPeriods } from "../store/tasks.js";
import { agenciesOf, listUnits, unitAgencies } from "../store/units.js";

export const PROGRESS_FORM = "tiendo-nv";

export const taskStatus = new Hono<AppEnv>();

taskStatus.post("/task-status", limitPerToken, async (c) => {
  const { requests } = await readJson(c, taskStatusRequestSchema);
  const caller = c.get("caller");
  const db = c.env.DB;
  const form = formInfo(PROGRESS_FORM).form;
  const today = vnDate();
  const keys = [...new Set(requests.flatMap((r) => findTask(r.key)?.key ?? []))];
  const [cells, periods, mapping, units, mine] = await Promise.all([
    taskCellsAllPeriods(db, PROGRESS_FORM, keys, REPORT_FIELDS),
    listPeriods(db),
    unitAgencies(db),
    listUnits(db),
    caller.can.view ? Promise.resolve(null) : agenciesOf(db, caller.unit),
  ]);
  const nameOf = new Map(units.map((u) => [u.code, u.name]));
  const cutoffOf = new Map(periods.map((p) => [p.id, p.cutoff_date]));
  // item → period → unit → report
  const byTask = new Map<string, Map<string, Map<string, UnitReport>>>();
  for (const x of cells) {
    let byPeriod = byTask.get(x.item);
    if (!byPeriod) byTask.set(x.item, (byPeriod = new Map()));
    let byUnit = byPeriod.get(x.period);
    if (!byUnit) byPeriod.set(x.period, (byUnit = new Map()));
    let r = byUnit.get(x.unit);
    if (!r) byUnit.set(x.unit, (r = emptyReport()));
    r[x.field as keyof UnitReport] = x.raw;
  }

  const results: TaskStatusResult[] = requests.map((req) => {
    const base = { key: req.key, period: req.period ?? null, display: null, status: null, daysLate: null, dueDate: null, asOf: null };
    const task = findTask(req.key);
    const row = task ? taskRow(form, task.key) : undefined;
    if (!task || !row) return { ...base, note: `Không có nhiệm vụ "${req.key}" trong Phụ lục II, III, IV của Kế hoạch (mã ghi như "III.12").` };
    if (mine && taskRole(row, mine.length ? mine : [caller.unitName]) === null) {
      return { ...base, key: task.key, note: "Đơn vị chỉ xem được tiến độ các nhiệm vụ mình chủ trì hoặc phối hợp." };
    }
    const byPeriod = byTask.get(task.key) ?? new Map<string, Map<string, UnitReport>>();
    // The period to answer from: the one asked, else the latest with a status.
    const withStatus = [...byPeriod.keys()]
      .filter((p) => [...byPeriod.get(p)!.values()].some((r) => r.status.trim()))
      .sort((a, b) => periodOrder(b) - periodOrder(a));
    const period = req.period ?? withStatus[0] ?? null;
    const byUnit = period ? (byPeriod.get(period) ?? new Map<string, UnitReport>()) : new Map<string, UnitReport>();
    const { shown } = rankReporters(row, byUnit, mapping, nameOf);
    const raw = shown ? byUnit.get(shown)!.status.trim() : "";
    const parsed = raw ? parseTaskStatus(raw) : null;
    const status: TaskStatus | null = parsed?.ok ? parsed.status : null;
    const cutoff = req.period ? (cutoffOf.has(req.period) ? (cutoffOf.get(req.period) ?? null) : defaultCutoffDate(req.period)) : null;
    const asOf = req.period ? reportDate(cutoff, today).asOf : today;
    const year = period ? (parsePeriod(period)?.year ?? Number(today.slice(0, 4))) : Number(today.slice(0, 4));
    const p = taskProgress(task.deadline.value, status, asOf, { year });
    return { key: task.key, period: raw ? period : (req.period ?? null), display: p.display, status, daysLate: p.daysLate, dueDate: p.dueDate, asOf };
  });
  return c.json({ results });
});
