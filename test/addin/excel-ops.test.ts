// Excel operations against the in-memory fake: layout, read, marks, write-back, adopt, pull, watch —
// and the number of context.sync() round trips per operation at 10, 100 and 1,000 rows.
import { describe, expect, it } from "vitest";
import { getForm } from "../../shared/forms/index.js";
import { validateCells } from "../../shared/validate/index.js";
import type { Cell, MergedTable, TaskTable } from "../../shared/schemas/index.js";
import { FakeDoc, countSyncs, createFakeHost } from "../excel-fake/index.js";
import { openForm } from "../../addin/excel/open-form.js";
import { readSheet, posKey } from "../../addin/excel/read-sheet.js";
import { markIssues } from "../../addin/excel/mark-issues.js";
import { writeBack } from "../../addin/excel/write-back.js";
import { selectCell } from "../../addin/excel/select-cell.js";
import { watchEdits } from "../../addin/excel/watch-edits.js";
import { detectAdoption, confirmAdoption } from "../../addin/excel/adopt-sheet.js";
import { pullMerged } from "../../addin/excel/pull.js";
import { pullTasks } from "../../addin/excel/pull-tasks.js";
import { focusRows } from "../../addin/excel/focus-rows.js";
import { META_KEY, type MetaIndex } from "../../addin/excel/meta.js";
import { forms } from "../../shared/forms/index.js";

const pl1tinh = getForm("pl1-tinh")!;
const pl1xa = getForm("pl1-xa")!;
const pl2xa = getForm("pl2-xa")!;

function taskCells(n: number): Cell[] {
  const out: Cell[] = [];
  for (let i = 1; i <= n; i++) {
    out.push({ item: `t${i}`, field: "stt", raw: String(i) });
    out.push({ item: `t${i}`, field: "task", raw: `Nhiệm vụ số ${i}` });
    out.push({ item: `t${i}`, field: "lead", raw: "UBND xã" });
    out.push({ item: `t${i}`, field: "budget", raw: i % 7 === 0 ? "nhiều" : "150" });
  }
  return out;
}

function merged(n: number): MergedTable {
  const ind = pl1tinh.rows.filter((r) => r.type === "indicator");
  return {
    form: "pl1-tinh",
    period: "2025-6T",
    generatedAt: "2025-07-10T08:00:00Z",
    units: [],
    rows: Array.from({ length: n }, (_, i) => {
      const r = ind[i % ind.length]!;
      return {
        item: i < ind.length ? r.item : `${r.item}_${i}`,
        stt: String(i + 1),
        name: `Chỉ tiêu ${i + 1}`,
        unit: "%",
        target: "60%",
        actual: i % 2 ? "70%" : "40%",
        projected: "",
        assessment: i % 2 ? "vuot" : "khong_dat",
        assessmentLabel: i % 2 ? "Vượt" : "Không đạt",
        progress: i % 2 ? 1.16 : 0.66,
        reportedBy: ["Sở KH&CN"],
      };
    }),
  };
}

/** A merged task list (GET /api/merged?form=pl2-xa) of n rows spread over ~n/10 communes. */
function taskTable(n: number): TaskTable {
  const units = Array.from({ length: Math.max(1, Math.ceil(n / 10)) }, (_, i) => ({ code: `xa-${i}`, name: `Xã ${i}` }));
  return {
    form: "pl2-xa",
    period: "2025-N",
    generatedAt: "2025-12-20T08:00:00Z",
    units,
    columns: pl2xa.columns.map((c) => ({ id: c.id, header: c.header })),
    rows: Array.from({ length: n }, (_, i) => {
      const u = units[Math.floor(i / 10)]!;
      return { unit: u.code, unitName: u.name, item: `t${(i % 10) + 1}`, cells: { stt: String((i % 10) + 1), task: `Nhiệm vụ ${i + 1}`, lead: "UBND xã", budget: "150" } };
    }),
  };
}

const counts: Record<string, Record<number, number>> = {};
function record(op: string, n: number, syncs: number) {
  (counts[op] ??= {})[n] = syncs;
}

