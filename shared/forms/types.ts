import type { CatalogCell, Doubt, ExpectKind, GroupCode } from "../catalog/types.js";

/** Kinds of value a column takes; drives parsing, validation, Excel number formats and data validation. */
export type ValueKind =
  | "stt"
  | "text"
  | "indicatorValue" // parsed with shared/values (numbers, %, comparators, Có, statuses...)
  | "money" // triệu đồng, a non-negative number
  | "dueText"; // "Tháng 7/2025", "Quý III/2025", "Thường xuyên"

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
    };

export interface FormDef {
  /** "pl1-tinh" (provincial Phụ lục I), "pl1-xa" (commune Phụ lục 1), "pl2-xa" (commune task list). */
  id: string;
  kind: "indicators" | "tasks";
  /** Who fills it. */
  audience: "department" | "commune";
  /** Title lines above the table, in order. */
  title: string[];
  headerRows: number;
  header: HeaderCell[];
  columns: ColumnDef[];
  /** Fixed rows for indicator forms; empty for task lists (rows are added by the unit). */
  rows: FormRow[];
  /** For commune indicators: the target year shown. */
  targetYear?: number;
}

/** A reporting period: "2025-6T" (6 tháng) or "2025-N" (cả năm). */
export type PeriodHalf = "6T" | "N";
