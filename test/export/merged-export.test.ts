// A merged Phụ lục I table through the one layout into .xlsx and CSV, read back by an independent reader (SheetJS):
// numbers are numeric cells with their formats, the typed text sits beside where the number alone loses meaning, the
// summary counts open the file, long notes are cut with a marker, bidi controls are gone, rows are tall enough.
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { CATEGORIES, CATEGORY_LABELS, summarize, type Category } from "../../shared/assess/index.js";
import { findIndicator } from "../../shared/catalog/index.js";
import { getForm } from "../../shared/forms/index.js";
import { layoutMerged } from "../../shared/report/layout.js";
import { MAX_CELL_CHARS, TRUNCATED_MARK } from "../../shared/report/table.js";
import type { MergedTableExt } from "../../shared/schemas/index.js";
import { toCsv } from "../../worker/src/export/csv.js";
import { toXlsx } from "../../worker/src/export/xlsx.js";
import { parseCsv } from "./read-csv.js";

const form = getForm("pl1-tinh")!;
type Row = MergedTableExt["rows"][number];

const filled: Record<string, Partial<Row>> = {
  "5G": {
    target: "60%",
    actual: "62,5%",
    projected: "70%",
    assessment: "vuot",
    progress: 62.5 / 60,
    communes: {
      rule: "mean",
      ruleLabel: "Trung bình các xã",
      value: 61.5,
      reporting: 12,
      reached: 8,
      active: 166,
      coverage: "12/166 xã có số liệu",
      lowCoverage: true,
      actual: "61,5%",
      projected: "",
      assessment: "chua_danh_gia",
      assessmentLabel: CATEGORY_LABELS.chua_danh_gia,
      assessmentReason: "Chỉ 12/166 xã có số liệu, dưới một nửa số xã, phường đang hoạt động",
      progress: 1.025,
    },
  },
  CB_NCKH: { target: "2.100", actual: "2.150", assessment: "vuot", progress: 2150 / 2100 },
  CHI_KHCN: { target: "≥ 1%", actual: "1,25%", assessment: "vuot", progress: 1.25, actualTyped: "khoảng 1,25%" },
  PII: { target: "Nhóm 20", actual: "Nhóm 15", assessment: "vuot", progress: 20 / 15 },
  TT_ANM: { target: "Có", actual: "Có", assessment: "dat", progress: 1 },
  DTI: { target: "0.75", actual: "0,75", assessment: "dat", progress: 1 },
  XK_CNC: { target: "≥ 50 (mục tiêu 2030)", targetYear: 2030, targetExact: false, actual: "45%", assessment: "chua_danh_gia", progress: 0.9 },
  TIEMLUC_KHCN: {
    target: "",
    actual: "Khá",
    assessment: "chua_danh_gia",
    // A note far over Excel's limit, with bidi controls that would reorder it on screen.
    note: `Sở Công Thương\u202E: ${"ghi chú rất dài ".repeat(2600)}\u2066kết thúc\u2069`,
  },
  KTS_GRDP: { target: "15%", targetDoubt: "Văn bản gốc in mờ, chờ xác nhận", actual: "12,5", assessment: "khong_dat", progress: 12.5 / 15 },
};

function table(): MergedTableExt {
  let group = "";
  const rows: Row[] = [];
  for (const r of form.rows) {
    if (r.type === "group") {
      group = r.group;
      continue;
    }
    if (r.type !== "indicator") continue;
    const f = filled[r.indicatorKey] ?? {};
    const assessment = (f.assessment ?? "chua_danh_gia") as Category;
    rows.push({
      item: r.item,
      stt: r.stt,
      name: r.name ?? findIndicator(r.indicatorKey)!.name,
      unit: "",
      target: "",
      actual: "",
      projected: "",
      progress: null,
      reportedBy: f.actual ? ["Sở Khoa học và Công nghệ"] : [],
      group,
      targetExact: true,
      ...f,
      assessment,
      assessmentLabel: CATEGORY_LABELS[assessment],
      assessmentReason: "lý do",
    } as Row);
  }
  const s = summarize(
    rows.map((r) => ({ group: r.group!, category: r.assessment })),
    { year: 2025 },
  );
  const titles = new Map(form.rows.flatMap((r) => (r.type === "group" ? [[r.group as string, r.title] as const] : [])));
  const groups = s.groups.map((g) => ({ ...g, title: titles.get(g.group) ?? "" }));
  return { form: "pl1-tinh", period: "2025-N", generatedAt: "2025-11-20T03:00:00.000Z", units: [], rows, summary: { ...s, groups } };
}

