// Marks on cells — a fill and/or a note — that can be replaced later by another set of marks, restoring what was there:
// the registry and doubts sheets' check marks, and the Sở KH&CN's review notes on a unit's entry sheet. Queues commands
// only; the caller probes in one round trip (notes at every old and new address, fills of newly marked cells) and
// writes in the next, so a set of marks costs 2 round trips whatever its size.
//
// Notes are told apart by a prefix: a mark only deletes or rewrites a note that starts with its own prefix, and never
// adds a note where someone else's note is (the cell keeps its fill, and the pane lists the problem anyway).
// Notes need ExcelApi 1.18; without it, marks are fills only.
import type { MarkRecord } from "./meta.js";

export interface CellMark {
  address: string;
  /** The note's text (the prefix is added). */
  message: string;
  /** Fill colour, or null for a note without a fill. */
  fill: string | null;
}

/** A placed mark. `filled: false` = the mark set no fill, so restoring leaves the fill alone. */
export interface PlacedMark extends MarkRecord {
  filled?: boolean;
}

export interface MarkProbe {
  notes: Map<string, Excel.Note>;
  fills: Map<string, Excel.RangeFill>;
}

/** Queues loads of the notes at old and new addresses and of the fills of cells not marked before (no sync). */
export function queueMarkProbe(sheet: Excel.Worksheet, old: PlacedMark[], next: string[], notesOk: boolean): MarkProbe {
  const notes = new Map<string, Excel.Note>();
  const fills = new Map<string, Excel.RangeFill>();
  const before = new Set(old.map((m) => m.address));
  if (notesOk)
    for (const address of new Set([...old.filter((m) => m.note).map((m) => m.address), ...next])) {
      const note = sheet.notes.getItemOrNullObject(address);
      note.load("content");
      notes.set(address, note);
    }
  for (const address of new Set(next))
    if (!before.has(address)) fills.set(address, sheet.getRange(address).format.fill.load("color"));
  return { notes, fills };
}

export interface MarkWrites {
  records: PlacedMark[];
  /** Marks whose note was not added because the cell already had someone else's note. */
  noteSkipped: string[];
  cleared: number;
}

/** One mark per cell: messages joined, the first fill kept. */
export function byCell(marks: CellMark[]): Map<string, CellMark> {
  const out = new Map<string, CellMark>();
  for (const m of marks) {
    const cur = out.get(m.address);
    if (!cur) out.set(m.address, { ...m });
    else {
      cur.message = `${cur.message}\n${m.message}`;
      cur.fill ??= m.fill;
    }
  }
  return out;
}

/** After the probe's sync: queues the restoring of old marks and the new marks (no sync). */
export function queueMarkWrites(
  sheet: Excel.Worksheet,
  probe: MarkProbe,
  old: PlacedMark[],
  marks: CellMark[],
  opts: { notesOk: boolean; prefix: string },
): MarkWrites {
  const next = byCell(marks);
  const oldBy = new Map(old.map((m) => [m.address, m]));
  const ours = (n: Excel.Note | undefined) => !!n && !n.isNullObject && String(n.content ?? "").startsWith(opts.prefix);
  let cleared = 0;
  for (const m of old) {
    if (next.has(m.address)) continue;
    cleared++;
    if (m.filled !== false) {
      const range = sheet.getRange(m.address);
      if (m.fill) range.format.fill.color = m.fill;
      else range.format.fill.clear();
    }
    const note = probe.notes.get(m.address);
    if (m.note && ours(note)) note!.delete();
  }
  const records: PlacedMark[] = [];
  const noteSkipped: string[] = [];
  for (const [address, m] of next) {
    const prev = oldBy.get(address);
    const original = prev ? prev.fill : normalizeFill(probe.fills.get(address)?.color);
    if (m.fill) sheet.getRange(address).format.fill.color = m.fill;
    else if (prev && prev.filled !== false) {
      // A mark that had a fill and now has none: put the original fill back.
      const range = sheet.getRange(address);
      if (prev.fill) range.format.fill.color = prev.fill;
      else range.format.fill.clear();
    }
    let note = false;
    if (opts.notesOk) {
      const existing = probe.notes.get(address);
      const text = opts.prefix + m.message;
      if (existing && !existing.isNullObject) {
        if (ours(existing)) {
          existing.content = text;
          note = true;
        } else noteSkipped.push(address);
      } else {
        sheet.notes.add(address, text);
        note = true;
      }
    }
    records.push({ address, fill: original, note, ...(m.fill ? {} : { filled: false }) });
  }
  return { records, noteSkipped, cleared };
}

export function normalizeFill(color: string | null | undefined): string | null {
  if (!color) return null;
  if (color === "#FFFFFF" || color.toLowerCase() === "white") return "#FFFFFF";
  return color;
}
