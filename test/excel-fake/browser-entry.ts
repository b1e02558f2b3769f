// Bundled (esbuild, IIFE) in place of office.js for e2e: installs window.Office / Excel / CustomFunctions
// backed by an in-memory workbook, plus window.__fakeExcel for the test to type, read and inspect, and a
// read-only grid view of the active sheet to the right of the pane (for screenshots).
import { cellAddress, colLetters, parseAddress } from "../../addin/excel/a1.js";
import { FakeDoc, displayText } from "./doc.js";
import { fakeRun } from "./index.js";
import type { FakeContext } from "./proxies.js";
import { createCustomFunctions } from "./custom-functions.js";

declare global {
  interface Window {
    __fakeExcel: ReturnType<typeof makeApi>;
    /** Set by a page's test or bench before this script runs: told about every CustomFunctions.associate. */
    __onAssociate?: (id: string, fn: (...a: unknown[]) => unknown) => void;
  }
}

const params = new URLSearchParams(location.search);
const doc = new FakeDoc({ sheets: ["Sheet1"], displayLanguage: params.get("lang") ?? "vi-VN" });
const customFunctions = createCustomFunctions((id, fn) => window.__onAssociate?.(id, fn));
const functions = customFunctions.registry;

function makeApi() {
  return {
    doc,
    /** The user types into a cell (fires onChanged). */
    setCell: (sheet: string, address: string, text: string) => doc.userType(sheet, address, text),
    paste: (sheet: string, address: string, rows: string[][]) => doc.userPaste(sheet, address, rows),
    text: (sheet: string, address: string) => doc.text(sheet, address),
    fill: (sheet: string, address: string) => doc.cellAt(sheet, address)?.fill ?? null,
    note: (sheet: string, address: string) => doc.sheet(sheet).notes.get(address) ?? null,
    find: (sheet: string, text: string, exact = true) => doc.find(sheet, text, exact),
    dump: (sheet: string) => doc.dump(sheet),
    sheets: () => doc.sheets.map((s) => s.name),
    activeSheet: () => doc.activeSheet().name,
    selection: () => doc.selection,
    charts: () => doc.charts.map((c) => ({ type: c.type, source: c.source, props: c.props })),
    syncCount: () => doc.syncCount,
    settle: () => doc.settle(),
    functions: () => [...functions.keys()],
    /** Calls a registered custom function as Excel does: { value } or { error, message }. */
    invoke: (id: string, args: unknown[]) => customFunctions.invoke(id, args),
    /** Calls a registered custom function as Excel would (CT.TARGETTEXT("5G";2035) → call("TARGETTEXT", "5G", 2035)). */
    call: async (name: string, ...args: unknown[]) => {
      const fn = functions.get(name);
      if (!fn) throw new Error(`no function ${name}`);
      try {
        return await fn(...args);
      } catch (e) {
        return `#ERR ${e instanceof Error ? e.message : String(e)}`;
      }
    },
    notes: (sheet: string) => Object.fromEntries(doc.sheet(sheet).notes),
    addressOf: (a: string) => parseAddress(a).rect,
  };
}

const info = { host: "Excel", platform: "PC" };
const office = {
  HostType: { Excel: "Excel" },
  PlatformType: { PC: "PC" },
  onReady: (cb?: (i: typeof info) => void) => {
    cb?.(info);
    return Promise.resolve(info);
  },
  initialize: undefined as unknown,
  context: {
    displayLanguage: doc.displayLanguage,
    contentLanguage: doc.displayLanguage,
    partitionKey: undefined,
    requirements: { isSetSupported: () => true },
    document: { settings: { get: () => null, set: () => undefined, saveAsync: (cb?: () => void) => cb?.() } },
  },
  actions: { associate: () => undefined },
  addin: { showAsTaskpane: () => Promise.resolve(), hide: () => Promise.resolve() },
};
const excel = {
  run: (a: unknown, b?: unknown) =>
    typeof a === "function"
      ? fakeRun(doc, a as (c: Excel.RequestContext) => Promise<unknown>)
      : fakeRun(doc, b as (c: Excel.RequestContext) => Promise<unknown>, a as FakeContext),
};

