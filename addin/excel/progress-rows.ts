// The rows of a task-progress sheet (form kind "progress", tiendo-nv) for one unit: the tasks it LEADS, under their
// appendix and section headings, to fill in; then, apart, the tasks it COOPERATES on, read-only, for information
// (their lead agency reports them). Matching goes through the catalog agency names the unit answers for
// (GET /api/me `agencies`). Pure: open-form writes what this returns. No Office.js here.
import type { ColumnDef, FormDef } from "../../shared/forms/types.js";
import { taskRole, type SectionRow, type TaskRow } from "../../shared/forms/progress.js";

export interface SheetRow {
  /** The item id written into the hidden id column (read back on push); null for headings and read-only rows. */
  id: string | null;
  cells: string[];
  /** Heading rows: bold, tinted, locked. */
  group: boolean;
  /** Rows shown for information only: locked and grey, not read back. */
  readOnly?: boolean;
}

/** The heading above the tasks a unit cooperates on. */
export const COOPERATING_HEADING = "NHIỆM VỤ PHỐI HỢP";
export const COOPERATING_NOTE = "Để theo dõi: cơ quan chủ trì báo cáo tiến độ các nhiệm vụ này; ý kiến phối hợp gửi cơ quan chủ trì.";
export const NOTHING_LED = "Đơn vị không chủ trì nhiệm vụ nào trong Phụ lục II, III, IV của Kế hoạch.";

/** Text of a catalog-role cell of a task row: TT is the task key as printed with its appendix ("III.12"). */
export function taskCatalogText(row: TaskRow, col: ColumnDef): string {
  switch (col.id) {
    case "stt":
      return row.item;
    case "name":
      return row.name;
    case "deadline":
      return row.deadline;
    case "lead":
      return row.leads.join("; ");
    default:
      return "";
  }
}

export interface ProgressSelection {
  /** Tasks to report on (led, or already reported by the unit). */
  own: TaskRow[];
  /** Tasks the unit cooperates on and does not lead. */
  cooperating: TaskRow[];
}

/**
 * Which tasks a unit sees. Without agency names (an administrator, an unknown unit) every task is its own.
 * A task the unit already has values for stays editable even if it neither leads nor cooperates (nothing typed is hidden).
 */
export function selectTasks(form: FormDef, agencies: readonly string[] | undefined, reported: ReadonlySet<string> = new Set()): ProgressSelection {
  const all = form.rows.filter((r): r is TaskRow => r.type === "task");
  if (!agencies || agencies.length === 0) return { own: all, cooperating: [] };
  const own: TaskRow[] = [];
  const cooperating: TaskRow[] = [];
  for (const t of all) {
    const role = taskRole(t, agencies);
    if (role === "lead" || reported.has(t.item)) own.push(t);
    else if (role === "cooperating") cooperating.push(t);
  }
  return { own, cooperating };
}

/** Sheet rows: headings (appendix, section) only above tasks shown, the cooperating block after a heading of its own. */
export function progressRows(form: FormDef, agencies: readonly string[] | undefined, given: Map<string, Map<string, string>>): SheetRow[] {
  const { own, cooperating } = selectTasks(form, agencies, new Set(given.keys()));
  const heading = (label: string, title: string): SheetRow => ({
    id: null,
    group: true,
    cells: form.columns.map((_, i) => (i === 0 ? label : i === 1 ? title : "")),
  });
  const taskCells = (t: TaskRow, values?: Map<string, string>) =>
    form.columns.map((c) => (c.role === "catalog" ? taskCatalogText(t, c) : (values?.get(c.id) ?? "")));

  // The heading rows that precede each task in the form.
  const headingsOf = new Map<string, SectionRow[]>();
  let appendix: SectionRow | null = null;
  let section: SectionRow | null = null;
  for (const r of form.rows) {
    if (r.type === "section") {
      if (r.level === 1) {
        appendix = r;
        section = null;
      } else section = r;
    } else if (r.type === "task") {
      headingsOf.set(r.item, [appendix, section].filter((x): x is SectionRow => x !== null));
    }
  }

  const out: SheetRow[] = [];
  const shown = new Set<SectionRow>();
  for (const t of own) {
    for (const h of headingsOf.get(t.item) ?? []) {
      if (shown.has(h)) continue;
      shown.add(h);
      out.push(heading(h.label, h.title));
    }
    out.push({ id: t.item, group: false, cells: taskCells(t, given.get(t.item)) });
  }
  if (own.length === 0) out.push(heading("", NOTHING_LED));
  if (cooperating.length > 0) {
    out.push(heading(COOPERATING_HEADING, COOPERATING_NOTE));
    for (const t of cooperating) out.push({ id: null, group: false, readOnly: true, cells: taskCells(t) });
  }
  return out;
}
