/**
 * Everything that crosses the wire between the add-in and the worker.
 * Both sides parse with these schemas; the worker also validates values with shared/validate.
 */
import { z } from "zod";
import { PERIOD_ID_PATTERN } from "../periods/index.js";
import { OVERDUE_STATUS, TASK_STATUSES } from "../tasks/types.js";
import { MAX_ACTUAL_REQUESTS } from "./limits.js";

export const MAX_RAW_LEN = 2000;
export const MAX_CELLS = 5000;

export const periodId = z
  .string()
  .regex(new RegExp(PERIOD_ID_PATTERN), "Kỳ báo cáo không hợp lệ (ví dụ hợp lệ: 2025-N, 2025-6T, 2025-Q2, 2025-T03)");

export const formId = z.string().regex(/^[a-z0-9-]{2,32}$/, "Mã biểu mẫu không hợp lệ");

/** One typed cell: item = indicator key (indicator forms) or task row id (task lists); field = column id. */
export const cellSchema = z.strictObject({
  item: z.string().min(1).max(64),
  field: z.string().min(1).max(32),
  raw: z.string().max(MAX_RAW_LEN, `Giá trị dài quá ${MAX_RAW_LEN} ký tự`),
});
export type Cell = z.infer<typeof cellSchema>;

export const submissionSchema = z.strictObject({
  form: formId,
  period: periodId,
  /** Revision this sheet was based on (null/0 for a first push). */
  baseRevision: z.number().int().min(0).nullable(),
  cells: z.array(cellSchema).max(MAX_CELLS, `Tối đa ${MAX_CELLS} ô mỗi lần gửi`),
  /** Only admins may submit on behalf of another unit. */
  unit: z.string().min(1).max(64).optional(),
  comment: z.string().max(2000).optional(),
});
export type Submission = z.infer<typeof submissionSchema>;

export const issueSchema = z.object({
  item: z.string(),
  field: z.string(),
  severity: z.enum(["error", "warning"]),
  code: z.string(),
  message: z.string(),
});
export type Issue = z.infer<typeof issueSchema>;

export const submissionStatus = z.enum(["submitted", "accepted", "returned"]);
export type SubmissionStatus = z.infer<typeof submissionStatus>;

/** The review state of a unit's latest submission, as GET /api/current returns it. */
export const reviewStateSchema = z.object({
  submission: z.string(),
  revision: z.number().int(),
  status: submissionStatus,
  comment: z.string().nullable(),
  at: z.string().nullable(),
  notes: z.array(z.object({ item: z.string(), field: z.string(), note: z.string() })),
});
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const receiptSchema = z.object({
  id: z.string(),
  unit: z.string(),
  form: z.string(),
  period: z.string(),
  revision: z.number().int(),
  baseRevision: z.number().int().nullable(),
  status: submissionStatus,
  receivedAt: z.string(),
  payloadHash: z.string(),
  cellCount: z.number().int(),
  warnings: z.array(issueSchema),
  /** true when this receipt answers a retry with an Idempotency-Key already seen. */
  replayed: z.boolean(),
});
export type Receipt = z.infer<typeof receiptSchema>;

export const errorSchema = z.object({
  error: z.string(),
  message: z.string(),
  details: z.array(z.unknown()),
});
export type ApiError = z.infer<typeof errorSchema>;

export const currentCellSchema = z.object({
  item: z.string(),
  field: z.string(),
  raw: z.string(),
  revision: z.number().int(),
});
export const conflictSchema = errorSchema.extend({
  error: z.literal("conflict"),
  currentRevision: z.number().int(),
  current: z.array(currentCellSchema),
});
export type Conflict = z.infer<typeof conflictSchema>;

export const unitSchema = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(["department", "commune", "admin", "viewer"]),
  role: z.enum(["unit", "admin", "viewer"]),
});
export type Unit = z.infer<typeof unitSchema>;

export const unitCategory = z.enum(["commune", "department", "party", "mass", "other", "staff"]);

/** GET /api/me: the caller's unit, its strongest role, and everything it may do (roles are per unit, not per kind). */
export const meSchema = unitSchema.extend({
  tokenId: z.string().optional(),
  category: unitCategory.optional(),
  /** "unit" = may report its own figures, "viewer" = may read merged tables, "admin" = Sở KH&CN administration. */
  roles: z.array(z.enum(["unit", "admin", "viewer"])).optional(),
  /** Catalog agency names this unit answers for (lead-agency matching). */
  agencies: z.array(z.string()).optional(),
});
export type Me = z.infer<typeof meSchema>;

