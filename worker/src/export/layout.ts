// The worker's merged views in the appendix layouts: one shared definition (shared/report/layout.ts) for the CSV, the
// .xlsx and the add-in's pulled sheets.
import { layoutMerged } from "../../../shared/report/layout.js";
import type { Merged } from "../merge.js";
import type { Table } from "./table.js";

export function layout(m: Merged): Table {
  return layoutMerged(m.form, m.table);
}