describe("open-form (Phụ lục I, 79 indicators)", () => {
  it("writes the appendix layout in 2 syncs, protected, with locked catalog and unlocked input columns", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const { result, syncs } = await countSyncs(doc, () => openForm(host, { form: pl1tinh, period: "2025-6T", unitName: "Sở Khoa học và Công nghệ" }));
    expect(syncs).toBe(2);
    const s = doc.sheet(result.sheetName);
    expect(result.sheetName).toBe("Phụ lục I 6T-2025");
    expect(doc.text(result.sheetName, "A1")).toBe("PHỤ LỤC I");
    // Header: "CHỈ TIÊU" merged across the 6 target columns in the first header row.
    const at = doc.find(result.sheetName, "CHỈ TIÊU")!;
    expect(at).toBe(`D${result.layout.headerStart + 1}`);
    expect(s.merges.some((m) => m.r0 === result.layout.headerStart && m.c0 === 3 && m.c1 === 8)).toBe(true);
    // Group row I is bold and tinted, row of 5G holds catalog text.
    const d = result.layout.dataStart;
    expect(doc.text(result.sheetName, `A${d + 1}`)).toBe("I");
    expect(doc.cellAt(result.sheetName, `B${d + 1}`)?.bold).toBe(true);
    expect(doc.text(result.sheetName, `B${d + 2}`)).toMatch(/5G/);
    expect(doc.cellAt(result.sheetName, `B${d + 2}`)?.locked).toBe(true);
    expect(doc.cellAt(result.sheetName, `B${d + 2}`)?.fill).toBe("#F2F2F2");
    expect(doc.cellAt(result.sheetName, `K${d + 2}`)?.locked).toBe(false);
    expect(doc.cellAt(result.sheetName, `K${d + 2}`)?.numberFormat).toBe("@");
    expect(s.protection.protected).toBe(true);
    // The department form keeps STT and name in view while typing in the input columns far to the right.
    expect(s.freeze).toEqual({ rows: d, cols: 2 });
    expect(s.hiddenCols.has(result.layout.idCol)).toBe(true);
    const meta = (doc.getSetting(META_KEY) as unknown as string) && (JSON.parse(doc.settings.get(META_KEY)!) as string);
    const index = (typeof meta === "string" ? JSON.parse(meta) : meta) as MetaIndex;
    expect(index[s.id]).toMatchObject({ form: "pl1-tinh", period: "2025-6T", kind: "entry" });
    // Staff can type in input cells, not in catalog cells.
    doc.userType(result.sheetName, `K${d + 2}`, "85%");
    expect(doc.text(result.sheetName, `K${d + 2}`)).toBe("85%");
    expect(() => doc.userType(result.sheetName, `B${d + 2}`, "x")).toThrow();
    // Opening again gives a distinct sheet name.
    const again = await openForm(host, { form: pl1tinh, period: "2025-6T" });
    expect(again.sheetName).toBe("Phụ lục I 6T-2025 (2)");
  });

  it("read → validate → mark → clear, with bounded syncs", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const opened = await openForm(host, { form: pl1xa, period: "2025-N" });
    const d = opened.layout.dataStart;
    doc.userType(opened.sheetName, `E${d + 2}`, "85%");
    doc.userType(opened.sheetName, `E${d + 3}`, "1,2,3");
    const { result: read, syncs } = await countSyncs(doc, () => readSheet(host));
    expect(syncs).toBe(1);
    expect(read.form?.id).toBe("pl1-xa");
    expect(read.cells.find((c) => c.item === "5G" && c.field === "actual")?.raw).toBe("85%");
    const issues = validateCells(read.form!, read.cells);
    const errors = issues.filter((i) => i.severity === "error");
    expect(errors.length).toBeGreaterThan(0);
    const marks = issues.map((i) => ({ address: read.positions.get(posKey(i.item, i.field))!, severity: i.severity, message: i.message }));
    const m1 = await countSyncs(doc, () => markIssues(host, read.sheetId, marks));
    expect(m1.syncs).toBe(2);
    const bad = marks.find((m) => m.severity === "error")!;
    expect(doc.cellAt(opened.sheetName, bad.address)?.fill).toBe("#FFC7CE");
    expect(doc.sheet(opened.sheetName).notes.get(bad.address)).toMatch(/^\[Chỉ tiêu\]/);
    expect(doc.sheet(opened.sheetName).protection.protected).toBe(true);
    // Fix and re-mark: old marks cleared, original fill restored.
    doc.userType(opened.sheetName, bad.address, "90%");
    const m2 = await countSyncs(doc, () => markIssues(host, read.sheetId, []));
    expect(m2.syncs).toBe(2);
    expect(doc.cellAt(opened.sheetName, bad.address)?.fill).toBe("#FFFFFF");
    expect(doc.sheet(opened.sheetName).notes.size).toBe(0);
    // select-cell
    const sel = await countSyncs(doc, () => selectCell(host, read.sheetId, bad.address));
    expect(sel.syncs).toBe(1);
    expect(doc.selection?.rect.r0).toBe(Number(bad.address.slice(1)) - 1);
  });

  it("clearing marks removes only our notes, restores fills, and copes with notes the user deleted or rewrote", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const opened = await openForm(host, { form: pl1xa, period: "2025-N" });
    const d = opened.layout.dataStart;
    const [a, b, c] = [`E${d + 2}`, `E${d + 3}`, `E${d + 4}`];
    const sheet = doc.sheet(opened.sheetName);
    const original = new Map([a, b, c].map((x) => [x, doc.cellAt(opened.sheetName, x)?.fill]));
    const m = await countSyncs(doc, () =>
      markIssues(host, opened.sheetId, [a, b, c].map((address) => ({ address, severity: "error" as const, message: "sai" }))),
    );
    expect(m.syncs).toBe(2);
    expect([...sheet.notes.keys()].sort()).toEqual([a, b, c].sort());
    sheet.notes.delete(a); // the user deleted our note
    sheet.notes.set(b, "Ghi chú của tôi"); // the user rewrote it
    // Re-mark only c (a warning now), then clear everything.
    const again = await countSyncs(doc, () => markIssues(host, opened.sheetId, [{ address: c, severity: "warning", message: "xem lại" }]));
    expect(again.syncs).toBe(2);
    expect(sheet.notes.get(c)).toBe("[Chỉ tiêu] xem lại");
    expect(doc.cellAt(opened.sheetName, c)?.fill).toBe("#FFEB9C");
    expect(doc.cellAt(opened.sheetName, a)?.fill).toBe(original.get(a));
    const cleared = await countSyncs(doc, () => markIssues(host, opened.sheetId, []));
    expect(cleared.syncs).toBe(2);
    expect(cleared.result).toEqual({ marked: 0, cleared: 1 });
    expect([...sheet.notes.entries()]).toEqual([[b, "Ghi chú của tôi"]]);
    for (const x of [a, b, c]) expect(doc.cellAt(opened.sheetName, x)?.fill).toBe(original.get(x));
    expect(sheet.protection.protected).toBe(true);
  });

  it("watch-edits reports user edits and ignores the add-in's own writes", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const opened = await openForm(host, { form: pl1xa, period: "2025-N" });
    const seen: string[] = [];
    const w = await countSyncs(doc, () => watchEdits(host, (e) => seen.push(e.address)));
    expect(w.syncs).toBe(1);
    const d = opened.layout.dataStart;
    await writeBack(host, opened.sheetId, { cells: [{ item: "5G", field: "actual", raw: "50%" }] });
    await doc.settle();
    expect(seen).toEqual([]);
    doc.userType(opened.sheetName, `E${d + 3}`, "12");
    await doc.settle();
    expect(seen).toEqual([`E${d + 3}`]);
    await w.result.stop();
    doc.userType(opened.sheetName, `E${d + 3}`, "13");
    await doc.settle();
    expect(seen).toHaveLength(1);
  });

  it("write-back puts server values into the sheet and the receipt into the meta", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const opened = await openForm(host, { form: pl1tinh, period: "2025-6T" });
    const { syncs } = await countSyncs(doc, () =>
      writeBack(host, opened.sheetId, {
        cells: [{ item: "5G", field: "actual", raw: "75%" }],
        receipt: {
          id: "s1", unit: "SKHCN", form: "pl1-tinh", period: "2025-6T", revision: 4, baseRevision: 3, status: "submitted",
          receivedAt: "2025-07-01T00:00:00Z", payloadHash: "h", cellCount: 1, warnings: [], replayed: false,
        },
      }),
    );
    expect(syncs).toBe(2);
    const read = await readSheet(host, opened.sheetId);
    expect(read.cells.find((c) => c.item === "5G" && c.field === "actual")?.raw).toBe("75%");
    expect(read.meta?.baseRevision).toBe(4);
    expect(read.meta?.lastReceipt?.revision).toBe(4);
  });
});

