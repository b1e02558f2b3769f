// The task pane's flows as plain async functions over an ExcelHost, an ApiClient and the Outbox, so they run
// in Node tests with the Excel fake and a stubbed fetch. Components only call these.
import type { FormDef } from "../../shared/forms/types.js";
import { getForm } from "../../shared/forms/index.js";
import type { Cell, Conflict, Issue, Receipt, Submission } from "../../shared/schemas/index.js";
import { validateCells } from "../../shared/validate/index.js";
import type { ExcelHost } from "../excel/host.js";
import { openForm, type OpenFormResult } from "../excel/open-form.js";
import { posKey, readSheet, type SheetRead } from "../excel/read-sheet.js";
import { markIssues } from "../excel/mark-issues.js";
import { writeBack } from "../excel/write-back.js";
import { pullMerged, type PullResult } from "../excel/pull.js";
import { pullTasks, type PullTasksResult } from "../excel/pull-tasks.js";
import { ApiClient, HttpError, NetworkError, newIdempotencyKey, type Completeness } from "./api.js";
import type { Outbox, OutboxEntry } from "./outbox.js";

export interface Deps {
  host: ExcelHost;
  api: ApiClient | null;
  outbox: Outbox;
  /** The reporting unit's name (role "unit"), for the lead-agency warning on department forms. */
  unitName?: string | undefined;
}

export interface PaneIssue extends Issue {
  address: string | null;
}

export interface ValidateResult {
  sheetId: string;
  sheetName: string;
  form: FormDef | null;
  period: string | null;
  issues: PaneIssue[];
  errors: number;
  warnings: number;
  read: SheetRead;
}

/** Read (1 sync) → shared rules → marks (≤ 3 syncs). */
export async function validateSheet(host: ExcelHost, sheetId?: string, unitName?: string): Promise<ValidateResult> {
  const read = await readSheet(host, sheetId);
  if (!read.meta || !read.form || read.meta.kind !== "entry") {
    return { sheetId: read.sheetId, sheetName: read.sheetName, form: null, period: null, issues: [], errors: 0, warnings: 0, read };
  }
  const issues: PaneIssue[] = validateCells(read.form, read.cells, unitName ? { unitName } : undefined).map((i) => ({
    ...i,
    address: read.positions.get(posKey(i.item, i.field)) ?? null,
  }));
  await markIssues(
    host,
    read.sheetId,
    issues.filter((i) => i.address).map((i) => ({ address: i.address!, severity: i.severity, message: i.message })),
  );
  return {
    sheetId: read.sheetId,
    sheetName: read.sheetName,
    form: read.form,
    period: read.meta.period,
    issues,
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
    read,
  };
}

export interface ConflictRow {
  item: string;
  field: string;
  mine: string;
  server: string;
  address: string | null;
}

export type PushOutcome =
  | { kind: "not-a-form"; message: string }
  | { kind: "invalid"; validation: ValidateResult }
  | { kind: "ok"; receipt: Receipt; validation: ValidateResult }
  | { kind: "queued"; key: string; message: string; validation: ValidateResult }
  | { kind: "conflict"; conflict: Conflict; rows: ConflictRow[]; submission: Submission; validation: ValidateResult }
  | { kind: "error"; message: string; status: number; details: unknown[]; validation: ValidateResult };

export function conflictRows(mine: Cell[], conflict: Conflict, positions?: Map<string, string>): ConflictRow[] {
  const server = new Map(conflict.current.map((c) => [posKey(c.item, c.field), c.raw]));
  const rows: ConflictRow[] = [];
  const seen = new Set<string>();
  for (const c of mine) {
    const k = posKey(c.item, c.field);
    seen.add(k);
    const s = server.get(k) ?? "";
    if (s !== c.raw) rows.push({ item: c.item, field: c.field, mine: c.raw, server: s, address: positions?.get(k) ?? null });
  }
  for (const c of conflict.current) {
    const k = posKey(c.item, c.field);
    if (!seen.has(k) && c.raw !== "") rows.push({ item: c.item, field: c.field, mine: "", server: c.raw, address: positions?.get(k) ?? null });
  }
  return rows;
}

export interface PushProgress {
  (step: "validate" | "send" | "save" | "done", fraction: number): void;
}

/** Validate → send (Idempotency-Key) → write the receipt; offline → queue; 409 → conflict rows. */
export async function pushSheet(deps: Deps, sheetId?: string, progress: PushProgress = () => {}, baseOverride?: number): Promise<PushOutcome> {
  progress("validate", 0.1);
  const v = await validateSheet(deps.host, sheetId, deps.unitName);
  if (!v.form || !v.read.meta) return { kind: "not-a-form", message: "Trang tính đang mở không phải là biểu mẫu Chỉ tiêu. Hãy mở biểu mẫu hoặc nhận bảng có sẵn trước." };
  if (v.errors > 0) return { kind: "invalid", validation: v };
  const meta = v.read.meta;
  const submission: Submission = {
    form: meta.form,
    period: meta.period,
    baseRevision: baseOverride ?? meta.baseRevision ?? 0,
    cells: v.read.cells,
  };
  const key = newIdempotencyKey();
  progress("send", 0.4);
  try {
    if (!deps.api) throw new NetworkError("Chưa kết nối máy chủ.");
    const r = await deps.api.submit(submission, key);
    if (r.kind === "conflict") return { kind: "conflict", conflict: r.conflict, rows: conflictRows(v.read.cells, r.conflict, v.read.positions), submission, validation: v };
    progress("save", 0.8);
    await writeBack(deps.host, v.sheetId, { newIds: v.read.newIds, receipt: r.receipt });
    progress("done", 1);
    return { kind: "ok", receipt: r.receipt, validation: v };
  } catch (e) {
    if (e instanceof NetworkError) {
      await deps.outbox.enqueue({ key, submission, sheetId: v.sheetId });
      // New task-row ids go into the sheet now, so the queued cells and the sheet stay in step.
      if (v.read.newIds.length) await writeBack(deps.host, v.sheetId, { newIds: v.read.newIds });
      progress("done", 1);
      return { kind: "queued", key, message: e.message, validation: v };
    }
    if (e instanceof HttpError)
      return { kind: "error", message: e.message, status: e.status, details: e.body?.details ?? [], validation: v };
    throw e;
  }
}

