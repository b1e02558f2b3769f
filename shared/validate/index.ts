/**
 * Validation of submitted cells against a form definition.
 * Errors block a push; warnings are accepted and flagged. Messages are Vietnamese and name the row as people
 * do (STT and short name, never the indicator key or a task row id), the column header, what was typed and
 * what is expected; codes are stable snake_case strings (see ISSUE_CODES).
 * Indicator values are read with readCell (shared/values/read.ts) against the indicator's expected kind, so
 * the pane, the worker and CT.ASSESS see the same reading and the same issues.
 */
import type { Indicator } from "../catalog/types.js";
import { findIndicator, leadsIndicator } from "../catalog/index.js";
import type { ColumnDef, FormDef, FormRow } from "../forms/types.js";
import { taskLabel, taskRole, taskRow } from "../forms/progress.js";
import { parseEvidenceDate } from "../tasks/evidence.js";
import { parseTaskStatus } from "../tasks/status.js";
import { TASK_STATUSES } from "../tasks/types.js";
import type { Cell, Issue } from "../schemas/index.js";
import type { ParsedValue } from "../values/types.js";
import { foldVi, isBlankRaw, parseValue } from "../values/parse.js";
import { formatNumber, formatValue, toNumber } from "../values/format.js";
import { expectationFor, readCell, shortNameOf, type Expectation } from "../values/read.js";

export const ISSUE_CODES = {
  /** error: indicator key not among the form's rows. */
  unknownItem: "unknown_item",
  /** error: task row id not matching /^[A-Za-z0-9_-]{1,64}$/. */
  invalidItem: "invalid_item",
  /** error: field is not a column of the form. */
  unknownField: "unknown_field",
  /** error: the column is filled from the catalog and cannot be written. */
  readOnly: "read_only",
  /** error: indicatorValue cell that parseValue rejects. */
  unparseable: "unparseable",
  /** error: money cell that is not a non-negative number of triệu đồng. */
  invalidMoney: "invalid_money",
  /** error: the same item|field twice in one submission. */
  duplicate: "duplicate",
  /** error: a required column is empty on a row that has other cells filled (task name on task lists). */
  required: "required",
  /** warning: a percent outside 0–100%. */
  percentOutOfRange: "percent_out_of_range",
  /** warning: more than 3× or less than 1/3 of the previous period's value. */
  largeChange: "large_change",
  /** warning: text starting like an Excel formula (=, +, -, @ followed by letters); neutralised on export. */
  formulaLike: "formula_like",
  /** warning: a department reports an indicator another agency leads (kept, for cross-checking). */
  notLeadAgency: "not_lead_agency",
  /** error: a value of another kind than the indicator expects (text or Có in a %, a number in Có/Không, 1,5 in a count). */
  wrongKind: "wrong_kind",
  /** error: outside the kind's range (a share above 100% — "2.000" is two thousand —, a negative count, an index above 1). */
  outOfRange: "out_of_range",
  /** warning: a percent typed as a fraction ("0,85" in a % indicator): read as 85%, the message asks "có phải 85%?". */
  fractionAsPercent: "fraction_as_percent",
  /** warning: approximate text ("khoảng 80%", "~80", "80 (ước)") or a comparator/range as a result; the number is taken. */
  approximate: "approximate",
  /** warning: more than 10× or less than 1/10 of both the indicator's baseline and its target. */
  implausible: "implausible",
  /** warning: a unit written in the cell that is not the indicator's unit. */
  unitMismatch: "unit_mismatch",
  /** warning: a commune's count larger than the province's value of the same indicator. */
  aboveProvince: "above_province",
  /** error: a task status outside the ladder (Chưa triển khai, Đang triển khai, Đã hoàn thành), or "Chậm tiến độ" typed. */
  invalidStatus: "invalid_status",
  /** warning: a status wording that is read on the ladder but may mean something else ("Đã thực hiện"). */
  statusReworded: "status_reworded",
  /** warning: "Đã hoàn thành" with the result column empty. */
  doneWithoutResult: "done_without_result",
  /** warning: a task row with a result, evidence or note but no status (the report counts it "Chưa báo cáo"). */
  statusMissing: "status_missing",
  /** error: an evidence date that is not a calendar date. */
  invalidDate: "invalid_date",
  /** warning: a department reports a task it neither leads nor cooperates on (kept, for cross-checking). */
  notTaskAgency: "not_task_agency",
} as const;
export type IssueCode = (typeof ISSUE_CODES)[keyof typeof ISSUE_CODES];

