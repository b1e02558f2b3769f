// Our hand-written .xlsx, opened by an independent reader (SheetJS): the file is valid, Vietnamese text survives,
// the two-level header is merged, numbers stay numbers and formula-like text stays inert text.
import { describe, expect, it } from "vitest";
import * as XLSX from "xlsx";
import { toXlsx } from "../../worker/src/export/xlsx.js";
import type { Table } from "../../worker/src/export/table.js";
import { xmlEscape } from "../../worker/src/xlsx.js";
import { strFromU8, unzipSync } from "fflate";

const table: Table = {
  sheetName: "Phụ lục I 2025-N",
  title: ["TỔNG HỢP PHỤ LỤC I: DANH MỤC CÁC CHỈ TIÊU CỤ THỂ", "Kỳ báo cáo: Năm 2025"],
  headerRows: 2,
  header: [
    { text: "STT", row: 0, col: 0, rowSpan: 2, colSpan: 1 },
    { text: "Nội dung chỉ tiêu", row: 0, col: 1, rowSpan: 2, colSpan: 1 },
    { text: "CHỈ TIÊU", row: 0, col: 2, rowSpan: 1, colSpan: 2 },
    { text: "Mục tiêu 2025", row: 1, col: 2, rowSpan: 1, colSpan: 1 },
    { text: "Thực hiện", row: 1, col: 3, rowSpan: 1, colSpan: 1 },
  ],
  widths: [6, 50, 12, 12],
  rows: [
    { cells: ["I. PHÁT TRIỂN HẠ TẦNG"], section: true },
    { cells: ["1", "Tỷ lệ phủ sóng 5G trên địa bàn", "60%", "62,5%"] },
    { cells: ["2", "=HYPERLINK(\"http://x\",\"bấm\")", 0.75, "-"] },
    { cells: ["3", "@SUM(A1)", null, "+cmd|' /C calc'!A0"] },
  ],
  freezeCols: 2,
};

const xlsx = await toXlsx([table]);

describe(".xlsx export read back by SheetJS", () => {
  const wb = XLSX.read(xlsx, { type: "array" });
  const ws = wb.Sheets[wb.SheetNames[0]!]!;
  const at = (a: string) => ws[a] as XLSX.CellObject | undefined;

  it("opens with the sheet name and Vietnamese text intact", () => {
    expect(wb.SheetNames).toEqual(["Phụ lục I 2025-N"]);
    expect(at("A1")?.v).toBe("TỔNG HỢP PHỤ LỤC I: DANH MỤC CÁC CHỈ TIÊU CỤ THỂ");
    expect(at("B7")?.v).toBe("Tỷ lệ phủ sóng 5G trên địa bàn");
  });

  it("merges the title lines, the two-level header and the group rows", () => {
    const merges = (ws["!merges"] ?? []).map((m) => XLSX.utils.encode_range(m)).sort();
    // title rows 1-2, spacer row 3, header rows 4-5, group row 6, data from row 7
    expect(merges).toEqual(["A1:D1", "A2:D2", "A4:A5", "A6:D6", "B4:B5", "C4:D4"].sort());
    expect(at("C4")?.v).toBe("CHỈ TIÊU");
    expect(at("C5")?.v).toBe("Mục tiêu 2025");
  });

  it("keeps numbers numeric and formula-like text inert", () => {
    expect(at("C8")).toMatchObject({ t: "n", v: 0.75 });
    for (const a of ["B8", "B9", "D9"]) {
      expect(at(a)?.t).toBe("s");
      expect(at(a)?.f).toBeUndefined();
      // Inline strings are never evaluated, so the text stays exactly as typed: no visible apostrophe.
      expect(String(at(a)?.v).startsWith("'")).toBe(false);
    }
    expect(at("B8")?.v).toBe('=HYPERLINK("http://x","bấm")');
    expect(at("D9")?.v).toBe("+cmd|' /C calc'!A0");
    expect(at("D8")?.v).toBe("-"); // the no-data marker stays as typed
  });
});