/** "Giữ của tôi": push again on top of the server's revision. */
export function keepMine(deps: Deps, sheetId: string, conflict: Conflict, progress?: PushProgress): Promise<PushOutcome> {
  return pushSheet(deps, sheetId, progress, conflict.currentRevision);
}

/** "Lấy bản máy chủ": write the server's values into the sheet and adopt its revision. On a task list, rows that
 *  exist only on the server are appended to the task table (`added`). */
export async function takeServer(
  deps: Deps,
  sheetId: string,
  conflict: Conflict,
  rows: ConflictRow[],
): Promise<{ written: number; missing: number; added: number }> {
  const cells = rows.map((r) => ({ item: r.item, field: r.field, raw: r.server }));
  const r = await writeBack(deps.host, sheetId, { cells, baseRevision: conflict.currentRevision });
  return { written: r.written, missing: r.missing.length, added: r.added.length };
}

/** Sends every queued push with its original Idempotency-Key; writes receipts into their sheets. */
export async function flushOutbox(deps: Deps): Promise<{ sent: number; left: number; receipts: Receipt[] }> {
  const receipts: Receipt[] = [];
  const api = deps.api;
  if (!api) return { sent: 0, left: (await deps.outbox.list()).length, receipts };
  const res = await deps.outbox.flush(async (e: OutboxEntry) => {
    try {
      const r = await api.submit(e.submission, e.key);
      if (r.kind === "conflict") return { outcome: "conflict", error: r.conflict.message };
      receipts.push(r.receipt);
      await writeBack(deps.host, e.sheetId, { receipt: r.receipt }).catch(() => undefined);
      return { outcome: "sent" };
    } catch (err) {
      if (err instanceof NetworkError) return { outcome: "retry", error: err.message };
      if (err instanceof HttpError) return { outcome: "rejected", error: err.message };
      throw err;
    }
  });
  return { ...res, receipts };
}

/** Opens a form sheet, prefilled with what the server already has for this unit (when reachable). */
export async function openFormFlow(
  deps: Deps,
  formId: string,
  period: string,
  unit?: { code: string; name: string; agencies?: string[] },
): Promise<OpenFormResult & { prefilled: number; offline: boolean }> {
  const form = getForm(formId);
  if (!form) throw new Error(`Không có biểu mẫu ${formId}.`);
  let initial: Cell[] = [];
  let baseRevision: number | null = null;
  let offline = false;
  if (deps.api && unit) {
    try {
      const cur = await deps.api.current(formId, period);
      initial = cur.cells.map(({ item, field, raw }) => ({ item, field, raw }));
      baseRevision = cur.revision;
    } catch (e) {
      if (e instanceof NetworkError) offline = true;
      else if (!(e instanceof HttpError)) throw e;
    }
  }
  const r = await openForm(deps.host, {
    form,
    period,
    initial,
    baseRevision,
    ...(unit ? { unitName: unit.name, unitCode: unit.code } : {}),
    // Task-progress forms show the tasks the unit leads (and, apart, those it cooperates on).
    ...(unit?.agencies ? { agencies: unit.agencies } : {}),
  });
  return { ...r, prefilled: initial.length, offline };
}

export type PullOutcome = (PullResult | PullTasksResult) & { completeness: Completeness | null; tasks: boolean };

/** Pull: indicator forms → merged table (+ chart); task lists (pl2-xa) → tasks grouped by commune with a budget total. */
export async function pullFlow(deps: Deps, formId: string, period: string, chartItems: string[]): Promise<PullOutcome> {
  if (!deps.api) throw new NetworkError("Chưa kết nối máy chủ.");
  const form = getForm(formId);
  if (!form) throw new Error(`Không có biểu mẫu ${formId}.`);
  if (form.kind === "tasks") {
    const [table, completeness] = await Promise.all([
      deps.api.mergedTasks(formId, period),
      deps.api.completeness(formId, period).catch(() => null),
    ]);
    const r = await pullTasks(deps.host, { form, table, ...(completeness ? { completeness: completeness.rows } : {}) });
    return { ...r, completeness, tasks: true };
  }
  const [merged, completeness] = await Promise.all([
    deps.api.merged(formId, period),
    deps.api.completeness(formId, period).catch(() => null),
  ]);
  const r = await pullMerged(deps.host, {
    form,
    merged,
    ...(completeness ? { completeness: completeness.rows } : {}),
    chartItems,
  });
  return { ...r, completeness, tasks: false };
}
