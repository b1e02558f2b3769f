// Task list (Phụ lục 2, pl2-xa): the pulled province table (grouped by commune, budget total) and
// "Lấy bản máy chủ" appending rows that only the server has, against the Excel fake and a stub server.
import { describe, expect, it } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import type { TaskTable } from "../../shared/schemas/index.js";
import { FakeDoc, countSyncs, createFakeHost } from "../excel-fake/index.js";
import { pullTasks, budgetNumber } from "../../addin/excel/pull-tasks.js";
import { openForm } from "../../addin/excel/open-form.js";
import { readSheet } from "../../addin/excel/read-sheet.js";
import { writeBack } from "../../addin/excel/write-back.js";
import { PULLED_KEY, type PulledIndex } from "../../addin/excel/meta.js";
import { ApiClient } from "../../addin/taskpane/api.js";
import { Outbox } from "../../addin/taskpane/outbox.js";
import { openFormFlow, pullFlow, pushSheet, takeServer } from "../../addin/taskpane/flows.js";
import { memoryStore, stubServer } from "./taskpane-stub.js";

const pl2xa = getForm("pl2-xa")!;

const table: TaskTable = {
  form: "pl2-xa",
  period: "2025-N",
  generatedAt: "2025-12-20T08:30:00.000Z",
  units: [
    { code: "xa-a", name: "Xã A" },
    { code: "xa-b", name: "Phường B" },
    { code: "xa-c", name: "Xã C" },
  ],
  columns: pl2xa.columns.map((c) => ({ id: c.id, header: c.header })),
  rows: [
    { unit: "xa-a", unitName: "Xã A", item: "t1", cells: { stt: "1", task: "Số hóa hồ sơ địa chính", lead: "UBND xã", budget: "1.200,5", due: "Tháng 9/2025" } },
    { unit: "xa-a", unitName: "Xã A", item: "t2", cells: { stt: "2", task: "Wifi công cộng", lead: "UBND xã", partners: "VNPT", budget: "300" } },
    { unit: "xa-b", unitName: "Phường B", item: "t1", cells: { stt: "1", task: "Camera an ninh", lead: "Công an phường", budget: "chưa xác định", result: "1.5" } },
  ],
};

