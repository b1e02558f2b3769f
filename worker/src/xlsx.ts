// A small generic .xlsx (SpreadsheetML) writer: sheets of rows, merges, column widths, row heights, frozen panes, and a
// styles table (number formats, fonts, fills, borders, alignment) built from the formats the cells use.
// Strings are written as inline strings (no shared-string table), which Excel never evaluates as formulas; numbers as
// numbers. Zipped by ./zip.ts (fflate's archive, the runtime's own zlib).
import { fitCell } from "../../shared/report/table.js";
import { concatBytes } from "./bytes.js";
import { zipDeflated } from "./zip.js";

const encoder = new TextEncoder();
/** UTF-8 through the runtime's encoder (fflate's strToU8 encodes in JavaScript: 6–10 ms on a 200-unit sheet). */
const strToU8 = (s: string) => encoder.encode(s);

/** How a cell looks. Colours are ARGB hex ("FFC6EFCE"). `fmt` is an invariant Excel number format ("0.0%", "#,##0"). */
export interface CellFormat {
  fmt?: string;
  bold?: boolean;
  /** Font size in points (default 11). */
  size?: number;
  /** Font colour. */
  color?: string;
  fill?: string;
  border?: boolean;
  wrap?: boolean;
  align?: "left" | "center" | "right";
  valign?: "top" | "center";
}

/**
 * A cell's style: an index into the workbook's cell formats (`Styles.xf`). 0–3 are always: 0 = normal, 1 = bold header
 * (wrapped, centred, bordered), 2 = wrapped text (bordered, top), 3 = bold title.
 */
export type CellStyle = number;
export type CellValue = string | number | null | undefined | { v: string | number | null; s?: CellStyle };

export interface SheetSpec {
  name: string;
  rows: CellValue[][];
  /** A1 ranges, e.g. "B5:C5". */
  merges?: string[];
  /** Column widths in characters, by column index. */
  widths?: number[];
  /** Row heights in points, by row index (undefined = Excel's default). */
  heights?: (number | undefined)[];
  /** Freeze rows above `row` and columns left of `col` (both 0 = none). */
  freeze?: { row: number; col: number };
  /**
   * By row index, an object standing for the row's content when that content never changes (a frozen row of a kept
   * merged row, export/merged.ts): the row's XML is written once and reused while its position, height and styles stay
   * the same.
   */
  rowKeys?: (object | undefined)[];
}