/** GET /api/current: a unit's latest values for a form and period, with the revision a push must build on. */
export const currentSchema = z.object({
  form: z.string(),
  period: z.string(),
  unit: z.string(),
  revision: z.number().int(),
  locked: z.boolean().optional(),
  cells: z.array(currentCellSchema),
  /** The Sở KH&CN's verdict on the latest submission (returned with notes on cells, accepted), if any. */
  review: reviewStateSchema.nullable().optional(),
});
export type Current = z.infer<typeof currentSchema>;

/** The department report's assessment categories, in the order it counts them (shared/assess/judge.ts). */
export const categorySchema = z.enum(["vuot", "dat", "uoc_dat", "du_kien_khong_dat", "khong_dat", "chua_danh_gia"]);

/** One row of the merged table (indicator forms): per unit per item, with assessment. */
export const mergedRowSchema = z.object({
  item: z.string(),
  stt: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.string(),
  /** The source documents leave this target in doubt (catalog/form doubt, in Vietnamese); shown next to it. */
  targetDoubt: z.string().optional(),
  /** The province figure as read (shared/values/read.ts: "0,85" typed in a % row reads "85%"); commune forms: the aggregate. */
  actual: z.string(),
  projected: z.string(),
  /** The report's category (shared/assess/judge.ts): vuot, dat, uoc_dat, du_kien_khong_dat, khong_dat, chua_danh_gia. */
  assessment: categorySchema,
  /** CATEGORY_LABELS: "Vượt", "Đạt", "Đang thực hiện theo tiến độ – ước đạt", …, "Chưa đánh giá được". */
  assessmentLabel: z.string(),
  /** Why (Vietnamese), always given by the worker: the basis of the category, or why it is not judged. */
  assessmentReason: z.string().optional(),
  /** Which value the progress (and the category) rests on. */
  basis: z.enum(["actual", "projected"]).nullable().optional(),
  progress: z.number().nullable(),
  reportedBy: z.array(z.string()),
  /** Per-unit actuals, as read: unit code → text. pl1-xa: every commune; pl1-tinh: every department that reported. */
  byUnit: z.record(z.string(), z.string()).optional(),
  /** Group code of the indicator ("I"–"V"), for the summary counts. */
  group: z.string().optional(),
  /** The year of the target compared with (a later milestone when the period's year has none); null: no target. */
  targetYear: z.number().int().nullable().optional(),
  /** false when `target` is a later milestone (judged against only when already met, docs/ASSESSMENT.md). */
  targetExact: z.boolean().optional(),
  /** What the clerk typed when it reads differently ("0,85" read as 85%, "khoảng 80%" read as 80%). */
  actualTyped: z.string().optional(),
  projectedTyped: z.string().optional(),
});
export type MergedRow = z.infer<typeof mergedRowSchema>;

export const mergedTableSchema = z.object({
  form: z.string(),
  period: z.string(),
  generatedAt: z.string(),
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  rows: z.array(mergedRowSchema),
});
export type MergedTable = z.infer<typeof mergedTableSchema>;

export const completenessRowSchema = z.object({
  unit: z.string(),
  name: z.string(),
  /** True when the unit's latest push carries at least one value (an empty push does not count). */
  submitted: z.boolean(),
  revision: z.number().int().nullable(),
  at: z.string().nullable(),
  status: submissionStatus.nullable(),
  /** Last day to submit (Vietnam date "YYYY-MM-DD"), from the period. */
  dueDate: z.string().nullable().optional(),
  /** Not yet submitted: days until the due date (negative = overdue). Submitted: null. */
  daysLeft: z.number().int().nullable().optional(),
  /** Submitted after the due date: by how many days (0 = on time). Not submitted: null. */
  lateBy: z.number().int().nullable().optional(),
  /** Contacts from the registry, for the administrator's reminder list ("danh sách cần nhắc"); admin only. */
  contactName: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
});
export type CompletenessRow = z.infer<typeof completenessRowSchema>;

// ---- Worker admin and export shapes (appended by the worker; existing shapes above are unchanged) ----

/** POST /api/admin/units */
export const adminUnitSchema = z.strictObject({
  code: z.string().regex(/^[a-z0-9-]{2,64}$/, "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu -"),
  name: z.string().min(2).max(200),
  kind: z.enum(["department", "commune", "admin", "viewer"]),
  active: z.boolean().optional(),
});
export type AdminUnit = z.infer<typeof adminUnitSchema>;