export interface ValidateContext {
  /** "item|field" → raw value of the same cell in the previous period. */
  previous?: Map<string, string>;
  /**
   * The catalog agency names the reporting unit answers for (from the unit registry): on department forms,
   * values for indicators none of them leads are flagged `not_lead_agency`, values for tasks it neither leads nor
   * cooperates on `not_task_agency`. Takes precedence over unitName.
   */
  agencies?: string[];
  /** Legacy: the reporting unit's name, used as its only agency name when `agencies` is not given. */
  unitName?: string;
  /** The reporting period ("2025-6T", "2025-N"): its year picks the target in force (default: the form's year or 2025). */
  period?: string;
  /** Indicator key → the province's value (raw text), for `above_province` on commune forms. */
  provinceValues?: Map<string, string>;
}

export const TASK_ITEM_RE = /^[A-Za-z0-9_-]{1,64}$/;
const LARGE_CHANGE_FACTOR = 3;
/** Units accepted in a money cell (the column is in triệu đồng). Folded, without spaces. */
const MONEY_UNITS = new Set(["trieudong", "trieu", "tr", "trd"]);

type IndicatorRow = Extract<FormRow, { type: "indicator" }>;

function indicatorRow(form: FormDef, item: string): IndicatorRow | undefined {
  const row = form.rows.find((r) => r.type === "indicator" && r.item === item);
  return row && row.type === "indicator" ? row : undefined;
}

/** A catalog indicator by key only (a task id or "12" must not be taken for an STT). */
function indicatorByKey(key: string): Indicator | undefined {
  return /^\d+$/.test(key.trim()) ? undefined : findIndicator(key);
}

/** "PHỤ LỤC I", "Phụ lục 1": how people name the form. */
function formName(form: FormDef): string {
  const t = (form.title[0] ?? "").split(":")[0]!.trim();
  return t ? `biểu mẫu ${t}` : "biểu mẫu này";
}

/** Per task row (item): how to name it, built from the submission (validateCells). */
type RowNames = Map<string, string>;

/**
 * How people name a row: "Chỉ tiêu 12 – Tỷ lệ hồ sơ … được số hóa" (STT and short name, never the key);
 * task rows by STT and task name, else their position, else "Một dòng nhiệm vụ".
 */
function rowLabel(form: FormDef, item: string, names?: RowNames): string {
  switch (form.kind) {
    case "tasks":
      return names?.get(item) ?? "Một dòng nhiệm vụ";
    case "progress": {
      const row = taskRow(form, item);
      return row ? taskLabel(row) : `Nhiệm vụ «${item.slice(0, 64)}»`;
    }
    case "indicators":
      return indicatorLabel(form, item);
  }
}

function indicatorLabel(form: FormDef, item: string): string {
  const row = indicatorRow(form, item);
  const ind = indicatorByKey(row?.indicatorKey ?? item);
  // A catalog indicator that is not a row of this form: its STT is the provincial one, say so.
  if (!row && ind) return `Chỉ tiêu «${ind.shortName}» (số ${ind.stt} trong Phụ lục I của tỉnh)`;
  const short = row?.name ? shortNameOf(row.name) : ind?.shortName;
  const stt = row ? row.stt : "";
  if (stt && short) return `Chỉ tiêu ${stt} – ${short}`;
  if (stt) return `Chỉ tiêu ${stt}`;
  if (short) return `Chỉ tiêu «${short}»`;
  return "Một dòng chỉ tiêu không xác định";
}

function colLabel(col: ColumnDef | undefined, field: string): string {
  return col ? `cột «${col.header}»` : `cột "${field}"`;
}

function issue(
  form: FormDef,
  item: string,
  field: string,
  col: ColumnDef | undefined,
  severity: Issue["severity"],
  code: IssueCode,
  detail: string,
  names?: RowNames,
): Issue {
  return { item, field, severity, code, message: `${rowLabel(form, item, names)}, ${colLabel(col, field)}: ${detail}` };
}

/** The year of a period id ("2025-6T" → 2025). */
function periodYear(period: string | undefined): number | undefined {
  const m = /^(\d{4})/.exec(period ?? "");
  return m ? Number(m[1]) : undefined;
}

