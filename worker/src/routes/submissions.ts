// Pushing a unit's sheet, its history and its current values.
import { Hono } from "hono";
import { z } from "zod";
import { formId, periodId, submissionSchema, type Receipt } from "../../../shared/schemas/index.js";
import { limitPerToken, targetUnit } from "../auth.js";
import { canonicalJson, sha256Hex } from "../crypto.js";
import { findIndicator, forms, isBlankRaw } from "../domain.js";
import { chooseLead } from "../lead.js";
import { readRaw, storeReading } from "../reading.js";
import { rowExpectation, validateSheet } from "../../../shared/validate/index.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import { formInfo } from "../formsinfo.js";
import { readJson, readQuery } from "../http.js";
import { formDueIn, periodLabel, previousPeriod } from "../../../shared/periods/index.js";
import { formsOf, getPeriod } from "../store/periods.js";
import {
  currentCells,
  currentRevision,
  findByKey,
  getSubmission,
  latestReview,
  listSubmissions,
  push,
  pushContext,
  receiptFrom,
  reviewsOf,
  submissionCells,
  type StoredCell,
  type SubmissionRow,
} from "../store/submissions.js";

/** The body limit of this route (set for every /api route in limits.ts). */
export { MAX_SUBMISSION_BYTES as MAX_BODY_BYTES } from "../limits.js";
const IDEMPOTENCY_KEY_RE = /^[A-Za-z0-9_.:-]{8,128}$/;

export const submissions = new Hono<AppEnv>();