/** POST /api/admin/submissions/:id/review */
export const reviewNoteSchema = z.strictObject({
  item: z.string().min(1).max(64),
  field: z.string().min(1).max(32),
  note: z.string().trim().min(1, "Ghi chú không được để trống").max(1000),
});
export type ReviewNote = z.infer<typeof reviewNoteSchema>;

export const reviewSchema = z
  .strictObject({
    status: z.enum(["accepted", "returned"]),
    comment: z.string().max(2000).optional(),
    /** Notes on exact cells; only with "returned". The unit sees each as an Excel note on that cell. */
    notes: z.array(reviewNoteSchema).max(500).optional(),
  })
  .refine((r) => r.status === "returned" || !r.notes?.length, "Chỉ ghi chú vào ô khi trả lại số liệu");



/** PUT /api/admin/targets/:key/:year */
export const targetEditSchema = z.strictObject({
  text: z.string().trim().min(1, "Cần nhập giá trị mục tiêu").max(200),
  reason: z.string().trim().min(3, "Cần ghi lý do điều chỉnh").max(2000),
  /** The document that settles the value ("Công văn số 123/SKHCN ngày 05/3/2026"); shown by CT.TARGETTEXT. */
  source: z.string().trim().min(3, "Cần ghi văn bản làm căn cứ").max(300).optional(),
});

/** Province aggregate of a commune indicator (pl1-xa), see docs/WORKER.md for the rules. */
export const aggregateSchema = z.object({
  rule: z.enum(["sum", "mean", "min", "max", "count_yes", "count_reached", "none"]),
  ruleLabel: z.string(),
  value: z.number().nullable(),
  /** Units with a value / units that reached their target. */
  reporting: z.number().int(),
  reached: z.number().int(),
  /** The aggregate of the projections ("Ước thực hiện cả năm"). */
  projectedValue: z.number().nullable().optional(),
  /** Active communes/wards expected to report. */
  active: z.number().int().optional(),
  /** "12/166 xã có số liệu" (words, so no spreadsheet reads it as a date). */
  coverage: z.string().optional(),
  /** Fewer than half of the active communes/wards have a value: shown, not judged. */
  lowCoverage: z.boolean().optional(),
});

/** On a Phụ lục I row that communes also report (pl1-xa links to it): the commune aggregate beside the province figure. */
export const communeAggregateSchema = aggregateSchema.extend({
  /** The aggregate as text ("61,5%"); "" when no commune has a value. */
  actual: z.string(),
  projected: z.string(),
  assessment: categorySchema,
  assessmentLabel: z.string(),
  assessmentReason: z.string(),
  progress: z.number().nullable(),
});

/** A merged row with the optional commune aggregate and note text (what GET /api/merged returns). */
export const mergedRowExtSchema = mergedRowSchema.extend({
  note: z.string().optional(),
  aggregate: aggregateSchema.optional(),
  /** pl1-tinh: unit code of the lead agency whose figure is the province figure (docs/WORKER.md, lead agency); null: none. */
  lead: z.string().nullable().optional(),
  /** pl1-tinh rows that communes also report: their aggregate, coverage and its own assessment. */
  communes: communeAggregateSchema.optional(),
  /** Per-unit projections, notes and categories (unit code → …), pl1-xa and pl1-tinh. */
  byUnitProjected: z.record(z.string(), z.string()).optional(),
  byUnitNote: z.record(z.string(), z.string()).optional(),
  byUnitAssessment: z.record(z.string(), categorySchema).optional(),
});

const countsSchema = z.object({
  vuot: z.number().int(),
  dat: z.number().int(),
  uoc_dat: z.number().int(),
  du_kien_khong_dat: z.number().int(),
  khong_dat: z.number().int(),
  chua_danh_gia: z.number().int(),
});
const summaryPartSchema = z.object({ count: z.number().int(), byCategory: countsSchema, sentence: z.string() });
/** The counts at the top of every merged indicator table (shared/assess/judge.ts `summarize`), worded as the report. */
export const summarySchema = z.object({
  total: summaryPartSchema,
  groups: z.array(summaryPartSchema.extend({ group: z.string(), title: z.string().optional() })),
  /** "Tổng số 79 chỉ tiêu: có 09 chỉ tiêu vượt kế hoạch, …" */
  sentence: z.string(),
});
export type MergedSummary = z.infer<typeof summarySchema>;