describe("sync counts do not grow with rows (task list pl2-xa, merged pull)", () => {
  for (const n of [10, 100, 1000]) {
    it(`${n} rows`, async () => {
      const doc = new FakeDoc();
      const host = createFakeHost(doc);
      const open = await countSyncs(doc, () => openForm(host, { form: pl2xa, period: "2025-N", initial: taskCells(n) }));
      record("open-form (task list)", n, open.syncs);
      expect(open.result.rows).toBe(n);
      // Staff add a row under the table; it joins the table.
      const last = open.result.layout.dataStart + n;
      doc.userType(open.result.sheetName, `B${last + 1}`, "Nhiệm vụ mới");
      const read = await countSyncs(doc, () => readSheet(host));
      record("read-sheet", n, read.syncs);
      expect(read.result.cells.filter((c) => c.field === "task")).toHaveLength(n + 1);
      expect(read.result.newIds).toEqual([{ row: last, id: expect.stringMatching(new RegExp(`^t${n + 1}-[a-z0-9]{6}$`)) }]);
      const issues = validateCells(pl2xa, read.result.cells);
      expect(issues.length).toBeGreaterThan(0);
      const marks = issues.map((i) => ({ address: read.result.positions.get(posKey(i.item, i.field))!, severity: i.severity, message: i.message }));
      const mark = await countSyncs(doc, () => markIssues(host, read.result.sheetId, marks));
      record("mark-issues", n, mark.syncs);
      const clear = await countSyncs(doc, () => markIssues(host, read.result.sheetId, []));
      record("mark-issues (clear)", n, clear.syncs);
      const wb = await countSyncs(doc, () =>
        writeBack(host, read.result.sheetId, {
          newIds: read.result.newIds,
          cells: read.result.cells.filter((c) => c.field === "budget").map((c) => ({ ...c, raw: "200" })),
          baseRevision: 2,
        }),
      );
      record("write-back (server values)", n, wb.syncs);
      expect(wb.result.written).toBe(n + 1);
      const sel = await countSyncs(doc, () => selectCell(host, read.result.sheetId, "B10"));
      record("select-cell", n, sel.syncs);
      const pull = await countSyncs(doc, () =>
        pullMerged(host, {
          form: pl1tinh,
          merged: merged(n),
          completeness: { rows: Array.from({ length: n }, (_, i) => ({ unit: `U${i}`, name: `Đơn vị ${i}`, submitted: i % 3 > 0, revision: i % 3 ? 1 : null, at: null, status: null })) },
          chartItems: ["5G", "6G"],
        }),
      );
      record("pull (merged + completeness + chart)", n, pull.syncs);
      expect(pull.result.rows).toBeGreaterThanOrEqual(n);
      const again = await countSyncs(doc, () =>
        pullMerged(host, {
          form: pl1tinh,
          merged: merged(n),
          completeness: { rows: Array.from({ length: n }, (_, i) => ({ unit: `U${i}`, name: `Đơn vị ${i}`, submitted: i % 3 > 0, revision: null, at: null, status: null })) },
          chartItems: ["5G", "6G"],
        }),
      );
      record("pull again (rewrites in place)", n, again.syncs);
      expect(again.result).toMatchObject({ replaced: true, sheetName: pull.result.sheetName });
      const focus = await countSyncs(doc, () => focusRows(host, read.result.sheetId, read.result.cells.filter((_, i) => i % 2 === 0).map((c) => c.item)));
      record("focus-rows (show some rows)", n, focus.syncs);
      const tasks = taskTable(n);
      const pullT = await countSyncs(doc, () =>
        pullTasks(host, {
          form: pl2xa,
          table: tasks,
          completeness: { rows: tasks.units.map((u) => ({ unit: u.code, name: u.name, submitted: true, revision: 1, at: null, status: null })) },
        }),
      );
      record("pull (task list + completeness)", n, pullT.syncs);
      expect(pullT.result.rows).toBe(n);
      expect(pullT.result.budgetTotal).toBe(150 * n);
      // Every operation: at most 2 round trips (open form, mark, clear, write-back, pulls, focus).
      for (const s of [open, read, mark, clear, wb, sel, pull, again, pullT, focus]) expect(s.syncs).toBeLessThanOrEqual(2);
    });
  }

  it("prints the figures", () => {
    const lines = Object.entries(counts).map(([op, c]) => `${op.padEnd(40)} ${[10, 100, 1000].map((n) => `${n}: ${c[n]}`).join("  ")}`);
    console.log(`\nSync counts per operation (rows → context.sync() calls)\n${lines.join("\n")}`);
    for (const c of Object.values(counts)) expect(new Set(Object.values(c)).size).toBe(1);
  });
});

