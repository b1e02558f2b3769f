// The merged exports (JSON, CSV, .xlsx) of one form and period, written as the merge reads its pages (merge.ts
// mergeIndicators), so the cells of a large table never sit in memory all at once: each page's merged rows become
// UTF-8 (JSON) or table rows (CSV, .xlsx) and are dropped before the next page is read. The bytes are the same as
// writing the whole merged table (test/worker/export-pages.test.ts). Task forms are small and are built whole.
import { doubtNotes, indicatorLayout, summaryRows, type IndicatorLayout } from "../../../shared/report/layout.js";
import type { FormDef } from "../../../shared/forms/types.js";
import { formInfo } from "../formsinfo.js";
import { buildMerged, mergeIndicators, openIndicatorMerge, type MergeOptions } from "../merge.js";
import { MAX_KEPT_BYTES, Streamed, type Body } from "./cache.js";
import { csvWriter, toCsv, type CsvSeparator } from "./csv.js";
import { layout } from "./layout.js";
import type { Table, TableRow } from "./table.js";
import { fitCell, MAX_CELL_CHARS } from "../../../shared/report/table.js";
import { toXlsx } from "./xlsx.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const J = JSON.stringify;

/**
 * GET /api/merged: the merged table as JSON, the bytes JSON.stringify(table) gives, written a page of rows at a time.
 * A table too large to keep in memory (thousands of units: tens of MB) is not collected at all: it is streamed, each
 * page merged as the response asks for more.
 */
export async function mergedJson(db: D1Database, formId: string, period: string, opts: MergeOptions = {}, keepAtMost = MAX_KEPT_BYTES): Promise<Body> {
  const form = formInfo(formId).form;
  if (form.kind !== "indicators") return J((await buildMerged(db, formId, period, opts)).table);
  const m = await openIndicatorMerge(db, form, period, opts);
  // The keys in the order buildMerged's table has them: form, period, generatedAt, units, rows, summary, interim, activeCommunes.
  let state: "head" | "rows" | "done" = "head";
  let first = true;
  const pull = async (): Promise<Uint8Array | null> => {
    if (state === "head") {
      state = "rows";
      return encoder.encode(`{"form":${J(formId)},"period":${J(period)},"generatedAt":${J(m.head.generatedAt)},"units":${J(m.head.units)},"rows":[`);
    }
    if (state === "done") return null;
    for (let rows = await m.next(); rows; rows = await m.next()) {
      if (rows.length === 0) continue;
      const piece = `${first ? "" : ","}${rows.map((r) => J(r)).join(",")}`;
      first = false;
      return encoder.encode(piece);
    }
    state = "done";
    return encoder.encode(`],"summary":${J(m.summary())},"interim":${J(m.head.interim)},"activeCommunes":${J(m.head.activeCommunes)}}`);
  };
  if (m.estimatedBytes > keepAtMost) return new Streamed(pull);
  const out: Uint8Array[] = [];
  for (let p = await pull(); p; p = await pull()) out.push(p);
  return out;
}

/**
 * The merged table laid out a page of rows at a time: `begin` gets the frame (title, header, widths), `rows` each
 * page's table rows in order. Returns the rows that go before them (the summary) and after them (the doubt notes).
 */
async function layoutByPage(
  db: D1Database,
  form: FormDef,
  period: string,
  opts: MergeOptions,
  sink: { begin(frame: Omit<Table, "rows">): void; rows(rows: TableRow[]): void },
): Promise<{ frame: Omit<Table, "rows">; before: TableRow[]; after: TableRow[] }> {
  let parts: IndicatorLayout | undefined;
  const doubtful: { stt: string; name: string; targetDoubt?: string }[] = [];
  const { summary } = await mergeIndicators(db, form, period, opts, {
    begin: (h) => {
      parts = indicatorLayout(form, { period, generatedAt: h.generatedAt, units: h.units });
      sink.begin(parts.frame);
    },
    rows: (rows) => {
      sink.rows(parts!.rowsOf(rows));
      for (const r of rows) if (r.targetDoubt) doubtful.push({ stt: r.stt, name: r.name, targetDoubt: r.targetDoubt });
    },
  });
  return { frame: parts!.frame, before: summaryRows(summary), after: doubtNotes(doubtful) };
}

/**
 * The merged table in its appendix layout (what layout(buildMerged(…)) gives), laid out a page of rows at a time;
 * `keep` may shrink each row before it is kept until the end.
 */
export async function mergedTable(db: D1Database, formId: string, period: string, opts: MergeOptions = {}, keep = (r: TableRow) => r): Promise<Table> {
  const form: FormDef = formInfo(formId).form;
  if (form.kind !== "indicators") return layout(await buildMerged(db, formId, period, opts));
  const body: TableRow[] = [];
  const { frame, before, after } = await layoutByPage(db, form, period, opts, {
    begin: () => undefined,
    rows: (rows) => {
      for (const r of rows) body.push(keep(r));
    },
  });
  return { ...frame, rows: [...before, ...body, ...after] };
}

/**
 * The CSV, its rows encoded a page at a time: the table's rows are not kept (at 3,200 units the notes alone are ~45 MB
 * as JavaScript strings), only the UTF-8 of the lines. The summary comes first in the file, so it is written last.
 */
export async function mergedCsv(db: D1Database, formId: string, period: string, sep: CsvSeparator, opts: MergeOptions = {}): Promise<Body> {
  const form: FormDef = formInfo(formId).form;
  if (form.kind !== "indicators") return toCsv(layout(await buildMerged(db, formId, period, opts)), { sep });
  let csv: ReturnType<typeof csvWriter> | undefined;
  const body: Uint8Array[] = [];
  const { before, after } = await layoutByPage(db, form, period, opts, {
    begin: (frame) => (csv = csvWriter(frame, sep)),
    rows: (rows) => void body.push(encoder.encode(csv!.rows(rows))),
  });
  return [encoder.encode(csv!.start(before)), ...body, encoder.encode(csv!.rows(after))];
}

/**
 * A text as the .xlsx writer will write it (cut at Excel's 32,767 characters), as its own copy: a cut JavaScript string
 * can keep the whole one alive, and the 3,200-unit table's notes are ~45 MB of those. Row heights do not change: a
 * cell that long already takes the highest row Excel allows.
 */
function fitted(s: string): string {
  return s.length <= MAX_CELL_CHARS ? s : decoder.decode(encoder.encode(fitCell(s)));
}

export const fittedRow = (r: TableRow): TableRow => ({
  ...r,
  cells: r.cells.map((c) => (typeof c === "string" ? fitted(c) : c !== null && typeof c === "object" && typeof c.v === "string" ? { ...c, v: fitted(c.v) } : c)),
});

export async function mergedXlsx(db: D1Database, formId: string, period: string, opts: MergeOptions = {}): Promise<Uint8Array> {
  return toXlsx([await mergedTable(db, formId, period, opts, fittedRow)]);
}
