import { describe, expect, it } from "vitest";
import { deriveCatalog } from "../../scripts/derive/catalog.js";
import { resolveSeedsDir, seedsAvailable } from "../../scripts/derive/common.js";
import { deriveForms } from "../../scripts/derive/forms.js";
import formsFile from "../../shared/forms/forms.json";
import { catalog, findIndicator } from "../../shared/catalog/index.js";
import { findTask, tasks } from "../../shared/tasks/index.js";
import { forms, getForm, isPeriodId, periodLabel } from "../../shared/forms/index.js";
import type { FormDef, FormRow } from "../../shared/forms/types.js";
import { parseValue } from "../../shared/values/index.js";

const seedsDir = resolveSeedsDir();
const form = (id: string): FormDef => {
  const f = getForm(id);
  if (!f) throw new Error(`no form ${id}`);
  return f;
};
type IndRow = Extract<FormRow, { type: "indicator" }>;
const indRows = (f: FormDef) => f.rows.filter((r): r is IndRow => r.type === "indicator");

function checkHeader(f: FormDef) {
  // every header cell lies inside the header block and the columns; no two cells overlap
  const taken = new Set<string>();
  for (const h of f.header) {
    expect(h.text.trim()).not.toBe("");
    for (let r = h.row; r < h.row + h.rowSpan; r++) {
      for (let c = h.col; c < h.col + h.colSpan; c++) {
        expect(r).toBeLessThan(f.headerRows);
        expect(c).toBeLessThan(f.columns.length);
        const k = `${r}:${c}`;
        expect(taken.has(k), `${f.id} ${k}`).toBe(false);
        taken.add(k);
      }
    }
  }
  expect(taken.size).toBe(f.headerRows * f.columns.length);
  // the bottom header text of each column is the column's header
  f.columns.forEach((col, c) => {
    const bottom = f.header.find((h) => h.col <= c && c < h.col + h.colSpan && h.row + h.rowSpan === f.headerRows);
    expect(bottom?.text, `${f.id} ${col.id}`).toBe(col.header);
  });
}

