// Administration by the Sở KH&CN: units, tokens, reviews, period locks, plan target corrections.
import { Hono } from "hono";
import { z } from "zod";
import { TARGET_YEARS } from "../../../shared/catalog/types.js";
import { requireRole } from "../auth.js";
import { catalog, findIndicator, parseValue } from "../domain.js";
import type { AppEnv } from "../env.js";
import { ApiError } from "../errors.js";
import { readJson, readParams, readQuery } from "../http.js";
import { editPeriod, getPeriod, openPeriod, periodEvents, periodInfo, setLocked } from "../store/periods.js";
import { periodId as periodIdOf, periodLabel } from "../../../shared/periods/index.js";
import { vnDate } from "../../../shared/time.js";
import { formInfo } from "../formsinfo.js";
import { getSubmission, review, reviewNotes, submissionCells } from "../store/submissions.js";
import { expectedUnits } from "../merge.js";
import { listEdits, listOverrides, editTarget } from "../store/targets.js";
import { listTokens, revokeStmt, tokenInsert } from "../store/tokens.js";
import { getUnit, listUnits, unitUpsert } from "../store/units.js";
import { adminUnitSchema, editPeriodSchema, formId, openPeriodSchema, periodId, reviewSchema, targetEditSchema } from "../../../shared/schemas/index.js";

export const admin = new Hono<AppEnv>();
admin.use("*", requireRole("admin"));

const codeParam = z.object({ code: z.string().regex(/^[a-z0-9-]{2,64}$/, "Mã đơn vị chỉ gồm chữ thường không dấu, số và dấu -") });

admin.get("/units", async (c) => c.json({ units: await listUnits(c.env.DB) }));

admin.post("/units", async (c) => {
  const u = await readJson(c, adminUnitSchema);
  await unitUpsert(c.env.DB, u).run();
  return c.json({ unit: await getUnit(c.env.DB, u.code) }, 201);
});

async function unitOr404(db: D1Database, code: string) {
  const u = await getUnit(db, code);
  if (!u) throw new ApiError(404, "unknown_unit", `Không có đơn vị "${code}".`);
  return u;
}

admin.get("/units/:code/tokens", async (c) => {
  const { code } = readParams(c, codeParam);
  const u = await unitOr404(c.env.DB, code);
  return c.json({ unit: u.code, tokens: await listTokens(c.env.DB, u.code) });
});

admin.post("/units/:code/tokens", async (c) => {
  const { code } = readParams(c, codeParam);
  const u = await unitOr404(c.env.DB, code);
  const { stmt, token } = await tokenInsert(c.env.DB, u.code, u.kind, { createdBy: c.get("caller").tokenId });
  await stmt.run();
  // The secret is shown once; only its hash is stored.
  return c.json({ ...token, note: "Lưu mã này ngay: máy chủ chỉ lưu bản băm, không hiển thị lại." }, 201);
});

admin.post("/units/:code/tokens/rotate", async (c) => {
  const { code } = readParams(c, codeParam);
  const u = await unitOr404(c.env.DB, code);
  const by = c.get("caller").tokenId;
  const { stmt, token } = await tokenInsert(c.env.DB, u.code, u.kind, { createdBy: by, label: "rotated" });
  // Revoke all existing tokens of the unit and create the new one atomically (revoke first so the new one survives).
  const res = await c.env.DB.batch([revokeStmt(c.env.DB, { unit: u.code }, by), stmt]);
  return c.json({ ...token, revoked: res[0]?.meta.changes ?? 0, note: "Lưu mã này ngay: máy chủ chỉ lưu bản băm, không hiển thị lại." }, 201);
});

admin.post("/tokens/:id/revoke", async (c) => {
  const id = c.req.param("id");
  const exists = await c.env.DB.prepare("SELECT id, revoked_at FROM tokens WHERE id = ?1").bind(id).first<{ id: string; revoked_at: string | null }>();
  if (!exists) throw new ApiError(404, "unknown_token", `Không có mã truy cập "${id}".`);
  await revokeStmt(c.env.DB, { id }, c.get("caller").tokenId).run();
  const row = await c.env.DB.prepare("SELECT id, unit, revoked_at FROM tokens WHERE id = ?1").bind(id).first();
  return c.json({ token: row });
});