describe("pullTasks (Phụ lục 2 merged)", () => {
  it("writes title, header with Đơn vị, commune groups, money budgets, SUBTOTAL total, progress sheet; 2 syncs", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const { result: r, syncs } = await countSyncs(doc, () =>
      pullTasks(host, {
        form: pl2xa,
        table,
        completeness: { rows: table.units.map((u, i) => ({ unit: u.code, name: u.name, submitted: i < 2, revision: i < 2 ? 1 : null, at: null, status: null })) },
      }),
    );
    expect(syncs).toBe(2);
    expect(r.sheetName).toBe("TH Phụ lục 2 Năm 2025");
    expect(r).toMatchObject({ rows: 3, units: 2, budgetTotal: 1500.5, budgetText: 1, chart: false });
    const name = r.sheetName;
    expect(doc.text(name, "A1")).toBe("TỔNG HỢP PHỤ LỤC 2: DANH MỤC CÁC NHIỆM VỤ, DỰ ÁN CẦN THỰC HIỆN NĂM 2025");
    expect(doc.text(name, "A2")).toMatch(/^\(Kèm theo Kế hoạch/);
    expect(doc.text(name, "A3")).toBe("Kỳ báo cáo: Năm 2025");
    // Vietnam time (08:30 UTC is 15:30 in Hà Nội), whatever the machine's zone.
    expect(doc.text(name, "A4")).toBe("(Tổng hợp tự động lúc 20/12/2025 15:30, giờ Việt Nam; 2 xã, phường có nhiệm vụ)");
    // Header on row 6, data from row 7.
    const dump = doc.dump(name);
    expect(dump[5]).toEqual(["Đơn vị", ...pl2xa.columns.map((c) => c.header)]);
    expect(doc.cellAt(name, "A6")?.fill).toBe("#D9E1F2");
    const s = doc.sheet(name);
    expect(s.freeze).toEqual({ rows: 6, cols: 1 });
    expect(s.colWidths.size).toBeGreaterThanOrEqual(pl2xa.columns.length + 1);
    // Commune row: bold, tinted, task count, budget subtotal formula over its tasks (G8:G9).
    expect(dump[6]![0]).toBe("Xã A");
    expect(dump[6]![2]).toBe("2 nhiệm vụ");
    expect(doc.cellAt(name, "A7")?.bold).toBe(true);
    expect(doc.cellAt(name, "A7")?.fill).toBe("#FFF2CC");
    expect(doc.cellAt(name, "G7")?.formula).toBe("=SUBTOTAL(9,G8:G9)");
    expect(doc.cellAt(name, "G7")?.numberFormat).toBe("#,##0.0");
    expect(doc.text(name, "G7")).toBe("1.500,5"); // the fake evaluates SUBTOTAL like Excel
    // Task rows: commune in column A, typed text kept as text, budget a number in the money format.
    expect(dump[7]!.slice(0, 4)).toEqual(["Xã A", "1", "Số hóa hồ sơ địa chính", "UBND xã"]);
    expect(doc.cellAt(name, "G8")?.value).toBe(1200.5);
    expect(doc.cellAt(name, "G8")?.numberFormat).toBe("#,##0.0");
    expect(doc.text(name, "G8")).toBe("1.200,5");
    expect(doc.text(name, "H8")).toBe("Tháng 9/2025");
    expect(doc.cellAt(name, "A8")?.bold).toBeFalsy();
    expect(dump[8]![4]).toBe("VNPT");
    // Second commune; a budget that is not a number stays as typed (text), "1.5" stays text.
    expect(dump[9]![0]).toBe("Phường B");
    expect(doc.cellAt(name, "G10")?.formula).toBe("=SUBTOTAL(9,G11:G11)");
    expect(doc.cellAt(name, "G11")?.value).toBe("chưa xác định");
    expect(doc.cellAt(name, "G11")?.numberFormat).toBe("@");
    expect(doc.cellAt(name, "F11")?.value).toBe("1.5");
    // Total row: SUBTOTAL over the whole block (ignores the commune subtotals).
    expect(dump[11]![0]).toBe("Tổng cộng");
    expect(dump[11]![2]).toBe("3 nhiệm vụ");
    expect(doc.cellAt(name, "G12")?.formula).toBe("=SUBTOTAL(9,G7:G11)");
    expect(doc.cellAt(name, "A12")?.bold).toBe(true);
    expect(doc.text(name, "G12")).toBe("1.500,5"); // the total leaves the commune subtotals out
    // Progress sheet (named per appendix and period) and the pulled-sheet registry.
    expect(r.completenessSheetName).toBe("Tiến độ nộp Phụ lục 2 Năm 2025");
    expect(doc.find(r.completenessSheetName!, "Đã nộp 2/3 đơn vị")).not.toBeNull();
    const pulled = JSON.parse(doc.getSetting(PULLED_KEY) as string) as PulledIndex;
    expect(pulled[r.sheetName]).toMatchObject({ kind: "merged", form: "pl2-xa", period: "2025-N" });
    expect(pulled[r.completenessSheetName!]).toMatchObject({ kind: "completeness" });
    expect(doc.charts).toHaveLength(0);
  });

  it("an empty task list still gets the header and a zero total", async () => {
    const doc = new FakeDoc();
    const r = await pullTasks(createFakeHost(doc), { form: pl2xa, table: { ...table, rows: [] } });
    expect(r).toMatchObject({ rows: 0, units: 0, budgetTotal: 0, completenessSheetId: null });
    expect(doc.text(r.sheetName, "A7")).toBe("Tổng cộng");
    expect(doc.cellAt(r.sheetName, "G7")?.value).toBe(0);
  });

  it("budgetNumber reads vi-VN money and refuses percents and words", () => {
    expect(budgetNumber("1.200,5")).toBe(1200.5);
    expect(budgetNumber("300")).toBe(300);
    expect(budgetNumber("50%")).toBeNull();
    expect(budgetNumber("chưa xác định")).toBeNull();
    expect(budgetNumber("")).toBeNull();
  });
});

