/**
 * Task rows of a task-progress form (kind "progress", tiendo-nv): how a row is named to people, and whether a unit
 * leads or cooperates on it (through the catalog agency names the unit answers for, GET /api/me `agencies`).
 * No task-catalog import: the rows carry what they need, so the add-in does not bundle tasks.json.
 */
import { foldAgency } from "../tasks/fold.js";
import { shortNameOf } from "../values/read.js";
import type { FormDef, FormRow } from "./types.js";

export type TaskRow = Extract<FormRow, { type: "task" }>;
export type SectionRow = Extract<FormRow, { type: "section" }>;

export function taskRows(form: FormDef): TaskRow[] {
  return form.rows.filter((r): r is TaskRow => r.type === "task");
}

export function taskRow(form: FormDef, item: string): TaskRow | undefined {
  const r = form.rows.find((x) => x.type === "task" && x.item === item);
  return r && r.type === "task" ? r : undefined;
}

/** How people name a task row: "Nhiệm vụ III.12 – «Xây dựng Khung Kiến trúc…»" (the key as printed, never a row id). */
export function taskLabel(row: Pick<TaskRow, "item" | "name">): string {
  return `Nhiệm vụ ${row.item} – «${shortNameOf(row.name)}»`;
}

export type TaskRole = "lead" | "cooperating";

/** foldAgency with a memo: a report matches a few dozen unit names against 234 rows. */
const foldMemo = new Map<string, string>();
function fold(name: string): string {
  let f = foldMemo.get(name);
  if (f === undefined) {
    if (foldMemo.size > 5000) foldMemo.clear();
    foldMemo.set(name, (f = foldAgency(name)));
  }
  return f;
}

/** Folded agency names of a row, computed once per row object (folding is the costly part of matching). */
const foldedRows = new WeakMap<object, { leads: string[]; cooperating: string[] }>();
function folded(row: Pick<TaskRow, "leads" | "cooperating">): { leads: string[]; cooperating: string[] } {
  let f = foldedRows.get(row);
  if (!f) foldedRows.set(row, (f = { leads: row.leads.map(fold), cooperating: row.cooperating.map(fold) }));
  return f;
}

/**
 * Whether a unit answering for `agencies` leads the task (Phụ lục IV: the province's unit that leads the
 * cooperation), cooperates on it (Phụ lục II, III column "Cơ quan phối hợp"), or neither (null). Collective
 * phrases ("Các sở, ngành, đơn vị liên quan") match nobody.
 */
export function taskRole(row: Pick<TaskRow, "leads" | "cooperating">, agencies: readonly string[]): TaskRole | null {
  const want = agencies.map(fold);
  const f = folded(row);
  if (f.leads.some((a) => want.includes(a))) return "lead";
  if (f.cooperating.some((a) => want.includes(a))) return "cooperating";
  return null;
}

/** Index of the first of `agencies` among the row's leads (for ranking reporters), or -1. */
export function leadRank(row: Pick<TaskRow, "leads" | "cooperating">, agencies: readonly string[]): number {
  const want = agencies.map(fold);
  return folded(row).leads.findIndex((a) => want.includes(a));
}