/** What an indicator row's input cells expect; null when the row has no catalog indicator (then only the parser applies). */
export function rowExpectation(form: FormDef, item: string, ctx?: ValidateContext): Expectation | null {
  const row = indicatorRow(form, item);
  const ind = row ? indicatorByKey(row.indicatorKey) : undefined;
  if (!row || !ind) return null;
  return expectationFor(ind, row, periodYear(ctx?.period) ?? form.targetYear ?? 2025);
}

function percentOutOfRange(v: ParsedValue): boolean {
  const out = (x: number) => x < 0 || x > 100;
  if (v.kind === "number") return v.percent && out(v.value);
  if (v.kind === "range") return v.percent && (out(v.min) || out(v.max));
  if (v.kind === "comparator") return percentOutOfRange(v.bound);
  return false;
}

/** =, +, -, @ at the start followed (after optional spaces) by a letter; "=" followed by anything. */
export function isFormulaLike(raw: string): boolean {
  const t = raw.trimStart();
  return /^=\S/.test(t) || /^[+\-@]\s*\p{L}/u.test(t);
}

/** Blank or invisible characters only (shared/values, the same rule as the worker's filter). */
const isBlank = isBlankRaw;

function itemIssue(form: FormDef, item: string, names?: RowNames): Issue | null {
  if (form.kind === "progress") {
    if (taskRow(form, item)) return null;
    return {
      item,
      field: "",
      severity: "error",
      code: ISSUE_CODES.unknownItem,
      message: `${rowLabel(form, item)} không có trong ${formName(form)} (mã nhiệm vụ ghi như "III.12"); hãy mở lại biểu mẫu từ ngăn Chỉ tiêu`,
    };
  }
  if (form.kind === "tasks") {
    if (TASK_ITEM_RE.test(item)) return null;
    return {
      item,
      field: "",
      severity: "error",
      code: ISSUE_CODES.invalidItem,
      message: `${rowLabel(form, item, names)}: mã dòng ẩn của bảng nhiệm vụ bị hỏng (chỉ được gồm chữ không dấu, số, "-" hoặc "_", tối đa 64 ký tự); hãy mở lại ${formName(form)} từ ngăn Chỉ tiêu và chép lại dòng này`,
    };
  }
  if (indicatorRow(form, item)) return null;
  return {
    item,
    field: "",
    severity: "error",
    code: ISSUE_CODES.unknownItem,
    message: `${rowLabel(form, item)} không có trong ${formName(form)}; hãy mở lại biểu mẫu từ ngăn Chỉ tiêu`,
  };
}

/**
 * Validates one cell as the user types (no duplicate / required checks, which need the whole sheet).
 * Returns errors and warnings; an empty array means the value is fine.
 */
export function validateFormCell(
  form: FormDef,
  item: string,
  field: string,
  raw: string,
  ctx?: ValidateContext,
  names?: RowNames,
): Issue[] {
  return checkCell(form, item, field, raw, ctx, names);
}

/**
 * What one validateSheet call keeps across its cells: each row's expectation (computed once per row, not per cell),
 * and the reading of every indicator value cell that read without error (what the worker stores).
 */
interface SheetMemo {
  expectations: Map<string, Expectation | null>;
  readings: Map<string, ParsedValue>;
}

