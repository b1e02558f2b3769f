// A full submission flows into the merged JSON, CSV and .xlsx, in each appendix layout.
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { mergedTableExtSchema, receiptSchema, taskTableSchema } from "../../shared/schemas/index.js";
import { ADMIN, call, json, push, SO, SO_CODE, seedOnce, VIEWER, XA, XA_CODE } from "./helpers.js";
import { COMMUNE_COUNT } from "../../worker/src/seed.js";

let XA2 = "";
const XA2_CODE = "xa-hoang-hoa";

beforeAll(async () => {
  await seedOnce();
  const r = await call(`/api/admin/units/${XA2_CODE}/tokens`, { token: ADMIN, method: "POST" });
  XA2 = (await json<{ token: string }>(r)).token;
});

/** The table's sheet: the last one (indicator tables open with a summary sheet "Tổng hợp đánh giá"). */
async function xlsxSheet(res: Response): Promise<string> {
  const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
  const sheets = Object.keys(files).filter((f) => /^xl\/worksheets\/sheet\d+\.xml$/.test(f)).sort();
  expect(sheets[0]).toBe("xl/worksheets/sheet1.xml");
  return strFromU8(files[sheets[sheets.length - 1]!]!);
}

describe("pl1-tinh: a department's full report", () => {
  it("is accepted, merged with assessment and exported", async () => {
    const res = await push(SO, {
      form: "pl1-tinh",
      period: "2025-N",
      cells: [
        { item: "5G", field: "actual", raw: "65%" },
        { item: "5G", field: "projected", raw: "70%" },
        { item: "5G", field: "note", raw: "=HYPERLINK(\"http://evil\",\"bấm\")" },
        { item: "6G", field: "actual", raw: "-" },
      ],
      comment: "Báo cáo năm",
    });
    const receipt = receiptSchema.parse(await json(res));
    expect(res.status).toBe(201);
    expect(receipt).toMatchObject({ unit: SO_CODE, revision: 1, cellCount: 4, replayed: false, status: "submitted" });
    expect(receipt.warnings.map((w) => w.code)).toContain("formula_like");

    const merged = mergedTableExtSchema.parse(await json(await call("/api/merged?form=pl1-tinh&period=2025-N", { token: VIEWER })));
    expect(merged.rows.length).toBeGreaterThanOrEqual(79);
    const r5g = merged.rows.find((r) => r.item === "5G")!;
    expect(r5g).toMatchObject({ actual: "65%", projected: "70%", reportedBy: ["Sở Khoa học và Công nghệ"] });
    expect(r5g.target).not.toBe("");
    expect(["vuot", "dat", "khong_dat"]).toContain(r5g.assessment);
    const r6g = merged.rows.find((r) => r.item === "6G")!;
    expect(r6g.actual).toBe("-");
    expect(r6g.assessment).toBe("chua_danh_gia");

    const csvRes = await call("/api/merged.csv?form=pl1-tinh&period=2025-N", { token: ADMIN });
    expect(csvRes.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await csvRes.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(bytes);
    expect(csv).toContain("CHỈ TIÊU - Tên chỉ tiêu");
    expect(csv).toContain("Sở Khoa học và Công nghệ");
    // Formula neutralised; the bare "-" marker kept.
    expect(csv).toContain(`"'=HYPERLINK(""http://evil"",""bấm"")"`);
    expect(csv).not.toMatch(/(^|,)=HYPERLINK/m);
    expect(csv).toMatch(/,-,/);

    const xRes = await call("/api/merged.xlsx?form=pl1-tinh&period=2025-N", { token: ADMIN });
    expect(xRes.headers.get("content-type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    const sheet = await xlsxSheet(xRes);
    expect(sheet).toContain("CHỈ TIÊU");
    expect(sheet).toContain('state="frozen"');
    expect(sheet).toMatch(/<mergeCell ref="B\d+:C\d+"\/>/);
    expect(sheet).toContain("<cols>");
    // An inline string, never a formula, and no visible apostrophe.
    expect(sheet).toContain("<t>=HYPERLINK(&quot;http://evil&quot;,&quot;bấm&quot;)</t>");
    expect(sheet).not.toContain("<f>");
    // 65% is a number (0.65 in a percent format), not text.
    expect(sheet).toMatch(/<c r="E\d+" s="\d+"><v>0\.65<\/v><\/c>/);
    expect(sheet).not.toContain("<t>65%</t>");
  });
});

describe("pl1-xa: commune matrix with province aggregate", () => {
  it("aggregates two communes", async () => {
    expect((await push(XA, { form: "pl1-xa", period: "2025-N", cells: [{ item: "5G", field: "actual", raw: "50%" }] })).status).toBe(201);
    expect((await push(XA2, { form: "pl1-xa", period: "2025-N", cells: [{ item: "5G", field: "actual", raw: "70%" }] })).status).toBe(201);
    const merged = mergedTableExtSchema.parse(await json(await call("/api/merged?form=pl1-xa&period=2025-N", { token: ADMIN })));
    const row = merged.rows.find((r) => r.item === "5G")!;
    expect(row.byUnit).toEqual({ [XA_CODE]: "50%", [XA2_CODE]: "70%" });
    expect(row.aggregate).toMatchObject({ rule: "mean", value: 60, reporting: 2, reached: 1 });
    expect(row.actual).toBe("60%");
    expect(merged.units.length).toBe(COMMUNE_COUNT);
    const sheet = await xlsxSheet(await call("/api/merged.xlsx?form=pl1-xa&period=2025-N", { token: ADMIN }));
    expect(sheet).toContain("CÁC XÃ, PHƯỜNG");
    expect(sheet).toContain("Phường Hạc Thành");
    expect(sheet).toContain("Trung bình các xã");
  });

  it("marks targets the source documents leave in doubt, with the reason under the table", async () => {
    const merged = mergedTableExtSchema.parse(await json(await call("/api/merged?form=pl1-xa&period=2025-N", { token: ADMIN })));
    const doubtful = merged.rows.filter((r) => r.targetDoubt).map((r) => r.item);
    // The commune form's own doubts: rows 4 and 5 (provincial group II rebuild) and row 16 (differs from the province).
    expect(doubtful).toEqual(["CBCCVC_KNS", "DS_TIEPCAN_DVS", "KHONG_TIENMAT"]);
    expect(merged.rows.find((r) => r.item === "5G")?.targetDoubt).toBeUndefined();
    const csv = await (await call("/api/merged.csv?form=pl1-xa&period=2025-N", { token: ADMIN })).text();
    expect(csv).toContain("80% (nghi vấn)");
    expect(csv).toContain("Mục tiêu có nghi vấn");
    expect(csv).toMatch(/16\. Tỉ lệ giao dịch không dùng tiền mặt: Chỉ tiêu năm 2025 của xã\/phường là/);
    // An admin's correction settles the doubt.
    const fix = await call("/api/admin/targets/CBCCVC_KNS/2025", { token: ADMIN, method: "PUT", body: { text: "80%", reason: "Sở KH&CN xác nhận theo Phụ lục V" } });
    expect(fix.status).toBe(200);
    const prov = mergedTableExtSchema.parse(await json(await call("/api/merged?form=pl1-tinh&period=2025-N", { token: ADMIN })));
    expect(prov.rows.find((r) => r.item === "CBCCVC_KNS")?.targetDoubt).toBeUndefined();
    expect(prov.rows.find((r) => r.item === "DS_TIEPCAN_DVS")?.targetDoubt).toContain("Phụ lục V");
  });
});

describe("pl2-xa: task lists with a unit column", () => {
  it("lists every unit's rows", async () => {
    const task = (item: string, stt: string, name: string) => [
      { item, field: "stt", raw: stt },
      { item, field: "task", raw: name },
      { item, field: "lead", raw: "UBND xã" },
      { item, field: "budget", raw: "150" },
      { item, field: "due", raw: "Tháng 7/2025" },
    ];
    const r1 = await push(XA, { form: "pl2-xa", period: "2025-6T", cells: [...task("r1", "1", "Số hóa hồ sơ"), ...task("r2", "2", "@SUM(A1)")] });
    expect(r1.status).toBe(201);
    expect((await push(XA2, { form: "pl2-xa", period: "2025-6T", cells: task("a", "1", "Lắp camera") })).status).toBe(201);
    const t = taskTableSchema.parse(await json(await call("/api/merged?form=pl2-xa&period=2025-6T", { token: ADMIN })));
    expect(t.rows.map((r) => [r.unit, r.cells["task"]])).toEqual([
      [XA_CODE, "Số hóa hồ sơ"],
      [XA_CODE, "@SUM(A1)"],
      [XA2_CODE, "Lắp camera"],
    ]);
    const csv = await (await call("/api/merged.csv?form=pl2-xa&period=2025-6T", { token: ADMIN })).text();
    expect(csv).toContain("'@SUM(A1)");
    expect(csv).toContain("Phường Hạc Thành");
    const sheet = await xlsxSheet(await call("/api/merged.xlsx?form=pl2-xa&period=2025-6T", { token: ADMIN }));
    // Inline strings are never evaluated: the .xlsx keeps the text as typed (the CSV carries the apostrophe guard).
    expect(sheet).toContain("@SUM(A1)");
    expect(sheet).not.toContain("'@SUM(A1)");
    expect(sheet).toContain("Lắp camera");
  });
});

describe("completeness", () => {
  it("lists every expected unit, submitted or not", async () => {
    const r = await json<{ expected: number; submitted: number; rows: { unit: string; submitted: boolean; revision: number | null }[] }>(
      await call("/api/completeness?form=pl1-xa&period=2025-N", { token: VIEWER }),
    );
    expect(r.expected).toBe(COMMUNE_COUNT);
    expect(r.submitted).toBe(2);
    expect(r.rows.find((x) => x.unit === XA_CODE)).toMatchObject({ submitted: true, revision: 1 });
    expect(r.rows.find((x) => x.unit === "xa-muong-lat")).toMatchObject({ submitted: false, revision: null });
    const d = await json<{ expected: number; submitted: number; rows: { unit: string }[] }>(
      await call("/api/completeness?form=pl1-tinh&period=2025-N", { token: ADMIN }),
    );
    expect(d.rows.map((x) => x.unit)).toContain(SO_CODE);
    expect(d.rows.map((x) => x.unit)).toContain("cong-an-tinh");
    expect(d.submitted).toBe(1);
  });
});
