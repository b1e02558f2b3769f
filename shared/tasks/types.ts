/**
 * Types of the task catalog (Kế hoạch 266-KH/TU, Phụ lục II, III, IV): what each task is, who leads it,
 * when it is due, and where the extracted text is in doubt. See docs/TASKS.md.
 */

export type AppendixCode = "II" | "III" | "IV";
export const APPENDIX_CODES: readonly AppendixCode[] = ["II", "III", "IV"];

// ------------------------------------------------------------------ deadlines

/** How exact a due date is: a printed day, month ("Tháng 9/2025"), quarter ("Quý III/2025") or year ("Năm 2026"). */
export type DatePrecision = "day" | "month" | "quarter" | "year";

export interface DueDate {
  /** ISO date "YYYY-MM-DD": the printed day, else the last day of the printed month, quarter or year. */
  date: string;
  precision: DatePrecision;
  /** The part of the printed deadline this date comes from ("Tháng 6/2025", "(2) Tháng 10/2025", "2025-2030"). */
  printed: string;
}

/**
 * A deadline ("Thời gian hoàn thành") parsed:
 * - dated: one or more due dates, in printed order ("(1) Tháng 6/2025; (2) Tháng 10/2025");
 * - recurring: every year ("Hàng năm"), optionally from a first date ("Tháng 5/2025 và hàng năm");
 * - ongoing: no end ("Thường xuyên"), optionally with a first date ("Tháng 6/2025; thường xuyên");
 * - done: the plan says it was already done ("Đã hoàn thành");
 * - unknown: blank or unreadable; `reason` says why (the task carries a doubt).
 */
export type Deadline =
  | { kind: "dated"; dates: DueDate[] }
  | { kind: "recurring"; every: "year"; first: DueDate | null }
  | { kind: "ongoing"; first: DueDate | null }
  | { kind: "done" }
  | { kind: "unknown"; reason: string };

export interface TaskDeadline {
  /** Exactly as printed (whitespace collapsed); "" when the cell is blank. */
  printed: string;
  value: Deadline;
}

// ------------------------------------------------------------------ status

/** The status ladder a lead agency reports (see shared/tasks/status.ts for the accepted spellings). */
export const TASK_STATUSES = ["Chưa triển khai", "Đang triển khai", "Đã hoàn thành"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** Derived, never typed: the deadline has passed and the task is not done. */
export const OVERDUE_STATUS = "Chậm tiến độ";
/** What a report shows for a task: its status, "Chậm tiến độ" when late, "Chưa báo cáo" when nothing was reported. */
export type TaskDisplayStatus = TaskStatus | typeof OVERDUE_STATUS | "Chưa báo cáo";

// ------------------------------------------------------------------ tasks

export type TaskField =
  | "stt"
  | "name"
  | "lead"
  | "cooperating"
  | "centralLead"
  | "result"
  | "deadline"
  | "row";

/** A doubt a user can see: the extracted text is broken or ambiguous here. `reason` is Vietnamese, shown as is. */
export interface TaskDoubt {
  field: TaskField;
  reason: string;
}

export interface TaskSection {
  /** Roman numeral as printed: "I", "II", … "X". */
  code: string;
  /** Heading text after the numeral (OCR fixes applied). */
  title: string;
}

export interface Task {
  /** What people type: "II.5", "III.12", "IV.3"; unnumbered rows follow the rule in docs/TASKS.md ("II.6a", "IV.86"). Unique. */
  key: string;
  appendix: AppendixCode;
  /** The section heading the row is printed under (Phụ lục III, IV); null in Phụ lục II, which has none. */
  section: TaskSection | null;
  /** STT exactly as printed; "" when the row has none. */
  stt: string;
  /** 1-based position of the row in its appendix. */
  order: number;
  /** Task name with OCR fixes applied; `namePrinted` is the extracted text. */
  name: string;
  namePrinted: string;
  /**
   * Provincial agencies that lead the task and report on it, normalised (see `agencies`). Phụ lục II, III: column
   * "Cơ quan chủ trì tham mưu". Phụ lục IV: column "Đơn vị của tỉnh chủ trì phối hợp" (the ministry that leads
   * nationally is in `centralLeads`).
   */
  leads: string[];
  /** Column "Cơ quan phối hợp" (Phụ lục II, III), normalised; [] in Phụ lục IV. */
  cooperating: string[];
  /** Phụ lục IV column "Bộ, ngành chủ trì", normalised; [] in Phụ lục II, III. */
  centralLeads: string[];
  /** The agency cells as printed (after the repairs the doubts describe), before splitting and normalising. */
  leadPrinted: string;
  cooperatingPrinted: string;
  centralLeadPrinted: string;
  /** Column "Kết quả": the expected result / product, as printed (OCR fixes applied). */
  result: string;
  deadline: TaskDeadline;
  ocrFixes: { from: string; to: string }[];
  doubts: TaskDoubt[];
  /** Lines of the extracted plan the task was read from (the row and any fragments joined to it). */
  source: { file: string; lines: number[] };
}

export type AgencyKind = "unit" | "group" | "central";

/**
 * One agency named in the task appendices. kind: "unit" = one provincial body (a candidate for the unit registry),
 * "group" = a collective phrase ("Các sở, ngành, đơn vị liên quan", "UBND cấp xã"), "central" = a ministry or
 * central body (Phụ lục IV "Bộ, ngành chủ trì").
 */
export interface TaskAgency {
  name: string;
  kind: AgencyKind;
  /** Other spellings found in the appendices that were mapped to `name`. */
  variants: string[];
  /** How many tasks name it as lead, cooperating agency, or central lead. */
  leadCount: number;
  cooperatingCount: number;
  centralCount: number;
}

export interface TaskAppendix {
  code: AppendixCode;
  /** The appendix title as the plan's section 11 lists it (clean text). */
  title: string;
  /** The heading lines printed above the table in the extracted text (may be damaged). */
  titlePrinted: string[];
  /** Header cells of the table as printed. */
  columns: string[];
  sections: TaskSection[];
  /** Highest STT printed in the table. */
  lastStt: number;
  /** Tasks in the catalog for this appendix. */
  count: number;
  /** Line of the table header in the extracted plan. */
  headerLine: number;
}

/** A fragment of a row (no STT) that could not be joined to a task; kept so nothing printed is lost. */
export interface TaskOrphan {
  appendix: AppendixCode;
  line: number;
  cells: string[];
  note: string;
}

/** How the department's own results report (Báo cáo, Phụ lục II) words task progress, counted. */
export interface ReportWording {
  source: { file: string; lines: [number, number] };
  entries: { wording: string; count: number; status: TaskStatus | null; lines: number[] }[];
  /** The counts as one sentence in the report's style ("Đang thực hiện 46, Đã tổ chức triển khai 10, …"). */
  sentence: string;
}

export interface TaskCatalog {
  /** Content hash; changes whenever the data changes. */
  version: string;
  title: string;
  source: { file: string };
  appendices: TaskAppendix[];
  tasks: Task[];
  agencies: TaskAgency[];
  orphans: TaskOrphan[];
  /** How the counts reconcile with what the appendices print, in Vietnamese sentences. */
  reconciliation: string[];
  reportWording: ReportWording;
}