function checkCell(form: FormDef, item: string, field: string, raw: string, ctx?: ValidateContext, names?: RowNames, memo?: SheetMemo): Issue[] {
  const issues: Issue[] = [];
  const bad = itemIssue(form, item, names);
  if (bad) issues.push({ ...bad, field });
  const col = form.columns.find((c) => c.id === field);
  if (!col) {
    issues.push({
      item,
      field,
      severity: "error",
      code: ISSUE_CODES.unknownField,
      message: `${rowLabel(form, item, names)}: cột "${field}" không có trong ${formName(form)}`,
    });
    return issues;
  }
  if (bad) return issues;
  const at = (severity: Issue["severity"], code: IssueCode, detail: string) => issue(form, item, field, col, severity, code, detail, names);
  if (col.role === "catalog") {
    const source = form.kind === "progress" ? "danh mục nhiệm vụ của Kế hoạch" : "danh mục chỉ tiêu";
    issues.push(at("error", ISSUE_CODES.readOnly, `cột này lấy từ ${source}, đơn vị không được sửa`));
    return issues;
  }
  if (isBlank(raw)) return issues;

  switch (col.kind) {
    case "indicatorValue": {
      let exp: Expectation | null;
      if (memo) {
        const known = memo.expectations.get(item);
        exp = known !== undefined ? known : rowExpectation(form, item, ctx);
        if (known === undefined) memo.expectations.set(item, exp);
      } else exp = rowExpectation(form, item, ctx);
      let value: ParsedValue;
      if (exp) {
        const r = readCell(exp, raw);
        for (const i of r.issues) issues.push(at(i.severity, i.code, i.detail));
        if (!r.value) return issues;
        value = r.value;
      } else {
        // A row without a catalog indicator: only the parser and the generic percent check apply.
        const r = parseValue(raw);
        if (!r.ok) {
          issues.push(at("error", ISSUE_CODES.unparseable, r.message));
          return issues;
        }
        value = r.value;
        if (percentOutOfRange(value)) {
          issues.push(at("warning", ISSUE_CODES.percentOutOfRange, `tỷ lệ "${raw.trim()}" nằm ngoài 0–100%, kiểm tra lại`));
        }
      }
      memo?.readings.set(`${item}|${field}`, value);
      const prevRaw = ctx?.previous?.get(`${item}|${field}`);
      if (prevRaw !== undefined) {
        const prev = exp ? readCell(exp, prevRaw).value : parseValueOrNull(prevRaw);
        const before = prev ? toNumber(prev) : null;
        const now = toNumber(value);
        if (before !== null && now !== null && before > 0 && now > 0) {
          const k = now / before;
          if (k > LARGE_CHANGE_FACTOR || k < 1 / LARGE_CHANGE_FACTOR) {
            issues.push(
              at(
                "warning",
                ISSUE_CODES.largeChange,
                `"${raw.trim()}" thay đổi lớn so với kỳ trước ("${prevRaw.trim()}", gấp ${formatNumber(Number(k.toPrecision(3)))} lần); kiểm tra lại dấu phẩy, dấu chấm hoặc đơn vị`,
              ),
            );
          }
        }
      }
      const provinceIssue = exp ? aboveProvince(form, item, raw, value, exp, ctx) : null;
      if (provinceIssue) issues.push(at("warning", ISSUE_CODES.aboveProvince, provinceIssue));
      if (value.kind === "text" && isFormulaLike(raw)) issues.push(formulaIssue(form, item, field, col, raw, names));
      return issues;
    }
    case "money": {
      const r = parseValue(raw);
      const v = r.ok ? r.value : null;
      const unitOk = v?.kind === "number" && (!v.unit || MONEY_UNITS.has(foldVi(v.unit).replace(/[\s.]/g, "")));
      if (!v || v.kind !== "number" || v.percent || !unitOk || v.value < 0) {
        issues.push(
          at(
            "error",
            ISSUE_CODES.invalidMoney,
            `"${raw.trim()}" không phải là số tiền hợp lệ. Ghi một số không âm, đơn vị triệu đồng, ví dụ 200 hoặc 1.200 hoặc 1.200,5`,
          ),
        );
      }
      return issues;
    }
    case "taskStatus": {
      const p = parseTaskStatus(raw);
      if (!p.ok) {
        issues.push(at("error", ISSUE_CODES.invalidStatus, `${p.message} Chọn một trong: ${TASK_STATUSES.join(", ")}.`));
      } else if (p.note) {
        issues.push(at("warning", ISSUE_CODES.statusReworded, p.note));
      }
      return issues;
    }
    case "date": {
      const d = parseEvidenceDate(raw);
      if (!d.ok) issues.push(at("error", ISSUE_CODES.invalidDate, d.message));
      return issues;
    }
    case "stt":
    case "text":
    case "dueText":
      if (isFormulaLike(raw)) issues.push(formulaIssue(form, item, field, col, raw, names));
      return issues;
  }
}

function parseValueOrNull(raw: string): ParsedValue | null {
  const r = parseValue(raw);
  return r.ok ? r.value : null;
}