admin.post("/submissions/:id/review", async (c) => {
  const body = await readJson(c, reviewSchema);
  const row = await getSubmission(c.env.DB, c.req.param("id"));
  if (!row) throw new ApiError(404, "not_found", "Không tìm thấy lần gửi này.");
  // Notes must point at cells of the form (an indicator row and an input column, or a task row that was sent).
  const info = formInfo(row.form);
  const sent = new Set((await submissionCells(c.env.DB, row.id)).map((x) => x.item));
  const badNote = (body.notes ?? []).find(
    (n) => !info.inputFields.has(n.field) || (info.items ? !info.items.has(n.item) : !sent.has(n.item)),
  );
  if (badNote) throw new ApiError(422, "invalid_note", "Có ghi chú trỏ vào ô không thuộc biểu mẫu này; hãy chọn lại ô cần ghi chú.", [badNote]);
  try {
    await review(c.env.DB, row.id, row.status, body.status, body.comment ?? null, c.get("caller").tokenId, body.notes ?? []);
  } catch {
    throw new ApiError(409, "review_conflict", "Trạng thái lần gửi vừa được người khác thay đổi. Tải lại rồi thử lần nữa.");
  }
  const updated = await getSubmission(c.env.DB, row.id);
  return c.json({
    id: row.id,
    status: updated?.status,
    reviewComment: updated?.review_comment,
    reviewedAt: updated?.reviewed_at,
    notes: await reviewNotes(c.env.DB, row.id),
  });
});

const reviewsQuery = z.object({ form: formId, period: periodId });

/** Each expected unit's latest submission for a form and period, with its review state: the admin's review sheet. */
admin.get("/reviews", async (c) => {
  const q = readQuery(c, reviewsQuery);
  const form = formInfo(q.form).form;
  const units = await expectedUnits(c.env.DB, form);
  const rows = (
    await c.env.DB.prepare(
      `SELECT r.unit, s.id, s.revision, s.created_at, s.cell_count, s.status, s.review_comment, s.reviewed_at,
              (SELECT count(*) FROM review_notes n WHERE n.submission = s.id) AS notes
         FROM reports r JOIN submissions s ON s.id = r.last_submission WHERE r.form = ?1 AND r.period = ?2`,
    )
      .bind(q.form, q.period)
      .all<{ unit: string; id: string; revision: number; created_at: string; cell_count: number; status: string; review_comment: string | null; reviewed_at: string | null; notes: number }>()
  ).results;
  const byUnit = new Map(rows.map((r) => [r.unit, r]));
  const names = new Map(units.map((u) => [u.code, u.name]));
  const codes = [...new Set([...units.map((u) => u.code), ...rows.map((r) => r.unit)])];
  return c.json({
    form: q.form,
    period: q.period,
    rows: codes.map((code) => {
      const r = byUnit.get(code);
      return {
        unit: code,
        name: names.get(code) ?? code,
        submission: r?.id ?? null,
        revision: r?.revision ?? null,
        at: r?.created_at ?? null,
        cellCount: r?.cell_count ?? 0,
        status: r ? r.status : null,
        comment: r?.review_comment ?? null,
        reviewedAt: r?.reviewed_at ?? null,
        notes: r?.notes ?? 0,
      };
    }),
  });
});

const periodParam = z.object({ id: periodId });

/** Opens a reporting period; units can push only into opened periods. Idempotent (200 when it was already open). */
admin.post("/periods", async (c) => {
  const body = await readJson(c, openPeriodSchema);
  if (body.kind === "adhoc" && body.seq === undefined) {
    throw new ApiError(422, "seq_required", "Báo cáo đột xuất cần số thứ tự (1, 2, …).", [{ field: "seq" }]);
  }
  if ((body.kind === "month" && (body.seq ?? 0) > 12) || (body.kind === "quarter" && (body.seq ?? 0) > 4) || ((body.kind === "month" || body.kind === "quarter") && !body.seq)) {
    throw new ApiError(422, "invalid_seq", body.kind === "month" ? "Tháng phải từ 1 đến 12." : "Quý phải từ 1 đến 4.", [{ field: "seq" }]);
  }
  if (body.kind === "adhoc" && (!body.forms?.length || !body.dueDate)) {
    throw new ApiError(422, "adhoc_incomplete", "Báo cáo đột xuất cần hạn nộp và danh sách biểu mẫu phải nộp.", [{ field: body.dueDate ? "forms" : "dueDate" }]);
  }
  for (const f of body.forms ?? []) formInfo(f);
  const id = periodIdOf(body.kind, body.year, body.seq ?? 1);
  if (body.dueDate && body.cutoffDate && body.cutoffDate > body.dueDate) {
    throw new ApiError(422, "cutoff_after_due", "Ngày chốt số liệu phải trước hoặc bằng hạn nộp.", [{ field: "cutoffDate" }]);
  }
  const created = await openPeriod(c.env.DB, { id, label: body.label, dueDate: body.dueDate, cutoffDate: body.cutoffDate, forms: body.forms, by: c.get("caller").tokenId });
  const row = await getPeriod(c.env.DB, id);
  return c.json({ period: periodInfo(row!, vnDate()), created }, created ? 201 : 200);
});

