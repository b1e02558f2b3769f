// Pulls rewrite their sheets in place; the shared layout is rendered generically; the progress sheet lists every unit in
// Vietnam time; department forms freeze STT and name and can show only the unit's own indicators; entry sheets follow
// the period's year; Office calls newer than the manifest guarantees are checked first.
import { describe, expect, it } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import type { MergedTableExt } from "../../shared/schemas/index.js";
import type { Table } from "../../shared/report/table.js";
import { FakeDoc, countSyncs, createFakeHost } from "../excel-fake/index.js";
import { pullMerged, progressLayout } from "../../addin/excel/pull.js";
import { queueTable } from "../../addin/excel/render-table.js";
import { openForm } from "../../addin/excel/open-form.js";
import { focusRows } from "../../addin/excel/focus-rows.js";
import { watchEdits } from "../../addin/excel/watch-edits.js";
import { activateSheet, findEntrySheet } from "../../addin/excel/sheet-index.js";
import { META_KEY, PULLED_KEY } from "../../addin/excel/meta.js";
import { capabilities } from "../../addin/excel/requirements.js";
import { ownItems } from "../../addin/taskpane/flows.js";

const pl1xa = getForm("pl1-xa")!;
const pl1tinh = getForm("pl1-tinh")!;

function merged(period = "2025-N", units = 3): MergedTableExt {
  const ind = pl1xa.rows.filter((r) => r.type === "indicator");
  const us = Array.from({ length: units }, (_, i) => ({ code: `xa-${i}`, name: `Xã ${i + 1}` }));
  return {
    form: "pl1-xa",
    period,
    generatedAt: "2025-12-01T13:38:42.078Z",
    units: us,
    rows: ind.map((r, i) => ({
      item: r.item,
      stt: r.stt,
      name: r.name ?? r.item,
      unit: "%",
      target: "60%",
      actual: i === 0 ? "65%" : "",
      projected: "",
      assessment: i === 0 ? "vuot" : "chua_danh_gia",
      assessmentLabel: i === 0 ? "Vượt" : "Chưa đánh giá",
      progress: null,
      reportedBy: [],
      byUnit: (i === 0 ? { "xa-0": "65%" } : {}) as Record<string, string>,
      aggregate: { rule: "mean", ruleLabel: "Trung bình các xã", value: i === 0 ? 65 : null, reporting: i === 0 ? 1 : 0, reached: i === 0 ? 1 : 0 },
    })),
  };
}

const progress = (n: number) => ({
  dueDate: "2025-11-24",
  rows: Array.from({ length: n }, (_, i) => ({
    unit: `xa-${i}`,
    name: `Xã số ${i + 1}`,
    submitted: i % 4 === 0,
    revision: i % 4 === 0 ? 2 : null,
    at: i % 4 === 0 ? "2025-11-20T17:30:00Z" : null,
    status: null,
    daysLeft: i % 4 === 0 ? null : -7,
    lateBy: i % 4 === 0 ? 0 : null,
  })),
});