describe("XML text of a cell", () => {
  // The escaping as first written (one pass per character class), kept as the reference.
  const reference = (s: string) =>
    s
      // eslint-disable-next-line no-control-regex -- the reference strips control characters too
      .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, "")
      .replace(/&/g, "&amp;")
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/"/g, "&quot;");
  it("escapes & < > \" and drops the control characters XML forbids, as the five-pass version did", () => {
    const samples = [
      "",
      "Tỷ lệ phủ sóng 5G: 62,5%",
      `A & B <b> "c" 'd' > e`,
      "&amp; already escaped stays text: &amp;",
      "tab\tnew\nline\rcarriage",
      Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).join("") + "\uFFFE\uFFFF\uFFFD",
      "Đơn vị thử (không chủ trì) báo cáo: 31%; ".repeat(400) + "<end>",
    ];
    for (const s of samples) expect(xmlEscape(s)).toBe(reference(s));
  });
});

describe("spaces Excel would drop", () => {
  it("text with spaces at either end or line breaks is marked xml:space=\"preserve\"; other text is not", async () => {
    const cells = ["  lề trái", "lề phải  ", "hai\ndòng", "\tthụt", "không có", "Đơn vị (không chủ trì) báo cáo: 31%; ".repeat(300).trim()];
    const t: Table = { sheetName: "S", title: [], headerRows: 0, header: [], widths: cells.map(() => 12), freezeCols: 0, rows: [{ kind: "data", cells }] };
    const files = unzipSync(await toXlsx([t]));
    const sheet = strFromU8(files["xl/worksheets/sheet1.xml"]!);
    const texts = [...sheet.matchAll(/<t( xml:space="preserve")?>([^<]*)<\/t>/g)].map((m) => [m[2], !!m[1]] as const);
    expect(texts).toEqual(cells.map((c, i) => [c, i < 4] as const));
  });
});

describe("rows written once (frozen rows: kept merged rows)", () => {
  // A frozen table row's XML is kept and reused while its position, height and styles stay the same; it must never be
  // reused where any of them changed.
  const freeze = <T>(o: T): T => {
    if (o && typeof o === "object" && !Object.isFrozen(o)) {
      Object.freeze(o);
      for (const v of Object.values(o)) freeze(v);
    }
    return o;
  };
  const sheetOf = async (t: Table) => strFromU8(unzipSync(await toXlsx([t]))["xl/worksheets/sheet1.xml"]!);
  const frame = { sheetName: "S", title: ["T"], headerRows: 1, header: [{ text: "A", row: 0, col: 0, rowSpan: 1, colSpan: 1 }], widths: [8, 30, 10], freezeCols: 1 };
  const data = (i: number, tone?: "dat" | "khong_dat"): Table["rows"][number] => ({
    kind: "data",
    cells: [String(i), `Chỉ tiêu ${i}: ${"dài ".repeat(i * 5)}`, { v: i / 10, fmt: "0.0%", ...(tone ? { tone } : {}) }],
  });

  it("the same file as rows never seen before, after rows move, heights or styles change", async () => {
    const kept = freeze([data(1), { kind: "section" as const, section: true, cells: ["Nhóm 2"] }, data(2), data(3, "dat")]);
    const first = await sheetOf({ ...frame, rows: [...kept] });
    expect(first).toBe(await sheetOf({ ...frame, rows: structuredClone([...kept]) }));
    // A row before them (every row moves down), and one with a style the others do not have (ids may shift).
    for (const before of [[data(9)], [data(8, "khong_dat")], []]) {
      const rows = [...before, ...kept];
      expect(await sheetOf({ ...frame, rows })).toBe(await sheetOf({ ...frame, rows: structuredClone(rows) }));
    }
    // Narrower columns: other row heights.
    const narrow = { ...frame, widths: [8, 12, 10] };
    expect(await sheetOf({ ...narrow, rows: [...kept] })).toBe(await sheetOf({ ...narrow, rows: structuredClone([...kept]) }));
  });
});
