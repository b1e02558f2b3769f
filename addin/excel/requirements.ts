// Which Excel JavaScript API requirement sets the add-in needs, and what works without them. The manifest only
// declares SharedRuntime 1.1 (manifest/manifest.template.xml), so every Excel API set is checked at run time:
//  - ExcelApi 1.8: writing and reading forms (getRangeByIndexes 1.7, data validation and showGridlines 1.8,
//    workbook settings 1.4, freeze panes 1.7) — without it the Excel buttons stay disabled and the pane says why;
//  - ExcelApi 1.9: worksheets.onChanged (checking while typing) — without it the clerk presses "Kiểm tra";
//  - ExcelApi 1.14: triggerSource on change events — without it our own writes are told apart by time;
//  - ExcelApi 1.18: cell notes on marked cells — without it only the fill colour.
import type { ExcelHost } from "./host.js";

export const REQUIREMENTS = {
  core: ["ExcelApi", "1.8"],
  watch: ["ExcelApi", "1.9"],
  triggerSource: ["ExcelApi", "1.14"],
  notes: ["ExcelApi", "1.18"],
} as const satisfies Record<string, readonly [string, string]>;

export type Capability = keyof typeof REQUIREMENTS;

export function supports(host: ExcelHost, what: Capability): boolean {
  const [name, version] = REQUIREMENTS[what];
  try {
    return host.isSetSupported(name, version);
  } catch {
    return false;
  }
}

export function capabilities(host: ExcelHost): Record<Capability, boolean> {
  return {
    core: supports(host, "core"),
    watch: supports(host, "watch"),
    triggerSource: supports(host, "triggerSource"),
    notes: supports(host, "notes"),
  };
}