describe("pulls refresh in place", () => {
  it("a second pull of the same form and period rewrites its two sheets (same names and places), 2 syncs each", async () => {
    const doc = new FakeDoc({ sheets: ["Sheet1", "Ghi chép"] });
    const host = createFakeHost(doc);
    const first = await countSyncs(doc, () => pullMerged(host, { form: pl1xa, merged: merged(), completeness: progress(5), chartItems: ["5G"] }));
    expect(first.syncs).toBe(2);
    expect(first.result).toMatchObject({ sheetName: "TH Phụ lục 1 Năm 2025", completenessSheetName: "Tiến độ nộp Phụ lục 1 Năm 2025", replaced: false, chart: true });
    // The user moves the table before the notes sheet; a second pull keeps it there.
    doc.sheets.splice(1, 0, doc.sheets.splice(2, 1)[0]!);
    const names = doc.sheets.map((s) => s.name);
    const second = await countSyncs(doc, () => pullMerged(host, { form: pl1xa, merged: merged(), completeness: progress(5), chartItems: ["5G"] }));
    expect(second.syncs).toBe(2);
    expect(second.result.replaced).toBe(true);
    expect(doc.sheets.map((s) => s.name)).toEqual(names);
    expect(doc.charts).toHaveLength(1);
    // Another appendix or period gets its own sheets.
    await pullMerged(host, { form: pl1xa, merged: merged("2025-6T"), completeness: progress(5) });
    expect(doc.sheets.map((s) => s.name)).toEqual([...names, "TH Phụ lục 1 6T-2025", "Tiến độ nộp Phụ lục 1 6T-2025"]);
    expect(Object.keys(JSON.parse(doc.getSetting(PULLED_KEY) as string) as object).sort()).toEqual(
      ["TH Phụ lục 1 6T-2025", "TH Phụ lục 1 Năm 2025", "Tiến độ nộp Phụ lục 1 6T-2025", "Tiến độ nộp Phụ lục 1 Năm 2025"],
    );
  });

  it("a sheet of the user's that merely has the same name is never overwritten", async () => {
    const doc = new FakeDoc({ sheets: ["TH Phụ lục 1 Năm 2025"] });
    doc.userType("TH Phụ lục 1 Năm 2025", "A1", "của tôi");
    const r = await pullMerged(createFakeHost(doc), { form: pl1xa, merged: merged() });
    expect(r.sheetName).toBe("TH Phụ lục 1 Năm 2025 (2)");
    expect(doc.text("TH Phụ lục 1 Năm 2025", "A1")).toBe("của tôi");
  });

  it("a sheet pulled by an earlier version (in the by-id index) is rewritten too", async () => {
    const doc = new FakeDoc({ sheets: ["Sheet1", "TH Phụ lục 1 2025-N"] });
    const old = doc.sheet("TH Phụ lục 1 2025-N");
    doc.settings.set(META_KEY, JSON.stringify(JSON.stringify({ [old.id]: { kind: "merged", form: "pl1-xa", period: "2025-N", fields: [], marks: [] } })));
    const r = await pullMerged(createFakeHost(doc), { form: pl1xa, merged: merged() });
    expect(r.replaced).toBe(true);
    expect(doc.sheets.map((s) => s.name)).toEqual(["Sheet1", "TH Phụ lục 1 Năm 2025"]);
    expect(doc.settings.get(META_KEY)).not.toContain(old.id);
  });

  it("the pulled sheet is the shared layout: commune columns, aggregation, assessment colour, Vietnam time, frozen panes", async () => {
    const doc = new FakeDoc();
    const r = await pullMerged(createFakeHost(doc), { form: pl1xa, merged: merged("2025-N", 166) });
    const dump = doc.dump(r.sheetName);
    expect(dump[0]![0]).toBe("Phụ lục 1: CÁC CHỈ TIÊU PHẤN ĐẤU HOÀN THÀNH NĂM 2025");
    expect(dump.some((row) => row[0] === "(Tổng hợp tự động lúc 01/12/2025 20:38)")).toBe(true);
    // The same header as the .xlsx export (shared/report/layout.ts): target, province aggregate, one column group per commune.
    const top = dump.findIndex((row) => row[0] === "STT");
    const head = dump.slice(top, top + 3).flat();
    for (const text of ["MỤC TIÊU", "TOÀN TỈNH", "Cách tổng hợp", "CÁC XÃ, PHƯỜNG (Năm 2025)"]) expect(head).toContain(text);
    for (let i = 1; i <= 166; i++) expect(head).toContain(`Xã ${i}`); // every commune has its columns, none cut off
    const row5g = dump.find((row) => row[1] === "Tỉ lệ phủ sóng 5G trên địa bàn")!;
    for (const text of ["65%", "Trung bình các xã", "1 xã đạt / 1 xã có số liệu", "Vượt"]) expect(row5g).toContain(text);
    const vuot = doc.find(r.sheetName, "Vượt")!;
    expect(doc.cellAt(r.sheetName, vuot)?.fill).toBe("#C6EFCE");
    expect(doc.sheet(r.sheetName).freeze.cols).toBe(3);
    expect(doc.find(r.sheetName, "I. PHÁT TRIỂN HẠ TẦNG")).not.toBeNull();
  });
});