const names = new Map(form.rows.flatMap((r) => (r.type === "indicator" ? [[r.indicatorKey, r.name ?? findIndicator(r.indicatorKey)!.name] as const] : [])));

const t = table();
const xlsx = await toXlsx([layoutMerged(form, t)]);

describe(".xlsx of a merged Phụ lục I, read back by SheetJS", () => {
  const wb = XLSX.read(xlsx, { type: "array", cellNF: true, cellStyles: true });
  const ws = wb.Sheets["Phụ lục I"]!;
  const grid = XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, blankrows: true, defval: null });
  const header = grid.findIndex((r) => r[0] === "STT");
  const rowOf = (key: string) => grid.findIndex((r) => typeof r[1] === "string" && r[1] === names.get(key));
  const cell = (key: string, col: number) => ws[XLSX.utils.encode_cell({ r: rowOf(key), c: col })] as XLSX.CellObject | undefined;
  const colOf = (text: string) => grid[header + 1]!.findIndex((h) => h === text);

  it("opens on the summary counts, worded as the report words them", () => {
    expect(wb.SheetNames).toEqual(["Tổng hợp đánh giá", "Phụ lục I"]);
    const rows = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets["Tổng hợp đánh giá"]!, { header: 1, blankrows: false });
    expect(rows.some((r) => r[0] === t.summary!.sentence)).toBe(true);
    expect(t.summary!.sentence).toMatch(/^Tổng số 79 chỉ tiêu: có 04 chỉ tiêu vượt kế hoạch, 02 chỉ tiêu đạt 100% kế hoạch, /);
    const head = rows.find((r) => r[0] === "Nhóm")!;
    expect(head.slice(3)).toEqual(CATEGORIES.map((c) => CATEGORY_LABELS[c]));
    const total = rows.find((r) => r[0] === "Tổng")!;
    expect(total.slice(2)).toEqual([79, 4, 2, 0, 0, 1, 72]);
    const groupI = rows.find((r) => r[0] === "I")!;
    expect(groupI[1]).toBe("PHÁT TRIỂN HẠ TẦNG");
    expect(groupI.slice(2)).toEqual([t.summary!.groups[0]!.count, ...CATEGORIES.map((c) => t.summary!.groups[0]!.byCategory[c])]);
    for (const r of rows.filter((x) => /^(I|II|III|IV|V|Tổng)$/.test(String(x[0])))) for (const v of r.slice(2)) expect(typeof v).toBe("number");
  });

  it("writes numbers as numeric cells with their formats (percent, thousands, the decimals as typed)", () => {
    const T = 3;
    const A = colOf("Thực hiện");
    expect(A).toBe(4);
    expect(cell("5G", T)).toMatchObject({ t: "n", v: 0.6, z: "0%" });
    expect(cell("5G", A)).toMatchObject({ t: "n", v: 0.625, z: "0.0%" });
    expect(cell("5G", A + 1)).toMatchObject({ t: "n", v: 0.7, z: "0%" });
    expect(cell("CB_NCKH", A)).toMatchObject({ t: "n", v: 2150, z: "#,##0" });
    expect(cell("DTI", T)).toMatchObject({ t: "n", v: 0.75, z: "#,##0.00" });
    expect(cell("DTI", A)).toMatchObject({ t: "n", v: 0.75, z: "#,##0.00" });
    expect(cell("KTS_GRDP", A)).toMatchObject({ t: "n", v: 12.5, z: "#,##0.0" });
    expect(cell("5G", colOf("So với kế hoạch"))).toMatchObject({ t: "n", z: "0%" });
    expect((cell("5G", colOf("So với kế hoạch"))!.v as number)).toBeCloseTo(1.0417, 3);
    // Có stays text; the assessment label is text.
    expect(cell("TT_ANM", A)).toMatchObject({ t: "s", v: "Có" });
    expect(cell("5G", colOf("Đánh giá"))).toMatchObject({ t: "s", v: "Vượt" });
  });

  it("keeps the typed text beside a number that alone loses meaning", () => {
    const B = colOf("Ghi như văn bản, báo cáo");
    expect(cell("CHI_KHCN", 3)).toMatchObject({ t: "n", v: 0.01, z: "0%" });
    expect(cell("CHI_KHCN", B)?.v).toBe("Kế hoạch: ≥ 1%; Thực hiện ghi «khoảng 1,25%»");
    expect(cell("PII", 3)).toMatchObject({ t: "n", v: 20 });
    expect(cell("PII", 4)).toMatchObject({ t: "n", v: 15 });
    expect(cell("PII", B)?.v).toBe("Kế hoạch: Nhóm 20; Thực hiện: Nhóm 15");
    expect(cell("KTS_GRDP", 3)).toMatchObject({ t: "n", v: 0.15 });
    expect(cell("KTS_GRDP", B)?.v).toBe("Kế hoạch: 15% (nghi vấn)");
    // A later milestone is not this year's target: text, not a number to compute with.
    expect(cell("XK_CNC", 3)).toMatchObject({ t: "s", v: "≥ 50 (mục tiêu 2030)" });
    expect(cell("5G", B)?.v).toBeUndefined();
  });

  it("shows the communes' aggregate with its coverage in words", () => {
    const S = grid[header]!.findIndex((h) => h === "SỐ LIỆU CÁC XÃ, PHƯỜNG");
    expect(cell("5G", S)).toMatchObject({ t: "n", v: 0.615, z: "0.0%" });
    expect(cell("5G", S + 1)).toMatchObject({ t: "s", v: "12/166 xã có số liệu (dưới một nửa số xã, phường: chưa đánh giá)" });
    expect(cell("5G", S + 2)?.v).toBe("Chưa đánh giá được");
  });

  it("no visible apostrophes, no cell over 32,767 characters, no bidi controls", () => {
    for (const sheet of Object.values(wb.Sheets)) {
      for (const [a, c] of Object.entries(sheet)) {
        if (a.startsWith("!")) continue;
        const v = (c as XLSX.CellObject).v;
        if (typeof v !== "string") continue;
        expect(v.startsWith("'")).toBe(false);
        expect(v.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
        expect(v).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200E\u200F]/);
      }
    }
    const note = String(cell("TIEMLUC_KHCN", colOf("Ghi chú") >= 0 ? colOf("Ghi chú") : 14)?.v ?? grid[rowOf("TIEMLUC_KHCN")]![14]);
    expect(note.length).toBe(MAX_CELL_CHARS);
    expect(note.endsWith(TRUNCATED_MARK)).toBe(true);
    expect(note.startsWith("Sở Công Thương: ghi chú rất dài")).toBe(true);
  });

  it("makes rows tall enough for wrapped names and notes", () => {
    const rows = ws["!rows"] ?? [];
    const ht = (key: string) => rows[rowOf(key)]?.hpt ?? 15;
    expect(ht("TT_ANM")).toBeGreaterThan(30); // a 124-character name in a 45-character column
    expect(ht("TIEMLUC_KHCN")).toBe(409); // the longest note, capped at Excel's largest row height
    expect(rows[header]?.hpt ?? 15).toBeGreaterThanOrEqual(15);
    expect(ws["!merges"]?.length).toBeGreaterThan(5);
  });
});


describe("CSV of the same table", () => {
  const t = layoutMerged(form, table());
  for (const sep of [",", ";"] as const) {
    it(`"${sep}": BOM, the summary first, one field count per line, numbers a spreadsheet reads`, () => {
      const text = toCsv(t, { sep });
      expect(text.charCodeAt(0)).toBe(0xfeff);
      const rows = parseCsv(text.slice(1), sep);
      for (const r of rows) expect(r.length).toBe(t.widths.length);
      expect(rows[0]![0]).toMatch(/^Tổng số 79 chỉ tiêu: có 04/);
      expect(rows[7]!.slice(0, 9)).toEqual(["Tổng", "Tất cả các nhóm", "79", "4", "2", "0", "0", "1", "72"]);
      const fiveG = rows.find((r) => r[1] === names.get("5G"))!;
      const cb = rows.find((r) => r[1] === names.get("CB_NCKH"))!;
      expect(fiveG[4]).toBe(sep === "," ? "62.5%" : "62,5%");
      expect(cb[4]).toBe("2150");
      expect(fiveG[11]).toBe("12/166 xã có số liệu (dưới một nửa số xã, phường: chưa đánh giá)");
    });
  }
});
