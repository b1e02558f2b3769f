// The Sở KH&CN's flows as plain async functions over an ExcelHost and the connected admin session (tested in Node with
// the Excel fake and a stubbed server): the unit registry sheet (load, check with the worker's rules, preview, apply),
// access tokens for the selected units (issue, re-issue, revoke), the review cycle (list, one unit's submission, return
// with notes / approve), doubtful targets (load, settle), the progress and reminder sheets. Outcomes are data; the
// components turn them into sentences in the pane's language.
import { findIndicator } from "../../shared/catalog/index.js";
import { getForm } from "../../shared/forms/index.js";
import type { FormDef } from "../../shared/forms/types.js";
import { periodShortLabel } from "../../shared/periods/index.js";
import type { RegistryUnit } from "../../shared/registry/index.js";
import { currentSchema } from "../../shared/schemas/index.js";
import { parseValue } from "../../shared/values/index.js";
import { markAdminSheet } from "../excel/admin-sheets.js";
import { readDoubtsSheet, writeDoubtsSheet, type SettleEntry } from "../excel/doubts-sheet.js";
import type { ExcelHost } from "../excel/host.js";
import { shortFormName } from "../excel/layout.js";
import { NOTE_PREFIX } from "../excel/mark-issues.js";
import { pullProgress, type PullProgressResult } from "../excel/pull.js";
import { readRegistrySheet, writeRegistrySheet, type RegistryRead } from "../excel/registry-sheet.js";
import { readReviewSheet, writeReviewList, writeReviewSheet, type ReviewCellRow } from "../excel/review-sheet.js";
import { readSelectedUnits, writeTokenSheet, type Selection } from "../excel/tokens-sheet.js";
import { AdminApi, type RegistryDiff, type RegistryPushResponse, type ReviewRow } from "./admin-api.js";
import { HttpError } from "./api.js";
import type { Session } from "./flows.js";
import { parseRegistrySheet, problemsFromServer, type SheetProblem } from "./registry.js";

export interface AdminDeps {
  host: ExcelHost;
  session: Session;
  /** Called after a target was settled, so CT.* formulas read the server's catalog again. */
  onCatalogChanged?: () => void;
}

const apiOf = (d: AdminDeps) => new AdminApi(d.session.api);

/** Marks for the problems that point at a cell (registry and doubts sheets). */
function marksOf(problems: SheetProblem[]) {
  return problems.filter((p) => p.address).map((p) => ({ address: p.address!, severity: p.severity, message: p.message }));
}

// ---------------------------------------------------------------- registry

export async function loadRegistry(deps: AdminDeps) {
  const r = await apiOf(deps).registry();
  const w = await writeRegistrySheet(deps.host, { units: r.units, version: r.version, server: deps.session.server });
  return { ...w, version: r.version };
}

export interface RegistryPreview {
  kind: "preview";
  sheetId: string;
  baseVersion: number;
  /** The server's version now: when it differs from the sheet's, applying will be refused (reload first). */
  serverVersion: number;
  units: RegistryUnit[];
  diff: RegistryDiff;
  summary: RegistryPushResponse["summary"];
  /** Warnings (shown, not blocking). */
  problems: SheetProblem[];
  generated: { row: number; code: string }[];
}

export type RegistryCheck =
  | { kind: "other-server"; server: string }
  | { kind: "empty" }
  | { kind: "invalid"; sheetId: string; problems: SheetProblem[]; errors: number }
  | RegistryPreview;