/** A commune's count above the province's value of the same indicator (warning text), or null. */
function aboveProvince(form: FormDef, item: string, raw: string, value: ParsedValue, exp: Expectation, ctx?: ValidateContext): string | null {
  if (form.audience !== "commune" || exp.kind !== "count" || !ctx?.provinceValues) return null;
  const row = indicatorRow(form, item);
  const ind = row ? indicatorByKey(row.indicatorKey) : undefined;
  const provinceRaw = row ? ctx.provinceValues.get(row.indicatorKey) : undefined;
  if (!ind || provinceRaw === undefined) return null;
  const province = readCell(expectationFor(ind, undefined, periodYear(ctx.period) ?? 2025), provinceRaw).value;
  const p = province ? toNumber(province) : null;
  const v = toNumber(value);
  if (p === null || v === null || !(v > p)) return null;
  return `"${raw.trim()}" lớn hơn số liệu toàn tỉnh (${formatValue(province!)}); số của một xã/phường không thể lớn hơn của cả tỉnh, kiểm tra lại`;
}

function formulaIssue(form: FormDef, item: string, field: string, col: ColumnDef, raw: string, names?: RowNames): Issue {
  return issue(
    form,
    item,
    field,
    col,
    "warning",
    ISSUE_CODES.formulaLike,
    `"${raw.trim().slice(0, 60)}" bắt đầu giống công thức Excel; khi xuất file sẽ được thêm dấu ' phía trước để không bị tính như công thức`,
    names,
  );
}

/**
 * Names of the task rows of a submission: "Nhiệm vụ 3 – «Số hóa hồ sơ địa chính»" when STT and name are
 * given, else the name or STT with the row's position ("dòng thứ 4 của bảng nhiệm vụ"), else the position.
 */
function taskRowNames(form: FormDef, cells: Cell[]): RowNames {
  const names: RowNames = new Map();
  if (form.kind !== "tasks") return names;
  const order: string[] = [];
  const stt = new Map<string, string>();
  const task = new Map<string, string>();
  for (const c of cells) {
    if (!order.includes(c.item)) order.push(c.item);
    const t = c.raw.replace(/\s+/g, " ").trim();
    if (c.field === "stt" && t) stt.set(c.item, t.slice(0, 12));
    if (c.field === "task" && t) task.set(c.item, shortNameOf(t, 50));
  }
  order.forEach((item, i) => {
    const s = stt.get(item);
    const t = task.get(item);
    const pos = `dòng thứ ${i + 1} của bảng nhiệm vụ`;
    names.set(item, s && t ? `Nhiệm vụ ${s} – «${t}»` : t ? `Nhiệm vụ «${t}» (${pos})` : s ? `Nhiệm vụ ${s} (${pos})` : pos.charAt(0).toUpperCase() + pos.slice(1));
  });
  return names;
}

/**
 * Validates a whole submission: every cell (validateFormCell), duplicates of item|field, and required
 * columns on rows that have something filled (on task lists the task name "task" is always required).
 */
export function validateCells(form: FormDef, cells: Cell[], ctx?: ValidateContext): Issue[] {
  return validateSheet(form, cells, ctx).issues;
}

/** validateCells's issues, and the reading of each indicator value cell that read without error. */
export interface SheetCheck {
  issues: Issue[];
  /** "item|field" → the cell's reading (readCell against the row's expectation, or the parser alone): THE reading. */
  readings: Map<string, ParsedValue>;
}