const w = window as unknown as Record<string, unknown>;
w.Office = office;
w.Excel = excel;
w.CustomFunctions = customFunctions;
w.OfficeRuntime = { storage: { getItem: async (k: string) => localStorage.getItem(k), setItem: async (k: string, v: string) => localStorage.setItem(k, v) } };
window.__fakeExcel = makeApi();

// ---- a read-only view of the active sheet, for screenshots ----
// Shows what Excel would: merged cells, column widths (points → pixels), wrapped text, formula results, fonts, fills,
// alignment, frozen panes (sticky, with the split line Excel draws), hidden rows and columns, notes, the selection, and a
// box per chart under the grid.
const esc = (t: string) => t.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/"/g, "&quot;");
let lastPaint = "";
function renderGrid(): void {
  let panel = document.getElementById("__fake-grid");
  if (!panel) {
    if (!document.body) return;
    const style = document.createElement("style");
    style.textContent =
      "#root{width:380px;border-right:1px solid #ccc;min-height:100vh} #__fake-grid{position:fixed;left:392px;top:0;right:0;bottom:0;overflow:auto;font:11px Calibri,Arial,sans-serif;background:#fff}" +
      "#__fake-grid table{border-collapse:separate;border-spacing:0;table-layout:fixed} #__fake-grid td{border-right:1px solid #d4d4d4;border-bottom:1px solid #d4d4d4;padding:1px 3px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;height:16px;background:#fff;vertical-align:bottom}" +
      "#__fake-grid td.wrap{white-space:normal;word-break:break-word} #__fake-grid td.hdr{background:#f3f3f3;color:#666;text-align:center}" +
      "#__fake-grid td.fr{position:sticky;z-index:2} #__fake-grid td.fb{border-bottom:2px solid #8a8a8a} #__fake-grid td.fc{border-right:2px solid #8a8a8a}" +
      "#__fake-grid .tabs{position:sticky;top:0;z-index:5;background:#fff;padding:2px 0} #__fake-grid .tabs span{display:inline-block;padding:3px 8px;border:1px solid #ccc;margin-right:2px} #__fake-grid .tabs .on{background:#217346;color:#fff}" +
      "#__fake-grid .chart{margin:8px;padding:8px;border:1px solid #999;display:inline-block;background:#fafafa}" +
      "#__fake-grid .notes{position:sticky;top:24px;z-index:6;background:#fff8c5;border:1px solid #d4b106;margin:2px 0;padding:2px 6px;max-height:90px;overflow:auto} #__fake-grid .note{white-space:pre-wrap}";
    document.head.appendChild(style);
    panel = document.createElement("div");
    panel.id = "__fake-grid";
    document.body.appendChild(panel);
  }
  const sheet = doc.activeSheet();
  const box = doc.usedRect(sheet, false);
  const sel = doc.selection;
  const maxR = Math.min(box?.r1 ?? 0, 80);
  const maxC = Math.min(box?.c1 ?? 0, 40);
  const px = (pt: number) => Math.round((pt * 4) / 3);
  const cols = Array.from({ length: maxC + 1 }, (_, c) => c).filter((c) => !sheet.hiddenCols.has(c));
  const width = (c: number) => px(sheet.colWidths.get(c) ?? 48);
  const frozenRows = sheet.freeze.rows;
  const frozenCols = sheet.freeze.cols;
  // Left offsets of frozen columns and top offsets of frozen rows (approximate row height 20 px).
  const left = new Map<number, number>();
  let x = 28;
  for (const c of cols) {
    left.set(c, x);
    x += width(c);
  }
  const covered = new Set<string>();
  const span = new Map<string, { rows: number; cols: number }>();
  for (const m of sheet.merges) {
    const visibleCols = cols.filter((c) => c >= m.c0 && c <= m.c1).length;
    span.set(`${m.r0},${m.c0}`, { rows: m.r1 - m.r0 + 1, cols: visibleCols });
    for (let r = m.r0; r <= m.r1; r++) for (let c = m.c0; c <= m.c1; c++) if (r !== m.r0 || c !== m.c0) covered.add(`${r},${c}`);
  }
  const rows: string[] = [];
  const colgroup = `<colgroup><col style="width:28px">${cols.map((c) => `<col style="width:${width(c)}px">`).join("")}</colgroup>`;
  rows.push(`<tr>${["", ...cols.map((c) => colLetters(c))].map((t) => `<td class="hdr fr" style="top:0">${t}</td>`).join("")}</tr>`);
  for (let r = 0; r <= maxR; r++) {
    if (sheet.hiddenRows.has(r)) continue;
    const frozenRow = r < frozenRows;
    const top = 20 + r * 20;
    const tds: string[] = [`<td class="hdr${frozenRow ? " fr" : ""}${r === frozenRows - 1 ? " fb" : ""}" style="${frozenRow ? `top:${top}px;` : ""}left:0;position:sticky;z-index:3">${r + 1}</td>`];
    for (const c of cols) {
      if (covered.has(`${r},${c}`)) continue;
      const cell = doc.cell(sheet, r, c);
      const sp = span.get(`${r},${c}`);
      const selected = sel && sel.sheetId === sheet.id && sel.rect.r0 === r && sel.rect.c0 === c;
      const frozenCol = c < frozenCols;
      const cls = [cell?.wrap ? "wrap" : "", frozenRow || frozenCol ? "fr" : "", r === frozenRows - 1 ? "fb" : "", c === frozenCols - 1 ? "fc" : ""].filter(Boolean).join(" ");
      const style = [
        cell?.fill ? `background:${cell.fill}` : "",
        cell?.bold ? "font-weight:bold" : "",
        cell?.italic ? "font-style:italic" : "",
        cell?.fontSize ? `font-size:${Math.round((cell.fontSize * 4) / 3)}px` : "",
        cell?.hAlign ? `text-align:${cell.hAlign.toLowerCase().replace("centeracrossselection", "center")}` : typeof cell?.value === "number" ? "text-align:right" : "",
        cell?.vAlign === "Center" ? "vertical-align:middle" : cell?.vAlign === "Top" ? "vertical-align:top" : "",
        frozenRow ? `top:${top}px` : "",
        frozenCol ? `left:${left.get(c)}px` : "",
        frozenRow && frozenCol ? "z-index:4" : "",
        selected ? "outline:2px solid #217346;outline-offset:-2px" : "",
        sheet.notes.has(cellAddress(r, c)) ? "box-shadow:inset -6px 6px 0 -3px #c00" : "",
      ]
        .filter(Boolean)
        .join(";");
      // A table's header cells show their filter button, as Excel does.
      const filter = doc.tables.some((tb) => tb.sheetId === sheet.id && tb.showFilterButton !== false && tb.rect.r0 === r && c >= tb.rect.c0 && c <= tb.rect.c1);
      const label = esc(displayText(cell));
      const t = label + (filter ? ' <span style="float:right;border:1px solid #999;padding:0 2px;font-size:9px">▾</span>' : "");
      const spanAttr = sp ? ` rowspan="${sp.rows}" colspan="${Math.max(1, sp.cols)}"` : "";
      tds.push(`<td class="${cls}" style="${style}"${spanAttr} title="${label}">${t}</td>`);
    }
    rows.push(`<tr>${tds.join("")}</tr>`);
  }
  const tabs = doc.sheets.map((s) => `<span class="${s.id === sheet.id ? "on" : ""}">${esc(s.name)}</span>`).join("");
  const charts = doc.charts
    .filter((c) => c.sheetId === sheet.id)
    .map((c) => `<div class="chart">📊 ${esc(String(c.props["title.text"] ?? c.type))} — ${esc(c.source)}</div>`)
    .join("");
  // Fixed layout at the sum of the column widths, as Excel draws it (never squeezed to the panel).
  // Notes of the sheet, as Excel shows them when hovering (here listed under the grid, for screenshots).
  const notes = [...sheet.notes]
    .map(([a, text]) => `<div class="note"><b>${esc(a)}</b>: ${esc(text)}</div>`)
    .join("");
  const html = `<div class="tabs">${tabs}</div>${notes ? `<div class="notes">${notes}</div>` : ""}<table style="width:${x}px">${colgroup}${rows.join("")}</table>${charts}`;
  if (html === lastPaint) return;
  lastPaint = html;
  panel.innerHTML = html;
}
setInterval(renderGrid, 250);
