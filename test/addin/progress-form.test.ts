// The task-progress form (tiendo-nv) in the Excel layer, against the in-memory Excel fake: a department opens it and
// sees the tasks it LEADS (through its catalog agency names) under their appendix/section headings, then apart,
// read-only, those it COOPERATES on; the status column has the ladder as an in-cell list; reading the sheet sends
// only its own tasks; a department's own report table (TT | Nội dung thực hiện | Tiến độ thực hiện | …) is adopted.
import { describe, expect, it } from "vitest";
import { forms, getForm } from "../../shared/forms/index.js";
import { tasksCooperatedBy, tasksLedBy } from "../../shared/tasks/index.js";
import { validateCells } from "../../shared/validate/index.js";
import { FakeDoc, countSyncs, createFakeHost } from "../excel-fake/index.js";
import { openForm } from "../../addin/excel/open-form.js";
import { readSheet } from "../../addin/excel/read-sheet.js";
import { confirmAdoption, detectAdoption } from "../../addin/excel/adopt-sheet.js";
import { COOPERATING_HEADING, NOTHING_LED, selectTasks } from "../../addin/excel/progress-rows.js";

const form = getForm("tiendo-nv")!;
const col = (id: string) => String.fromCharCode(65 + form.columns.findIndex((c) => c.id === id));

/** Rows of the data block as [A text, id column text] pairs. */
function block(doc: FakeDoc, sheet: string, dataStart: number, idCol: number): { tt: string; name: string; id: string; row: number }[] {
  const idLetter = String.fromCharCode(65 + idCol);
  const out = [];
  for (let r = dataStart + 1; ; r++) {
    const tt = doc.text(sheet, `A${r}`);
    const name = doc.text(sheet, `B${r}`);
    if (!tt && !name) break;
    out.push({ tt, name, id: doc.text(sheet, `${idLetter}${r}`), row: r });
  }
  return out;
}

describe("open-form: the task-progress form filtered to the unit's tasks", () => {
  it("Sở Y tế sees its 2 led tasks under their headings, then its cooperated task apart, read-only", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const agencies = ["Sở Y tế"];
    const led = tasksLedBy(agencies).map((t) => t.key);
    const coop = tasksCooperatedBy(agencies).map((t) => t.key).filter((k) => !led.includes(k));
    expect(led.length).toBe(2);
    expect(coop.length).toBe(1);
    const { result: r, syncs } = await countSyncs(doc, () => openForm(host, { form, period: "2026-Q4", unitName: "Sở Y tế", agencies }));
    expect(syncs).toBeLessThanOrEqual(3);
    expect(r.sheetName).toBe("Tiến độ NV QIV-2026");
    const s = doc.sheet(r.sheetName);
    expect(doc.text(r.sheetName, "A1")).toMatch(/^Báo cáo tiến độ nhiệm vụ/);
    // Two-row header with "Văn bản minh chứng" over number and date.
    const hs = r.layout.headerStart;
    expect(doc.text(r.sheetName, `${col("docNo")}${hs + 1}`)).toBe("Văn bản minh chứng");
    expect(doc.text(r.sheetName, `${col("docDate")}${hs + 2}`)).toBe("Ngày ban hành");
    expect(s.merges.some((m) => m.r0 === hs && m.c0 === 5 && m.c1 === 6)).toBe(true);

    const rows = block(doc, r.sheetName, r.layout.dataStart, r.layout.idCol);
    // led tasks carry their key in TT and in the hidden id column; headings and cooperated rows have no id
    expect(rows.filter((x) => x.id).map((x) => x.id)).toEqual(led);
    expect(rows.filter((x) => x.id).map((x) => x.tt)).toEqual(led);
    const coopAt = rows.findIndex((x) => x.tt === COOPERATING_HEADING);
    expect(coopAt).toBeGreaterThan(rows.findIndex((x) => x.id === led.at(-1)));
    expect(rows.slice(coopAt + 1).map((x) => [x.tt, x.id])).toEqual(coop.map((k) => [k, ""]));
    // headings only above shown tasks: the appendix of each led task is there, not the others
    const appendices = rows.filter((x) => x.tt.startsWith("PHỤ LỤC")).map((x) => x.tt);
    expect(appendices).toEqual([...new Set(led.map((k) => `PHỤ LỤC ${k.split(".")[0]}`))]);
    const heading = rows.find((x) => x.tt.startsWith("PHỤ LỤC"))!;
    expect(doc.cellAt(r.sheetName, `B${heading.row}`)?.bold).toBe(true);

    // The ladder as an in-cell list on the status column (a warning, so other wordings stay possible).
    const statusCol = form.columns.findIndex((c) => c.id === "status");
    const v = s.validations.find((x) => x.rect.c0 === statusCol && (x.rule as { list?: unknown }).list);
    expect(v?.rule).toEqual({ list: { inCellDropDown: true, source: "Chưa triển khai,Đang triển khai,Đã hoàn thành" } });
    expect((v?.errorAlert as { style: string }).style).toBe("Warning");

    // The unit types in its own rows; the cooperated rows are locked and grey; the sheet is protected.
    expect(s.protection.protected).toBe(true);
    const own = rows.find((x) => x.id === led[0])!;
    doc.userType(r.sheetName, `${col("status")}${own.row}`, "Đang triển khai");
    doc.userType(r.sheetName, `${col("docDate")}${own.row}`, "05/03/2026");
    expect(doc.text(r.sheetName, `${col("docDate")}${own.row}`)).toBe("05/03/2026"); // text, not a date serial
    const other = rows[coopAt + 1]!;
    expect(doc.cellAt(r.sheetName, `${col("status")}${other.row}`)?.locked).toBe(true);
    expect(doc.cellAt(r.sheetName, `${col("status")}${other.row}`)?.fill).toBe("#F2F2F2");
    expect(() => doc.userType(r.sheetName, `${col("status")}${other.row}`, "Đã hoàn thành")).toThrow();
    expect(() => doc.userType(r.sheetName, `B${own.row}`, "tên khác")).toThrow();

    // Reading sends the led tasks only, and the check passes.
    const read = await readSheet(host, r.sheetId);
    expect(read.form?.id).toBe("tiendo-nv");
    expect([...new Set(read.cells.map((c) => c.item))]).toEqual(led);
    expect(read.cells.find((c) => c.item === led[0] && c.field === "status")?.raw).toBe("Đang triển khai");
    expect(read.cells.find((c) => c.item === led[0] && c.field === "docDate")?.raw).toBe("05/03/2026");
    expect(validateCells(form, read.cells, { agencies })).toEqual([]);
  });

  it("Sở KH&CN sees its 74 led tasks; prefilled values land in their rows, a task reported earlier stays editable", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const agencies = ["Sở Khoa học và Công nghệ"];
    const led = tasksLedBy(agencies).map((t) => t.key);
    expect(led.length).toBe(74);
    const initial = [
      { item: "III.6", field: "status", raw: "Đã hoàn thành" },
      { item: "III.6", field: "result", raw: "Quyết định số 1234/QĐ-UBND" },
      // a task Sở KH&CN neither leads nor cooperates on, reported before (kept with a warning by the server)
      { item: "III.20", field: "status", raw: "Chưa triển khai" },
    ];
    const r = await openForm(host, { form, period: "2026-Q4", agencies, initial });
    const rows = block(doc, r.sheetName, r.layout.dataStart, r.layout.idCol);
    const ids = rows.filter((x) => x.id).map((x) => x.id);
    expect(ids).toEqual(form.rows.flatMap((x) => (x.type === "task" && (led.includes(x.item) || x.item === "III.20") ? [x.item] : [])));
    const iii6 = rows.find((x) => x.id === "III.6")!;
    expect(doc.text(r.sheetName, `${col("status")}${iii6.row}`)).toBe("Đã hoàn thành");
    expect(doc.text(r.sheetName, `${col("result")}${iii6.row}`)).toBe("Quyết định số 1234/QĐ-UBND");
    expect(doc.text(r.sheetName, `${col("lead")}${iii6.row}`)).toBe("Sở Khoa học và Công nghệ");
    const read = await readSheet(host, r.sheetId);
    expect(read.cells.filter((c) => c.raw).map((c) => `${c.item}|${c.field}`).sort()).toEqual(["III.20|status", "III.6|result", "III.6|status"]);
  });

  it("without agency names every task is shown; a unit that leads nothing gets a note and its cooperated tasks", async () => {
    expect(selectTasks(form, undefined).own).toHaveLength(234);
    expect(selectTasks(form, []).own).toHaveLength(234);
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const r = await openForm(host, { form, period: "2026-Q4", agencies: ["Sở Tư pháp"] });
    const rows = block(doc, r.sheetName, r.layout.dataStart, r.layout.idCol);
    expect(rows[0]!.name).toBe(NOTHING_LED);
    expect(rows[1]!.tt).toBe(COOPERATING_HEADING);
    expect(rows.slice(2).map((x) => x.tt)).toEqual(tasksCooperatedBy(["Sở Tư pháp"]).map((t) => t.key));
    expect(rows.every((x) => !x.id)).toBe(true);
    expect((await readSheet(host, r.sheetId)).cells).toEqual([]);
  });
});

