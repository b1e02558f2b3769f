// Adopts an existing, already filled appendix table on the active sheet: finds the header row by its texts
// ("STT"/"TT", "Nội dung chỉ tiêu", "Đơn vị tính"), maps columns to form fields and rows to catalog indicators
// (by STT and name similarity) and returns the mapping for the user to confirm. Detect: 1 round trip;
// confirm: 2 (meta load, meta save). The sheet itself is not changed.
import type { FormDef, FormRow } from "../../shared/forms/types.js";
import { findIndicator } from "../../shared/catalog/index.js";
import { foldVi } from "../../shared/values/index.js";
import type { ExcelHost } from "./host.js";
import { rawOf } from "./layout.js";
import type { Cell } from "../../shared/schemas/index.js";
import { baseOf, queueMetaLoad, queueMetaSave, readMetaIndex, type SheetMeta } from "./meta.js";

export interface AdoptRow {
  row: number;
  stt: string;
  name: string;
  item: string | null;
  indicatorName: string | null;
  score: number;
  /** What the sheet holds in the mapped input columns of this row (field → text). */
  values: Record<string, string>;
}

export interface AdoptProposal {
  sheetId: string;
  sheetName: string;
  form: string;
  headerRow: number;
  dataStart: number;
  /** Field per column (0-based). */
  fields: (string | null)[];
  rows: AdoptRow[];
  /** Indicators of the form that no row matched. */
  unmatched: string[];
}

const fold = (s: string) => foldVi(s).toLowerCase().replace(/\s+/g, " ").trim();

function words(s: string): Set<string> {
  return new Set(fold(s).split(/[^a-z0-9%]+/).filter((w) => w.length > 1));
}

/** Dice coefficient over word sets (0..1). */
export function similarity(a: string, b: string): number {
  const A = words(a);
  const B = words(b);
  if (!A.size || !B.size) return 0;
  let inter = 0;
  for (const w of A) if (B.has(w)) inter++;
  return (2 * inter) / (A.size + B.size);
}

const FIELD_PATTERNS: [string, RegExp][] = [
  ["actual", /^(thuc hien|ket qua thuc hien|ket qua)( ky bao cao| nam \d{4}| 6 thang.*)?$/],
  ["projected", /^(uoc thuc hien|uoc th|du kien|uoc)/],
  ["note", /^ghi chu/],
];

/** Pure detection over a grid of texts (exported for tests). */
export function detectTable(grid: string[][], forms: FormDef[], preferForm?: string): Omit<AdoptProposal, "sheetId" | "sheetName"> | null {
  const f = grid.map((row) => row.map((t) => fold(t ?? "")));
  let headerRow = -1;
  for (let r = 0; r < Math.min(f.length, 40); r++) {
    const row = f[r]!;
    if (row.some((t) => t === "stt" || t === "tt") && row.some((t) => t.startsWith("noi dung chi tieu")) && row.some((t) => t.startsWith("don vi tinh"))) {
      headerRow = r;
      break;
    }
  }
  if (headerRow < 0) return null;
  const head = f[headerRow]!;
  const next = f[headerRow + 1] ?? [];
  const ncols = Math.max(head.length, next.length);
  const fields: (string | null)[] = Array(ncols).fill(null);
  const sttCol = head.findIndex((t) => t === "stt" || t === "tt");
  const nameCol = head.findIndex((t) => t.startsWith("noi dung chi tieu"));
  const unitCol = head.findIndex((t) => t.startsWith("don vi tinh"));
  fields[sttCol] = "stt";
  fields[nameCol] = "name";
  fields[unitCol] = "unit";
  for (let c = 0; c < ncols; c++) {
    if (fields[c]) continue;
    const texts = [head[c] ?? "", next[c] ?? ""].filter(Boolean);
    for (const t of texts) {
      const hit = FIELD_PATTERNS.find(([, re]) => re.test(t));
      if (hit && !fields.includes(hit[0])) {
        fields[c] = hit[0];
        break;
      }
    }
  }
  // Data starts at the first row after the header whose STT is a number or a Roman group.
  let dataStart = headerRow + 1;
  while (dataStart < f.length && !/^(\d+|[ivx]+)\.?$/.test(f[dataStart]![sttCol] ?? "")) dataStart++;

  const wideHeader = head.some((t) => t.startsWith("chi tieu") && t === "chi tieu") && next.some((t) => /^nam 20\d\d/.test(t));
  const formId =
    preferForm ?? (wideHeader || head.some((t) => t.startsWith("co quan")) ? "pl1-tinh" : grid.length > 60 ? "pl1-tinh" : "pl1-xa");
  const form = forms.find((x) => x.id === formId);
  if (!form) return null;
  const indicators = form.rows.filter((r): r is Extract<FormRow, { type: "indicator" }> => r.type === "indicator");
  const nameOf = (r: Extract<FormRow, { type: "indicator" }>) => r.name ?? findIndicator(r.indicatorKey)?.name ?? r.item;

  const rows: AdoptRow[] = [];
  const used = new Set<string>();
  for (let r = dataStart; r < grid.length; r++) {
    const stt = (grid[r]![sttCol] ?? "").trim();
    const name = (grid[r]![nameCol] ?? "").trim();
    if (!name || /^[ivx]+\.?$/i.test(stt)) continue;
    let best: { item: string; name: string; score: number } | null = null;
    for (const ind of indicators) {
      if (used.has(ind.item)) continue;
      const n = nameOf(ind);
      const score = similarity(name, n) + (stt && stt.replace(/\.$/, "") === ind.stt ? 0.25 : 0);
      if (!best || score > best.score) best = { item: ind.item, name: n, score };
    }
    const ok = best && best.score >= 0.45;
    if (ok) used.add(best!.item);
    const values: Record<string, string> = {};
    fields.forEach((f, c) => {
      if (f && form.columns.find((x) => x.id === f)?.role === "input") values[f] = (grid[r]![c] ?? "").trim();
    });
    rows.push({ row: r, stt, name, item: ok ? best!.item : null, indicatorName: ok ? best!.name : null, score: Math.round((best?.score ?? 0) * 100) / 100, values });
  }
  return {
    form: form.id,
    headerRow,
    dataStart,
    fields,
    rows,
    unmatched: indicators.filter((i) => !used.has(i.item)).map((i) => i.item),
  };
}

