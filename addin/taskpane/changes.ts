// What a push sends and what a conflict merges, as pure functions over cells (no Office, no network).
//
// The worker stores a push as the unit's whole sheet (a cell it does not receive is deleted). The pane therefore sends
// the sheet's base (the cells as the server had them when the form was opened, last pushed or taken) with the clerk's
// edits applied: a cell the sheet shows is sent as it is now; a cell the sheet does not show (a row an adopted legacy
// sheet lacks, a column it has no place for) is sent as the base has it. A value disappears from the server only when
// the clerk cleared a cell the sheet shows, or removed a task row the sheet was built with; those are listed for the
// clerk to confirm before anything is sent.
import type { Cell } from "../../shared/schemas/index.js";
import { parseValueOrNull } from "../../shared/values/index.js";
import { isBlankRaw } from "../excel/meta.js";

/**
 * The same value written two ways: equal text, or the same number ("150" and "150,0" — a money cell shows the number in
 * its format, so a prefilled "150" reads back as "150,0"). Such a cell is not a change.
 */
export function sameValue(a: string, b: string): boolean {
  if (a === b) return true;
  if (!a || !b) return false;
  const x = parseValueOrNull(a);
  const y = parseValueOrNull(b);
  return !!x && !!y && x.kind === "number" && y.kind === "number" && x.value === y.value && x.percent === y.percent && (x.unit ?? "") === (y.unit ?? "");
}

export const cellKey = (item: string, field: string) => `${item}|${field}`;
const splitKey = (k: string) => {
  const i = k.lastIndexOf("|");
  return { item: k.slice(0, i), field: k.slice(i + 1) };
};

export interface CellChange {
  item: string;
  field: string;
  /** Value before (base / server) and after. */
  before: string;
  after: string;
}

export interface SheetView {
  /** Every cell the sheet shows (blank ones too). */
  cells: Cell[];
  /** True when the sheet was built with every base row (entry sheets we wrote): a base task row that is gone was removed. */
  ownsRows: boolean;
}

export interface PushPlan {
  /** The cells to send (non-blank). */
  cells: Cell[];
  /** Values the server has that this push deletes (the clerk cleared them): must be confirmed. */
  deletions: CellChange[];
  /** Values the sheet does not show, sent as the base has them. */
  keptHidden: number;
  /** Cells whose value differs from the base (new, changed or deleted). */
  changed: number;
}

export function toMap(cells: Cell[]): Map<string, string> {
  const m = new Map<string, string>();
  for (const c of cells) if (!isBlankRaw(c.raw)) m.set(cellKey(c.item, c.field), c.raw);
  return m;
}

export function fromMap(m: Map<string, string>): Cell[] {
  return [...m].map(([k, raw]) => ({ ...splitKey(k), raw }));
}

/** Base ∪ the clerk's edits − the cells the clerk cleared. */
export function planPush(view: SheetView, base: Record<string, string> | Map<string, string>): PushPlan {
  const b = base instanceof Map ? base : new Map(Object.entries(base));
  const shown = new Map<string, string>();
  const items = new Set<string>();
  for (const c of view.cells) {
    shown.set(cellKey(c.item, c.field), c.raw);
    items.add(c.item);
  }
  const out = new Map<string, string>();
  const deletions: CellChange[] = [];
  let keptHidden = 0;
  let changed = 0;
  for (const [k, raw] of shown) {
    const before = b.get(k) ?? "";
    const now = isBlankRaw(raw) ? "" : raw;
    // An unchanged value is sent as the base has it, so the server's text stays as it was.
    if (now) out.set(k, sameValue(now, before) ? before : now);
    if (!now && before) deletions.push({ ...splitKey(k), before, after: "" });
    if (!sameValue(now, before)) changed++;
  }
  for (const [k, raw] of b) {
    if (shown.has(k)) continue;
    const { item, field } = splitKey(k);
    if (view.ownsRows && !items.has(item)) {
      deletions.push({ item, field, before: raw, after: "" });
      changed++;
      continue;
    }
    out.set(k, raw);
    keptHidden++;
  }
  return { cells: fromMap(out), deletions, keptHidden, changed };
}

export interface ConflictCell {
  item: string;
  field: string;
  base: string;
  mine: string;
  server: string;
}

export interface Merge3 {
  /** Cells only the server changed since the base: the server's value is kept. */
  fromServer: CellChange[];
  /** Cells only this sheet changed: this sheet's value is kept. */
  fromMine: CellChange[];
  /** Cells both changed, differently: the clerk chooses (default: the server's value when this sheet cleared it). */
  conflicts: ConflictCell[];
  /** Everything that needs no choice, merged. */
  merged: Map<string, string>;
}

/** Per-cell 3-way merge of base, this sheet's desired state (`mine`, as planPush sends it) and the server's cells. */
export function merge3(base: Map<string, string>, mine: Map<string, string>, server: Map<string, string>): Merge3 {
  const keys = new Set([...base.keys(), ...mine.keys(), ...server.keys()]);
  const merged = new Map<string, string>();
  const fromServer: CellChange[] = [];
  const fromMine: CellChange[] = [];
  const conflicts: ConflictCell[] = [];
  for (const k of [...keys].sort()) {
    const b = base.get(k) ?? "";
    const m = mine.get(k) ?? "";
    const s = server.get(k) ?? "";
    const put = (v: string) => (v ? merged.set(k, v) : merged.delete(k));
    if (sameValue(m, s)) put(s);
    else if (sameValue(m, b)) {
      put(s);
      fromServer.push({ ...splitKey(k), before: b, after: s });
    } else if (sameValue(s, b)) {
      put(m);
      fromMine.push({ ...splitKey(k), before: b, after: m });
    } else conflicts.push({ ...splitKey(k), base: b, mine: m, server: s });
  }
  return { fromServer, fromMine, conflicts, merged };
}

export type Choice = "mine" | "server";

/** The default choice for a cell both sides changed: keep a value the server has over this sheet's deletion. */
export function defaultChoice(c: ConflictCell): Choice {
  return c.mine === "" ? "server" : "mine";
}

/** The merged cells with the clerk's choices applied. */
export function resolve(m: Merge3, choices: Map<string, Choice>): Map<string, string> {
  const out = new Map(m.merged);
  for (const c of m.conflicts) {
    const k = cellKey(c.item, c.field);
    const v = (choices.get(k) ?? defaultChoice(c)) === "mine" ? c.mine : c.server;
    if (v) out.set(k, v);
    else out.delete(k);
  }
  return out;
}