describe("forms", () => {
  it("four forms with unique ids and unique column ids", () => {
    expect(forms.map((f) => f.id)).toEqual(["pl1-tinh", "pl1-xa", "pl2-xa", "tiendo-nv"]);
    for (const f of forms) {
      expect(new Set(f.columns.map((c) => c.id)).size, f.id).toBe(f.columns.length);
      expect(f.title.length).toBeGreaterThan(0);
      checkHeader(f);
    }
  });

  it("pl1-tinh: catalog columns, input columns, 5 groups and 79 indicator rows", () => {
    const f = form("pl1-tinh");
    expect(f.kind).toBe("indicators");
    expect(f.audience).toBe("department");
    expect(f.headerRows).toBe(2);
    expect(f.columns.map((c) => c.id)).toEqual([
      "stt", "name", "unit", "baseline", "target2025", "target2030", "target2035", "target2040", "target2045",
      "agencies", "actual", "projected", "note",
    ]);
    expect(f.columns.filter((c) => c.role === "input").map((c) => c.id)).toEqual(["actual", "projected", "note"]);
    expect(f.header).toContainEqual({ text: "CHỈ TIÊU", row: 0, col: 3, rowSpan: 1, colSpan: 6 });
    expect(f.title[0]).toBe("PHỤ LỤC I");
    expect(f.rows.filter((r) => r.type === "group").map((r) => (r.type === "group" ? r.group : ""))).toEqual(["I", "II", "III", "IV", "V"]);
    const rows = indRows(f);
    expect(rows).toHaveLength(79);
    expect(rows.map((r) => r.item)).toEqual(catalog.indicators.map((i) => i.key));
    for (const r of rows) expect(r.indicatorKey).toBe(r.item);
  });

  it("pl1-xa: 21 rows, each linked to an existing indicator, unique items, commune targets parse", () => {
    const f = form("pl1-xa");
    expect(f.audience).toBe("commune");
    expect(f.targetYear).toBe(2025);
    expect(f.columns.map((c) => c.id)).toEqual(["stt", "name", "unit", "target2025", "actual", "projected", "note"]);
    expect(f.columns.find((c) => c.id === "target2025")?.role).toBe("catalog");
    const rows = indRows(f);
    expect(rows).toHaveLength(21);
    expect(rows.map((r) => r.stt)).toEqual(Array.from({ length: 21 }, (_, k) => String(k + 1)));
    expect(new Set(rows.map((r) => r.item.toUpperCase())).size).toBe(21);
    for (const r of rows) {
      const i = findIndicator(r.indicatorKey);
      expect(i, r.indicatorKey).toBeDefined();
      expect(r.item).toBe(r.indicatorKey);
      const t = r.values?.target2025;
      expect(t, r.item).toBeDefined();
      const p = parseValue(t!.printed);
      expect(p.ok).toBe(true);
      if (p.ok) expect(t!.value).toEqual(p.value);
      for (const d of r.doubts ?? []) expect(d.reason.trim()).not.toBe("");
    }
    const byStt = (s: string) => rows.find((r) => r.stt === s)!;
    expect(byStt("1").item).toBe("5G");
    expect(byStt("4").item).toBe("CBCCVC_KNS");
    expect(byStt("4").values?.target2025?.printed).toBe("80%");
    // the commune keeps its own target where the province differs, with a visible note
    const cash = byStt("16");
    expect(cash.item).toBe("KHONG_TIENMAT");
    expect(cash.values?.target2025?.printed).toBe("80%");
    expect(cash.doubts?.some((d) => d.field === "target2025" && d.reason.includes("khác chỉ tiêu năm 2025 của tỉnh"))).toBe(true);
  });

  it("pl2-xa: task list columns, no fixed rows", () => {
    const f = form("pl2-xa");
    expect(f.kind).toBe("tasks");
    expect(f.rows).toEqual([]);
    expect(f.columns.map((c) => [c.id, c.kind, c.role])).toEqual([
      ["stt", "stt", "input"], ["task", "text", "input"], ["lead", "text", "input"], ["partners", "text", "input"],
      ["result", "text", "input"], ["budget", "money", "input"], ["due", "dueText", "input"],
      // the follow-up of each planned task (issue 11, item 4)
      ["status", "taskStatus", "input"], ["spent", "money", "input"], ["outcome", "text", "input"],
    ]);
    expect(f.columns.find((c) => c.id === "outcome")?.requiredWhenDone).toBe(true);
  });

  it("tiendo-nv: the department report's columns, every catalog task once, under appendix and section headings", () => {
    const f = form("tiendo-nv");
    expect(f).toMatchObject({ kind: "progress", audience: "department", headerRows: 2 });
    expect(f.columns.map((c) => [c.id, c.header, c.role])).toEqual([
      ["stt", "TT", "catalog"],
      ["name", "Nội dung thực hiện", "catalog"],
      ["deadline", "Thời hạn theo Kế hoạch", "catalog"],
      ["status", "Tiến độ thực hiện", "input"],
      ["result", "Sản phẩm/Kết quả", "input"],
      ["docNo", "Số, ký hiệu văn bản", "input"],
      ["docDate", "Ngày ban hành", "input"],
      ["lead", "Cơ quan chủ trì", "catalog"],
      ["note", "Ghi chú", "input"],
    ]);
    expect(f.header.find((h) => h.text === "Văn bản minh chứng")).toMatchObject({ row: 0, col: 5, colSpan: 2 });
    const taskRowsOf = f.rows.filter((r) => r.type === "task");
    expect(taskRowsOf.map((r) => r.item)).toEqual(tasks.map((t) => t.key));
    const sections = f.rows.filter((r) => r.type === "section");
    expect(sections.filter((r) => r.level === 1).map((r) => r.label)).toEqual(["PHỤ LỤC II", "PHỤ LỤC III", "PHỤ LỤC IV"]);
    // Phụ lục III has 10 sections, IV has 7; II has none
    expect(sections.filter((r) => r.level === 2)).toHaveLength(17);
    const iii12 = f.rows.find((r) => r.type === "task" && r.item === "III.12");
    const t = findTask("III.12")!;
    expect(iii12).toEqual({
      type: "task", item: "III.12", appendix: "III", stt: "12", name: t.name, deadline: t.deadline.printed, leads: t.leads, cooperating: t.cooperating,
    });
    // the form's short name (messages say «Báo cáo tiến độ nhiệm vụ»)
    expect(f.title[0]!.split(":")[0]).toBe("Báo cáo tiến độ nhiệm vụ");
  });

  it("periods", () => {
    expect(periodLabel("2025-6T")).toBe("6 tháng đầu năm 2025");
    expect(periodLabel("2025-N")).toBe("Năm 2025");
    expect(periodLabel("2025")).toBe("2025");
    expect(isPeriodId("2026-N")).toBe(true);
    expect(isPeriodId("2025-6t")).toBe(false);
    expect(isPeriodId("1999-N")).toBe(false);
  });

  it("forms.json was built from the current catalog", () => {
    expect(formsFile.catalogVersion).toBe(catalog.version);
  });
});

describe("forms.json is fresh", () => {
  it(`equals what the derivation produces now (seeds: ${seedsDir})`, () => {
    // the vendored excerpts (data/seeds) are in every clone; a missing seed fails here, it is never skipped
    expect(seedsAvailable(seedsDir)).toBe(true);
    expect(deriveForms(seedsDir, deriveCatalog(seedsDir))).toEqual(formsFile);
  });
});
