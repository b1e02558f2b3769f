// Bundled (esbuild, IIFE) in place of office.js for e2e: installs window.Office / Excel / CustomFunctions
// backed by an in-memory workbook, plus window.__fakeExcel for the test to type, read and inspect, and a
// read-only grid view of the active sheet to the right of the pane (for screenshots).
import { parseAddress } from "../a1.js";
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
function renderGrid(): void {
  let panel = document.getElementById("__fake-grid");
  if (!panel) {
    if (!document.body) return;
    const style = document.createElement("style");
    style.textContent =
      "#root{width:380px;border-right:1px solid #ccc;min-height:100vh} #__fake-grid{position:fixed;left:392px;top:0;right:0;bottom:0;overflow:auto;font:11px Calibri,Arial,sans-serif;background:#fff}" +
      "#__fake-grid table{border-collapse:collapse} #__fake-grid td{border:1px solid #d4d4d4;padding:1px 3px;max-width:220px;overflow:hidden;white-space:nowrap;text-overflow:ellipsis;height:16px}" +
      "#__fake-grid .tabs span{display:inline-block;padding:3px 8px;border:1px solid #ccc;margin-right:2px} #__fake-grid .tabs .on{background:#217346;color:#fff}";
    document.head.appendChild(style);
    panel = document.createElement("div");
    panel.id = "__fake-grid";
    document.body.appendChild(panel);
  }
  const sheet = doc.activeSheet();
  const box = doc.usedRect(sheet, true);
  const sel = doc.selection;
  const rows: string[] = [];
  const maxR = Math.min(box?.r1 ?? 0, 60);
  const maxC = Math.min(box?.c1 ?? 0, 13);
  for (let r = 0; r <= maxR; r++) {
    const tds: string[] = [`<td style="background:#f3f3f3;color:#666">${r + 1}</td>`];
    for (let c = 0; c <= maxC; c++) {
      if (sheet.hiddenCols.has(c)) continue;
      const cell = doc.cell(sheet, r, c);
      const selected = sel && sel.sheetId === sheet.id && sel.rect.r0 === r && sel.rect.c0 === c;
      const style = [
        cell?.fill ? `background:${cell.fill}` : "",
        cell?.bold ? "font-weight:bold" : "",
        selected ? "outline:2px solid #217346" : "",
        sheet.notes.has(`${String.fromCharCode(65 + c)}${r + 1}`) ? "box-shadow:inset -6px 6px 0 -3px #c00" : "",
      ].join(";");
      const t = displayText(cell).replace(/&/g, "&amp;").replace(/</g, "&lt;");
      tds.push(`<td style="${style}" title="${t}">${t}</td>`);
    }
    rows.push(`<tr>${tds.join("")}</tr>`);
  }
  const tabs = doc.sheets.map((s) => `<span class="${s.id === sheet.id ? "on" : ""}">${s.name}</span>`).join("");
  panel.innerHTML = `<div class="tabs">${tabs}</div><table>${rows.join("")}</table>`;
}
setInterval(renderGrid, 250);
