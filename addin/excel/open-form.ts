// Writes an entry sheet in the appendix layout from a FormDef, in 2 round trips whatever the row count:
//  1. load sheet names + meta index, and create and fill the sheet under a temporary name, load its id;
//  2. give the sheet its final name (unique among the names read in 1) and save its meta.
import type { FormDef } from "../../shared/forms/types.js";
import type { Indicator } from "../../shared/catalog/types.js";
import type { Cell } from "../../shared/schemas/index.js";
import { findIndicator } from "../../shared/catalog/index.js";
import type { ExcelHost } from "./host.js";
import { formForPeriod, type TargetOverride } from "../../shared/forms/target.js";
import { FILL, catalogText, charsToPoints, entrySheetName, formLayout, numberFormatFor, uniqueSheetName, type FormLayout } from "./layout.js";
import { PROTECTION, baseOf, noteOwnWrite, queueMetaLoad, queueMetaSave, readMetaIndex, type SheetMeta } from "./meta.js";
import { progressRows, type SheetRow } from "./progress-rows.js";
import { TASK_STATUSES } from "../../shared/tasks/types.js";

export interface OpenFormOptions {
  form: FormDef;
  period: string;
  unitName?: string;
  unitCode?: string;
  /**
   * Catalog agency names the unit answers for (GET /api/me `agencies`). Task-progress forms show the tasks it leads,
   * then apart, read-only, those it cooperates on; absent or empty: every task.
   */
  agencies?: string[];
  /** The Sở KH&CN's target corrections (GET /api/catalog/overrides): a year between milestones shows its own target. */
  overrides?: TargetOverride[];
  /** Values to prefill (e.g. the server's current cells when reopening); task rows keep their item ids. */
  initial?: Cell[];
  baseRevision?: number | null;
  find?: (key: string) => Indicator | undefined;
}

export interface OpenFormResult {
  sheetId: string;
  sheetName: string;
  layout: FormLayout;
  rows: number;
}

/** Rows of the data block: [item id | null (group row), cells...]. */
function dataRows(opts: OpenFormOptions): SheetRow[] {
  const { form } = opts;
  const find = opts.find ?? findIndicator;
  const byItem = new Map<string, Map<string, string>>();
  for (const c of opts.initial ?? []) {
    if (!byItem.has(c.item)) byItem.set(c.item, new Map());
    byItem.get(c.item)!.set(c.field, c.raw);
  }
  switch (form.kind) {
    case "tasks": {
      const items = [...byItem.keys()];
      return items.map((item) => ({
        id: item,
        group: false,
        cells: form.columns.map((c) => byItem.get(item)?.get(c.id) ?? ""),
      }));
    }
    case "progress":
      return progressRows(form, opts.agencies, byItem);
    case "indicators":
      break;
  }
  return form.rows.flatMap((row): SheetRow[] => {
    if (row.type === "group")
      return [{ id: null, group: true, cells: form.columns.map((_, i) => (i === 0 ? row.label : i === 1 ? row.title : "")) }];
    if (row.type !== "indicator") return [];
    const given = byItem.get(row.item);
    return [
      {
        id: row.item,
        group: false,
        cells: form.columns.map((c) => (c.role === "catalog" ? catalogText(row, c, find) : (given?.get(c.id) ?? ""))),
      },
    ];
  });
}