/** Reads the registry sheet, checks it with the worker's rules, marks bad cells, then asks the worker for a dry run. */
export async function checkRegistrySheet(deps: AdminDeps): Promise<RegistryCheck> {
  const read = await readRegistrySheet(deps.host);
  if (read.meta.server && read.meta.server !== deps.session.server) return { kind: "other-server", server: read.meta.server };
  const api = apiOf(deps);
  const reg = await api.registry();
  const parsed = parseRegistrySheet(read, { existing: reg.units, knownAgencies: reg.knownAgencies, selfCode: deps.session.unit.code });
  await markAdminSheet(deps.host, read.sheetId, read.meta.marks, marksOf(parsed.problems), NOTE_PREFIX);
  const errors = parsed.problems.filter((p) => p.severity === "error").length;
  if (errors) return { kind: "invalid", sheetId: read.sheetId, problems: parsed.problems, errors };
  if (parsed.units.length === 0) return { kind: "empty" };
  try {
    const dry = await api.pushRegistry(read.meta.version, parsed.units, true);
    return {
      kind: "preview",
      sheetId: read.sheetId,
      baseVersion: read.meta.version,
      serverVersion: dry.version,
      units: parsed.units,
      diff: dry.diff,
      summary: dry.summary,
      problems: parsed.problems,
      generated: parsed.generated,
    };
  } catch (e) {
    if (e instanceof HttpError && e.code === "registry_invalid") return invalidFromServer(deps, read, e);
    throw e;
  }
}

async function invalidFromServer(deps: AdminDeps, read: RegistryRead, e: HttpError): Promise<RegistryCheck> {
  const problems = problemsFromServer(e.details, read);
  // The marks of the local check are replaced by the worker's (read again: the local check just changed them).
  const again = await readRegistrySheet(deps.host);
  await markAdminSheet(deps.host, again.sheetId, again.meta.marks, marksOf(problems), NOTE_PREFIX);
  return { kind: "invalid", sheetId: again.sheetId, problems, errors: problems.filter((p) => p.severity === "error").length };
}

export type RegistryApply =
  | { kind: "applied"; version: number; summary: RegistryPushResponse["summary"]; sheetName: string }
  | { kind: "unchanged"; version: number }
  | { kind: "conflict" }
  | { kind: "invalid"; sheetId: string; problems: SheetProblem[]; errors: number };

/** Applies what the preview showed, then reloads the sheet from the server (new version, codes made from names shown). */
export async function applyRegistry(deps: AdminDeps, p: RegistryPreview): Promise<RegistryApply> {
  let res: RegistryPushResponse;
  try {
    res = await apiOf(deps).pushRegistry(p.baseVersion, p.units, false);
  } catch (e) {
    if (e instanceof HttpError && e.code === "registry_conflict") return { kind: "conflict" };
    if (e instanceof HttpError && e.code === "registry_invalid") {
      const r = await invalidFromServer(deps, await readRegistrySheet(deps.host), e);
      return r.kind === "invalid" ? r : { kind: "conflict" };
    }
    throw e;
  }
  if (!res.applied) return { kind: "unchanged", version: res.version };
  const w = await loadRegistry(deps);
  return { kind: "applied", version: res.version, summary: res.summary, sheetName: w.sheetName };
}

// ---------------------------------------------------------------- tokens

export function selectedUnits(deps: AdminDeps): Promise<Selection> {
  return readSelectedUnits(deps.host);
}

/** Issues (or re-issues: older tokens revoked) one token per selected unit, written once into a handout sheet. */
export async function issueTokens(deps: AdminDeps, sel: Selection, rotate: boolean) {
  const codes = [...new Set(sel.units.map((u) => u.code))];
  const tokens = await apiOf(deps).issue(codes, rotate);
  const w = await writeTokenSheet(deps.host, { tokens, server: deps.session.server, rotated: rotate, ...(rotate ? { revokedUnits: codes } : {}) });
  return { sheetName: w.sheetName!, issued: tokens.length, markedRevoked: w.markedRevoked };
}

/** Revokes the selected tokens (handout rows) or every token of the selected units (registry rows). */
export async function revokeTokens(deps: AdminDeps, sel: Selection) {
  const api = apiOf(deps);
  const at = new Date().toISOString();
  if (sel.source === "tokens") {
    const tokenIds = sel.units.map((u) => u.tokenId!).filter(Boolean);
    const revoked = await api.revoke({ tokenIds });
    const w = await writeTokenSheet(deps.host, { tokens: [], server: deps.session.server, revokedTokenIds: tokenIds, at });
    return { revoked, markedRevoked: w.markedRevoked };
  }
  const units = [...new Set(sel.units.map((u) => u.code))];
  const revoked = await api.revoke({ units });
  const w = await writeTokenSheet(deps.host, { tokens: [], server: deps.session.server, revokedUnits: units, at });
  return { revoked, markedRevoked: w.markedRevoked };
}