function deps(doc: FakeDoc, extra?: (u: URL) => Response | null) {
  const server = stubServer();
  const host = createFakeHost(doc);
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    const r = extra?.(new URL(String(url)));
    return r ?? server.fetch(url, init);
  }) as typeof fetch;
  const api = new ApiClient({ base: "http://x.test", token: "tok_a.b", fetch: fetchImpl });
  const session = { api, server: api.base, unit: { code: "xa-a", name: "Xã A" }, canReport: true, canView: true };
  return { server, d: { host, outbox: new Outbox(memoryStore()), session } };
}
const json = (body: unknown) => new Response(JSON.stringify(body), { status: 200, headers: { "Content-Type": "application/json" } });

describe("pullFlow for the task list", () => {
  it("parses the task-table shape and writes the grouped sheet, with completeness and no chart", async () => {
    const doc = new FakeDoc();
    const seen: string[] = [];
    const { d } = deps(doc, (u) => {
      seen.push(`${u.pathname}?${u.searchParams.get("form")}`);
      if (u.pathname === "/api/merged") return json(table);
      if (u.pathname === "/api/completeness")
        return json({ form: "pl2-xa", period: "2025-N", expected: 3, submitted: 2, rows: table.units.map((x, i) => ({ unit: x.code, name: x.name, submitted: i < 2, revision: i < 2 ? 1 : null, at: null, status: null })) });
      return null;
    });
    const r = await pullFlow(d, "pl2-xa", "2025-N", ["5G"]);
    expect(seen).toEqual(["/api/merged?pl2-xa", "/api/completeness?pl2-xa"]);
    expect(r.tasks).toBe(true);
    expect(r.chart).toBe(false);
    expect(r.completeness?.submitted).toBe(2);
    expect("budgetTotal" in r && r.budgetTotal).toBe(1500.5);
    expect(doc.find(r.sheetName, "Camera an ninh")).not.toBeNull();
    expect(doc.charts).toHaveLength(0);
  });

  it("an indicator-shaped answer for a task list is refused as a version mismatch", async () => {
    const doc = new FakeDoc();
    const { d } = deps(doc, (u) => (u.pathname === "/api/merged" ? json({ form: "pl2-xa", period: "2025-N", generatedAt: "x", units: [], rows: [{ item: "5G" }] }) : null));
    await expect(pullFlow(d, "pl2-xa", "2025-N", [])).rejects.toMatchObject({ name: "HttpError", code: "bad_response" });
  });
});