describe("render a shared Table generically", () => {
  it("numbers stay numbers with their format, text is text, tones are fills, sections and notes span the table", async () => {
    const t: Table = {
      sheetName: "x",
      title: ["TIÊU ĐỀ", "Kỳ báo cáo: Năm 2026"],
      headerRows: 1,
      header: [
        { text: "STT", row: 0, col: 0, rowSpan: 1, colSpan: 1 },
        { text: "Tên", row: 0, col: 1, rowSpan: 1, colSpan: 1 },
        { text: "Tỷ lệ", row: 0, col: 2, rowSpan: 1, colSpan: 1 },
        { text: "Cột mới", row: 0, col: 3, rowSpan: 1, colSpan: 1 },
      ],
      widths: [6, 30, 10, 12],
      rows: [
        { kind: "summary", cells: [null, "Vượt: 3 chỉ tiêu", { v: 3, fmt: "0", bold: true }, null] },
        { kind: "section", section: true, cells: ["I. NHÓM"] },
        { kind: "data", item: "A", cells: [{ v: 1, fmt: "0" }, "=CỘNG(1)", { v: 0.655, fmt: "0.0%", tone: "dat" }, { v: 1234.5, fmt: "#,##0.0" }] },
        { kind: "note", section: true, cells: ["Ghi chú: nguồn"] },
      ],
      freezeCols: 2,
    };
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    await host.run(async (ctx) => {
      queueTable(ctx.workbook.worksheets.getItem("Sheet1"), t);
      await ctx.sync();
    });
    const at = (a: string) => doc.cellAt("Sheet1", a);
    expect(doc.text("Sheet1", "A1")).toBe("TIÊU ĐỀ");
    expect(doc.text("Sheet1", "D4")).toBe("Cột mới");
    expect(at("C5")).toMatchObject({ value: 3, numberFormat: "0", bold: true });
    expect(at("B5")?.fill).toBe("#EDF3FA");
    expect(doc.sheet("Sheet1").merges.some((m) => m.r0 === 5 && m.c0 === 0 && m.c1 === 3)).toBe(true);
    expect(at("A6")?.bold).toBe(true);
    expect(at("B7")).toMatchObject({ value: "=CỘNG(1)", numberFormat: "@" });
    expect(at("B7")?.formula).toBeUndefined();
    expect(at("C7")).toMatchObject({ value: 0.655, numberFormat: "0.0%", fill: "#E2EFDA" });
    expect(doc.text("Sheet1", "C7")).toBe("65,5%");
    expect(doc.text("Sheet1", "D7")).toBe("1.234,5");
    expect(at("A8")?.italic).toBe(true);
    expect(doc.sheet("Sheet1").freeze).toEqual({ rows: 4, cols: 2 });
  });

  it("the progress sheet lists every unit (166) with state, due date and days late, in Vietnam time, with no unit codes", () => {
    const p = progress(166);
    // One approved, one returned, one submitted late.
    p.rows[0] = { ...p.rows[0]!, status: "accepted" as never };
    p.rows[4] = { ...p.rows[4]!, status: "returned" as never };
    p.rows[8] = { ...p.rows[8]!, lateBy: 3 };
    const t = progressLayout(pl1xa, "2025-N", p, "2025-12-01T13:38:42.078Z");
    expect(t.rows).toHaveLength(166);
    expect(t.title).toEqual([
      "TÌNH HÌNH NỘP BÁO CÁO PHỤ LỤC 1",
      "Kỳ báo cáo: Năm 2025",
      "Đã nộp 42/166 đơn vị; hạn nộp 24/11/2025",
      "Chưa nộp 124 (quá hạn 124); đã duyệt 1; trả lại 1; nộp muộn 1",
      "(Cập nhật lúc 01/12/2025 20:38, giờ Việt Nam; lọc theo từng cột bằng nút ▾ ở dòng tiêu đề)",
    ]);
    expect(t.header.map((h) => h.text)).toEqual(["STT", "Đơn vị", "Tình trạng", "Lần nộp", "Thời điểm nộp", "Hạn nộp", "Số ngày trễ hạn", "Ghi chú"]);
    const [first, second] = t.rows;
    expect(first!.cells.slice(1)).toEqual(["Xã số 1", { v: "Đã duyệt", tone: "vuot" }, { v: 2, fmt: "0" }, "21/11/2025 00:30", "24/11/2025", null, "Đúng hạn"]);
    expect(second!.cells.slice(2)).toEqual([{ v: "Chưa nộp", tone: "khong_dat" }, null, "", "24/11/2025", { v: 7, fmt: "0", tone: "khong_dat" }, "Quá hạn 7 ngày"]);
    expect(t.rows[4]!.cells[2]).toEqual({ v: "Trả lại", tone: "du_kien_khong_dat" });
    expect(t.rows[8]!.cells.slice(6)).toEqual([{ v: 3, fmt: "0", tone: "khong_dat" }, "Nộp muộn 3 ngày"]);
    expect(JSON.stringify(t)).not.toMatch(/xa-\d/);
  });
});