/** Queues every write of an entry sheet (no sync). Exported for pull and tests. */
export function queueEntrySheet(sheet: Excel.Worksheet, opts: OpenFormOptions, layout: FormLayout): number {
  const { form } = opts;
  const { ncols, idCol, headerStart, headerRows, dataStart } = layout;
  const lastCol = idCol;
  const rows = dataRows(opts);
  const isTasks = form.kind === "tasks";
  const n = Math.max(rows.length, isTasks ? 1 : 0);
  sheet.showGridlines = false;

  // Title lines, merged across the visible columns.
  layout.titleLines.forEach((line, i) => {
    const r = sheet.getRangeByIndexes(i, 0, 1, ncols);
    r.merge(false);
    r.values = [[line, ...Array(ncols - 1).fill("")]];
    r.format.horizontalAlignment = "Center";
    r.format.font.bold = i < 2;
    if (i === 0) r.format.font.size = 13;
    if (i >= form.title.length) r.format.font.italic = true;
  });

  // Header block: all cells first, then merges.
  const head = sheet.getRangeByIndexes(headerStart, 0, headerRows, lastCol + 1);
  const grid: string[][] = Array.from({ length: headerRows }, () => Array(lastCol + 1).fill(""));
  if (isTasks) form.columns.forEach((c, i) => (grid[0]![i] = c.header));
  else for (const h of form.header) grid[h.row]![h.col] = h.text;
  grid[headerRows - 1]![idCol] = "Mã dòng";
  head.numberFormat = grid.map((row) => row.map(() => "@"));
  head.values = grid;
  head.format.font.bold = true;
  head.format.horizontalAlignment = "Center";
  head.format.verticalAlignment = "Center";
  head.format.wrapText = true;
  head.format.fill.color = FILL.header;
  if (!isTasks)
    for (const h of form.header)
      if (h.rowSpan > 1 || h.colSpan > 1) sheet.getRangeByIndexes(headerStart + h.row, h.col, h.rowSpan, h.colSpan).merge(false);

  // Data block: formats, then values (order matters: "@" before text such as "85%").
  if (n > 0) {
    const body = sheet.getRangeByIndexes(dataStart, 0, n, lastCol + 1);
    const fmts = form.columns.map(numberFormatFor).concat("@");
    body.numberFormat = Array.from({ length: n }, () => fmts);
    const values = Array.from({ length: n }, (_, i) => {
      const row = rows[i];
      return row ? [...row.cells, row.id ?? ""] : [...form.columns.map(() => ""), ""];
    });
    body.values = values;
    body.format.verticalAlignment = "Center";
    body.format.wrapText = true;
    form.columns.forEach((c, i) => {
      const col = sheet.getRangeByIndexes(dataStart, i, n, 1);
      if (c.role === "catalog") col.format.fill.color = FILL.catalog;
      else {
        col.format.protection.locked = false;
        col.format.fill.color = FILL.input;
      }
      if (c.kind === "stt") col.format.horizontalAlignment = "Center";
      if (c.role === "input" && c.kind === "money") {
        col.dataValidation.rule = { decimal: { formula1: 0, operator: "GreaterThanOrEqualTo" } };
        col.dataValidation.errorAlert = {
          showAlert: true,
          style: "Warning",
          title: "Kinh phí",
          message: "Kinh phí là số không âm, đơn vị triệu đồng.",
        };
      }
      if (c.role === "input" && c.kind === "text") {
        col.dataValidation.rule = { textLength: { formula1: 2000, operator: "LessThanOrEqualTo" } };
      }
      if (c.role === "input" && c.kind === "taskStatus") {
        // A warning, as for Có/Không: other wordings of the ladder ("Đang thực hiện") stay possible and are read by the
        // check; "Chậm tiến độ" is never typed (it is derived from the deadline).
        col.dataValidation.rule = { list: { inCellDropDown: true, source: TASK_STATUSES.join(",") } };
        col.dataValidation.errorAlert = {
          showAlert: true,
          style: "Warning",
          title: "Tiến độ thực hiện",
          message: `Chọn ${TASK_STATUSES.join(", ")}. “Chậm tiến độ” được tính tự động khi quá thời hạn.`,
        };
      }
      if (c.role === "input" && c.kind === "date") {
        col.dataValidation.prompt = { showPrompt: true, title: c.header, message: "Ghi ngày/tháng/năm, ví dụ 05/03/2026." };
      }
    });
    // Group rows I–V: bold, tinted, locked.
    rows.forEach((row, i) => {
      if (!row.group) return;
      const r = sheet.getRangeByIndexes(dataStart + i, 0, 1, ncols);
      r.format.font.bold = true;
      r.format.fill.color = FILL.group;
      r.format.protection.locked = true;
    });
    // Rows shown for information (tasks the unit cooperates on): grey and locked.
    rows.forEach((row, i) => {
      if (!row.readOnly) return;
      const r = sheet.getRangeByIndexes(dataStart + i, 0, 1, ncols);
      r.format.fill.color = FILL.catalog;
      r.format.font.italic = true;
      r.format.protection.locked = true;
    });
    // Yes/No indicators: an in-cell list on the input value columns (a warning, so other answers stay possible).
    if (form.kind === "indicators") {
      const yesNo = form.columns.findIndex((c) => c.role === "catalog" && /^target/.test(c.id));
      const valueCols = form.columns.flatMap((c, i) => (c.role === "input" && c.kind === "indicatorValue" ? [i] : []));
      rows.forEach((row, i) => {
        if (row.group || yesNo < 0) return;
        if (!/^(có|không)$/i.test((row.cells[yesNo] ?? "").trim())) return;
        for (const c of valueCols) {
          const cell = sheet.getRangeByIndexes(dataStart + i, c, 1, 1);
          cell.dataValidation.rule = { list: { inCellDropDown: true, source: "Có,Không" } };
          cell.dataValidation.errorAlert = { showAlert: true, style: "Warning", title: "Có/Không", message: "Chỉ tiêu này trả lời Có hoặc Không." };
        }
      });
    }
  }

  // Widths, hidden id column, frozen header.
  form.columns.forEach((c, i) => (sheet.getRangeByIndexes(0, i, 1, 1).format.columnWidth = charsToPoints(c.width)));
  sheet.getRangeByIndexes(0, idCol, 1, 1).columnHidden = true;
  // Department form: the input columns sit right of ~1,000 pt of catalog columns, so STT and name stay in view.
  if (form.audience === "department" && !isTasks) sheet.freezePanes.freezeAt(sheet.getRangeByIndexes(0, 0, dataStart, 2));
  else sheet.freezePanes.freezeRows(dataStart);

  if (isTasks) {
    // Staff add rows to an Excel table; tables cannot grow on protected sheets, so task sheets stay unprotected.
    const table = sheet.tables.add(sheet.getRangeByIndexes(headerStart, 0, 1 + n, lastCol + 1), true);
    table.style = "TableStyleLight9";
    table.showBandedRows = true;
  } else {
    sheet.protection.protect(PROTECTION);
  }
  return n;
}