describe("Lấy bản máy chủ on a task list", () => {
  it("updates rows the sheet has and appends rows only the server has, with their ids; 2 syncs", async () => {
    const doc = new FakeDoc();
    const { server, d } = deps(doc);
    // The commune's first push: t1 on the server, revision 1; the sheet is opened from it.
    server.state.revision = 1;
    const put = (item: string, field: string, raw: string) => server.state.cells.set(`${item}|${field}`, { item, field, raw });
    put("t1", "stt", "1");
    put("t1", "task", "Số hóa hồ sơ");
    put("t1", "lead", "UBND xã");
    put("t1", "budget", "150");
    const opened = await openFormFlow(d, "pl2-xa", "2025-N");
    if (opened.kind !== "opened") throw new Error(opened.kind);
    expect(opened.prefilled).toBe(4);
    const name = opened.sheetName;
    const ds = opened.layout.dataStart;
    const H = String.fromCharCode(65 + opened.layout.idCol); // the hidden id column
    // Someone else (another workbook) changed t1 and added t2, t3: revision 3.
    server.state.revision = 3;
    put("t1", "budget", "200");
    put("t2", "stt", "2");
    put("t2", "task", "Wifi công cộng");
    put("t2", "lead", "UBND xã");
    put("t2", "budget", "1.200,5");
    put("t3", "stt", "3");
    put("t3", "task", "Camera an ninh");
    put("t3", "lead", "Công an xã");
    put("t3", "result", "1.5");
    // Here the user edits t1's result, then pushes: conflict.
    doc.userType(name, `E${ds + 1}`, "Xong 50%");
    const c = await pushSheet(d);
    if (c.kind !== "conflict") throw new Error(c.kind);
    // Rows only the server added merge in by themselves; t1's budget changed only on the server.
    expect(c.conflict.merge.fromServer.filter((r) => r.item === "t2" || r.item === "t3")).toHaveLength(8);
    expect(c.conflict.merge.fromServer.find((r) => r.item === "t1")).toMatchObject({ field: "budget", before: "150", after: "200" });
    expect(c.conflict.merge.fromMine).toEqual([{ item: "t1", field: "result", before: "", after: "Xong 50%" }]);
    const { result: t, syncs } = await countSyncs(doc, () => takeServer(d, c.conflict));
    expect(syncs).toBe(2);
    expect(t).toEqual({ written: 10, missing: 0, added: 2 });
    // t1 updated in place; t2, t3 are new rows of the task table with ids in the hidden column.
    expect(doc.text(name, `F${ds + 1}`)).toBe("200"); // in-place writes keep the server's text ("@"), as before
    expect(doc.text(name, `E${ds + 1}`)).toBe("");
    expect(doc.text(name, `B${ds + 2}`)).toBe("Wifi công cộng");
    expect(doc.text(name, `${H}${ds + 2}`)).toBe("t2");
    expect(doc.text(name, `B${ds + 3}`)).toBe("Camera an ninh");
    expect(doc.text(name, `${H}${ds + 3}`)).toBe("t3");
    // Budgets get the money format, text columns keep "@" (so "1.5" is not turned into a number).
    expect(doc.cellAt(name, `F${ds + 2}`)?.value).toBe(1200.5);
    expect(doc.cellAt(name, `F${ds + 2}`)?.numberFormat).toBe("#,##0.0");
    expect(doc.cellAt(name, `E${ds + 3}`)?.value).toBe("1.5");
    expect(doc.cellAt(name, `E${ds + 3}`)?.numberFormat).toBe("@");
    const tbl = doc.tables.find((x) => x.sheetId === opened.sheetId)!;
    expect(tbl.rect.r1).toBe(ds + 2);
    // The sheet now reads exactly as the server has it, and the next push builds on revision 3.
    const read = await readSheet(d.host, opened.sheetId);
    expect(read.newIds).toEqual([]);
    const mine = new Map(read.cells.filter((x) => x.raw !== "").map((x) => [`${x.item}|${x.field}`, x.raw]));
    expect(mine).toEqual(new Map([...server.state.cells].map(([k, v]) => [k, v.raw])));
    // Nothing differs from the server now: nothing is sent. The next change builds on revision 3.
    expect((await pushSheet(d)).kind).toBe("unchanged");
    doc.userType(name, `E${ds + 2}`, "Đã lắp 5 điểm");
    const after = await pushSheet(d);
    expect(after.kind === "ok" && after.receipt.baseRevision).toBe(3);
    expect(after.kind === "ok" && after.receipt.revision).toBe(4);
  });

  it("fills the blank row of a new task sheet first, then grows the table", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const opened = await openForm(host, { form: pl2xa, period: "2025-N" });
    const ds = opened.layout.dataStart;
    const cells = [1, 2, 3].flatMap((i) => [
      { item: `t${i}`, field: "task", raw: `Nhiệm vụ ${i}` },
      { item: `t${i}`, field: "budget", raw: String(i * 100) },
    ]);
    const { result, syncs } = await countSyncs(doc, () => writeBack(host, opened.sheetId, { cells, baseRevision: 5 }));
    expect(syncs).toBe(2);
    expect(result.added).toEqual([
      { row: ds, id: "t1" },
      { row: ds + 1, id: "t2" },
      { row: ds + 2, id: "t3" },
    ]);
    expect(result.missing).toEqual([]);
    expect(doc.tables.find((x) => x.sheetId === opened.sheetId)!.rect.r1).toBe(ds + 2);
    const read = await readSheet(host, opened.sheetId);
    expect(read.meta?.baseRevision).toBe(5);
    expect(read.cells.filter((c) => c.field === "task").map((c) => [c.item, c.raw])).toEqual([
      ["t1", "Nhiệm vụ 1"],
      ["t2", "Nhiệm vụ 2"],
      ["t3", "Nhiệm vụ 3"],
    ]);
  });
});
