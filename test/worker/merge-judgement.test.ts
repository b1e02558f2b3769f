// The merged tables judge the way the department's report does: interim periods from the projection, annual periods on the
// actual, new indicators never, a year without a plan target only when a later milestone is already met; the communes'
// aggregate with its coverage in words and the low-coverage rule; the summary counts on top of JSON, CSV and .xlsx.
import { strFromU8, unzipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import { CATEGORIES, NEW_INDICATOR_REASON } from "../../shared/assess/index.js";
import { mergedTableExtSchema, type MergedTableExt } from "../../shared/schemas/index.js";
import { ADMIN, SO, call, json, push, seedOnce } from "./helpers.js";
import { COMMUNE_COUNT } from "../../worker/src/seed.js";
import { parseCsv } from "../export/read-csv.js";

let communes: string[] = [];

beforeAll(async () => {
  await seedOnce();
  const units = await json<{ units: { code: string; kind: string; active: number }[] }>(await call("/api/admin/units", { token: ADMIN }));
  communes = units.units.filter((u) => u.kind === "commune" && u.active === 1).map((u) => u.code);
  expect(communes.length).toBe(COMMUNE_COUNT);
});

const merged = async (form: string, period: string): Promise<MergedTableExt> =>
  mergedTableExtSchema.parse(await json(await call(`/api/merged?form=${form}&period=${period}`, { token: ADMIN })));
const cells = (list: [string, string, string][]) => list.map(([item, field, raw]) => ({ item, field, raw }));
async function pushSo(period: string, list: [string, string, string][]) {
  const r = await push(SO, { form: "pl1-tinh", period, cells: cells(list) });
  expect(r.status, await r.clone().text()).toBe(201);
}
async function pushCommune(unit: string, period: string, list: [string, string, string][]) {
  const r = await push(ADMIN, { unit, form: "pl1-xa", period, cells: cells(list) });
  expect(r.status, await r.clone().text()).toBe(201);
}

describe("interim and annual periods (Phụ lục I, Sở KH&CN's indicators)", () => {
  it("6 tháng: judged from the projection, never «Không đạt» from a half-year actual; new indicators not judged", async () => {
    await pushSo("2025-6T", [
      ["5G", "actual", "40%"], // target 60%, no projection
      ["BANGRONG_1GB", "actual", "40%"],
      ["BANGRONG_1GB", "projected", "65%"], // target 60%
      ["KQ_UNGDUNG", "actual", "30%"],
      ["KQ_UNGDUNG", "projected", "45%"], // target 52%
      ["DN_DOIMOI_QT", "actual", "20%"], // target 15%, already reached
      ["6G", "actual", "10%"], // (*) new
    ]);
    const m = await merged("pl1-tinh", "2025-6T");
    expect(m.interim).toBe(true);
    const r = (item: string) => m.rows.find((x) => x.item === item)!;
    expect(r("5G")).toMatchObject({ assessment: "chua_danh_gia", assessmentLabel: "Chưa đánh giá được" });
    expect(r("5G").assessmentReason).toContain("không kết luận «Không đạt» giữa năm");
    expect(r("BANGRONG_1GB")).toMatchObject({ assessment: "uoc_dat", assessmentLabel: "Đang thực hiện theo tiến độ – ước đạt", basis: "projected" });
    expect(r("KQ_UNGDUNG")).toMatchObject({ assessment: "du_kien_khong_dat", assessmentLabel: "Dự kiến không đạt" });
    expect(r("DN_DOIMOI_QT")).toMatchObject({ assessment: "uoc_dat", basis: "actual" });
    expect(r("6G")).toMatchObject({ assessment: "chua_danh_gia", assessmentReason: NEW_INDICATOR_REASON });
    expect(m.rows.some((x) => x.assessment === "khong_dat")).toBe(false);
    // The summary counts every row once, per group and in total, in the report's words.
    const s = m.summary!;
    expect(s.total.count).toBe(79);
    expect(s.total.byCategory).toMatchObject({ uoc_dat: 2, du_kien_khong_dat: 1, vuot: 0, dat: 0, khong_dat: 0, chua_danh_gia: 76 });
    expect(s.groups.map((g) => g.group)).toEqual(["I", "II", "III", "IV", "V"]);
    expect(s.groups.reduce((a, g) => a + g.count, 0)).toBe(79);
    for (const c of CATEGORIES) expect(s.groups.reduce((a, g) => a + g.byCategory[c], 0)).toBe(s.total.byCategory[c]);
    expect(s.groups[0]!.title).toBe("PHÁT TRIỂN HẠ TẦNG");
    expect(s.sentence).toBe(
      "Tổng số 79 chỉ tiêu: có 00 chỉ tiêu vượt kế hoạch, 00 chỉ tiêu đạt 100% kế hoạch, 02 chỉ tiêu đang được thực hiện theo tiến độ đề ra, ước đạt được mục tiêu kế hoạch đến hết năm 2025, 01 chỉ tiêu dự kiến không đạt theo kế hoạch, 00 chỉ tiêu không đạt kế hoạch và 76 chỉ tiêu chưa đánh giá được.",
    );
  });

  it("cả năm: judged on the actual; a projection alone gives ước đạt / dự kiến không đạt", async () => {
    await pushSo("2025-N", [
      ["5G", "actual", "40%"],
      ["BANGRONG_1GB", "projected", "65%"],
      ["KQ_UNGDUNG", "actual", "52%"],
      ["DN_DOIMOI_QT", "actual", "20%"],
    ]);
    const m = await merged("pl1-tinh", "2025-N");
    expect(m.interim).toBe(false);
    const r = (item: string) => m.rows.find((x) => x.item === item)!;
    expect(r("5G")).toMatchObject({ assessment: "khong_dat", assessmentLabel: "Không đạt", basis: "actual" });
    expect(r("BANGRONG_1GB")).toMatchObject({ assessment: "uoc_dat", basis: "projected" });
    expect(r("KQ_UNGDUNG")).toMatchObject({ assessment: "dat", assessmentLabel: "Đạt" });
    expect(r("DN_DOIMOI_QT")).toMatchObject({ assessment: "vuot", assessmentLabel: "Vượt" });
    expect(r("5G").progress).toBeCloseTo(40 / 60);
  });

  it("a year without a plan target shows the milestone it compares with and judges only what already meets it", async () => {
    await pushSo("2026-N", [
      ["5G", "actual", "80%"], // 2030: 100%
      ["BANGRONG_1GB", "actual", "100%"], // 2030: 100%
      ["KQ_UNGDUNG", "actual", "65%"], // 2030: 60%
    ]);
    let m = await merged("pl1-tinh", "2026-N");
    const r = (item: string) => m.rows.find((x) => x.item === item)!;
    expect(r("5G")).toMatchObject({ target: "100% (mục tiêu 2030)", targetYear: 2030, targetExact: false, assessment: "chua_danh_gia" });
    expect(r("5G").assessmentReason).toContain("Năm 2026 chưa có mục tiêu riêng");
    expect(r("5G").progress).toBeCloseTo(0.8);
    expect(r("BANGRONG_1GB")).toMatchObject({ assessment: "dat", targetYear: 2030 });
    expect(r("KQ_UNGDUNG")).toMatchObject({ assessment: "vuot" });
    expect(r("KQ_UNGDUNG").assessmentReason).toContain("đã đạt mục tiêu năm 2030");
    // A yearly target set by the Sở KH&CN is the year's own: judged as usual.
    const put = await call("/api/admin/targets/5G/2026", { token: ADMIN, method: "PUT", body: { text: "75%", reason: "Kế hoạch năm 2026 của tỉnh" } });
    expect(put.status).toBe(200);
    m = await merged("pl1-tinh", "2026-N");
    expect(r("5G")).toMatchObject({ target: "75%", targetYear: 2026, targetExact: true, assessment: "vuot" });
  });
});

describe("the communes' aggregate and its coverage", () => {
  it("below half of the active communes: shown with its coverage in words, not labelled", async () => {
    await pushCommune(communes[0]!, "2025-N", [["5G", "actual", "70%"], ["5G", "projected", "75%"]]);
    await pushCommune(communes[1]!, "2025-N", [["5G", "actual", "80%"]]);
    const xa = await merged("pl1-xa", "2025-N");
    expect(xa.activeCommunes).toBe(COMMUNE_COUNT);
    const row = xa.rows.find((r) => r.item === "5G")!;
    expect(row.aggregate).toMatchObject({ rule: "mean", value: 75, projectedValue: 75, reporting: 2, reached: 2, active: COMMUNE_COUNT, lowCoverage: true });
    expect(row.aggregate?.coverage).toBe(`2/${COMMUNE_COUNT} xã có số liệu`);
    expect(row).toMatchObject({ actual: "75%", assessment: "chua_danh_gia" });
    expect(row.assessmentReason).toContain("dưới một nửa số xã, phường");
    expect(row.assessmentReason).toContain("theo số hiện có: Vượt");
    expect(row.byUnitAssessment).toEqual({ [communes[0]!]: "vuot", [communes[1]!]: "vuot" });
    expect(row.byUnitProjected).toEqual({ [communes[0]!]: "75%" });
    // Beside the province figure in Phụ lục I (the lead's 40% stays the province figure).
    const tinh = await merged("pl1-tinh", "2025-N");
    const p = tinh.rows.find((r) => r.item === "5G")!;
    expect(p.actual).toBe("40%");
    expect(p.communes).toMatchObject({ actual: "75%", reporting: 2, lowCoverage: true, assessment: "chua_danh_gia", coverage: `2/${COMMUNE_COUNT} xã có số liệu` });
    expect(tinh.activeCommunes).toBe(COMMUNE_COUNT);
  });

  it("from half of the active communes: judged", async () => {
    const half = Math.ceil(COMMUNE_COUNT / 2);
    const rest = communes.slice(2, half);
    for (let i = 0; i < rest.length; i += 8) {
      await Promise.all(rest.slice(i, i + 8).map((u) => pushCommune(u, "2025-N", [["5G", "actual", "55%"]])));
    }
    const row = (await merged("pl1-xa", "2025-N")).rows.find((r) => r.item === "5G")!;
    const mean = Math.round(((70 + 80 + 55 * rest.length) / half) * 100) / 100;
    expect(row.aggregate).toMatchObject({ reporting: half, lowCoverage: false, reached: 2, value: mean });
    expect(row.assessment).toBe("khong_dat"); // mean ≈ 55,3% against the commune target 60%
    const p = (await merged("pl1-tinh", "2025-N")).rows.find((r) => r.item === "5G")!;
    expect(p.communes).toMatchObject({ reporting: half, lowCoverage: false, assessment: "khong_dat" });
  }, 60_000);
});


describe("files", () => {
  for (const [form, period] of [["pl1-tinh", "2025-N"], ["pl1-xa", "2025-N"], ["pl2-xa", "2025-6T"]] as const) {
    for (const sep of [",", ";"] as const) {
      it(`${form} CSV (${sep === "," ? "default" : "?sep=;"}): one field count on every line, no bare k/n, the summary first`, async () => {
        const res = await call(`/api/merged.csv?form=${form}&period=${period}${sep === ";" ? "&sep=%3B" : ""}`, { token: ADMIN });
        expect(res.status).toBe(200);
        const text = (await res.text()).replace(/^\uFEFF/, "");
        expect(text.endsWith("\r\n")).toBe(true);
        expect(text.startsWith("sep=")).toBe(false);
        const rows = parseCsv(text, sep);
        const n = rows[0]!.length;
        expect(n).toBeGreaterThan(5);
        for (const r of rows) expect(r.length).toBe(n);
        for (const r of rows) for (const f of r) expect(f).not.toMatch(/^\s*\d{1,4}\s*\/\s*\d{1,4}\s*$/);
        if (form !== "pl2-xa") {
          expect(rows[0]![0]).toMatch(/^Tổng số \d+ chỉ tiêu: có \d\d chỉ tiêu vượt kế hoạch/);
          expect(rows[1]!.slice(0, 4)).toEqual(["Nhóm", "Tên nhóm chỉ tiêu", "Số chỉ tiêu", "Vượt"]);
          expect(rows[7]![0]).toBe("Tổng");
        }
      });
    }
  }

  it("numbers in CSV: invariant in the default variant, with a decimal comma in the ';' variant", async () => {
    await pushCommune(communes[0]!, "2025-6T", [["BANGRONG_1GB", "actual", "62,5%"]]);
    const get = async (sep: "," | ";") => {
      const t = await (await call(`/api/merged.csv?form=pl1-xa&period=2025-6T${sep === ";" ? "&sep=semicolon" : ""}`, { token: ADMIN })).text();
      const rows = parseCsv(t.replace(/^\uFEFF/, ""), sep);
      const header = rows.find((r) => r[0] === "STT")!;
      const row = rows.find((r) => r[0] === "2" && /băng rộng/.test(r[1] ?? ""))!;
      return { row, at: (h: string) => row[header.findIndex((x) => x.includes(h))] };
    };
    const a = await get(",");
    const b = await get(";");
    expect(a.at("TOÀN TỈNH - Thực hiện")).toBe("62.5%");
    expect(b.at("TOÀN TỈNH - Thực hiện")).toBe("62,5%");
    expect(a.at(" - Thực hiện")).toBe("62.5%"); // the first commune's column
    expect(a.at("Mục tiêu năm 2025")).toBe("60%");
    expect(a.at("Số xã có số liệu")).toBe(`1/${COMMUNE_COUNT} xã có số liệu (dưới một nửa số xã, phường: chưa đánh giá)`);
  });

  it(".xlsx opens on the summary sheet; the table keeps numbers numeric", async () => {
    const files = unzipSync(new Uint8Array(await (await call("/api/merged.xlsx?form=pl1-tinh&period=2025-6T", { token: ADMIN })).arrayBuffer()));
    const wb = strFromU8(files["xl/workbook.xml"]!);
    expect(wb).toMatch(/<sheet name="Tổng hợp đánh giá" sheetId="1"[^>]*\/><sheet name="Phụ lục I" sheetId="2"/);
    const summary = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    expect(summary).toContain("Tổng số 79 chỉ tiêu: có 00 chỉ tiêu vượt kế hoạch");
    const styles = strFromU8(files["xl/styles.xml"]!);
    expect(styles).toContain("<numFmts");
    expect(styles).toMatch(/formatCode="#,##0"|numFmtId="9"/);
  });
});