describe("adopt-sheet: a department's own task report", () => {
  it("is recognised by its header, mapped to plan tasks by name and read after confirmation", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const pick = ["III.6", "III.8", "III.13"].map((k) => form.rows.find((x) => x.type === "task" && x.item === k)!);
    const rows: string[][] = [
      ["KẾT QUẢ THỰC HIỆN NHIỆM VỤ"],
      [],
      ["TT", "Nội dung thực hiện", "Tiến độ thực hiện", "Sản phẩm/Kết quả", "Cơ quan chủ trì"],
      ["I", "Hoàn thiện thể chế"],
      ...pick.map((t, i) => [`1.${i + 1}`, t.type === "task" ? t.name : "", i === 0 ? "Đã hoàn thành" : "Đang thực hiện", i === 0 ? "Quyết định của UBND tỉnh" : "", "Sở KH&CN"]),
      ["1.4", "Một việc không có trong Kế hoạch 266", "Đang thực hiện", "", "Sở KH&CN"],
    ];
    doc.userPaste("Sheet1", "A1", rows);
    const p = await detectAdoption(host, forms);
    expect(p?.form).toBe("tiendo-nv");
    expect(p!.fields.slice(0, 5)).toEqual(["stt", "name", "status", "result", null]);
    expect(p!.rows.map((x) => x.item)).toEqual(["III.6", "III.8", "III.13", null]);
    await confirmAdoption(host, p!, "2026-Q4");
    const read = await readSheet(host);
    expect(read.form?.id).toBe("tiendo-nv");
    expect(read.cells.find((c) => c.item === "III.6" && c.field === "status")?.raw).toBe("Đã hoàn thành");
    expect(read.cells.find((c) => c.item === "III.8" && c.field === "status")?.raw).toBe("Đang thực hiện");
    expect(validateCells(form, read.cells).filter((i) => i.severity === "error")).toEqual([]);
  });
});
