// The task pane's flows as plain async functions over an ExcelHost, the connected session and the Outbox, so they run in
// Node tests with the Excel fake and a stubbed fetch. Components call these; they never call Office.js themselves.
// Outcomes are data (kinds and codes); the components turn them into sentences in the user's language.
import type { FormDef } from "../../shared/forms/types.js";
import { findIndicator, leadsIndicator } from "../../shared/catalog/index.js";
import { getForm } from "../../shared/forms/index.js";
import type { TargetOverride } from "../../shared/forms/target.js";
import type { Cell, Conflict, Issue, Receipt, ReviewState, Submission } from "../../shared/schemas/index.js";
import { validateCells } from "../../shared/validate/index.js";
import type { ExcelHost } from "../excel/host.js";
import { openForm, type OpenFormResult } from "../excel/open-form.js";
import { posKey, readSheet, type SheetRead } from "../excel/read-sheet.js";
import { markIssues } from "../excel/mark-issues.js";
import { placeReviewNotes } from "../excel/review-notes.js";
import { writeBack } from "../excel/write-back.js";
import { pullMerged, type PullResult } from "../excel/pull.js";
import { pullTasks, type PullTasksResult } from "../excel/pull-tasks.js";
import { confirmAdoption, type AdoptProposal } from "../excel/adopt-sheet.js";
import { activateSheet, findEntrySheet } from "../excel/sheet-index.js";
import { focusRows, type FocusResult } from "../excel/focus-rows.js";
import { ApiClient, HttpError, NetworkError, newIdempotencyKey, type Completeness, type NetworkReason } from "./api.js";
import type { Outbox, OutboxEntry, SendResult } from "./outbox.js";
import { cellKey, merge3, planPush, resolve, toMap, type CellChange, type Choice, type Merge3 } from "./changes.js";

/** The connected, authorised unit. */
export interface Session {
  api: ApiClient;
  /** Server base URL (as the ApiClient uses it). */
  server: string;
  unit: { code: string; name: string };
  /** May report its own figures (role "unit"). */
  canReport: boolean;
  /** May read merged tables (viewer or admin). */
  canView: boolean;
  /** Sở KH&CN administration (registry, tokens, periods, reviews, targets). */
  isAdmin?: boolean;
  /** Catalog agency names the unit answers for (departments). */
  agencies?: string[];
}

export interface Deps {
  host: ExcelHost;
  outbox: Outbox;
  session: Session | null;
  /** The text of the note put on a marked cell (the pane's language); default: the rule's own detail. */
  noteText?: (i: PaneIssue) => string;
}

/** The validation detail the shared rules wrote (Vietnamese), without their "Chỉ tiêu 1 (5G), cột «…»:" prefix. */
export function issueDetail(message: string): string | null {
  const m = /^(?:Chỉ tiêu|Nhiệm vụ)[^«]*?,\s*cột\s*«[^»]*»:\s*([\s\S]+)$/.exec(message);
  return m ? m[1]!.trim() : null;
}

const owner = (s: Session) => ({ server: s.server, unit: s.unit.code });

/** Who validates (lead-agency warnings) and how notes read. */
export function validateCtx(deps: Pick<Deps, "noteText" | "session">, session = deps.session) {
  return {
    ...(session ? { unitName: session.unit.name } : {}),
    ...(session?.agencies ? { agencies: session.agencies } : {}),
    ...(deps.noteText ? { noteText: deps.noteText } : {}),
  };
}

// ---------------------------------------------------------------- labels (data, never codes)

const shorten = (s: string, n = 60) => (s.length > n ? `${s.slice(0, n - 1).trimEnd()}…` : s);

/** A row as people know it: STT and a short name (indicator forms), STT and the task name (task lists). */
export interface RowLabel {
  stt: string;
  name: string;
}