export function colName(i: number): string {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
export const ref = (row: number, col: number) => `${colName(col)}${row + 1}`;

/** What XML text may not hold as is: control characters XML 1.0 forbids even escaped (dropped), and & < > ". */
// eslint-disable-next-line no-control-regex -- stripping control characters is the point
const XML_SPECIAL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF&<>"]/;
const XML_SPECIAL_ALL = new RegExp(XML_SPECIAL.source, "g");
const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" };

/** Text as XML character data; one pass, and none over the long notes that need nothing. */
export function xmlEscape(s: string): string {
  return XML_SPECIAL.test(s) ? s.replace(XML_SPECIAL_ALL, (ch) => ENTITIES[ch] ?? "") : s;
}

/** Excel's built-in number formats that need no <numFmt> entry. */
const BUILTIN_FMT: Record<string, number> = { General: 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9, "0.00%": 10 };
const FONT = "Times New Roman";

/** The styles part, built from the formats the cells ask for (each distinct combination once). */
export class Styles {
  private fonts: string[] = [];
  private fills: string[] = ['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>'];
  private numFmts: string[] = [];
  private fmtIds = new Map<string, number>();
  private xfs: string[] = [];
  private ids = new Map<string, number>();
  private fontIds = new Map<string, number>();
  private fillIds = new Map<string, number>();

  constructor() {
    // The presets keep their indices 0–3.
    this.xf({});
    this.xf({ bold: true, border: true, wrap: true, align: "center", valign: "center" });
    this.xf({ border: true, wrap: true, valign: "top" });
    this.xf({ bold: true, size: 13, wrap: true, align: "center", valign: "center" });
  }

  private font(bold: boolean, size: number, color: string | undefined): number {
    const key = `${bold ? 1 : 0}|${size}|${color ?? ""}`;
    let id = this.fontIds.get(key);
    if (id === undefined) {
      id = this.fonts.length;
      this.fonts.push(`<font>${bold ? "<b/>" : ""}<sz val="${size}"/>${color ? `<color rgb="${color}"/>` : ""}<name val="${FONT}"/></font>`);
      this.fontIds.set(key, id);
    }
    return id;
  }

  private fill(argb: string | undefined): number {
    if (!argb) return 0;
    let id = this.fillIds.get(argb);
    if (id === undefined) {
      id = this.fills.length;
      this.fills.push(`<fill><patternFill patternType="solid"><fgColor rgb="${argb}"/><bgColor indexed="64"/></patternFill></fill>`);
      this.fillIds.set(argb, id);
    }
    return id;
  }

  private numFmt(code: string | undefined): number {
    if (!code) return 0;
    const builtin = BUILTIN_FMT[code];
    if (builtin !== undefined) return builtin;
    let id = this.fmtIds.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.length;
      this.numFmts.push(`<numFmt numFmtId="${id}" formatCode="${xmlEscape(code)}"/>`);
      this.fmtIds.set(code, id);
    }
    return id;
  }

  /** The cell format index for a combination (the same combination always gives the same index). */
  xf(f: CellFormat): CellStyle {
    const key = `${f.fmt ?? ""}|${f.bold ? 1 : 0}|${f.size ?? 11}|${f.color ?? ""}|${f.fill ?? ""}|${f.border ? 1 : 0}|${f.wrap ? 1 : 0}|${f.align ?? ""}|${f.valign ?? ""}`;
    let id = this.ids.get(key);
    if (id !== undefined) return id;
    const numFmtId = this.numFmt(f.fmt);
    const fontId = this.font(!!f.bold, f.size ?? 11, f.color);
    const fillId = this.fill(f.fill);
    const borderId = f.border ? 1 : 0;
    const align =
      f.wrap || f.align || f.valign
        ? `<alignment${f.align ? ` horizontal="${f.align}"` : ""}${f.valign ? ` vertical="${f.valign}"` : ""}${f.wrap ? ' wrapText="1"' : ""}/>`
        : "";
    const applies = [numFmtId ? ' applyNumberFormat="1"' : "", fontId ? ' applyFont="1"' : "", fillId ? ' applyFill="1"' : "", borderId ? ' applyBorder="1"' : "", align ? ' applyAlignment="1"' : ""].join("");
    id = this.xfs.length;
    this.xfs.push(
      align
        ? `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}>${align}</xf>`
        : `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}/>`,
    );
    this.ids.set(key, id);
    return id;
  }

  xml(): string {
    return [
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">',
      this.numFmts.length ? `<numFmts count="${this.numFmts.length}">${this.numFmts.join("")}</numFmts>` : "",
      `<fonts count="${this.fonts.length}">${this.fonts.join("")}</fonts>`,
      `<fills count="${this.fills.length}">${this.fills.join("")}</fills>`,
      '<borders count="2"><border><left/><right/><top/><bottom/><diagonal/></border><border><left style="thin"/><right style="thin"/><top style="thin"/><bottom style="thin"/><diagonal/></border></borders>',
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>',
      `<cellXfs count="${this.xfs.length}">${this.xfs.join("")}</cellXfs>`,
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>',
      "</styleSheet>",
    ].join("");
  }
}

/** Whitespace at either end (what /^\s|\s$/ finds), without a regular expression running over a long note. */
const edgeSpace = (t: string) => t.length > 0 && (/\s/.test(t[0]!) || /\s/.test(t[t.length - 1]!));

function cellXml(v: CellValue, r: number, c: number): string {
  const cell = v !== null && typeof v === "object" ? v : { v, s: 0 };
  const s = cell.s ? ` s="${cell.s}"` : "";
  const at = ref(r, c);
  if (cell.v === null || cell.v === undefined || cell.v === "") return cell.s ? `<c r="${at}"${s}/>` : "";
  if (typeof cell.v === "number") {
    return Number.isFinite(cell.v) ? `<c r="${at}"${s}><v>${cell.v}</v></c>` : `<c r="${at}"${s}/>`;
  }
  // Excel keeps at most 32,767 characters per cell: longer text is cut with a visible marker.
  const text = fitCell(String(cell.v));
  const space = edgeSpace(text) || text.includes("\n") ? ' xml:space="preserve"' : "";
  return `<c r="${at}"${s} t="inlineStr"><is><t${space}>${xmlEscape(text)}</t></is></c>`;
}