/** validateCells, also handing back the readings it made, so a caller that stores them does not read every cell again. */
export function validateSheet(form: FormDef, cells: Cell[], ctx?: ValidateContext): SheetCheck {
  const memo: SheetMemo = { expectations: new Map(), readings: new Map() };
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const filled = new Map<string, Set<string>>();
  const badItems = new Set<string>();
  const names = taskRowNames(form, cells);
  for (const cell of cells) {
    const key = `${cell.item}|${cell.field}`;
    if (seen.has(key)) {
      const col = form.columns.find((c) => c.id === cell.field);
      issues.push(
        issue(form, cell.item, cell.field, col, "error", ISSUE_CODES.duplicate, "ô này xuất hiện hai lần trong cùng một lần gửi", names),
      );
      continue;
    }
    seen.add(key);
    const cellIssues = checkCell(form, cell.item, cell.field, cell.raw, ctx, names, memo);
    issues.push(...cellIssues);
    if (cellIssues.some((i) => i.code === ISSUE_CODES.unknownItem || i.code === ISSUE_CODES.invalidItem)) {
      badItems.add(cell.item);
    }
    const isInput = form.columns.some((c) => c.id === cell.field && c.role === "input");
    if (isInput && !isBlank(cell.raw)) {
      let set = filled.get(cell.item);
      if (!set) filled.set(cell.item, (set = new Set()));
      set.add(cell.field);
    }
  }
  const agencies = ctx?.agencies?.length ? ctx.agencies : ctx?.unitName ? [ctx.unitName] : [];
  if (form.kind === "progress" && agencies.length > 0) {
    for (const [item, fields] of filled) {
      const row = taskRow(form, item);
      if (!row || taskRole(row, agencies) !== null) continue;
      const field = [...fields][0]!;
      const leads = row.leads.length ? row.leads.join("; ") : "cơ quan khác";
      issues.push(
        issue(form, item, field, form.columns.find((c) => c.id === field), "warning", ISSUE_CODES.notTaskAgency,
          `nhiệm vụ này do ${leads} chủ trì, đơn vị không chủ trì cũng không phối hợp; số liệu của đơn vị vẫn được ghi nhận để đối chiếu`),
      );
    }
  }
  issues.push(...statusRowIssues(form, cells, badItems, names));
  if (form.kind === "indicators" && form.audience === "department" && agencies.length > 0) {
    for (const [item, fields] of filled) {
      const row = indicatorRow(form, item);
      const ind = row ? indicatorByKey(row.indicatorKey) : undefined;
      if (!ind || agencies.some((a) => leadsIndicator(a, ind))) continue;
      const field = [...fields][0]!;
      issues.push(
        issue(form, item, field, form.columns.find((c) => c.id === field), "warning", ISSUE_CODES.notLeadAgency,
          `chỉ tiêu này do ${ind.agencies.join("; ")} chủ trì theo dõi; số liệu của đơn vị vẫn được ghi nhận để đối chiếu`),
      );
    }
  }
  const requiredCols = form.columns.filter(
    (c) => c.role === "input" && (c.required === true || (form.kind === "tasks" && c.id === "task")),
  );
  for (const [item, fields] of filled) {
    if (badItems.has(item)) continue;
    for (const col of requiredCols) {
      if (fields.has(col.id)) continue;
      const what = form.kind === "tasks" && col.id === "task" ? "cần ghi tên nhiệm vụ vì dòng này đã có nội dung" : "cột bắt buộc chưa được điền";
      issues.push(issue(form, item, col.id, col, "error", ISSUE_CODES.required, what, names));
    }
  }
  return { issues, readings: memo.readings };
}

/**
 * Row-level checks of task forms (tiendo-nv, and the follow-up columns of pl2-xa): "Đã hoàn thành" with the result
 * column empty is a warning; on the task-progress form, a row with a result, evidence or note but no status too.
 */
function statusRowIssues(form: FormDef, cells: Cell[], badItems: Set<string>, names: RowNames): Issue[] {
  const statusCol = form.columns.find((c) => c.role === "input" && c.kind === "taskStatus");
  if (!statusCol) return [];
  const resultCols = form.columns.filter((c) => c.role === "input" && c.requiredWhenDone === true);
  const byItem = new Map<string, Map<string, string>>();
  for (const c of cells) {
    if (isBlank(c.raw) || badItems.has(c.item)) continue;
    let m = byItem.get(c.item);
    if (!m) byItem.set(c.item, (m = new Map()));
    if (!m.has(c.field)) m.set(c.field, c.raw);
  }
  const out: Issue[] = [];
  for (const [item, fields] of byItem) {
    const status = fields.get(statusCol.id);
    const parsed = status === undefined ? null : parseTaskStatus(status);
    if (parsed?.ok && parsed.status === "Đã hoàn thành") {
      for (const col of resultCols) {
        if (fields.has(col.id)) continue;
        out.push(
          issue(form, item, col.id, col, "warning", ISSUE_CODES.doneWithoutResult,
            `nhiệm vụ ghi “Đã hoàn thành” nhưng chưa ghi ${col.header.toLowerCase()}; hãy nêu sản phẩm, kết quả cụ thể (văn bản, hệ thống, số liệu…)`, names),
        );
      }
    }
    if (status === undefined && form.kind === "progress") {
      out.push(
        issue(form, item, statusCol.id, statusCol, "warning", ISSUE_CODES.statusMissing,
          `dòng này đã có nội dung nhưng chưa ghi tiến độ; chọn ${TASK_STATUSES.map((x) => `“${x}”`).join(", ")} (nếu để trống, nhiệm vụ được tính là chưa báo cáo)`, names),
      );
    }
  }
  return out;
}
