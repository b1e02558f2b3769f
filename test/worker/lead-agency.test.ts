// The province figure of Phụ lục I comes from the lead agency, through the registry's agency mapping (unit_agencies),
// never from a department that does not lead the indicator; the others' values are in the notes.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { mergedTableExtSchema, receiptSchema } from "../../shared/schemas/index.js";
import { ADMIN, SO, SO_CODE, call, json, push, seedOnce } from "./helpers.js";

beforeAll(seedOnce);

const Y_TE = "so-y-te";
const GD = "so-giao-duc-va-dao-tao";
const XAY_DUNG = "so-xay-dung";
const CONG_AN = "cong-an-tinh";

/** The admin pushes a department's sheet for it (POST /api/submissions with `unit`). */
async function as(unit: string, period: string, cells: [item: string, field: string, raw: string][], baseRevision: number | null = null) {
  const res = await push(ADMIN, { unit, form: "pl1-tinh", period, baseRevision, cells: cells.map(([item, field, raw]) => ({ item, field, raw })) });
  expect(res.status, JSON.stringify(await res.clone().json())).toBe(201);
  return receiptSchema.parse(await json(res));
}
const row = async (period: string, item: string) =>
  mergedTableExtSchema.parse(await json(await call(`/api/merged?form=pl1-tinh&period=${period}`, { token: ADMIN }))).rows.find((r) => r.item === item)!;

it("flags values for indicators the department does not lead, and not its own", async () => {
  const res = await call("/api/submissions", {
    token: SO, // Sở Khoa học và Công nghệ
    body: {
      form: "pl1-tinh",
      period: "2025-N",
      baseRevision: 0,
      cells: [
        { item: "5G", field: "actual", raw: "62%" }, // its own
        { item: "SO_SUCKHOE", field: "actual", raw: "93%" }, // Sở Y tế leads
      ],
    },
  });
  expect(res.status).toBe(201);
  const receipt = receiptSchema.parse(await json(res));
  expect(receipt.warnings.map((w) => [w.item, w.code])).toEqual([["SO_SUCKHOE", "not_lead_agency"]]);
  expect(receipt.warnings[0]!.message).toContain("Sở Y tế chủ trì");
});