describe("pull", () => {
  it("writes the merged table with assessment colours, a completeness sheet and a chart", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const r = await pullMerged(host, {
      form: pl1tinh,
      merged: merged(3),
      completeness: { rows: [{ unit: "X1", name: "Xã A", submitted: true, revision: 1, at: "2025-07-01T02:00:00Z", status: "submitted" }] },
      chartItems: ["5G"],
    });
    expect(doc.find(r.sheetName, "Vượt")).not.toBeNull();
    const vuot = doc.find(r.sheetName, "Vượt")!;
    expect(doc.cellAt(r.sheetName, vuot)?.fill).toBe("#C6EFCE");
    expect(doc.find(r.sheetName, "I. PHÁT TRIỂN HẠ TẦNG")).not.toBeNull();
    expect(doc.find(r.completenessSheetName!, "Đã nộp 1/1 đơn vị")).not.toBeNull();
    expect(doc.charts).toHaveLength(1);
    expect(doc.charts[0]!.type).toBe("ColumnClustered");
    expect(doc.charts[0]!.props["title.text"]).toBe("Thực hiện so với mục tiêu");
  });
});

describe("adopt-sheet", () => {
  it("detects a pasted appendix table, maps rows by STT and name, and reads it after confirmation", async () => {
    const doc = new FakeDoc();
    const host = createFakeHost(doc);
    const ind = pl1xa.rows.filter((r) => r.type === "indicator");
    const rows: string[][] = [
      ["Phụ lục 1: CÁC CHỈ TIÊU"],
      [],
      ["TT", "Nội dung chỉ tiêu", "Đơn vị tính/đo lường", "Chỉ tiêu", "Thực hiện kỳ báo cáo", "Ước thực hiện cả năm", "Ghi chú"],
      ["I", "PHÁT TRIỂN HẠ TẦNG"],
      ...ind.slice(0, 5).map((r, i) => [r.stt, (r.type === "indicator" && r.name) || "", "%", "60%", `${50 + i}%`, "", ""]),
      ["6", "Một dòng lạ không có trong danh mục", "", "", "1", "", ""],
    ];
    doc.userPaste("Sheet1", "A1", rows);
    const { result: p, syncs } = await countSyncs(doc, () => detectAdoption(host, forms));
    expect(syncs).toBe(1);
    expect(p).not.toBeNull();
    expect(p!.form).toBe("pl1-xa");
    expect(p!.fields.slice(0, 7)).toEqual(["stt", "name", "unit", null, "actual", "projected", "note"]);
    expect(p!.rows.filter((r) => r.item)).toHaveLength(5);
    expect(p!.rows.find((r) => r.stt === "6")?.item).toBeNull();
    const c = await countSyncs(doc, () => confirmAdoption(host, p!, "2025-N"));
    expect(c.syncs).toBe(2);
    const read = await readSheet(host);
    const first = ind[0]!;
    expect(read.cells.find((x) => first.type === "indicator" && x.item === first.item && x.field === "actual")?.raw).toBe("50%");
  });
});

describe("task row ids", () => {
  it("differ between two workbooks of the same commune adding their first task", async () => {
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) {
      const doc = new FakeDoc();
      const host = createFakeHost(doc);
      const opened = await openForm(host, { form: pl2xa, period: "2025-N" });
      doc.userType(opened.sheetName, `B${opened.layout.dataStart + 1}`, `Nhiệm vụ của máy ${i + 1}`);
      const read = await readSheet(host);
      expect(read.newIds).toHaveLength(1);
      ids.push(read.newIds[0]!.id);
    }
    expect(ids[0]).toMatch(/^t1-[a-z0-9]{6}$/);
    expect(ids[1]).toMatch(/^t1-[a-z0-9]{6}$/);
    expect(ids[0]).not.toBe(ids[1]);
  });
});