describe("entry sheets", () => {
  it("the commune form for Năm 2026 reads for 2026 and says which target it compares with", async () => {
    const doc = new FakeDoc();
    const r = await openForm(createFakeHost(doc), { form: pl1xa, period: "2026-N" });
    expect(r.sheetName).toBe("Phụ lục 1 Năm 2026");
    expect(doc.text(r.sheetName, "A1")).toBe("Phụ lục 1: CÁC CHỈ TIÊU PHẤN ĐẤU HOÀN THÀNH NĂM 2026");
    expect(doc.text(r.sheetName, "A3")).toBe("Kỳ báo cáo: Năm 2026 — so sánh với mục tiêu 2030 (chưa có mục tiêu năm 2026)");
    expect(doc.find(r.sheetName, "Mục tiêu 2030 (chưa có mục tiêu năm 2026)")).toBe(`D${r.layout.headerStart + 1}`);
    expect(JSON.stringify(doc.dump(r.sheetName))).not.toMatch(/NĂM 2025/);
  });

  it("the department form freezes STT and name; it can show only the unit's own indicators (2 syncs)", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const r = await openForm(host, { form: pl1tinh, period: "2025-N" });
    const s = doc.sheet(r.sheetName);
    expect(s.freeze).toEqual({ rows: r.layout.dataStart, cols: 2 });
    const own = ownItems(pl1tinh, ["Sở Y tế"]);
    expect(own.length).toBeGreaterThan(0);
    const f = await countSyncs(doc, () => focusRows(host, r.sheetId, own));
    expect(f.syncs).toBe(2);
    expect(f.result.shown).toBe(own.length);
    expect(f.result.shown + f.result.hidden).toBe(79);
    const row = (item: string) => {
      const at = doc.find(r.sheetName, item);
      return Number(at!.replace(/^[A-Z]+/, "")) - 1;
    };
    // The id column holds the item ids: the 5G row is hidden, the health record row (Sở Y tế) is shown.
    expect(s.hiddenRows.has(row("5G"))).toBe(true);
    expect(s.hiddenRows.has(row("SO_SUCKHOE"))).toBe(false);
    expect(s.protection.protected).toBe(true);
    await focusRows(host, r.sheetId, null);
    expect(s.hiddenRows.size).toBe(0);
  });

  it("finds the entry sheet already open for a form, period and unit, and activates a sheet by id", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const r = await openForm(host, { form: pl1xa, period: "2025-N", unitCode: "xa-a", unitName: "Xã A" });
    expect(await findEntrySheet(host, { form: "pl1-xa", period: "2025-N", unit: "xa-a" })).toEqual({ sheetId: r.sheetId, sheetName: r.sheetName });
    expect(await findEntrySheet(host, { form: "pl1-xa", period: "2025-N", unit: "xa-b" })).toBeNull();
    expect(await findEntrySheet(host, { form: "pl1-xa", period: "2025-6T" })).toBeNull();
    doc.activeSheetId = doc.sheets[0]!.id;
    expect(await activateSheet(host, r.sheetId)).toEqual({ sheetId: r.sheetId, sheetName: r.sheetName });
    expect(doc.activeSheet().id).toBe(r.sheetId);
    expect(await activateSheet(host, "{gone}")).toBeNull();
  });
});

describe("requirement sets", () => {
  it("without ExcelApi 1.9 nothing is registered for edits, and the pane is told", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    host.unsupported.add("ExcelApi 1.9");
    const w = await countSyncs(doc, () => watchEdits(host, () => undefined));
    expect(w.result.active).toBe(false);
    expect(w.syncs).toBe(0);
    expect(doc.listeners).toHaveLength(0);
    host.unsupported.add("ExcelApi 1.8");
    expect(capabilities(host)).toMatchObject({ core: false, watch: false, notes: true });
  });

  it("an error inside the edit handler reaches the pane, not the void", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const errors: unknown[] = [];
    await watchEdits(
      host,
      () => {
        throw new Error("boom");
      },
      (e) => errors.push(e),
    );
    doc.userType("Sheet1", "A1", "x");
    await doc.settle();
    expect(errors).toHaveLength(1);
  });
});