export function rowLabel(form: FormDef, item: string, cells?: Map<string, string>): RowLabel {
  if (form.kind === "tasks") return { stt: cells?.get(cellKey(item, "stt")) ?? "", name: shorten(cells?.get(cellKey(item, "task")) ?? "") };
  const row = form.rows.find((r) => r.type === "indicator" && r.item === item);
  if (row && row.type === "indicator") return { stt: row.stt, name: shorten(row.name ?? findIndicator(row.indicatorKey)?.name ?? "") };
  return { stt: "", name: "" };
}

export function columnLabel(form: FormDef, field: string): string {
  return form.columns.find((c) => c.id === field)?.header ?? "";
}

export interface LabelledChange extends CellChange {
  row: RowLabel;
  column: string;
}

// ---------------------------------------------------------------- validate

export interface PaneIssue extends Issue {
  address: string | null;
  row: RowLabel;
  column: string;
  /** The cell's value as typed. */
  raw: string;
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

/** Read (1 sync) → shared rules → marks (the note on a cell says what is wrong there, never an internal code). */
export async function validateSheet(
  host: ExcelHost,
  sheetId?: string,
  ctx?: { unitName?: string; agencies?: string[]; noteText?: (i: PaneIssue) => string },
): Promise<ValidateResult> {
  const read = await readSheet(host, sheetId);
  if (!read.meta || !read.form || read.meta.kind !== "entry") {
    return { sheetId: read.sheetId, sheetName: read.sheetName, form: null, period: null, issues: [], errors: 0, warnings: 0, read };
  }
  const form = read.form;
  const values = new Map(read.cells.map((c) => [cellKey(c.item, c.field), c.raw]));
  const vctx = ctx?.agencies?.length ? { agencies: ctx.agencies } : ctx?.unitName ? { unitName: ctx.unitName } : undefined;
  const issues: PaneIssue[] = validateCells(form, read.cells, vctx).map((i) => ({
    ...i,
    address: read.positions.get(posKey(i.item, i.field)) ?? null,
    row: rowLabel(form, i.item, values),
    column: columnLabel(form, i.field),
    raw: values.get(cellKey(i.item, i.field)) ?? "",
  }));
  await markIssues(
    host,
    read.sheetId,
    issues
      .filter((i) => i.address)
      .map((i) => ({ address: i.address!, severity: i.severity, message: ctx?.noteText?.(i) ?? issueDetail(i.message) ?? i.message })),
  );
  return {
    sheetId: read.sheetId,
    sheetName: read.sheetName,
    form,
    period: read.meta.period,
    issues,
    errors: issues.filter((i) => i.severity === "error").length,
    warnings: issues.filter((i) => i.severity === "warning").length,
    read,
  };
}

// ---------------------------------------------------------------- push

export interface ConflictState {
  sheetId: string;
  form: FormDef;
  period: string;
  /** The base the sheet was on, and the server's cells and revision now. */
  base: Map<string, string>;
  server: Map<string, string>;
  currentRevision: number;
  merge: Merge3;
  /** The cells the sheet showed ("item|field" → raw), rows that already had an id (new task rows left out). */
  shown: Map<string, string>;
  /** Labels of every cell in the merge, by "item|field". */
  labels: Map<string, { row: RowLabel; column: string; address: string | null }>;
}

export type PushOutcome =
  | { kind: "not-connected" }
  | { kind: "not-allowed" }
  | { kind: "not-a-form" }
  | { kind: "other-unit"; unit: string }
  | { kind: "invalid"; validation: ValidateResult }
  | { kind: "empty"; validation: ValidateResult }
  | { kind: "unchanged"; validation: ValidateResult }
  | { kind: "confirm-delete"; deletions: LabelledChange[]; validation: ValidateResult }
  | { kind: "ok"; receipt: Receipt; keptHidden: number; validation: ValidateResult }
  | { kind: "queued"; key: string; reason: NetworkReason; validation: ValidateResult }
  | { kind: "conflict"; conflict: ConflictState; validation: ValidateResult }
  | { kind: "error"; error: HttpError; validation: ValidateResult };

export interface PushProgress {
  (step: "validate" | "send" | "save" | "done", fraction: number): void;
}

export interface PushOptions {
  progress?: PushProgress;
  /** Deletions ("item|field") the clerk has confirmed; the push goes ahead only if it deletes nothing else. */
  confirmedDeletes?: string[];
}

/** The base of a sheet: its meta's, or (sheets written before bases were kept) the server's cells if still current. */
async function baseFor(read: SheetRead, session: Session): Promise<Map<string, string>> {
  const meta = read.meta!;
  if (meta.base) return new Map(Object.entries(meta.base));
  if (!meta.baseRevision) return new Map();
  try {
    const cur = await session.api.current(meta.form, meta.period);
    return cur.revision === meta.baseRevision ? toMap(cur.cells) : new Map();
  } catch {
    return new Map();
  }
}

function labelsFor(form: FormDef, read: SheetRead, keys: Iterable<string>, extra: Map<string, string>) {
  const values = new Map([...extra, ...read.cells.map((c) => [cellKey(c.item, c.field), c.raw] as const)]);
  const out = new Map<string, { row: RowLabel; column: string; address: string | null }>();
  for (const k of keys) {
    const i = k.lastIndexOf("|");
    const item = k.slice(0, i);
    const field = k.slice(i + 1);
    out.set(k, { row: rowLabel(form, item, values), column: columnLabel(form, field), address: read.positions.get(posKey(item, field)) ?? null });
  }
  return out;
}

/** What the sheet shows, for planPush: blank cells an adopted legacy sheet never had are left out (kept from the base). */
function viewOf(read: SheetRead) {
  const keep = new Set(read.meta?.keepBlank ?? []);
  const cells = keep.size ? read.cells.filter((c) => !(keep.has(cellKey(c.item, c.field)) && c.raw.trim() === "")) : read.cells;
  return { cells, ownsRows: read.form?.kind === "tasks" && read.meta?.idCol !== null };
}

/**
 * Validate → plan (base ∪ edits − cleared) → ask before deleting → send (Idempotency-Key) → write the receipt and the
 * new base; offline → queue for this unit; 409 → a per-cell 3-way merge for the clerk.
 */
export async function pushSheet(deps: Deps, sheetId?: string, opts: PushOptions = {}): Promise<PushOutcome> {
  const progress = opts.progress ?? (() => {});
  const session = deps.session;
  if (!session) return { kind: "not-connected" };
  if (!session.canReport) return { kind: "not-allowed" };
  progress("validate", 0.1);
  const v = await validateSheet(deps.host, sheetId, validateCtx(deps, session));
  if (!v.form || !v.read.meta) return { kind: "not-a-form" };
  const meta = v.read.meta;
  if (meta.unit && meta.unit !== session.unit.code) return { kind: "other-unit", unit: meta.unit };
  if (v.errors > 0) return { kind: "invalid", validation: v };
  const base = await baseFor(v.read, session);
  const plan = planPush(viewOf(v.read), base);
  const baseRevision = meta.baseRevision ?? 0;
  if (plan.cells.length === 0 && baseRevision === 0) return { kind: "empty", validation: v };
  if (plan.changed === 0 && baseRevision > 0) return { kind: "unchanged", validation: v };
  const confirmed = new Set(opts.confirmedDeletes ?? []);
  if (plan.deletions.some((d) => !confirmed.has(cellKey(d.item, d.field)))) {
    const labels = labelsFor(v.form, v.read, plan.deletions.map((d) => cellKey(d.item, d.field)), base);
    return {
      kind: "confirm-delete",
      deletions: plan.deletions.map((d) => ({ ...d, ...labels.get(cellKey(d.item, d.field))! })),
      validation: v,
    };
  }
  return send(deps, session, v, base, plan.cells, baseRevision, plan.keptHidden, progress);
}

async function send(
  deps: Deps,
  session: Session,
  v: ValidateResult,
  base: Map<string, string>,
  cells: Cell[],
  baseRevision: number,
  keptHidden: number,
  progress: PushProgress,
): Promise<PushOutcome> {
  const meta = v.read.meta!;
  const submission: Submission = { form: meta.form, period: meta.period, baseRevision, cells };
  const key = newIdempotencyKey();
  progress("send", 0.4);
  try {
    const r = await session.api.submit(submission, key);
    if (r.kind === "conflict") return { kind: "conflict", conflict: conflictState(v, base, toMap(cells), r.conflict), validation: v };
    progress("save", 0.8);
    await writeBack(deps.host, v.sheetId, { newIds: v.read.newIds, receipt: r.receipt, base: Object.fromEntries(toMap(cells)) });
    await deps.outbox.supersede({ sheetId: v.sheetId, ...owner(session), form: meta.form, period: meta.period });
    progress("done", 1);
    return { kind: "ok", receipt: r.receipt, keptHidden, validation: v };
  } catch (e) {
    if (e instanceof NetworkError) {
      await deps.outbox.enqueue({ key, submission, sheetId: v.sheetId, ...owner(session), unitName: session.unit.name });
      // New task-row ids go into the sheet now, so the queued cells and the sheet stay in step.
      if (v.read.newIds.length) await writeBack(deps.host, v.sheetId, { newIds: v.read.newIds });
      progress("done", 1);
      return { kind: "queued", key, reason: e.reason, validation: v };
    }
    if (e instanceof HttpError) return { kind: "error", error: e, validation: v };
    throw e;
  }
}

function conflictState(v: ValidateResult, base: Map<string, string>, mine: Map<string, string>, c: Conflict): ConflictState {
  const server = toMap(c.current);
  const merge = merge3(base, mine, server);
  const keys = [...merge.fromServer, ...merge.fromMine, ...merge.conflicts].map((x) => cellKey(x.item, x.field));
  const fresh = new Set(v.read.newIds.map((x) => x.id));
  return {
    sheetId: v.sheetId,
    form: v.form!,
    period: v.period!,
    base,
    server,
    currentRevision: c.currentRevision,
    merge,
    shown: new Map(v.read.cells.filter((x) => !fresh.has(x.item)).map((x) => [cellKey(x.item, x.field), x.raw])),
    labels: labelsFor(v.form!, v.read, keys, new Map([...base, ...server])),
  };
}

/**
 * Sends the merge the clerk settled on, on top of the server's revision: the sheet's current state merged with the
 * server's cells (choices for cells both changed), then writes into the sheet the values taken from the server.
 */
export async function sendMerged(deps: Deps, c: ConflictState, choices: Map<string, Choice>, progress: PushProgress = () => {}): Promise<PushOutcome> {
  const session = deps.session;
  if (!session) return { kind: "not-connected" };
  progress("validate", 0.1);
  const v = await validateSheet(deps.host, c.sheetId, validateCtx(deps, session));
  if (!v.form || !v.read.meta) return { kind: "not-a-form" };
  if (v.errors > 0) return { kind: "invalid", validation: v };
  const plan = planPush(viewOf(v.read), c.base);
  const m = merge3(c.base, toMap(plan.cells), c.server);
  const merged = resolve(m, choices);
  const cells = [...merged].map(([k, raw]) => {
    const i = k.lastIndexOf("|");
    return { item: k.slice(0, i), field: k.slice(i + 1), raw };
  });
  const submission: Submission = { form: c.form.id, period: c.period, baseRevision: c.currentRevision, cells };
  const key = newIdempotencyKey();
  progress("send", 0.4);
  try {
    const r = await session.api.submit(submission, key);
    if (r.kind === "conflict") return { kind: "conflict", conflict: conflictState(v, c.base, toMap(plan.cells), r.conflict), validation: v };
    progress("save", 0.8);
    // The sheet shows the merged values: write the cells it shows whose value the merge took from the server.
    const shown = new Map(v.read.cells.map((x) => [cellKey(x.item, x.field), x.raw]));
    const write: Cell[] = [];
    for (const [k, now] of shown) {
      const want = merged.get(k) ?? "";
      if (want !== now) write.push({ ...splitKey(k), raw: want });
    }
    // Task rows only the server has are appended to the task table.
    if (v.form.kind === "tasks")
      for (const [k, raw] of merged) if (!shown.has(k) && !c.base.has(k) && c.server.has(k)) write.push({ ...splitKey(k), raw });
    await writeBack(deps.host, c.sheetId, { newIds: v.read.newIds, cells: write, receipt: r.receipt, base: Object.fromEntries(merged) });
    await deps.outbox.supersede({ sheetId: c.sheetId, ...owner(session), form: c.form.id, period: c.period });
    progress("done", 1);
    return { kind: "ok", receipt: r.receipt, keptHidden: plan.keptHidden, validation: v };
  } catch (e) {
    if (e instanceof NetworkError) {
      await deps.outbox.enqueue({ key, submission, sheetId: c.sheetId, ...owner(session), unitName: session.unit.name });
      return { kind: "queued", key, reason: e.reason, validation: v };
    }
    if (e instanceof HttpError) return { kind: "error", error: e, validation: v };
    throw e;
  }
}

const splitKey = (k: string) => {
  const i = k.lastIndexOf("|");
  return { item: k.slice(0, i), field: k.slice(i + 1) };
};

/**
 * "Lấy bản máy chủ": the sheet takes the server's values in every cell it shows (cleared where the server has none),
 * task rows only the server has are appended, and the server's cells and revision become the sheet's base.
 */
export async function takeServer(deps: Deps, c: ConflictState): Promise<{ written: number; missing: number; added: number }> {
  const cells: Cell[] = [];
  for (const [k, now] of c.shown) if ((c.server.get(k) ?? "") !== now) cells.push({ ...splitKey(k), raw: c.server.get(k) ?? "" });
  for (const [k, raw] of c.server) if (!c.shown.has(k)) cells.push({ ...splitKey(k), raw });
  const r = await writeBack(deps.host, c.sheetId, {
    cells,
    baseRevision: c.currentRevision,
    base: Object.fromEntries(c.server),
  });
  return { written: r.written, missing: r.missing.length, added: r.added.length };
}

// ---------------------------------------------------------------- outbox

/** Sends this unit's queued pushes with their original Idempotency-Keys; writes receipts and bases into their sheets. */
export async function flushOutbox(deps: Deps): Promise<{ sent: number; left: number; receipts: Receipt[] }> {
  const receipts: Receipt[] = [];
  const session = deps.session;
  if (!session || !session.canReport) return { sent: 0, left: 0, receipts };
  const res = await deps.outbox.flush(async (e: OutboxEntry): Promise<SendResult> => {
    try {
      const r = await session.api.submit(e.submission, e.key);
      if (r.kind === "conflict")
        return { outcome: "conflict", error: "conflict", detail: { status: 409, code: "conflict", details: [], message: r.conflict.message } };
      receipts.push(r.receipt);
      await writeBack(deps.host, e.sheetId, { receipt: r.receipt, base: Object.fromEntries(toMap(e.submission.cells)) }).catch(() => undefined);
      return { outcome: "sent" };
    } catch (err) {
      if (err instanceof NetworkError) return { outcome: "retry", error: err.reason };
      if (err instanceof HttpError)
        return { outcome: "rejected", error: err.code, detail: { status: err.status, code: err.code, details: err.details, message: err.message } };
      throw err;
    }
  }, owner(session));
  return { ...res, receipts };
}

// ---------------------------------------------------------------- open, adopt, focus

export type OpenOutcome =
  | ({ kind: "opened"; prefilled: number; offline: boolean; review: ReviewState | null } & OpenFormResult)
  | { kind: "existing"; sheetId: string; sheetName: string };

/** Opens a form sheet prefilled with what the server has for this unit; an already open one is shown instead. */
export async function openFormFlow(deps: Deps, formId: string, period: string, opts: { fresh?: boolean } = {}): Promise<OpenOutcome> {
  const session = deps.session;
  const form = getForm(formId);
  if (!form) throw new Error(`unknown form ${formId}`);
  if (!opts.fresh) {
    const found = await findEntrySheet(deps.host, { form: formId, period, ...(session ? { unit: session.unit.code } : {}) });
    if (found) {
      const shown = await activateSheet(deps.host, found.sheetId);
      if (shown) return { kind: "existing", ...shown };
    }
  }
  let initial: Cell[] = [];
  let baseRevision: number | null = null;
  let offline = false;
  let review: ReviewState | null = null;
  let overrides: TargetOverride[] = [];
  if (session) {
    try {
      // The Sở KH&CN's corrections fill targets for years between milestones (e.g. a 2026 target it set).
      const [cur, corrected] = await Promise.all([
        session.api.current(formId, period),
        form.kind === "indicators" ? session.api.targetOverrides().catch(() => []) : Promise.resolve([]),
      ]);
      initial = cur.cells.map(({ item, field, raw }) => ({ item, field, raw }));
      baseRevision = cur.revision;
      review = cur.review ?? null;
      overrides = corrected;
    } catch (e) {
      if (e instanceof NetworkError) offline = true;
      else throw e;
    }
  }
  const r = await openForm(deps.host, {
    form,
    period,
    initial,
    baseRevision,
    ...(session ? { unitName: session.unit.name, unitCode: session.unit.code } : {}),
    // Task-progress forms show the tasks the unit leads (and, apart, those it cooperates on).
    ...(session?.agencies ? { agencies: session.agencies } : {}),
    ...(overrides.length ? { overrides } : {}),
  });
  return { kind: "opened", ...r, prefilled: initial.length, offline, review };
}

// ---------------------------------------------------------------- the Sở KH&CN's review, on the unit's sheet

export interface ReviewView {
  status: ReviewState["status"];
  comment: string | null;
  at: string | null;
  revision: number;
  /** The notes on cells, by row and column as people read them. */
  notes: { row: RowLabel; column: string; note: string; address: string | null }[];
  /** Shown as Excel notes (ExcelApi 1.18), or as fills only. */
  asNotes: boolean;
}

/**
 * Shows the review of the unit's latest submission on its entry sheet: while it is "returned", every noted cell carries
 * the note (Excel note, or an orange fill on older Excel); otherwise earlier notes are removed (a resubmission starts
 * clean). Returns what the pane lists. Read 1 + notes 2 round trips (none when there is nothing to place or remove).
 */
export async function showReview(deps: Pick<Deps, "host">, sheetId: string, review: ReviewState | null | undefined): Promise<ReviewView | null> {
  const read = await readSheet(deps.host, sheetId);
  if (!read.meta || !read.form || read.meta.kind !== "entry") return null;
  const form = read.form;
  const values = new Map(read.cells.map((c) => [cellKey(c.item, c.field), c.raw]));
  const notes = (review?.status === "returned" ? review.notes : []).map((n) => ({
    row: rowLabel(form, n.item, values),
    column: columnLabel(form, n.field),
    note: n.note,
    address: read.positions.get(posKey(n.item, n.field)) ?? null,
  }));
  const old = read.meta.review?.marks ?? [];
  const marks = notes.filter((n) => n.address).map((n) => ({ address: n.address!, message: n.note }));
  let asNotes = deps.host.isSetSupported("ExcelApi", "1.18");
  if (old.length || marks.length || (read.meta.review?.submission ?? null) !== (review?.submission ?? null) || read.meta.review?.status !== review?.status) {
    const r = await placeReviewNotes(deps.host, sheetId, old, marks, review ? { submission: review.submission, status: review.status } : null);
    asNotes = r.notes;
  }
  if (!review) return null;
  return { status: review.status, comment: review.comment, at: review.at, revision: review.revision, notes, asNotes };
}

/** Asks the server for the review of this sheet's form and period, and shows it on the sheet. */
export async function refreshReview(deps: Deps, sheetId: string, form: string, period: string): Promise<ReviewView | null> {
  const session = deps.session;
  if (!session?.canReport) return null;
  const cur = await session.api.current(form, period);
  return showReview(deps, sheetId, cur.review ?? null);
}

/** Confirms an adoption with the server's current cells as the sheet's base (a smaller legacy sheet deletes nothing). */
export async function adoptFlow(deps: Deps, proposal: AdoptProposal, period: string): Promise<{ serverCells: number; offline: boolean }> {
  const session = deps.session;
  let server: { cells: Cell[]; revision: number; unit?: string } | undefined;
  let offline = false;
  if (session) {
    try {
      const cur = await session.api.current(proposal.form, period);
      server = { cells: cur.cells.map(({ item, field, raw }) => ({ item, field, raw })), revision: cur.revision, unit: session.unit.code };
    } catch (e) {
      if (e instanceof NetworkError) offline = true;
      else throw e;
    }
  }
  await confirmAdoption(deps.host, proposal, period, server);
  return { serverCells: server?.cells.length ?? 0, offline };
}

/** The indicators of a department form the unit leads (by the agency names it answers for). */
export function ownItems(form: FormDef, agencies: string[]): string[] {
  if (form.kind !== "indicators" || agencies.length === 0) return [];
  return form.rows.flatMap((r) => {
    if (r.type !== "indicator") return [];
    const ind = findIndicator(r.indicatorKey);
    return ind && agencies.some((a) => leadsIndicator(a, ind)) ? [r.item] : [];
  });
}

/** Shows only the unit's own indicators on an entry sheet (or all again). */
export function focusFlow(deps: Deps, sheetId: string, items: string[] | null): Promise<FocusResult> {
  return focusRows(deps.host, sheetId, items);
}

// ---------------------------------------------------------------- pull

export type PullOutcome = (PullResult | PullTasksResult) & { completeness: Completeness | null; tasks: boolean };

/** Pull: indicator forms → merged table in the shared layout (+ chart); task lists → tasks grouped by commune. */
export async function pullFlow(deps: Deps, formId: string, period: string, chartItems: string[], periodLabel?: string): Promise<PullOutcome> {
  const session = deps.session;
  if (!session) throw new NetworkError("not connected", "offline");
  const form = getForm(formId);
  if (!form) throw new Error(`unknown form ${formId}`);
  const label = periodLabel ? { periodLabel } : {};
  if (form.kind === "tasks") {
    const [table, completeness] = await Promise.all([
      session.api.mergedTasks(formId, period),
      session.api.completeness(formId, period).catch(() => null),
    ]);
    const r = await pullTasks(deps.host, { form, table, completeness, ...label });
    return { ...r, completeness, tasks: true };
  }
  if (form.kind === "progress") {
    // The task report in the department report's layout (shared/report/tasks-layout.ts), no chart.
    const [report, completeness] = await Promise.all([
      session.api.taskReport(formId, period),
      session.api.completeness(formId, period).catch(() => null),
    ]);
    const r = await pullMerged(deps.host, { form, merged: report, completeness, ...label });
    return { ...r, completeness, tasks: false };
  }
  const [merged, completeness] = await Promise.all([
    session.api.merged(formId, period),
    session.api.completeness(formId, period).catch(() => null),
  ]);
  const r = await pullMerged(deps.host, { form, merged, completeness, chartItems, reminders: !!session.isAdmin, ...label });
  return { ...r, completeness, tasks: false };
}
