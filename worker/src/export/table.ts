// The export model lives in shared/report (the add-in writes the same tables); CSV-only helpers stay here.
export { cellValue, flatHeader, isTyped } from "../../../shared/report/table.js";
export type { CellTone, HeaderCell, Table, TableCell, TableRow, TypedCell } from "../../../shared/report/table.js";

/**
 * Formula-injection guard for CSV: a text cell starting with = + - @ (or tab / CR) could be run as a formula by a
 * spreadsheet that opens the file. Such cells get a leading apostrophe. Left alone: a lone marker ("-", "+") and plain
 * signed numbers ("-5", "-2,5%", "+10"), which no spreadsheet treats as a formula. The .xlsx writer does not need it:
 * its text cells are inline strings, which Excel never evaluates.
 */
export function neutralise(s: string): string {
  if (s.length < 2) return s;
  const first = s[0];
  if (first === "=" || first === "@" || first === "\t" || first === "\r") return `'${s}`;
  if (first === "+" || first === "-") return /^[+-]\s?\d[\d.,\s]*%?$/.test(s) ? s : `'${s}`;
  return s;
}
