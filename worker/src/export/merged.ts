// The merged exports (JSON, CSV, .xlsx) of one form and period, written as the merge reads its pages (merge.ts
// mergeIndicators), so the cells of a large table never sit in memory all at once: each page's merged rows become
// UTF-8 (JSON) or table rows (CSV, .xlsx) and are dropped before the next page is read. The bytes are the same as
// writing the whole merged table (test/worker/export-pages.test.ts). Task forms are small and are built whole.
import { doubtNotes, indicatorLayout, summaryRows, type IndicatorLayout } from "../../../shared/report/layout.js";
import type { FormDef } from "../../../shared/forms/types.js";
import { formInfo } from "../formsinfo.js";
import { concatBytes } from "../bytes.js";
import { deepFreeze } from "../merge-rows.js";
import { buildMerged, mergeIndicators, openIndicatorMerge, type MergedRowExt, type MergeOptions } from "../merge.js";
import { MAX_KEPT_BYTES, Streamed, type Body } from "./cache.js";
import { csvWriter, toCsv, type CsvSeparator } from "./csv.js";
import { layout } from "./layout.js";
import type { Table, TableRow } from "./table.js";
import { fitCell, MAX_CELL_CHARS } from "../../../shared/report/table.js";
import { toXlsx } from "./xlsx.js";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const J = JSON.stringify;

const kept = (r: object) => Object.isFrozen(r);

/**
 * What each kept row (../merge-rows.ts: frozen, shared by every export until its cells change) becomes in a file, made
 * once per row and `key` (the layout, the separator): after a push that changes one row, an export writes one row and
 * copies the others' bytes. Only kept rows are remembered (a row of a table too large to keep is written and dropped),
 * and only as long as the row is kept.
 */
function madeOnce<R extends object, V>() {
  const made = new WeakMap<R, Map<string, V>>();
  return (r: R, key: string, make: () => V): V => {
    const found = made.get(r)?.get(key);
    if (found !== undefined) return found;
    const v = make();
    if (kept(r)) {
      let byKey = made.get(r);
      if (!byKey) made.set(r, (byKey = new Map()));
      byKey.set(key, v);
    }
    return v;
  };
}

const rowJson = madeOnce<MergedRowExt, Uint8Array>();
const rowLayout = madeOnce<MergedRowExt, TableRow[]>();
const rowCsv = madeOnce<MergedRowExt, Uint8Array>();
const rowFitted = madeOnce<TableRow, TableRow>();

const jsonOf = (r: MergedRowExt) => rowJson(r, "", () => encoder.encode(J(r)));

const COMMA = encoder.encode(",");

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
      const pieces: Uint8Array[] = [];
      for (const r of rows) {
        if (!first) pieces.push(COMMA);
        first = false;
        pieces.push(jsonOf(r));
      }
      return concatBytes(pieces);
    }
    state = "done";
    return encoder.encode(`],"summary":${J(m.summary())},"interim":${J(m.head.interim)},"activeCommunes":${J(m.head.activeCommunes)}}`);
  };
  if (m.estimatedBytes > keepAtMost) return new Streamed(pull);
  const out: Uint8Array[] = [];
  for (let p = await pull(); p; p = await pull()) out.push(p);
  return out;
}

/** One merged row's table rows in a layout; `key` names the layout. A kept row's are frozen too (export/xlsx.ts). */
const laidOut = (parts: IndicatorLayout, key: string, r: MergedRowExt): TableRow[] =>
  rowLayout(r, key, () => {
    const rows = parts.rowsOf([r]);
    return kept(r) ? deepFreeze(rows) : rows;
  });

/**
 * The merged table laid out a page of rows at a time: `begin` gets the frame (title, header, widths) and the layout's
 * name, `rows` each page's merged rows with a function giving a row's table rows. Returns the rows that go before
 * them (the summary) and after them (the doubt notes).
 */
async function layoutByPage(
  db: D1Database,
  form: FormDef,
  period: string,
  opts: MergeOptions,
  sink: { begin(frame: Omit<Table, "rows">, key: string): void; rows(rows: MergedRowExt[], lay: (r: MergedRowExt) => TableRow[]): void },
): Promise<{ frame: Omit<Table, "rows">; before: TableRow[]; after: TableRow[] }> {
  let parts: IndicatorLayout | undefined;
  let key = "";
  const doubtful: { stt: string; name: string; targetDoubt?: string }[] = [];
  const lay = (r: MergedRowExt) => laidOut(parts!, key, r);
  const { summary } = await mergeIndicators(db, form, period, opts, {
    begin: (h) => {
      parts = indicatorLayout(form, { period, generatedAt: h.generatedAt, units: h.units });
      // A row's table rows depend on the form and, on Phụ lục 1 (a column per commune), on the units.
      key = `${form.id}\u0000${h.units.map((u) => u.code).join("\u0000")}`;
      sink.begin(parts.frame, key);
    },
    rows: (rows) => {
      sink.rows(rows, lay);
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
    rows: (rows, lay) => {
      for (const r of rows) for (const t of lay(r)) body.push(keep(t));
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
  let key = "";
  const body: Uint8Array[] = [];
  const linesOf = (r: MergedRowExt, lay: (r: MergedRowExt) => TableRow[]) => rowCsv(r, key, () => encoder.encode(csv!.rows(lay(r))));
  const { before, after } = await layoutByPage(db, form, period, opts, {
    begin: (frame, layoutKey) => {
      csv = csvWriter(frame, sep);
      key = `${sep}\u0000${layoutKey}`;
    },
    rows: (rows, lay) => void body.push(concatBytes(rows.map((r) => linesOf(r, lay)))),
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

/** A table row with its texts as the .xlsx writer will write them; a frozen row's copy is made once and frozen too. */
export const fittedRow = (r: TableRow): TableRow =>
  rowFitted(r, "", () => {
    const copy: TableRow = {
      ...r,
      cells: r.cells.map((c) => (typeof c === "string" ? fitted(c) : c !== null && typeof c === "object" && typeof c.v === "string" ? { ...c, v: fitted(c.v) } : c)),
    };
    return kept(r) ? deepFreeze(copy) : copy;
  });

export async function mergedXlsx(db: D1Database, formId: string, period: string, opts: MergeOptions = {}): Promise<Uint8Array> {
  return toXlsx([await mergedTable(db, formId, period, opts, fittedRow)]);
}