// ---------------------------------------------------------------- reviews

export function reviewListSheetName(form: FormDef, period: string): string {
  return `Duyệt ${shortFormName(form)} ${periodShortLabel(period)}`.slice(0, 31);
}

/** Each expected unit's latest submission with its state, into the review list sheet (rewritten in place). */
export async function loadReviews(deps: AdminDeps, formId: string, period: string, labels: { form: string; period: string }) {
  const form = getForm(formId)!;
  const r = await apiOf(deps).reviews(formId, period);
  const w = await writeReviewList(deps.host, {
    form: formId,
    period,
    sheetName: reviewListSheetName(form, period),
    formName: labels.form,
    periodLabel: labels.period,
    rows: r.rows,
  });
  return { rows: r.rows, sheetName: w.sheetName };
}

const STATE_TEXT = { submitted: "Đã nộp, chờ duyệt", accepted: "Đã duyệt", returned: "Trả lại" } as const;

/** The cells of a form a review sheet lists: every input cell of an indicator form; the sent rows of a task list. */
export function reviewCells(form: FormDef, cells: { item: string; field: string; raw: string }[], notes: { item: string; field: string; note: string }[] = []): ReviewCellRow[] {
  const value = new Map(cells.map((c) => [`${c.item}|${c.field}`, c.raw]));
  const note = new Map(notes.map((n) => [`${n.item}|${n.field}`, n.note]));
  const inputs = form.columns.filter((c) => c.role === "input");
  const out: ReviewCellRow[] = [];
  const push = (item: string, stt: string, name: string) => {
    for (const c of inputs) {
      if (form.kind === "tasks" && (c.id === "stt" || c.id === "task")) continue;
      const k = `${item}|${c.id}`;
      out.push({ item, field: c.id, stt, name, column: c.header, value: value.get(k) ?? "", ...(note.has(k) ? { note: note.get(k)! } : {}) });
    }
  };
  if (form.kind === "tasks") {
    const items = [...new Set(cells.map((c) => c.item))];
    const stt = (i: string) => value.get(`${i}|stt`) ?? "";
    items.sort((a, b) => (Number(stt(a)) || 1e9) - (Number(stt(b)) || 1e9) || a.localeCompare(b));
    for (const i of items) push(i, stt(i), value.get(`${i}|task`) ?? "");
    return out;
  }
  for (const r of form.rows) if (r.type === "indicator") push(r.item, r.stt, r.name ?? findIndicator(r.indicatorKey)?.name ?? r.item);
  return out;
}

/** One unit's latest submission as a review sheet (the notes of a return still shown are prefilled). */
export async function openSubmission(deps: AdminDeps, row: ReviewRow, formId: string, period: string, labels: { form: string; period: string }) {
  if (!row.submission) throw new Error("no submission");
  const form = getForm(formId)!;
  const api = apiOf(deps);
  const sub = await api.submission(row.submission);
  const cur = await deps.session.api.json(
    `/api/current?form=${encodeURIComponent(formId)}&period=${encodeURIComponent(period)}&unit=${encodeURIComponent(row.unit)}`,
    currentSchema,
  );
  const notes = cur.review && cur.review.submission === sub.id ? cur.review.notes : [];
  const rows = reviewCells(form, sub.cells, notes);
  const w = await writeReviewSheet(deps.host, {
    server: deps.session.server,
    submission: sub.id,
    form: formId,
    formName: labels.form,
    period,
    periodLabel: labels.period,
    unit: row.unit,
    unitName: row.name,
    revision: sub.revision,
    receivedAt: sub.receivedAt,
    state: STATE_TEXT[sub.status],
    rows,
  });
  return { ...w, submission: sub.id, notes: notes.length };
}

export type ReviewSend =
  | { kind: "needs-reason" }
  | { kind: "other-sheet" }
  | { kind: "done"; status: "accepted" | "returned"; notes: number; ignoredNotes: number };

