// THE reading of stored cells (shared/values/read.ts `readCell`), kept with each cell so the merge does not read again.
//
// The push stores, next to the raw text, the reading the clerk was told about in the receipt ("0,85" → 85%), tagged with
// READING_VERSION (reading rules + catalog + forms). The merge takes the stored reading when the tag matches and reads
// the raw text again otherwise (cells stored before readings were kept, or after the catalog or the rules changed), so
// the merge, the task pane's check and CT.ASSESS always agree on one reading. See docs/WORKER.md ("Readings").
import { catalog } from "../../shared/catalog/index.js";
import { formsVersion } from "../../shared/forms/index.js";
import type { FormDef } from "../../shared/forms/types.js";
import { rowExpectation } from "../../shared/validate/index.js";
import { formatValue, parseValue, readCell, READING_RULES_VERSION, type Expectation } from "../../shared/values/index.js";
import type { ParsedValue } from "../../shared/values/types.js";

export const READING_VERSION = `r${READING_RULES_VERSION}.${catalog.version.slice(0, 10)}.${formsVersion.slice(0, 10)}`;
const PREFIX = `{"rv":"${READING_VERSION}",`;

export interface Stored {
  rv: string;
  /** The reading; null when the cell does not read (only possible for cells stored before readings were checked). */
  v: ParsedValue | null;
  /** How the reading is shown, when not as typed ("0,85" → "85%", "khoảng 80%" → "80%", "70" → "70%"). */
  t?: string;
}

/** A stored cell as the merge uses it: the one reading, and how to show it. */
export interface CellReading {
  value: ParsedValue | null;
  /** The reading as text: what was typed when that reads the same ("62,50%" keeps its decimals), else the canonical text. */
  text: string;
  /** What was typed, when it differs from `text`. */
  typed?: string;
}

/** How a reading is shown: the typed text when it parses to exactly the reading, else the canonical text. */
export function displayOf(raw: string, value: ParsedValue | null): string {
  const typed = raw.trim();
  if (value === null || value.kind === "none") return typed;
  const p = parseValue(typed);
  if (p.ok) {
    if (JSON.stringify(p.value) === JSON.stringify(value)) return typed;
    // "62,50" in a % row reads 62,5%: keep the typed decimals.
    const a = p.value;
    if (a.kind === "number" && value.kind === "number" && !a.percent && !a.unit && value.percent && a.value === value.value) return `${typed}%`;
  }
  return formatValue(value);
}

/** Typed text that says more than its reading (not only a missing % sign). */
const differs = (text: string, typed: string) => text !== typed && text !== `${typed}%`;

/** What goes into cell_current.parsed / the push's cells for a value cell. */
export function storeReading(raw: string, value: ParsedValue | null): string {
  const t = displayOf(raw, value);
  const s: Stored = t === raw.trim() ? { rv: READING_VERSION, v: value } : { rv: READING_VERSION, v: value, t };
  return JSON.stringify(s);
}

/** The reading of a row's value cell from its raw text: readCell against the row's expectation, or the parser alone. */
export function readRaw(exp: Expectation | null, raw: string): ParsedValue | null {
  if (exp) return readCell(exp, raw).value;
  const r = parseValue(raw);
  return r.ok ? r.value : { kind: "text", text: raw.trim() };
}

/** The reading of a stored cell: the stored one when it was read under the current version, else read again. */
export function readingOf(cell: { raw: string; parsed: string | null }, exp: Expectation | null): CellReading {
  return readingOfText(cell.raw, cell.parsed, exp);
}

/** Stored readings already decoded during one merge, by their stored text (treated as read-only by everyone). */
export type ReadingMemo = Map<string, Stored>;

/**
 * readingOf for a cell read as an array row (the merge reads cells with D1 `.raw()`). Decoding the stored reading was
 * the merge's largest cost (bench/export.mjs --profile); many cells store the same one ("Có", "100%", "0"), so a merge
 * passes a memo and decodes each distinct stored text once.
 */
export function readingOfText(raw: string, p: string | null, exp: Expectation | null, memo?: ReadingMemo): CellReading {
  let value: ParsedValue | null;
  let text: string;
  const typed = raw.trim();
  if (p !== null && p.startsWith(PREFIX)) {
    let s = memo?.get(p);
    if (!s) {
      s = JSON.parse(p) as Stored;
      memo?.set(p, s);
    }
    value = s.v;
    text = s.t ?? typed;
  } else {
    value = readRaw(exp, raw);
    text = displayOf(raw, value);
  }
  return differs(text, typed) ? { value, text, typed } : { value, text };
}

/** Expectations of a form's rows for a period, computed once per row (null: the row has no catalog indicator). */
export function expectationsFor(form: FormDef, period: string): Map<string, Expectation | null> {
  const out = new Map<string, Expectation | null>();
  for (const r of form.rows) if (r.type === "indicator") out.set(r.item, rowExpectation(form, r.item, { period }));
  return out;
}