export async function openForm(host: ExcelHost, given: OpenFormOptions): Promise<OpenFormResult> {
  // The form as it reads in the period's year (title, target column); ids and columns are unchanged.
  const opts = { ...given, form: formForPeriod(given.form, given.period, given.overrides ? { overrides: given.overrides } : {}).form };
  const layout = formLayout(opts.form, opts.period, opts.unitName);
  // Unique enough not to meet an existing sheet; replaced in the second round trip.
  const temporary = `~CT ${Math.random().toString(36).slice(2, 10)}`;
  return host.run(async (context) => {
    const sheets = context.workbook.worksheets;
    sheets.load("items/name");
    const metaSetting = queueMetaLoad(context);
    const sheet = sheets.add(temporary);
    const rows = queueEntrySheet(sheet, opts, layout);
    sheet.activate();
    sheet.getRangeByIndexes(layout.dataStart, opts.form.columns.findIndex((c) => c.role === "input"), 1, 1).select();
    sheet.load("id");
    noteOwnWrite();
    await context.sync(); // 1

    const index = readMetaIndex(metaSetting);
    const name = uniqueSheetName(
      entrySheetName(opts.form, opts.period),
      sheets.items.map((s) => s.name).filter((n) => n !== temporary),
    );
    sheet.name = name;
    const meta: SheetMeta = {
      kind: "entry",
      form: opts.form.id,
      period: opts.period,
      baseRevision: opts.baseRevision ?? null,
      lastReceipt: null,
      fields: layout.fields,
      dataStart: layout.dataStart,
      idCol: layout.idCol,
      protected: opts.form.kind !== "tasks",
      marks: [],
      ...(opts.unitCode ? { unit: opts.unitCode } : {}),
      // What the server has (the prefilled cells) is the base a push changes.
      base: baseOf(opts.initial ?? []),
    };
    index[sheet.id] = meta;
    queueMetaSave(context, index);
    noteOwnWrite();
    await context.sync(); // 2
    return { sheetId: sheet.id, sheetName: name, layout, rows };
  });
}