/** Sends the verdict: "returned" with the notes written on the review sheet and a comment; "accepted" without notes. */
export async function sendReview(deps: AdminDeps, submission: string, status: "accepted" | "returned", comment: string): Promise<ReviewSend> {
  const read = await readReviewSheet(deps.host, submission);
  if (read.meta.submission !== submission) return { kind: "other-sheet" };
  const notes = read.notes.map(({ item, field, note }) => ({ item, field, note }));
  if (status === "returned" && notes.length === 0 && !comment.trim()) return { kind: "needs-reason" };
  await apiOf(deps).review(submission, {
    status,
    ...(comment.trim() ? { comment: comment.trim() } : {}),
    ...(status === "returned" && notes.length ? { notes } : {}),
  });
  return { kind: "done", status, notes: status === "returned" ? notes.length : 0, ignoredNotes: status === "accepted" ? notes.length : 0 };
}

// ---------------------------------------------------------------- progress

/** The progress sheet of a form and period (every unit) and, for administrators, the reminder list. */
export async function pullProgressFlow(deps: Pick<AdminDeps, "host" | "session">, formId: string, period: string, periodLabel?: string): Promise<PullProgressResult & { submitted: number; expected: number; remind: number }> {
  const form = getForm(formId)!;
  const c = await deps.session.api.completeness(formId, period);
  const r = await pullProgress(deps.host, {
    form,
    period,
    completeness: c,
    at: new Date().toISOString(),
    reminders: !!deps.session.isAdmin,
    ...(periodLabel ? { periodLabel } : {}),
  });
  return { ...r, submitted: c.submitted, expected: c.expected, remind: c.rows.filter((x) => !x.submitted || x.status === "returned").length };
}

// ---------------------------------------------------------------- doubtful targets

export async function loadDoubts(deps: AdminDeps) {
  const r = await apiOf(deps).doubts();
  const w = await writeDoubtsSheet(deps.host, { doubts: r.doubts, server: deps.session.server });
  return { ...w, total: r.doubts.length };
}

export type SettleOutcome =
  | { kind: "nothing" }
  | { kind: "invalid"; sheetId: string; problems: SheetProblem[] }
  | { kind: "done"; settled: number; failed: SheetProblem[]; sheetName: string };

const problem = (e: SettleEntry, field: "value" | "source", kind: string, message: string, quoted: string[] = []): SheetProblem => ({
  row: e.row,
  field: null,
  address: field === "value" ? e.valueAddress : e.sourceAddress,
  severity: "error",
  kind,
  message: `Dòng ${e.row}: ${message}`,
  unit: e.key,
  quoted,
});

/** Checks the values and sources typed into the doubts sheet, sends each (history kept), then reloads the sheet. */
export async function settleDoubts(deps: AdminDeps): Promise<SettleOutcome> {
  const read = await readDoubtsSheet(deps.host);
  const problems: SheetProblem[] = [];
  for (const e of read.entries) {
    if (!e.text) problems.push(problem(e, "value", "value_missing", "cần ghi giá trị mục tiêu đã xác nhận."));
    else {
      const p = parseValue(e.text);
      if (!p.ok) problems.push(problem(e, "value", "value_unreadable", `không đọc được giá trị "${e.text}" (${p.message}).`, [e.text]));
    }
    if (e.source.length < 3) problems.push(problem(e, "source", "source_missing", "cần ghi văn bản làm căn cứ (số, ngày văn bản)."));
  }
  await markAdminSheet(
    deps.host,
    read.sheetId,
    read.meta.marks,
    problems.map((p) => ({ address: p.address!, severity: p.severity, message: p.message })),
    NOTE_PREFIX,
  );
  if (problems.length) return { kind: "invalid", sheetId: read.sheetId, problems };
  if (read.entries.length === 0) return { kind: "nothing" };
  const api = apiOf(deps);
  const failed: SheetProblem[] = [];
  let settled = 0;
  for (const e of read.entries) {
    try {
      await api.settleTarget(e.key, e.year, { text: e.text, source: e.source, reason: `Xác nhận mục tiêu năm ${e.year} bị nghi vấn trong văn bản gốc` });
      settled++;
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      failed.push(problem(e, "value", err.code, err.body?.message ?? err.code, [e.text]));
    }
  }
  if (settled) deps.onCatalogChanged?.();
  const w = await loadDoubts(deps);
  return { kind: "done", settled, failed, sheetName: w.sheetName };
}