/** Rows' XML as written, by the object standing for their content (SheetSpec.rowKeys), with what else it depends on. */
const rowXmlOf = new WeakMap<object, { sig: string; bytes: Uint8Array }>();

function rowXml(row: CellValue[], r: number, ht: number | undefined): string {
  let cells = "";
  for (let c = 0; c < row.length; c++) cells += cellXml(row[c], r, c);
  return ht ? `<row r="${r + 1}" ht="${ht}" customHeight="1">${cells}</row>` : `<row r="${r + 1}">${cells}</row>`;
}

/** The style of each cell: with the position and height, what a row's XML depends on besides its content. */
const stylesOf = (row: CellValue[]) => row.map((v) => (v !== null && typeof v === "object" ? v.s : 0)).join(",");

function sheetXml(sheet: SheetSpec): Uint8Array<ArrayBuffer> {
  const parts: string[] = [
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>',
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  ];
  const f = sheet.freeze;
  if (f && (f.row > 0 || f.col > 0)) {
    const attrs = [f.col > 0 ? `xSplit="${f.col}"` : "", f.row > 0 ? `ySplit="${f.row}"` : ""].filter(Boolean).join(" ");
    const pane = f.row > 0 && f.col > 0 ? "bottomRight" : f.row > 0 ? "bottomLeft" : "topRight";
    parts.push(
      `<sheetViews><sheetView workbookViewId="0"><pane ${attrs} topLeftCell="${ref(f.row, f.col)}" activePane="${pane}" state="frozen"/></sheetView></sheetViews>`,
    );
  }
  if (sheet.widths?.length) {
    parts.push(
      `<cols>${sheet.widths.map((w, i) => `<col min="${i + 1}" max="${i + 1}" width="${Math.max(1, Math.min(255, w))}" customWidth="1"/>`).join("")}</cols>`,
    );
  }
  parts.push("<sheetData>");
  const pieces: Uint8Array[] = [strToU8(parts.join(""))];
  sheet.rows.forEach((row, r) => {
    const ht = sheet.heights?.[r];
    const key = sheet.rowKeys?.[r];
    if (!key) return void pieces.push(strToU8(rowXml(row, r, ht)));
    const sig = `${r}\u0000${ht ?? ""}\u0000${stylesOf(row)}`;
    let kept = rowXmlOf.get(key);
    if (!kept || kept.sig !== sig) rowXmlOf.set(key, (kept = { sig, bytes: strToU8(rowXml(row, r, ht)) }));
    pieces.push(kept.bytes);
  });
  const tail = ["</sheetData>"];
  if (sheet.merges?.length) {
    tail.push(`<mergeCells count="${sheet.merges.length}">${sheet.merges.map((m) => `<mergeCell ref="${m}"/>`).join("")}</mergeCells>`);
  }
  tail.push("</worksheet>");
  pieces.push(strToU8(tail.join("")));
  return concatBytes(pieces) as Uint8Array<ArrayBuffer>;
}

/** Sheet names: ≤ 31 chars, none of []:*?/\ , unique. */
function sheetNames(sheets: SheetSpec[]): string[] {
  const used = new Set<string>();
  return sheets.map((s, i) => {
    let n = s.name.replace(/[[\]:*?/\\]/g, " ").trim().slice(0, 31) || `Sheet${i + 1}`;
    while (used.has(n.toLowerCase())) n = `${n.slice(0, 28)}_${i + 1}`;
    used.add(n.toLowerCase());
    return n;
  });
}

/** The .xlsx bytes. `styles`: the table the cells' style indices refer to (only the presets 0–3 when not given). */
export function buildXlsx(sheets: SheetSpec[], styles: Styles = new Styles()): Promise<Uint8Array> {
  const names = sheetNames(sheets);
  const files: Record<string, Uint8Array<ArrayBuffer>> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>${sheets
        .map(
          (_, i) =>
            `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join("")}</Types>`,
    ),
    "_rels/.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${names
        .map((n, i) => `<sheet name="${xmlEscape(n)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
        .join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
        .map(
          (_, i) =>
            `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
        )
        .join("")}<Relationship Id="rId${sheets.length + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
    ),
  };
  sheets.forEach((s, i) => {
    files[`xl/worksheets/sheet${i + 1}.xml`] = sheetXml(s);
  });
  // Written last: the sheets may have added formats while being built.
  files["xl/styles.xml"] = strToU8(styles.xml());
  return zipDeflated(files);
}
