import type { CatalogCell, Doubt, ExpectKind, GroupCode } from "../catalog/types.js";

/** Kinds of value a column takes; drives parsing, validation, Excel number formats and data validation. */
export type ValueKind =
  | "stt"
  | "text"
  | "indicatorValue" // parsed with shared/values (numbers, %, comparators, Có, statuses...)
  | "money" // triệu đồng, a non-negative number
  | "dueText" // "Tháng 7/2025", "Quý III/2025", "Thường xuyên"
  | "taskStatus" // the status ladder: Chưa triển khai / Đang triển khai / Đã hoàn thành (shared/tasks/status.ts)
  | "date"; // a calendar date as people write it: "05/03/2026", "5/3/2026" (the evidence document's date)

export interface ColumnDef {
  /** Stable id used on the wire: "stt", "name", "unit", "target2025", "actual", ... */
  id: string;
  /** Header text of the bottom header row. */
  header: string;
  /** "catalog": read-only, filled from the catalog; "input": typed by the unit. */
  role: "catalog" | "input";
  kind: ValueKind;
  /** Excel column width in characters. */
  width: number;
  required?: boolean;
  /** Task forms: a row whose status is "Đã hoàn thành" should fill this column (warning when it is empty). */
  requiredWhenDone?: boolean;
}

/** One header cell, possibly merged across columns/rows (0-based offsets within the header block). */
export interface HeaderCell {
  text: string;
  row: number;
  col: number;
  rowSpan: number;
  colSpan: number;
}

export type FormRow =
  | { type: "group"; group: GroupCode; label: string; title: string }
  | {
      type: "indicator";
      item: string;
      stt: string;
      indicatorKey: string;
      /** Name as the form prints it, when it differs from the catalog's (e.g. commune forms). */
      name?: string;
      /** Unit as the form prints it, when the form has its own text. */
      unit?: string;
      /** Catalog-role cells this form prints itself (column id → cell), overriding the catalog (e.g. commune 2025 target). */
      values?: Record<string, CatalogCell>;
      /** Differences from the catalog or damaged text, shown to users. */
      doubts?: Doubt[];
      /**
       * What this row's input cells expect, when it differs from the linked indicator's `expect`
       * (a commune row that prints its own unit/target). Absent: the indicator's kind applies.
       */
      expect?: ExpectKind;
    }
  /** Task-progress forms: a heading row, level 1 = appendix ("PHỤ LỤC III"), level 2 = section ("I"). */
  | { type: "section"; level: 1 | 2; label: string; title: string }
  /**
   * Task-progress forms: one task of the catalog (shared/tasks). The row carries what the sheet prints, so the
   * add-in needs no task catalog: `item` = the task key ("III.12"), the STT and texts as printed, the agencies
   * normalised (as in the catalog) for matching a unit's agency names.
   */
  | {
      type: "task";
      item: string;
      appendix: "II" | "III" | "IV";
      /** STT as printed in its appendix ("12"); "" for an unnumbered row. */
      stt: string;
      name: string;
      /** "Thời gian hoàn thành" as printed. */
      deadline: string;
      leads: string[];
      cooperating: string[];
    };

/**
 * "indicators": fixed indicator rows (Phụ lục I, Phụ lục 1); "tasks": a list the unit adds rows to (Phụ lục 2);
 * "progress": fixed task rows of the plan's Phụ lục II–IV, a status per task (tiendo-nv).
 */
export type FormKind = "indicators" | "tasks" | "progress";

export interface FormDef {
  /** "pl1-tinh" (provincial Phụ lục I), "pl1-xa" (commune Phụ lục 1), "pl2-xa" (commune task list), "tiendo-nv" (task progress). */
  id: string;
  kind: FormKind;
  /** Who fills it. */
  audience: "department" | "commune";
  /** Title lines above the table, in order. */
  title: string[];
  headerRows: number;
  header: HeaderCell[];
  columns: ColumnDef[];
  /** Fixed rows for indicator and task-progress forms; empty for task lists (rows are added by the unit). */
  rows: FormRow[];
  /** For commune indicators: the target year shown. */
  targetYear?: number;
}

/** A reporting period: "2025-6T" (6 tháng) or "2025-N" (cả năm). */
export type PeriodHalf = "6T" | "N";