describe("the province figure", () => {
  it("a department that does not lead never sets it; its value is in the notes", async () => {
    // Sở KH&CN reported SO_SUCKHOE (93%) above; Sở Y tế, the lead, has not reported yet.
    let r = await row("2025-N", "SO_SUCKHOE");
    expect(r.actual).toBe("");
    expect(r.lead).toBeNull();
    expect(r.assessment).toBe("chua_danh_gia");
    expect(r.note).toContain("Sở Khoa học và Công nghệ (không chủ trì) báo cáo: 93%");
    expect(r.note).toContain("Cơ quan chủ trì (Sở Y tế) chưa báo cáo");
    expect(r.byUnit).toEqual({ [SO_CODE]: "93%" });
    await as(Y_TE, "2025-N", [["SO_SUCKHOE", "actual", "91%"], ["SO_SUCKHOE", "note", "Theo báo cáo ngành y tế"]]);
    r = await row("2025-N", "SO_SUCKHOE");
    expect(r).toMatchObject({ actual: "91%", lead: Y_TE, assessment: "khong_dat" }); // 91% against 92%
    expect(r.note).toContain("Sở Khoa học và Công nghệ (không chủ trì) báo cáo: 93%");
    expect(r.note).toContain("Sở Y tế: Theo báo cáo ngành y tế");
    expect(r.byUnitAssessment).toEqual({ [SO_CODE]: "vuot", [Y_TE]: "khong_dat" });
  });

  it("several lead agencies: the first in the catalog's order that reported", async () => {
    // DS_TIEPCAN_DVS: Sở Y tế; Sở Giáo dục và Đào tạo; Sở Xây dựng; Bảo hiểm xã hội Khu vực VI.
    await as(XAY_DUNG, "2025-N", [["DS_TIEPCAN_DVS", "actual", "70%"]]);
    await as(GD, "2025-N", [["DS_TIEPCAN_DVS", "actual", "85%"], ["DS_TIEPCAN_DVS", "projected", "88%"]]);
    let r = await row("2025-N", "DS_TIEPCAN_DVS");
    expect(r).toMatchObject({ actual: "85%", projected: "88%", lead: GD, assessment: "vuot" });
    expect(r.note).toContain("Sở Xây dựng (cùng chủ trì) báo cáo: 70%");
    // Sở Y tế comes first in the catalog: once it reports, its figure is the province's.
    await as(Y_TE, "2025-N", [["SO_SUCKHOE", "actual", "91%"], ["SO_SUCKHOE", "note", "Theo báo cáo ngành y tế"], ["DS_TIEPCAN_DVS", "actual", "78%"]], 1);
    r = await row("2025-N", "DS_TIEPCAN_DVS");
    expect(r).toMatchObject({ actual: "78%", projected: "", lead: Y_TE, assessment: "khong_dat" });
    expect(r.note).toContain("Sở Giáo dục và Đào tạo (cùng chủ trì) báo cáo: 85%; ước cả năm 88%");
    expect(r.note).toContain("Sở Xây dựng (cùng chủ trì) báo cáo: 70%");
  });

  it("goes by the agencies a unit answers for (unit_agencies), not by its name or code", async () => {
    // CLOUD is led by Sở KH&CN then Công an tỉnh. A new unit answers for "Sở Khoa học và Công nghệ" under another name;
    // Công an tỉnh no longer answers for its catalog name.
    await env.DB.batch([
      env.DB.prepare("INSERT INTO units (code, name, kind, category, can_report) VALUES ('ttcds', 'Trung tâm Chuyển đổi số tỉnh', 'department', 'department', 1)"),
      env.DB.prepare("INSERT INTO unit_agencies (unit, agency) VALUES ('ttcds', 'Sở Khoa học và Công nghệ')"),
      env.DB.prepare("DELETE FROM unit_agencies WHERE unit = ?1").bind(CONG_AN),
    ]);
    await as(CONG_AN, "2025-6T", [["CLOUD", "actual", "50%"]]);
    let r = await row("2025-6T", "CLOUD");
    expect(r.lead).toBeNull();
    expect(r.note).toContain("Công an tỉnh (không chủ trì) báo cáo: 50%");
    await as("ttcds", "2025-6T", [["CLOUD", "actual", "35%"]]);
    r = await row("2025-6T", "CLOUD");
    expect(r).toMatchObject({ lead: "ttcds", actual: "35%" });
  });

  it("an indicator led by a group: one reporting department stands for it; several leave it to the Sở KH&CN", async () => {
    // AI_IOT_DOTHI is led by "Các sở, ngành, địa phương" (target Có).
    await as(GD, "2026-N", [["AI_IOT_DOTHI", "actual", "Có"]]);
    let r = await row("2026-N", "AI_IOT_DOTHI");
    expect(r).toMatchObject({ lead: GD, actual: "Có" });
    await as(XAY_DUNG, "2026-N", [["AI_IOT_DOTHI", "actual", "Đang triển khai"]]);
    r = await row("2026-N", "AI_IOT_DOTHI");
    expect(r).toMatchObject({ lead: null, actual: "", assessment: "chua_danh_gia" });
    expect(r.note).toContain("Sở Giáo dục và Đào tạo (cùng báo cáo) báo cáo: Có");
    expect(r.note).toContain("Sở Xây dựng (cùng báo cáo) báo cáo: Đang triển khai");
    expect(r.note).toContain("2 cơ quan cùng báo cáo");
  });

  it("strips bidi control characters from the notes it joins", async () => {
    const res = await push(SO, { form: "pl1-tinh", period: "2026-6T", cells: [{ item: "TT_DULIEU", field: "actual", raw: "2" }, { item: "TT_DULIEU", field: "note", raw: "Đã xong\u202E\u2066 bước 1\u200F" }] });
    expect(res.status).toBe(201);
    const r = await row("2026-6T", "TT_DULIEU");
    expect(r.note).toBe("Đã xong bước 1");
  });
});

describe("the province figures a commune push is checked against (above_province)", () => {
  it("are the lead agency's actuals, never a non-lead department's", async () => {
    const { provinceFigures } = await import("../../worker/src/routes/submissions.js");
    const mapping = new Map([
      [SO_CODE, ["Sở Khoa học và Công nghệ"]],
      [Y_TE, ["Sở Y tế"]],
    ]);
    const figures = provinceFigures(
      [
        { unit: SO_CODE, item: "SO_SUCKHOE", raw: "93%" },
        { unit: Y_TE, item: "SO_SUCKHOE", raw: "91%" },
        { unit: Y_TE, item: "5G", raw: "70%" },
      ],
      mapping,
    );
    expect(figures.get("SO_SUCKHOE")).toBe("91%");
    expect(figures.has("5G")).toBe(false);
  });
});