export const mergedTableExtSchema = mergedTableSchema.extend({
  rows: z.array(mergedRowExtSchema),
  summary: summarySchema.optional(),
  /** true for 6 tháng, quý, tháng, đột xuất: judged from the projection ("Ước thực hiện cả năm"). */
  interim: z.boolean().optional(),
  /** Active communes/wards expected to report (commune aggregates' coverage). */
  activeCommunes: z.number().int().optional(),
});
export type MergedTableExt = z.infer<typeof mergedTableExtSchema>;

/** GET /api/merged for task-list forms (pl2-xa): every unit's rows. */
export const taskTableSchema = z.object({
  form: z.string(),
  period: z.string(),
  generatedAt: z.string(),
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  columns: z.array(z.object({ id: z.string(), header: z.string() })),
  rows: z.array(z.object({ unit: z.string(), unitName: z.string(), item: z.string(), cells: z.record(z.string(), z.string()) })),
});
export type TaskTable = z.infer<typeof taskTableSchema>;

/** GET /api/completeness */
export const completenessSchema = z.object({
  form: z.string(),
  period: z.string(),
  locked: z.boolean().optional(),
  dueDate: z.string().nullable().optional(),
  cutoffDate: z.string().nullable().optional(),
  today: z.string().optional(),
  expected: z.number().int(),
  submitted: z.number().int(),
  rows: z.array(completenessRowSchema),
});

/** A reporting period as GET /api/periods returns it; `label` is what people read. */
export const periodInfoSchema = z.object({
  id: z.string(),
  kind: z.enum(["month", "quarter", "half", "year", "adhoc"]),
  year: z.number().int(),
  label: z.string(),
  dueDate: z.string().nullable(),
  cutoffDate: z.string().nullable(),
  /** Forms due in this period; null = the default cadence (shared/periods FORM_CADENCE). */
  forms: z.array(z.string()).nullable(),
  locked: z.boolean(),
  lockedAt: z.string().nullable(),
  openedAt: z.string(),
  /** Days until the due date in Vietnam time (negative = past due); null without a due date. */
  daysLeft: z.number().int().nullable(),
});
export type PeriodInfo = z.infer<typeof periodInfoSchema>;

/** GET /api/periods[?form=…]: opened periods, most recent first, and the one to offer by default. */
export const periodsResponseSchema = z.object({
  today: z.string(),
  current: z.string().nullable(),
  periods: z.array(periodInfoSchema),
});
export type PeriodsResponse = z.infer<typeof periodsResponseSchema>;

const vnDateString = z.string().regex(/^20\d\d-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, "Ngày phải có dạng NĂM-THÁNG-NGÀY, ví dụ 2026-06-14");

/** POST /api/admin/periods: open a period (kind + year [+ month/quarter/number]). */
export const openPeriodSchema = z.strictObject({
  kind: z.enum(["month", "quarter", "half", "year", "adhoc"]),
  year: z.number().int().min(2020).max(2099),
  seq: z.number().int().min(1).max(99).optional(),
  label: z.string().trim().min(3).max(200).optional(),
  dueDate: vnDateString.optional(),
  cutoffDate: vnDateString.optional(),
  forms: z.array(formId).max(20).optional(),
});

/** PATCH /api/admin/periods/:id */
export const editPeriodSchema = z.strictObject({
  label: z.string().trim().min(3).max(200).nullable().optional(),
  dueDate: vnDateString.nullable().optional(),
  cutoffDate: vnDateString.nullable().optional(),
  forms: z.array(formId).max(20).nullable().optional(),
});

/** POST /api/actuals: what CT.ACTUAL asks for, batched per recalculation. results[i] answers requests[i]. */
export { MAX_ACTUAL_REQUESTS, MAX_ACTUAL_SCOPES, actualScope } from "./limits.js";
export const actualsRequestSchema = z.strictObject({
  requests: z
    .array(
      z.strictObject({
        key: z.string().min(1).max(64),
        year: z.number().int().min(2000).max(2100),
        unit: z.string().min(1).max(64).optional(),
      }),
    )
    .min(1)
    .max(MAX_ACTUAL_REQUESTS, `Tối đa ${MAX_ACTUAL_REQUESTS} ô CT.ACTUAL mỗi lần hỏi`),
});
export const actualResultSchema = z.object({
  key: z.string(),
  year: z.number().int(),
  unit: z.string().nullable(),
  raw: z.string().nullable(),
  value: z.number().nullable(),
  period: z.string().nullable(),
  /** Why raw is null when it is not simply "nothing reported yet" (unknown key, not allowed). */
  note: z.string().optional(),
});
export const actualsResponseSchema = z.object({ results: z.array(actualResultSchema) });
export type ActualsResponse = z.infer<typeof actualsResponseSchema>;