submissions.post(
  "/submissions",
  limitPerToken,
  async (c) => {
    const caller = c.get("caller");
    const key = c.req.header("Idempotency-Key")?.trim() ?? "";
    if (!IDEMPOTENCY_KEY_RE.test(key)) {
      throw new ApiError(
        400,
        "idempotency_key_required",
        "Thiếu hoặc sai tiêu đề Idempotency-Key (8–128 ký tự chữ, số, - _ . :). Mỗi lần gửi cần một mã riêng để gửi lại an toàn.",
      );
    }
    const body = await readJson(c, submissionSchema);
    const unitCode = targetUnit(c, body.unit, true);
    const info = formInfo(body.form);

    // Keep what was typed; blank cells mean "nothing entered" and are not stored.
    const cells = body.cells.filter((x) => !isBlankRaw(x.raw));
    const sorted = [...cells].sort((a, b) => (a.item === b.item ? cmp(a.field, b.field) : cmp(a.item, b.item)));
    const payloadHash = await sha256Hex(
      canonicalJson({ form: body.form, period: body.period, unit: unitCode, baseRevision: body.baseRevision ?? 0, cells: sorted, comment: body.comment ?? "" }),
    );
    const provinceForm = info.form.audience === "commune" && info.form.kind === "indicators" ? provinceFormId() : null;
    const ctx = await pushContext(c.env.DB, unitCode, key, body.form, body.period, previousPeriod(body.period), provinceForm);

    // A retry with a key already seen answers with the original receipt, even after a lock.
    if (ctx.seen) return replay(ctx.seen, payloadHash);
    if (!ctx.unit || ctx.unit.active !== 1) throw new ApiError(404, "unknown_unit", `Không có đơn vị "${unitCode}" hoặc đơn vị đã ngừng hoạt động.`);
    if (ctx.unit.kind !== info.form.audience || ctx.unit.can_report !== 1) {
      throw new ApiError(
        422,
        "wrong_audience",
        `Biểu mẫu «${formTitle(info.form)}» dành cho ${info.form.audience === "department" ? "các sở, ngành và cơ quan cấp tỉnh" : "các xã, phường"}, không dành cho đơn vị này.`,
      );
    }
    if (!ctx.period) {
      throw new ApiError(
        422,
        "period_not_open",
        `Kỳ báo cáo «${periodLabel(body.period)}» chưa được Sở KH&CN mở để nhận số liệu. Hãy chọn một kỳ báo cáo đang mở.`,
      );
    }
    if (ctx.period.locked === 1) throw lockedError(body.period);
    if (!formDueIn(body.form, body.period, formsOf(ctx.period))) {
      throw new ApiError(
        422,
        "form_not_due",
        `Biểu mẫu «${formTitle(info.form)}» không thuộc kỳ báo cáo «${ctx.period.label ?? periodLabel(body.period)}». Hãy chọn kỳ báo cáo khác.`,
      );
    }
    // A first push with nothing in it is not a report: it would count the unit as "đã nộp" with no figures.
    if (cells.length === 0 && ctx.revision === 0 && (body.baseRevision ?? 0) === 0) {
      throw new ApiError(422, "empty_submission", "Biểu mẫu chưa có số liệu nào nên chưa gửi. Hãy nhập số liệu rồi gửi lại.");
    }

    // shared/validate checks structure (unknown rows/columns, duplicates, read-only) and values; its
    // "large change" warnings compare with the same unit's values of the previous period.
    const previous = new Map(ctx.previous.map((r) => [`${r.item}|${r.field}`, r.raw]));
    const { issues, readings } = validateSheet(info.form, cells, {
      previous,
      unitName: ctx.unit.name,
      agencies: ctx.agencies,
      period: body.period,
      ...(provinceForm ? { provinceValues: provinceFigures(ctx.province, ctx.provinceAgencies) } : {}),
    });
    const errors = issues.filter((i) => i.severity === "error");
    if (errors.length > 0) {
      throw new ApiError(422, "validation_failed", `Số liệu có ${errors.length} lỗi, chưa được ghi nhận. Vui lòng sửa các ô được đánh dấu rồi gửi lại.`, errors);
    }
    const warnings = issues.filter((i) => i.severity === "warning");

    // THE reading of every value cell is stored with the raw text (worker/src/reading.ts), so the merge uses the reading
    // the clerk was told about in the receipt ("0,85" → 85%) without reading again. Validation made it (readCell against
    // the row's expectation for this period); it is not made a second time here.
    const stored: StoredCell[] = cells.map((x) => {
      if (!info.valueFields.has(x.field)) return { item: x.item, field: x.field, raw: x.raw, parsed: null };
      const value = readings.get(`${x.item}|${x.field}`) ?? readRaw(rowExpectation(info.form, x.item, { period: body.period }), x.raw);
      return { item: x.item, field: x.field, raw: x.raw, parsed: storeReading(x.raw, value) };
    });
    const id = `sub_${crypto.randomUUID().replace(/-/g, "")}`;
    const now = new Date().toISOString();
    let committed = false;
    try {
      committed = await push(c.env.DB, {
        id,
        unit: unitCode,
        form: body.form,
        period: body.period,
        baseRevision: body.baseRevision,
        idempotencyKey: key,
        tokenId: caller.tokenId,
        payloadHash,
        comment: body.comment ?? null,
        warnings,
        cells: stored,
        now,
      });
    } catch (e) {
      // The batch rolled back (e.g. a concurrent retry with the same key won the UNIQUE constraint).
      const again = await findByKey(c.env.DB, unitCode, key);
      if (again) return replay(again, payloadHash);
      throw e;
    }
    if (!committed) {
      // Nothing was written. Work out why from the state the push lost against.
      const again = await findByKey(c.env.DB, unitCode, key);
      if (again) return replay(again, payloadHash);
      const p = await getPeriod(c.env.DB, body.period);
      if (!p) throw new ApiError(422, "period_not_open", `Kỳ báo cáo «${periodLabel(body.period)}» chưa được Sở KH&CN mở để nhận số liệu.`);
      if (p.locked === 1) throw lockedError(body.period);
      const rev = await currentRevision(c.env.DB, body.form, body.period, unitCode);
      if (rev !== (body.baseRevision ?? 0)) throw await conflictError(c.env.DB, body.form, body.period, unitCode, rev);
      throw new Error("push not applied for an unknown reason");
    }
    // Built from what was just committed: saves a read.
    const receipt: Receipt = {
      id,
      unit: unitCode,
      form: body.form,
      period: body.period,
      revision: (body.baseRevision ?? 0) + 1,
      baseRevision: body.baseRevision,
      status: "submitted",
      receivedAt: now,
      payloadHash,
      cellCount: stored.length,
      warnings,
      replayed: false,
    };
    return c.json(receipt, 201);

    function replay(row: SubmissionRow, hash: string) {
      if (row.payload_hash !== hash) {
        throw new ApiError(422, "idempotency_mismatch", "Mã Idempotency-Key này đã được dùng cho một lần gửi khác nội dung. Hãy dùng mã mới cho lần gửi mới.", [
          { submission: row.id },
        ]);
      }
      return c.json(receiptFrom(row, true), 200);
    }
  },
);

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The provincial indicator form (Phụ lục I), whose figures commune values are checked against. */
const provinceFormId = () => forms.find((f) => f.audience === "department" && f.kind === "indicators")?.id ?? null;