/** Looks at the active sheet and proposes a mapping. 1 round trip. */
export async function detectAdoption(host: ExcelHost, forms: FormDef[], preferForm?: string): Promise<AdoptProposal | null> {
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getActiveWorksheet();
    sheet.load("id,name");
    const used = sheet.getUsedRange(true);
    used.load("rowIndex,columnIndex,values,text");
    await context.sync(); // 1
    // Normalise to a grid anchored at A1 so row/column numbers are sheet coordinates.
    const grid: string[][] = Array.from({ length: used.rowIndex }, () => []);
    const texts = used.text;
    used.values.forEach((row, i) => {
      const line = texts[i] ?? [];
      grid.push([...Array(used.columnIndex).fill(""), ...row.map((v, j) => rawOf(v, line[j]))]);
    });
    const found = detectTable(grid, forms, preferForm);
    return found ? { ...found, sheetId: sheet.id, sheetName: sheet.name } : null;
  });
}

/** "item|field" of the mapped cells that are blank on the sheet while the server has a value for them. */
export function keepBlankOf(proposal: AdoptProposal, serverCells: Cell[]): string[] {
  const server = baseOf(serverCells);
  const out: string[] = [];
  for (const r of proposal.rows) {
    if (!r.item) continue;
    for (const [field, raw] of Object.entries(r.values)) if (!raw && server[`${r.item}|${field}`]) out.push(`${r.item}|${field}`);
  }
  return out;
}

/**
 * Saves the confirmed mapping into the sheet's meta. 2 round trips. `server` is what the server has for this unit, form
 * and period (its cells and revision): it becomes the sheet's base, so a legacy sheet that shows fewer rows than the
 * server holds never deletes the others when it is pushed.
 */
export async function confirmAdoption(
  host: ExcelHost,
  proposal: AdoptProposal,
  period: string,
  server?: { cells: Cell[]; revision: number; unit?: string },
): Promise<SheetMeta> {
  return host.run(async (context) => {
    const setting = queueMetaLoad(context);
    await context.sync(); // 1
    const index = readMetaIndex(setting);
    const rowItems: Record<string, string> = {};
    for (const r of proposal.rows) if (r.item) rowItems[String(r.row)] = r.item;
    const meta: SheetMeta = {
      kind: "entry",
      form: proposal.form,
      period,
      baseRevision: server ? server.revision : null,
      lastReceipt: null,
      fields: proposal.fields,
      dataStart: proposal.dataStart,
      idCol: null,
      rowItems,
      protected: false,
      marks: [],
      base: baseOf(server?.cells ?? []),
      // Cells the legacy sheet had blank where the server has a value: not something the clerk cleared.
      keepBlank: keepBlankOf(proposal, server?.cells ?? []),
      ...(server?.unit ? { unit: server.unit } : {}),
    };
    index[proposal.sheetId] = meta;
    queueMetaSave(context, index);
    await context.sync(); // 2
    return meta;
  });
}