// ---------------------------------------------------------------------------------------------------------
// The catalog as served by GET /api/catalog (shared/catalog/types.ts), checked before the add-in replaces its copy.
// ---------------------------------------------------------------------------------------------------------
const numberValue = z.object({ kind: z.literal("number"), value: z.number(), percent: z.boolean(), unit: z.string().optional() });
const rangeValue = z.object({ kind: z.literal("range"), min: z.number(), max: z.number(), percent: z.boolean(), unit: z.string().optional() });
export const parsedValueSchema = z.discriminatedUnion("kind", [
  numberValue,
  rangeValue,
  z.object({ kind: z.literal("comparator"), op: z.enum([">=", "<=", ">", "<"]), bound: z.discriminatedUnion("kind", [numberValue, rangeValue]) }),
  z.object({ kind: z.literal("rankGroup"), group: z.number() }),
  z.object({ kind: z.literal("yesno"), value: z.boolean() }),
  z.object({ kind: z.literal("status"), status: z.enum(["chua_trien_khai", "dang_trien_khai", "co_ban_hoan_thanh", "hoan_thanh"]) }),
  z.object({ kind: z.literal("text"), text: z.string() }),
  z.object({ kind: z.literal("none"), reason: z.enum(["blank", "dash", "new_not_assessed"]) }),
]);
const catalogCellSchema = z.object({ printed: z.string(), value: parsedValueSchema });
const groupCode = z.enum(["I", "II", "III", "IV", "V"]);
/** shared/catalog/types.ts ExpectKind (what an input cell of the indicator expects). */
export const expectKindSchema = z.enum(["percentShare", "percentOpen", "count", "amount", "index", "rank", "rankGroup", "yesno", "status", "text"]);
export const indicatorSchema = z.object({
  key: z.string().regex(/^[A-Z0-9_]+$/),
  stt: z.number().int().positive(),
  sttPrinted: z.string(),
  group: groupCode,
  namePrinted: z.string(),
  name: z.string().min(1),
  shortName: z.string().min(1).max(80),
  ocrFixes: z.array(z.object({ from: z.string(), to: z.string() })),
  unit: z.string(),
  direction: z.enum(["higher", "lower"]),
  expect: expectKindSchema,
  expectBy: z.enum(["derived", "manual"]),
  expectNote: z.string().min(1).optional(),
  baseline: catalogCellSchema,
  targets: z.object({ 2025: catalogCellSchema, 2030: catalogCellSchema, 2035: catalogCellSchema, 2040: catalogCellSchema, 2045: catalogCellSchema }),
  agencies: z.array(z.string()),
  newNotAssessed: z.boolean(),
  doubts: z.array(z.object({ field: z.string(), reason: z.string().min(1) })),
  source: z.object({ file: z.string(), lines: z.tuple([z.number().int(), z.number().int()]) }),
});
export const catalogSchema = z.object({
  version: z.string().min(1),
  title: z.string(),
  groups: z.array(z.object({ code: groupCode, name: z.string(), declaredCount: z.number().int() })),
  indicators: z.array(indicatorSchema).min(1),
  missing: z.array(z.object({ stt: z.number().int().nullable(), group: groupCode, reason: z.string() })),
  reconciliation: z.array(z.string()),
  crossCheck: z.array(z.object({ key: z.string(), field: z.string(), planText: z.string(), reportText: z.string(), note: z.string() })),
});

// ---------------------------------------------------------------------------------------------------------
// Task progress (form tiendo-nv, the plan's Phụ lục II–IV): the merged task report and CT.TASKSTATUS.
// ---------------------------------------------------------------------------------------------------------
export const taskStatusSchema = z.enum(TASK_STATUSES);
/** What a report shows for a task (shared/tasks taskProgress): the status, "Chậm tiến độ" when late, "Chưa báo cáo". */
export const taskDisplayStatusSchema = z.enum([...TASK_STATUSES, OVERDUE_STATUS, "Chưa báo cáo"]);
export const appendixCodeSchema = z.enum(["II", "III", "IV"]);

/** One unit's report on one task. */
export const taskUnitReportSchema = z.object({
  status: z.string(),
  result: z.string(),
  docNo: z.string(),
  docDate: z.string(),
  note: z.string(),
});

