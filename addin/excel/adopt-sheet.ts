// Adopts an existing, already filled appendix table on the active sheet: finds the header row by its texts
// ("STT"/"TT", "Nội dung chỉ tiêu", "Đơn vị tính" for indicator forms; "TT", "Nội dung thực hiện", "Tiến độ thực hiện"
// for the task-progress form, as the department's own report prints it), maps columns to form fields and rows to the
// form's fixed rows (catalog indicators or plan tasks, by STT and name similarity) and returns the mapping for the
// user to confirm. Detect: 1 round trip; confirm: 2 (meta load, meta save). The sheet itself is not changed.
import type { FormDef, FormRow } from "../../shared/forms/types.js";
import { findIndicator } from "../../shared/catalog/index.js";
import { taskRows } from "../../shared/forms/progress.js";
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
  /** Fixed rows of the form (indicators or tasks) that no row matched. */
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

/** Input columns of the task-progress form, as the department's report and our sheet head them. */
const PROGRESS_FIELD_PATTERNS: [string, RegExp][] = [
  ["status", /^(tien do thuc hien|tien do|tinh trang|trang thai)/],
  ["result", /^(san pham ?\/ ?ket qua|san pham|ket qua)/],
  ["docNo", /^(so, ky hieu|so ky hieu|so van ban|van ban minh chung)/],
  ["docDate", /^(ngay ban hanh|ngay van ban)/],
  ["note", /^ghi chu/],
];

const isSttHead = (t: string) => t === "stt" || t === "tt";
const PROGRESS_NAME = /^(noi dung thuc hien|ten nhiem vu)/;

/** A fixed row of a form that a sheet row can be matched to. */
interface Candidate {
  item: string;
  /** STT spellings that identify the row ("42"; "iii.12" and "12" for tasks). */
  stts: string[];
  name: string;
}

function candidates(form: FormDef): Candidate[] {
  switch (form.kind) {
    case "indicators":
      return form.rows
        .filter((r): r is Extract<FormRow, { type: "indicator" }> => r.type === "indicator")
        .map((r) => ({ item: r.item, stts: [r.stt], name: r.name ?? findIndicator(r.indicatorKey)?.name ?? r.item }));
    case "progress":
      return taskRows(form).map((t) => ({ item: t.item, stts: [t.item.toLowerCase(), t.stt].filter(Boolean), name: t.name }));
    case "tasks":
      return []; // a task list's rows are the unit's own: nothing to match
  }
}

/** Pure detection over a grid of texts (exported for tests). */
export function detectTable(grid: string[][], forms: FormDef[], preferForm?: string): Omit<AdoptProposal, "sheetId" | "sheetName"> | null {
  const f = grid.map((row) => row.map((t) => fold(t ?? "")));
  let headerRow = -1;
  let progress = false;
  for (let r = 0; r < Math.min(f.length, 40); r++) {
    const row = f[r]!;
    if (!row.some(isSttHead)) continue;
    if (row.some((t) => t.startsWith("noi dung chi tieu")) && row.some((t) => t.startsWith("don vi tinh"))) {
      headerRow = r;
      break;
    }
    if (row.some((t) => PROGRESS_NAME.test(t)) && row.some((t) => t.startsWith("tien do"))) {
      headerRow = r;
      progress = true;
      break;
    }
  }
  if (headerRow < 0) return null;
  const head = f[headerRow]!;
  const next = f[headerRow + 1] ?? [];
  const ncols = Math.max(head.length, next.length);
  const fields: (string | null)[] = Array(ncols).fill(null);
  const sttCol = head.findIndex(isSttHead);
  const nameCol = head.findIndex((t) => (progress ? PROGRESS_NAME.test(t) : t.startsWith("noi dung chi tieu")));
  fields[sttCol] = "stt";
  fields[nameCol] = "name";
  if (!progress) fields[head.findIndex((t) => t.startsWith("don vi tinh"))] = "unit";
  const patterns = progress ? PROGRESS_FIELD_PATTERNS : FIELD_PATTERNS;
  for (let c = 0; c < ncols; c++) {
    if (fields[c]) continue;
    const texts = [head[c] ?? "", next[c] ?? ""].filter(Boolean);
    for (const t of texts) {
      const hit = patterns.find(([, re]) => re.test(t));
      if (hit && !fields.includes(hit[0])) {
        fields[c] = hit[0];
        break;
      }
    }
  }
  // Data starts at the first row after the header whose STT is a number ("12", "1.1", "III.12") or a heading
  // ("I", "Phụ lục III").
  let dataStart = headerRow + 1;
  while (dataStart < f.length && !/^(\d+(\.\d+)*[a-z]?|[ivx]+|(ii|iii|iv)\.\d+[a-z]?|phu luc [ivx]+)\.?$/.test(f[dataStart]![sttCol] ?? "")) dataStart++;

  const wideHeader = head.some((t) => t.startsWith("chi tieu") && t === "chi tieu") && next.some((t) => /^nam 20\d\d/.test(t));
  const formId =
    preferForm ??
    (progress
      ? (forms.find((x) => x.kind === "progress")?.id ?? "")
      : wideHeader || head.some((t) => t.startsWith("co quan"))
        ? "pl1-tinh"
        : grid.length > 60
          ? "pl1-tinh"
          : "pl1-xa");
  const form = forms.find((x) => x.id === formId);
  if (!form) return null;
  const fixed = candidates(form);

  const rows: AdoptRow[] = [];
  const used = new Set<string>();
  for (let r = dataStart; r < grid.length; r++) {
    const stt = (grid[r]![sttCol] ?? "").trim();
    const name = (grid[r]![nameCol] ?? "").trim();
    if (!name || /^([ivx]+|phu luc [ivx]+)\.?$/.test(f[r]![sttCol] ?? "")) continue;
    const sttKey = stt.replace(/\.$/, "").toLowerCase();
    let best: { item: string; name: string; score: number } | null = null;
    for (const cand of fixed) {
      if (used.has(cand.item)) continue;
      const score = similarity(name, cand.name) + (sttKey && cand.stts.includes(sttKey) ? 0.25 : 0);
      if (!best || score > best.score) best = { item: cand.item, name: cand.name, score };
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
    unmatched: fixed.filter((i) => !used.has(i.item)).map((i) => i.item),
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
