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

/**
 * Whether a unit answering for `agencies` leads the task (Phụ lục IV: the province's unit that leads the
 * cooperation), cooperates on it (Phụ lục II, III column "Cơ quan phối hợp"), or neither (null). Collective
 * phrases ("Các sở, ngành, đơn vị liên quan") match nobody.
 */
export function taskRole(row: Pick<TaskRow, "leads" | "cooperating">, agencies: readonly string[]): TaskRole | null {
  const want = new Set(agencies.map(foldAgency));
  if (row.leads.some((a) => want.has(foldAgency(a)))) return "lead";
  if (row.cooperating.some((a) => want.has(foldAgency(a)))) return "cooperating";
  return null;
}

/** Index of the first of `agencies` among the row's leads (for ranking reporters), or -1. */
export function leadRank(row: Pick<TaskRow, "leads">, agencies: readonly string[]): number {
  const want = new Set(agencies.map(foldAgency));
  return row.leads.findIndex((a) => want.has(foldAgency(a)));
}
