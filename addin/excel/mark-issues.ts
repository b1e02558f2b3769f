// Marks cells that have problems: a fill (red for errors, yellow for warnings) and a note with the messages
// (notes need ExcelApi 1.18; without it only the fill). Old marks are cleared first and their original fill
// restored. 2 round trips whatever the number of cells: (1) the meta (old marks), the sheet's notes and the
// current fill of every cell to mark; (2) the writes.
import type { ExcelHost } from "./host.js";
import { ExcelOpError } from "./errors.js";
import { FILL } from "./layout.js";
import { noteOwnWrite, queueMetaLoad, queueMetaSave, readMetaIndex, withUnprotected, type MarkRecord } from "./meta.js";

export interface CellMark {
  address: string;
  severity: "error" | "warning";
  message: string;
}

export const NOTE_PREFIX = "[Chỉ tiêu] ";

export interface MarkResult {
  marked: number;
  cleared: number;
}

export async function markIssues(host: ExcelHost, sheetId: string, marks: CellMark[]): Promise<MarkResult> {
  const notesOk = host.isSetSupported("ExcelApi", "1.18");
  // One mark per cell: errors win, messages are joined.
  const byCell = new Map<string, { severity: "error" | "warning"; messages: string[] }>();
  for (const m of marks) {
    const cur = byCell.get(m.address);
    if (!cur) byCell.set(m.address, { severity: m.severity, messages: [m.message] });
    else {
      if (m.severity === "error") cur.severity = "error";
      cur.messages.push(m.message);
    }
  }
  return host.run(async (context) => {
    const sheet = context.workbook.worksheets.getItem(sheetId);
    const metaSetting = queueMetaLoad(context);
    // The old marks are only known once the meta is read, so everything that might be needed is read now:
    // the sheet's notes (ours start with NOTE_PREFIX; the user may have deleted or rewritten them) and the fill
    // of every cell to mark (kept to restore it later, unless the cell is already marked).
    const notes = notesOk ? sheet.notes.load("items/content") : null;
    // A note someone else wrote on a cell to mark (the Sở KH&CN's review note, the clerk's own) is never overwritten.
    const present = new Map<string, Excel.Note>();
    if (notesOk)
      for (const address of byCell.keys()) {
        const note = sheet.notes.getItemOrNullObject(address);
        note.load("content");
        present.set(address, note);
      }
    const fills = new Map<string, Excel.RangeFill>();
    for (const address of byCell.keys()) fills.set(address, sheet.getRange(address).format.fill.load("color"));
    await context.sync(); // 1

    const index = readMetaIndex(metaSetting);
    const meta = index[sheetId];
    if (!meta) throw new ExcelOpError("not_linked");
    const old = new Map(meta.marks.map((m) => [m.address, m]));
    // Our notes on the sheet: the old marks' notes (and copies the user may have pasted elsewhere).
    const ourNotes = notes ? notes.items.filter((n) => String(n.content ?? "").startsWith(NOTE_PREFIX)) : [];
    const next: MarkRecord[] = [];
    withUnprotected(sheet, meta.protected, () => {
      for (const [address, m] of old) {
        if (byCell.has(address)) continue;
        const range = sheet.getRange(address);
        if (m.fill) range.format.fill.color = m.fill;
        else range.format.fill.clear();
      }
      // Last first: a collection item may be addressed by its position.
      for (const note of [...ourNotes].reverse()) note.delete();
      for (const [address, m] of byCell) {
        const range = sheet.getRange(address);
        range.format.fill.color = m.severity === "error" ? FILL.error : FILL.warning;
        const original = old.get(address)?.fill ?? normalizeFill(fills.get(address)?.color);
        const other = present.get(address);
        const free = !other || other.isNullObject || String(other.content ?? "").startsWith(NOTE_PREFIX);
        if (notesOk && free) sheet.notes.add(address, NOTE_PREFIX + m.messages.join("\n"));
        next.push({ address, fill: original, note: notesOk && free });
      }
    });
    meta.marks = next;
    queueMetaSave(context, index);
    noteOwnWrite();
    await context.sync(); // 2
    return { marked: next.length, cleared: [...old.keys()].filter((a) => !byCell.has(a)).length };
  });
}

function normalizeFill(color: string | null | undefined): string | null {
  if (!color || color === "#FFFFFF" || color.toLowerCase() === "white") return color ? "#FFFFFF" : null;
  return color;
}