/** Indicator key → the province figure (the lead agency's actual, worker/src/lead.ts), for `above_province`. */
export function provinceFigures(cells: { unit: string; item: string; raw: string }[], agencies: Map<string, string[]>): Map<string, string> {
  const byItem = new Map<string, { unit: string; raw: string }[]>();
  for (const c of cells) {
    const list = byItem.get(c.item);
    if (list) list.push(c);
    else byItem.set(c.item, [c]);
  }
  const out = new Map<string, string>();
  for (const [item, list] of byItem) {
    const ind = findIndicator(item);
    if (!ind) continue;
    const { lead } = chooseLead(ind, list.map((c) => ({ unit: c.unit, agencies: agencies.get(c.unit), hasValue: true })));
    const raw = list.find((c) => c.unit === lead)?.raw;
    if (raw !== undefined) out.set(ind.key, raw);
  }
  return out;
}
const lockedError = (period: string) =>
  new ApiError(423, "period_locked", `Kỳ báo cáo «${periodLabel(period)}» đã khóa sổ, không nhận thêm số liệu. Liên hệ Sở KH&CN nếu cần mở lại.`);
/** The form's name as people know it ("Phụ lục I", "Phụ lục 1"), from its first title line. */
const formTitle = (form: { title: string[]; id: string }) => (form.title[0] ?? form.id).split(":")[0]!.trim();

async function conflictError(db: D1Database, form: string, period: string, unit: string, rev: number): Promise<ApiError> {
  const current = (await currentCells(db, form, period, unit)).map((r) => ({ item: r.item, field: r.field, raw: r.raw, revision: r.revision }));
  return new ApiError(
    409,
    "conflict",
    `Số liệu trên máy chủ đã được cập nhật (phiên bản ${rev}) sau khi bạn tải về. Hãy xem phần khác biệt rồi gửi lại.`,
    [],
    { currentRevision: rev, current },
  );
}

const historyQuery = z.object({ form: formId.optional(), period: periodId.optional(), unit: z.string().min(1).max(64).optional() });

submissions.get("/submissions", async (c) => {
  const q = readQuery(c, historyQuery);
  const caller = c.get("caller");
  // Units see only their own history; admin/viewer may filter by any unit (or none).
  const unit = caller.can.view ? q.unit : targetUnit(c, q.unit, false);
  const rows = await listSubmissions(c.env.DB, { ...q, unit });
  const reviews = await reviewsOf(
    c.env.DB,
    rows.map((r) => r.id),
  );
  return c.json({
    submissions: rows.map((r) => ({
      ...receiptFrom(r, false),
      createdBy: r.created_by,
      comment: r.comment,
      review: r.reviewed_at ? { comment: r.review_comment, by: r.reviewed_by, at: r.reviewed_at } : null,
      reviews: reviews
        .filter((v) => v.submission === r.id)
        .map((v) => ({ from: v.old_status, to: v.new_status, comment: v.comment, by: v.by_token, at: v.at })),
    })),
  });
});

submissions.get("/submissions/:id", async (c) => {
  const row = await getSubmission(c.env.DB, c.req.param("id"));
  const caller = c.get("caller");
  if (!row || (!caller.can.view && row.unit !== caller.unit)) {
    throw new ApiError(404, "not_found", "Không tìm thấy lần gửi này.");
  }
  return c.json({ ...receiptFrom(row, false), createdBy: row.created_by, comment: row.comment, cells: await submissionCells(c.env.DB, row.id) });
});

const currentQuery = z.object({ form: formId, period: periodId, unit: z.string().min(1).max(64).optional() });

submissions.get("/current", async (c) => {
  const q = readQuery(c, currentQuery);
  const unit = targetUnit(c, q.unit, false);
  formInfo(q.form);
  const [revision, cells, review] = await Promise.all([
    currentRevision(c.env.DB, q.form, q.period, unit),
    currentCells(c.env.DB, q.form, q.period, unit),
    latestReview(c.env.DB, q.form, q.period, unit),
  ]);
  const period = await getPeriod(c.env.DB, q.period);
  c.header("ETag", `"${revision}"`);
  return c.json({
    form: q.form,
    period: q.period,
    unit,
    revision,
    locked: period?.locked === 1,
    cells: cells.map((r) => ({ item: r.item, field: r.field, raw: r.raw, revision: r.revision })),
    review,
  });
});