admin.patch("/periods/:id", async (c) => {
  const { id } = readParams(c, periodParam);
  const body = await readJson(c, editPeriodSchema);
  if (!(await getPeriod(c.env.DB, id))) throw notOpened(id);
  for (const f of body.forms ?? []) formInfo(f);
  await editPeriod(c.env.DB, id, body, c.get("caller").tokenId);
  return c.json({ period: periodInfo((await getPeriod(c.env.DB, id))!, vnDate()), history: await periodEvents(c.env.DB, id) });
});

admin.get("/periods/:id/history", async (c) => {
  const { id } = readParams(c, periodParam);
  if (!(await getPeriod(c.env.DB, id))) throw notOpened(id);
  return c.json({ period: id, history: await periodEvents(c.env.DB, id) });
});

for (const action of ["lock", "unlock"] as const) {
  admin.post(`/periods/:id/${action}`, async (c) => {
    const { id } = readParams(c, periodParam);
    if (!(await setLocked(c.env.DB, id, action === "lock", c.get("caller").tokenId))) throw notOpened(id);
    const p = await getPeriod(c.env.DB, id);
    return c.json({ period: { id, locked: p?.locked === 1, lockedBy: p?.locked_by ?? null, lockedAt: p?.locked_at ?? null } });
  });
}

function notOpened(id: string) {
  return new ApiError(404, "period_not_open", `Kỳ báo cáo «${periodLabel(id)}» chưa được mở.`);
}

const targetParams = z.object({ key: z.string().min(1).max(64), year: z.coerce.number().int().min(2020).max(2099) });

admin.put("/targets/:key/:year", async (c) => {
  const { key, year } = readParams(c, targetParams);
  const body = await readJson(c, targetEditSchema);
  const ind = findIndicator(key);
  if (!ind) throw new ApiError(404, "unknown_indicator", `Không có chỉ tiêu "${key}".`);
  const parsed = parseValue(body.text);
  if (!parsed.ok) throw new ApiError(422, "invalid_value", `Giá trị mục tiêu không hợp lệ: ${parsed.message}`, [{ field: "text", message: parsed.message }]);
  const overrides = await listOverrides(c.env.DB);
  const current = overrides.find((o) => o.indicator === ind.key && o.year === year);
  const printed = (TARGET_YEARS as readonly number[]).includes(year) ? (ind.targets[year as (typeof TARGET_YEARS)[number]]?.printed ?? "") : "";
  const oldText = current?.text ?? printed;
  const editId = await editTarget(c.env.DB, {
    indicator: ind.key,
    year,
    oldText,
    newText: body.text,
    parsed: JSON.stringify(parsed.value),
    reason: body.reason,
    by: c.get("caller").tokenId,
    source: body.source ?? null,
  });
  return c.json({ indicator: ind.key, year, oldText, text: body.text, value: parsed.value, editId, history: await listEdits(c.env.DB, ind.key) });
});

/**
 * The catalog's doubts, each with its reason, the printed value and how it was settled (if it was): the admin's sheet
 * "Mục tiêu cần xác nhận". Year fields are settled through PUT /targets/:key/:year with a source document.
 */
admin.get("/doubts", async (c) => {
  const overrides = await listOverrides(c.env.DB);
  const edits = await listEdits(c.env.DB);
  const lastEdit = new Map(edits.map((e) => [`${e.indicator}|${e.year}`, e]));
  const years = TARGET_YEARS as readonly number[];
  const doubts = catalog.indicators.flatMap((ind) =>
    ind.doubts.map((d) => {
      const year = /^\d{4}$/.test(d.field) ? Number(d.field) : null;
      const o = year ? overrides.find((x) => x.indicator === ind.key && x.year === year) : undefined;
      const e = year ? lastEdit.get(`${ind.key}|${year}`) : undefined;
      return {
        key: ind.key,
        stt: ind.stt,
        name: ind.name,
        field: d.field,
        reason: d.reason,
        year,
        settleable: year !== null && years.includes(year),
        printed: year && years.includes(year) ? ind.targets[year as (typeof TARGET_YEARS)[number]].printed : d.field === "baseline" ? ind.baseline.printed : null,
        settled: o ? { text: o.text, source: o.source, reason: e?.reason ?? null, at: e?.at ?? null } : null,
      };
    }),
  );
  return c.json({ doubts, settled: doubts.filter((d) => d.settled).length });
});

admin.get("/targets/:key/history", async (c) => {
  const ind = findIndicator(c.req.param("key"));
  if (!ind) throw new ApiError(404, "unknown_indicator", `Không có chỉ tiêu "${c.req.param("key")}".`);
  return c.json({ indicator: ind.key, history: await listEdits(c.env.DB, ind.key) });
});
