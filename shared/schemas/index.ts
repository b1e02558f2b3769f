/**
 * Everything that crosses the wire between the add-in and the worker.
 * Both sides parse with these schemas; the worker also validates values with shared/validate.
 */
import { z } from "zod";
import { MAX_ACTUAL_REQUESTS } from "./limits.js";

export const MAX_RAW_LEN = 2000;
export const MAX_CELLS = 5000;

export const periodId = z
  .string()
  .regex(/^(20[2-9]\d)-(6T|N)$/, "Kỳ báo cáo phải có dạng NĂM-6T hoặc NĂM-N, ví dụ 2025-6T");

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

/** GET /api/me: the caller's unit and role. */
export const meSchema = unitSchema.extend({ tokenId: z.string().optional() });
export type Me = z.infer<typeof meSchema>;

/** GET /api/current: a unit's latest values for a form and period, with the revision a push must build on. */
export const currentSchema = z.object({
  form: z.string(),
  period: z.string(),
  unit: z.string(),
  revision: z.number().int(),
  locked: z.boolean().optional(),
  cells: z.array(currentCellSchema),
});
export type Current = z.infer<typeof currentSchema>;

/** One row of the merged table (indicator forms): per unit per item, with assessment. */
export const mergedRowSchema = z.object({
  item: z.string(),
  stt: z.string(),
  name: z.string(),
  unit: z.string(),
  target: z.string(),
  /** The source documents leave this target in doubt (catalog/form doubt, in Vietnamese); shown next to it. */
  targetDoubt: z.string().optional(),
  actual: z.string(),
  projected: z.string(),
  assessment: z.enum(["vuot", "dat", "khong_dat", "chua_danh_gia"]),
  assessmentLabel: z.string(),
  progress: z.number().nullable(),
  reportedBy: z.array(z.string()),
  /** Per-unit raw actuals for commune matrices: unit code → raw. */
  byUnit: z.record(z.string(), z.string()).optional(),
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
  submitted: z.boolean(),
  revision: z.number().int().nullable(),
  at: z.string().nullable(),
  status: submissionStatus.nullable(),
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
export const reviewSchema = z.strictObject({
  status: z.enum(["accepted", "returned"]),
  comment: z.string().max(2000).optional(),
});

/** PUT /api/admin/targets/:key/:year */
export const targetEditSchema = z.strictObject({
  text: z.string().trim().min(1, "Cần nhập giá trị mục tiêu").max(200),
  reason: z.string().trim().min(3, "Cần ghi lý do điều chỉnh").max(2000),
});

/** Province aggregate of a commune indicator (pl1-xa), see docs/WORKER.md for the rules. */
export const aggregateSchema = z.object({
  rule: z.enum(["sum", "mean", "min", "max", "count_yes", "count_reached", "none"]),
  ruleLabel: z.string(),
  value: z.number().nullable(),
  /** Units with a value / units that reached their target. */
  reporting: z.number().int(),
  reached: z.number().int(),
});
/** A merged row with the optional commune aggregate and note text (what GET /api/merged returns). */
export const mergedRowExtSchema = mergedRowSchema.extend({
  note: z.string().optional(),
  aggregate: aggregateSchema.optional(),
});
export const mergedTableExtSchema = mergedTableSchema.extend({ rows: z.array(mergedRowExtSchema) });

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
  expected: z.number().int(),
  submitted: z.number().int(),
  rows: z.array(completenessRowSchema),
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
export const indicatorSchema = z.object({
  key: z.string().regex(/^[A-Z0-9_]+$/),
  stt: z.number().int().positive(),
  sttPrinted: z.string(),
  group: groupCode,
  namePrinted: z.string(),
  name: z.string().min(1),
  ocrFixes: z.array(z.object({ from: z.string(), to: z.string() })),
  unit: z.string(),
  direction: z.enum(["higher", "lower"]),
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
