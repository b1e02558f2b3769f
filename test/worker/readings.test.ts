// The clerk examples of issue 9 through the worker: refused with a Vietnamese message and nothing stored, or accepted with
// the warning and merged on THE reading (the one the pane and CT.ASSESS use), also for cells stored before readings.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { actualsResponseSchema, mergedTableExtSchema, receiptSchema } from "../../shared/schemas/index.js";
import { ADMIN, call, counts, json, push, seedOnce, XA, XA_CODE } from "./helpers.js";

beforeAll(seedOnce);

const cell = (item: string, field: string, raw: string) => ({ item, field, raw });
const merged = async (form: string, period: string) => mergedTableExtSchema.parse(await json(await call(`/api/merged?form=${form}&period=${period}`, { token: ADMIN })));

describe("a % indicator of the commune form (5G, Phụ lục 1)", () => {
  for (const [raw, code, says] of [
    ["abc", "wrong_kind", '"abc" không phải là một tỷ lệ. Cần nhập tỷ lệ từ 0 đến 100%, ví dụ 60%'],
    ["Có", "wrong_kind", '"Có" không phải là một tỷ lệ'],
    ["2.000", "out_of_range", "dấu chấm là dấu ngăn cách hàng nghìn"],
    ["150%", "out_of_range", "lớn hơn 100%"],
  ] as const) {
    it(`"${raw}" → 422 with the Vietnamese message naming the row, nothing stored`, async () => {
      const before = await counts();
      const res = await push(XA, { form: "pl1-xa", period: "2025-6T", cells: [cell("5G", "actual", raw)] });
      expect(res.status).toBe(422);
      const b = await json<{ error: string; message: string; details: { item: string; field: string; code: string; message: string }[] }>(res);
      expect(b.error).toBe("validation_failed");
      expect(b.message).toContain("chưa được ghi nhận");
      expect(b.details).toHaveLength(1);
      expect(b.details[0]).toMatchObject({ item: "5G", field: "actual", code });
      expect(b.details[0]!.message).toMatch(/^Chỉ tiêu 1 – Tỉ lệ phủ sóng 5G trên địa bàn, cột «Thực hiện kỳ báo cáo»: /);
      expect(b.details[0]!.message).toContain(says);
      expect(b.details[0]!.message).not.toContain("5G\"");
      expect(await counts()).toEqual(before);
    });
  }

  it('"0,85" → accepted with "có phải 85%?", merged as 85% with what was typed beside, CT.ACTUAL 0,85', async () => {
    const res = await push(XA, { form: "pl1-xa", period: "2025-N", cells: [cell("5G", "actual", "0,85"), cell("5G", "note", "Số liệu VNPT")] });
    expect(res.status).toBe(201);
    const receipt = receiptSchema.parse(await json(res));
    expect(receipt.warnings.map((w) => w.code)).toEqual(["fraction_as_percent"]);
    expect(receipt.warnings[0]!.message).toContain("có phải 85%?");
    const row = (await merged("pl1-xa", "2025-N")).rows.find((r) => r.item === "5G")!;
    expect(row.byUnit?.[XA_CODE]).toBe("85%");
    expect(row.byUnitNote?.[XA_CODE]).toBe("Thực hiện ghi «0,85»; Số liệu VNPT");
    expect(row.byUnitAssessment?.[XA_CODE]).toBe("vuot"); // 85% against the commune target 60%
    expect(row.aggregate).toMatchObject({ rule: "mean", value: 85, reporting: 1 });
    const a = actualsResponseSchema.parse(await json(await call("/api/actuals", { token: ADMIN, body: { requests: [{ key: "5G", year: 2025, unit: XA_CODE }] } })));
    expect(a.results[0]).toMatchObject({ raw: "0,85", period: "2025-N" });
    expect(a.results[0]!.value).toBeCloseTo(0.85);
  });

  it("a cell stored before readings were kept is read again with the indicator's kind (no divergence from the pane)", async () => {
    // As the old push stored it: the parser's value of "0,7" (0,7 without %), not the reading (70%).
    const now = new Date().toISOString();
    await env.DB.batch([
      env.DB.prepare("INSERT INTO reports (form, period, unit, revision, last_submission, updated_at) VALUES ('pl1-xa', '2026-6T', ?1, 1, 'sub_legacy', ?2)").bind(
        XA_CODE,
        now,
      ),
      env.DB.prepare(
        "INSERT INTO cell_current (form, period, unit, item, field, raw, parsed, submission_id, revision) VALUES ('pl1-xa', '2026-6T', ?1, 'BANGRONG_1GB', 'actual', '0,7', ?2, 'sub_legacy', 1)",
      ).bind(XA_CODE, JSON.stringify({ kind: "number", value: 0.7, percent: false })),
      env.DB.prepare(
        "INSERT INTO cell_current (form, period, unit, item, field, raw, parsed, submission_id, revision) VALUES ('pl1-xa', '2026-6T', ?1, 'VNEID', 'actual', 'Có', NULL, 'sub_legacy', 1)",
      ).bind(XA_CODE),
    ]);
    const m = await merged("pl1-xa", "2026-6T");
    const bb = m.rows.find((r) => r.item === "BANGRONG_1GB")!;
    expect(bb.byUnit?.[XA_CODE]).toBe("70%");
    expect(bb.aggregate?.value).toBe(70);
    // A "Có" stored in a % row before kinds were checked does not read: shown as typed, left out of the aggregate, not judged.
    const vneid = m.rows.find((r) => r.item === "VNEID")!;
    expect(vneid.byUnit?.[XA_CODE]).toBe("Có");
    expect(vneid.aggregate).toMatchObject({ rule: "mean", value: null });
    expect(vneid.byUnitAssessment?.[XA_CODE]).toBe("chua_danh_gia");
  });
});