export const taskReportRowSchema = z.object({
  /** The task key as people type it ("III.12"). */
  key: z.string(),
  appendix: appendixCodeSchema,
  section: z.object({ code: z.string(), title: z.string() }).nullable(),
  /** STT as printed in its appendix ("12"; "" for an unnumbered row). */
  stt: z.string(),
  name: z.string(),
  /** "Thời gian hoàn thành" as printed. */
  deadline: z.string(),
  /** The date the task is compared against (null: none applies, e.g. "Thường xuyên"). */
  dueDate: z.string().nullable(),
  leads: z.array(z.string()),
  /** The reported status on the ladder (null: nothing reported) and the words the unit used. */
  status: taskStatusSchema.nullable(),
  statusText: z.string(),
  display: taskDisplayStatusSchema,
  overdue: z.boolean(),
  daysLate: z.number().int().nullable(),
  result: z.string(),
  docNo: z.string(),
  docDate: z.string(),
  note: z.string(),
  /** Units that reported on the task, the one whose report is shown first (a lead agency, in catalog order). */
  reportedBy: z.array(z.object({ code: z.string(), name: z.string() })),
  byUnit: z.record(z.string(), taskUnitReportSchema),
});
export type TaskReportRow = z.infer<typeof taskReportRowSchema>;

/** GET /api/merged?form=tiendo-nv: the merged task report (see docs/TASKS.md, "The merged task report"). */
export const taskReportSchema = z.object({
  form: z.string(),
  period: z.string(),
  generatedAt: z.string(),
  /** The Vietnam date "Chậm tiến độ" and days late are counted on: the period's cut-off once past, else today. */
  asOf: z.string(),
  asOfBasis: z.enum(["cutoff", "today"]),
  filters: z.object({ appendix: appendixCodeSchema.nullable(), agency: z.string().nullable() }),
  /** Units expected to report (they lead at least one task). */
  units: z.array(z.object({ code: z.string(), name: z.string() })),
  summary: z.object({
    total: z.number().int(),
    counts: z.record(taskDisplayStatusSchema, z.number().int()),
    /** Counts in the words units used ("Đang thực hiện 46, Đã tổ chức triển khai 10, …"). */
    byWording: z.array(z.object({ wording: z.string(), count: z.number().int() })),
    sentence: z.string(),
    wordingSentence: z.string(),
  }),
  /** Overdue tasks, most days late first. */
  overdue: z.array(
    z.object({ key: z.string(), name: z.string(), leads: z.array(z.string()), dueDate: z.string(), daysLate: z.number().int(), status: taskStatusSchema.nullable() }),
  ),
  rows: z.array(taskReportRowSchema),
});
export type TaskReport = z.infer<typeof taskReportSchema>;

/** POST /api/task-status: what CT.TASKSTATUS asks for, batched per recalculation; results[i] answers requests[i]. */
export const MAX_TASK_STATUS_REQUESTS = 250;
export const taskStatusRequestSchema = z.strictObject({
  requests: z
    .array(z.strictObject({ key: z.string().min(1).max(16), period: periodId.optional() }))
    .min(1)
    .max(MAX_TASK_STATUS_REQUESTS, `Tối đa ${MAX_TASK_STATUS_REQUESTS} ô CT.TASKSTATUS mỗi lần hỏi`),
});
export const taskStatusResultSchema = z.object({
  /** The task key in the catalog's spelling, or as asked when unknown. */
  key: z.string(),
  /** The period the status was reported for (the latest with a status, or the one asked); null when none. */
  period: z.string().nullable(),
  /** What the report shows: "Đã hoàn thành", "Chậm tiến độ", "Đang triển khai", "Chưa triển khai", "Chưa báo cáo"; null with a note. */
  display: taskDisplayStatusSchema.nullable(),
  status: taskStatusSchema.nullable(),
  daysLate: z.number().int().nullable(),
  dueDate: z.string().nullable(),
  /** The date lateness was counted on. */
  asOf: z.string().nullable(),
  /** Why display is null (unknown task, not allowed). */
  note: z.string().optional(),
});
export type TaskStatusResult = z.infer<typeof taskStatusResultSchema>;
export const taskStatusResponseSchema = z.object({ results: z.array(taskStatusResultSchema) });

/** GET /api/catalog/overrides: the Sở KH&CN's target corrections (any year), for entry sheets of years between milestones. */
export const targetOverridesSchema = z.object({
  targetOverrides: z.array(z.object({ key: z.string(), year: z.number().int(), text: z.string(), value: parsedValueSchema, source: z.string().optional() })),
});
export type TargetOverrides = z.infer<typeof targetOverridesSchema>;
