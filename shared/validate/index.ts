/**
 * Validation of submitted cells against a form definition.
 * Errors block a push; warnings are accepted and flagged. Messages are Vietnamese and name the row
 * and the column; codes are stable snake_case strings (see ISSUE_CODES).
 */
import { findIndicator, leadsIndicator } from "../catalog/index.js";
import type { ColumnDef, FormDef } from "../forms/types.js";
import type { Cell, Issue } from "../schemas/index.js";
import type { ParsedValue } from "../values/types.js";
import { foldVi, isBlankRaw, parseValue } from "../values/parse.js";
import { formatNumber, toNumber } from "../values/format.js";

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
} as const;
export type IssueCode = (typeof ISSUE_CODES)[keyof typeof ISSUE_CODES];

export interface ValidateContext {
  /** "item|field" → raw value of the same cell in the previous period. */
  previous?: Map<string, string>;
  /** The reporting unit's name: on department forms, values for indicators it does not lead are flagged. */
  unitName?: string;
}

export const TASK_ITEM_RE = /^[A-Za-z0-9_-]{1,64}$/;
const LARGE_CHANGE_FACTOR = 3;
/** Units accepted in a money cell (the column is in triệu đồng). Folded, without spaces. */
const MONEY_UNITS = new Set(["trieudong", "trieu", "tr", "trd"]);

function rowLabel(form: FormDef, item: string): string {
  if (form.kind === "tasks") return `Nhiệm vụ "${item}"`;
  const row = form.rows.find((r) => r.type === "indicator" && r.item === item);
  if (row && row.type === "indicator" && row.stt) return `Chỉ tiêu ${row.stt} (${item})`;
  return `Chỉ tiêu "${item}"`;
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
): Issue {
  return { item, field, severity, code, message: `${rowLabel(form, item)}, ${colLabel(col, field)}: ${detail}` };
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

function itemIssue(form: FormDef, item: string): Issue | null {
  if (form.kind === "tasks") {
    if (TASK_ITEM_RE.test(item)) return null;
    return {
      item,
      field: "",
      severity: "error",
      code: ISSUE_CODES.invalidItem,
      message: `Mã dòng nhiệm vụ "${item}" không hợp lệ: chỉ dùng chữ không dấu, số, "-" hoặc "_", tối đa 64 ký tự`,
    };
  }
  const known = form.rows.some((r) => r.type === "indicator" && r.item === item);
  if (known) return null;
  return {
    item,
    field: "",
    severity: "error",
    code: ISSUE_CODES.unknownItem,
    message: `Chỉ tiêu "${item}" không có trong biểu mẫu ${form.id}`,
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
): Issue[] {
  const issues: Issue[] = [];
  const bad = itemIssue(form, item);
  if (bad) issues.push({ ...bad, field });
  const col = form.columns.find((c) => c.id === field);
  if (!col) {
    issues.push({
      item,
      field,
      severity: "error",
      code: ISSUE_CODES.unknownField,
      message: `${rowLabel(form, item)}: cột "${field}" không có trong biểu mẫu ${form.id}`,
    });
    return issues;
  }
  if (bad) return issues;
  if (col.role === "catalog") {
    issues.push(
      issue(form, item, field, col, "error", ISSUE_CODES.readOnly, "cột này lấy từ danh mục chỉ tiêu, đơn vị không được sửa"),
    );
    return issues;
  }
  if (isBlank(raw)) return issues;

  switch (col.kind) {
    case "indicatorValue": {
      const r = parseValue(raw);
      if (!r.ok) {
        issues.push(issue(form, item, field, col, "error", ISSUE_CODES.unparseable, r.message));
        return issues;
      }
      if (percentOutOfRange(r.value)) {
        issues.push(
          issue(form, item, field, col, "warning", ISSUE_CODES.percentOutOfRange, `tỷ lệ "${raw.trim()}" nằm ngoài 0–100%, kiểm tra lại`),
        );
      }
      const prevRaw = ctx?.previous?.get(`${item}|${field}`);
      if (prevRaw !== undefined) {
        const prev = parseValue(prevRaw);
        const before = prev.ok ? toNumber(prev.value) : null;
        const now = toNumber(r.value);
        if (before !== null && now !== null && before > 0 && now > 0) {
          const k = now / before;
          if (k > LARGE_CHANGE_FACTOR || k < 1 / LARGE_CHANGE_FACTOR) {
            issues.push(
              issue(
                form,
                item,
                field,
                col,
                "warning",
                ISSUE_CODES.largeChange,
                `"${raw.trim()}" thay đổi lớn so với kỳ trước ("${prevRaw.trim()}", gấp ${formatNumber(Number(k.toPrecision(3)))} lần); kiểm tra lại dấu phẩy, dấu chấm hoặc đơn vị`,
              ),
            );
          }
        }
      }
      if (r.value.kind === "text" && isFormulaLike(raw)) {
        issues.push(formulaIssue(form, item, field, col, raw));
      }
      return issues;
    }
    case "money": {
      const r = parseValue(raw);
      const v = r.ok ? r.value : null;
      const unitOk = v?.kind === "number" && (!v.unit || MONEY_UNITS.has(foldVi(v.unit).replace(/[\s.]/g, "")));
      if (!v || v.kind !== "number" || v.percent || !unitOk || v.value < 0) {
        issues.push(
          issue(
            form,
            item,
            field,
            col,
            "error",
            ISSUE_CODES.invalidMoney,
            `"${raw.trim()}" không phải là số tiền hợp lệ. Ghi một số không âm, đơn vị triệu đồng, ví dụ 200 hoặc 1.200 hoặc 1.200,5`,
          ),
        );
      }
      return issues;
    }
    default:
      if (isFormulaLike(raw)) issues.push(formulaIssue(form, item, field, col, raw));
      return issues;
  }
}

function formulaIssue(form: FormDef, item: string, field: string, col: ColumnDef, raw: string): Issue {
  return issue(
    form,
    item,
    field,
    col,
    "warning",
    ISSUE_CODES.formulaLike,
    `"${raw.trim().slice(0, 60)}" bắt đầu giống công thức Excel; khi xuất file sẽ được thêm dấu ' phía trước để không bị tính như công thức`,
  );
}

/**
 * Validates a whole submission: every cell (validateFormCell), duplicates of item|field, and required
 * columns on rows that have something filled (on task lists the task name "task" is always required).
 */
export function validateCells(form: FormDef, cells: Cell[], ctx?: ValidateContext): Issue[] {
  const issues: Issue[] = [];
  const seen = new Set<string>();
  const filled = new Map<string, Set<string>>();
  const badItems = new Set<string>();
  for (const cell of cells) {
    const key = `${cell.item}|${cell.field}`;
    if (seen.has(key)) {
      const col = form.columns.find((c) => c.id === cell.field);
      issues.push(
        issue(form, cell.item, cell.field, col, "error", ISSUE_CODES.duplicate, "ô này xuất hiện hai lần trong cùng một lần gửi"),
      );
      continue;
    }
    seen.add(key);
    const cellIssues = validateFormCell(form, cell.item, cell.field, cell.raw, ctx);
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
  if (form.audience === "department" && ctx?.unitName) {
    for (const [item, fields] of filled) {
      const row = form.rows.find((r) => r.type === "indicator" && r.item === item);
      const ind = row && row.type === "indicator" ? findIndicator(row.indicatorKey) : undefined;
      if (!ind || leadsIndicator(ctx.unitName, ind)) continue;
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
      issues.push(issue(form, item, col.id, col, "error", ISSUE_CODES.required, what));
    }
  }
  return issues;
}
